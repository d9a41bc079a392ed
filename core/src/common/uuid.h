// Random (version 4) UUIDs for the external ids of records.
#pragma once

#include <string>

namespace kinbridge::detail {

// "f47ac10b-58cc-4372-a567-0e02b2c3d479", from libsodium's CSPRNG.
std::string NewUuid();

// True for the 36-character textual form, any version.
bool LooksLikeUuid(std::string_view text);

}  // namespace kinbridge::detail
