// The transfer package file format (see docs/transfer.md):
//
//   offset size  field
//        0    8  magic "KBXFER\0\1"
//        8    2  format version (u16, little-endian); this build writes and reads 1
//       10    2  flags (u16): bit 0 = signed; other bits must be 0
//       12    4  reserved, 0
//       16    8  payload size (u64)
//       24   32  SHA-256 of the payload
//       56   32  signer's ed25519 public key (zeros when unsigned)
//       88   64  ed25519 signature over bytes 0..87 and the payload (zeros when unsigned)
//      152    n  payload: a Boost.Serialization text archive (transfer/payload.h)
//    152+n    8  trailer "KBXFEND\n"
//
// Everything in the header, the checksum and the signature is checked before the payload is
// deserialized.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/result.h"

namespace kinbridge::detail::transfer {

inline constexpr std::string_view kMagic{"KBXFER\0\1", 8};
inline constexpr std::string_view kTrailer{"KBXFEND\n", 8};
inline constexpr std::uint16_t kFormatVersion = 1;
inline constexpr std::uint16_t kFlagSigned = 1;
inline constexpr std::size_t kHeaderSize = 152;
inline constexpr std::size_t kSignedPartSize = 88;  // the header bytes the signature covers
inline constexpr std::size_t kMaxPackageBytes = 16u << 20;

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;

struct OpenedPackage {
  std::uint16_t format_version = 0;
  bool is_signed = false;
  std::string payload_sha256;     // hex
  std::string package_sha256;     // hex, of the whole file
  std::string signer_public_key;  // hex; "" when unsigned
  std::string payload;
};

struct Trust {
  std::vector<std::string> trusted_keys;  // hex or base64 public keys
  bool require_signed = false;
};

// An unsigned package around `payload`.
std::string BuildPackage(std::string_view payload);
// The package signed with `secret` (replacing any signature).
Result<std::string> SignPackage(std::string_view package, const SecretKey& secret);
// Checks size, magic, version, flags, sizes, trailer, checksum and signature, in that order.
Result<OpenedPackage> OpenPackage(std::string_view bytes, const Trust& trust);

std::string Hex(const unsigned char* data, std::size_t size);
std::string Sha256Hex(std::string_view bytes);
// Accepts 64 hex digits or base64 of 32 bytes.
Result<PublicKey> ParsePublicKey(std::string_view text);

}  // namespace kinbridge::detail::transfer
