#include "common/uuid.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace kinbridge::detail {

namespace {

void InitialiseSodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) std::abort();  // libsodium could not find a source of randomness
}

using UuidBytes = std::array<std::uint8_t, 16>;

// 16 random bytes marked as a version 4 uuid.
void MarkVersion4(UuidBytes& bytes) {
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
}

std::string Format(const UuidBytes& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[bytes[i] >> 4]);
    text.push_back(kHex[bytes[i] & 0x0f]);
  }
  return text;
}

}  // namespace

std::string NewUuid() {
  InitialiseSodium();
  UuidBytes bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  MarkVersion4(bytes);
  return Format(bytes);
}

std::vector<std::string> NewUuids(std::size_t count) {
  InitialiseSodium();
  std::array<unsigned char, randombytes_SEEDBYTES> seed{};
  randombytes_buf(seed.data(), seed.size());
  std::vector<UuidBytes> batch(count);
  randombytes_buf_deterministic(batch.data(), count * sizeof(UuidBytes), seed.data());
  sodium_memzero(seed.data(), seed.size());
  // Sorted as two big-endian numbers, whose order is the order of the lowercase hex text.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> keys(count);
  for (std::size_t i = 0; i < count; ++i) {
    MarkVersion4(batch[i]);
    for (std::size_t b = 0; b < 8; ++b) {
      keys[i].first = (keys[i].first << 8) | batch[i][b];
      keys[i].second = (keys[i].second << 8) | batch[i][b + 8];
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> uuids;
  uuids.reserve(count);
  for (const auto& [high, low] : keys) {
    UuidBytes bytes{};
    for (std::size_t b = 0; b < 8; ++b) {
      bytes[7 - b] = static_cast<std::uint8_t>(high >> (8 * b));
      bytes[15 - b] = static_cast<std::uint8_t>(low >> (8 * b));
    }
    uuids.push_back(Format(bytes));
  }
  return uuids;
}

bool LooksLikeUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace kinbridge::detail
