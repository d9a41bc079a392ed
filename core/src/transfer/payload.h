// What a transfer package carries: a method's descriptor, profile, FRAME records, lineage and
// the sending municipality. Never personal data. Saved as a portable Boost.Serialization text
// archive; loading bounds every collection and string before allocating.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/result.h"

namespace kinbridge::detail::transfer {

// Limits applied while loading (besides the package size cap).
inline constexpr std::uint64_t kMaxItems = 10000;          // per collection
inline constexpr std::uint64_t kMaxStringBytes = 1 << 20;  // per string
// The last thing in every payload; a payload that does not end with it is refused.
inline constexpr std::string_view kPayloadSentinel = "kinbridge-transfer-payload-end";

struct Text {  // one language's text
  std::string language, text;
};
struct Parameter {
  std::string name, type, value, min, max;
  std::vector<Text> description;
};
struct Component {
  std::string id, fidelity;
  std::vector<Text> title;
};
struct Frame {
  std::string when, what, level, nature, component;
  // Version 2: texts per language. Version 1 carried one text each, read with an empty
  // language code (shown as written to every reader).
  std::vector<Text> decided_by, goal, reason;
  bool planned = true;
  bool fidelity_consistent = true;
  std::vector<Text> description;
};
struct OutcomeCell {  // aggregated; cells under k = 5 are never written
  std::string period, age_band, indicator;
  double value = 0;
  std::int64_t n = 0;
};
struct Payload {
  std::string method_id, method_version, kind, source;  // source: "plugin"/"profile"
  std::vector<Text> origin;                             // version 2; version 1 had one text
  std::vector<Text> title, description;
  std::vector<std::string> capabilities;
  std::vector<Parameter> parameters;
  std::vector<Component> components;
  std::string base_id, base_range;
  std::vector<Frame> frame;
  std::vector<std::string> chain;  // id@version, this method first
  std::string profile_json;        // "" unless the method is a profile
  std::string municipality_code, municipality_name, municipality_country;
  std::string created_at;  // UTC
  std::string kinbridge_version;
  std::vector<OutcomeCell> outcomes;
};

// The archive's bytes.
std::string SavePayload(const Payload& payload);
// Refuses (InvalidArgument) anything damaged, oversized, of a newer class version, or not
// ending with the sentinel; never allocates more than the bytes it was given justify.
Result<Payload> LoadPayload(std::string_view bytes);

}  // namespace kinbridge::detail::transfer
