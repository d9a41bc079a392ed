// Municipality: the organisation a workspace belongs to.
#pragma once

#include <cstdint>
#include <string>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

struct Municipality {
  std::int64_t id = 0;
  std::string uuid;
  std::string code;       // 2-8 capital letters, the prefix of case references: "VAR"
  std::string name;       // "Vara", "黄山市"
  std::string country;    // ISO 3166-1 alpha-2: "SE", "CN"
  std::string locale;     // language_TERRITORY: "sv_SE", "zh_CN"
  std::string time_zone;  // IANA zone: "Europe/Stockholm", "Asia/Shanghai"
};

KINBRIDGE_NAMESPACE_END
