// Everything a method plugin includes: #include <kinbridge/plugin/plugin.h>
#pragma once

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/descriptor.h"
#include "kinbridge/plugin/host_services.h"
#include "kinbridge/plugin/method.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/plugin/parameters.h"
#include "kinbridge/plugin/registrar.h"
#include "kinbridge/plugin/snapshot.h"
#include "kinbridge/plugin/text.h"
