// The weekly_call plugin: its descriptor, and an init() that registers the method.
#include <kinbridge/plugin/plugin.h>

#include "weekly_call_method.h"

namespace {

void Init(kinbridge::plugin::Registrar& registrar) {
  registrar.AddMethod(weekly_call::MakeWeeklyCallMethod());
}

}  // namespace

// Plugin name, plugin version, license (SPDX), who made it, init.
KINBRIDGE_METHOD_PLUGIN("weekly_call", "1.0.0", "EUPL-1.2", "Example municipality", Init)
