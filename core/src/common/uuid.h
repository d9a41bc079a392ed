// Random (version 4) UUIDs for the external ids of records.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kinbridge::detail {

// "f47ac10b-58cc-4372-a567-0e02b2c3d479", from libsodium's CSPRNG.
std::string NewUuid();

// `count` of them at once: one draw of 32 bytes from the operating system seeds libsodium's
// ChaCha20 stream for the batch, instead of a system call per uuid. Returned in ascending
// order, so that rows given them in turn enter a uuid index one after another instead of at
// random places (each uuid is as random as NewUuid's; docs/performance.md, "Bulk import").
std::vector<std::string> NewUuids(std::size_t count);

// True for the 36-character textual form, any version.
bool LooksLikeUuid(std::string_view text);

}  // namespace kinbridge::detail
