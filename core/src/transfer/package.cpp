#include "transfer/package.h"

#include <sodium.h>

#include <cstring>

#include "common/i18n.h"

namespace kinbridge::detail::transfer {

namespace {

void PutU16(std::string& out, std::size_t at, std::uint16_t v) {
  out[at] = static_cast<char>(v & 0xff);
  out[at + 1] = static_cast<char>(v >> 8);
}
void PutU64(std::string& out, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
}
std::uint16_t GetU16(std::string_view in, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(in[at]) |
                                    (static_cast<unsigned char>(in[at + 1]) << 8));
}
std::uint32_t GetU32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
  return v;
}
std::uint64_t GetU64(std::string_view in, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
  return v;
}
const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::array<unsigned char, 32> Sha256(std::string_view bytes) {
  std::array<unsigned char, 32> digest{};
  crypto_hash_sha256(digest.data(), Bytes(bytes), bytes.size());
  return digest;
}

// The message a signature covers: the first 88 header bytes and the payload.
std::string SignedMessage(std::string_view package, std::size_t payload_size) {
  std::string message(package.substr(0, kSignedPartSize));
  message.append(package.substr(kHeaderSize, payload_size));
  return message;
}

}  // namespace

std::string Hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  const auto digest = Sha256(bytes);
  return Hex(digest.data(), digest.size());
}

Result<PublicKey> ParsePublicKey(std::string_view text) {
  PublicKey key{};
  std::size_t length = 0;
  if (text.size() == 64 &&
      sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, nullptr) ==
          0 &&
      length == key.size()) {
    return key;
  }
  if (sodium_base642bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) == 0 &&
      length == key.size()) {
    return key;
  }
  return Status::InvalidArgument(
      TrFormat("public key {} is not a key (expected 64 hex digits or base64 of 32 bytes)", text));
}

std::string BuildPackage(std::string_view payload) {
  std::string out(kHeaderSize, '\0');
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  PutU16(out, 8, kFormatVersion);
  PutU16(out, 10, 0);
  PutU64(out, 16, payload.size());
  const auto digest = Sha256(payload);
  std::memcpy(out.data() + 24, digest.data(), digest.size());
  out.append(payload);
  out.append(kTrailer);
  return out;
}

Result<std::string> SignPackage(std::string_view package, const SecretKey& secret) {
  Result<OpenedPackage> opened = OpenPackage(package, Trust{});
  if (!opened.ok()) return opened.status();
  std::string out(package);
  PutU16(out, 10, kFlagSigned);
  PublicKey pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), secret.data());
  std::memcpy(out.data() + 56, pk.data(), pk.size());
  const std::string message = SignedMessage(out, opened->payload.size());
  unsigned char* signature = reinterpret_cast<unsigned char*>(out.data() + kSignedPartSize);
  crypto_sign_detached(signature, nullptr, Bytes(message), message.size(), secret.data());
  return out;
}

Result<OpenedPackage> OpenPackage(std::string_view bytes, const Trust& trust) {
  if (bytes.size() > kMaxPackageBytes) {
    return Status::InvalidArgument(
        TrPlural("the package is {} bytes, more than the {} byte a package may have",
                 "the package is {} bytes, more than the {} bytes a package may have",
                 static_cast<unsigned long>(kMaxPackageBytes), bytes.size(), kMaxPackageBytes));
  }
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    return Status::InvalidArgument(
        _("the file is not a kinbridge transfer package (its magic bytes are wrong)"));
  }
  if (bytes.size() < kHeaderSize + kTrailer.size()) {
    return Status::InvalidArgument(
        TrPlural("the package is damaged: it is {} byte, shorter than its header",
                 "the package is damaged: it is {} bytes, shorter than its header", bytes.size(),
                 bytes.size()));
  }
  OpenedPackage p;
  p.format_version = GetU16(bytes, 8);
  if (p.format_version > kFormatVersion) {
    return Status::Incompatible(
        TrFormat("the package has format version {}, newer than this kinbridge reads (up to {}); "
                 "upgrade kinbridge to import it",
                 p.format_version, kFormatVersion));
  }
  if (p.format_version == 0) {
    return Status::InvalidArgument(_("the package is damaged: its format version is 0"));
  }
  const std::uint16_t flags = GetU16(bytes, 10);
  if ((flags & ~kFlagSigned) != 0 || GetU32(bytes, 12) != 0) {
    return Status::InvalidArgument(
        TrFormat("the package is damaged: unknown flags {:#x} in its header", flags));
  }
  const std::uint64_t size = GetU64(bytes, 16);
  if (size != bytes.size() - kHeaderSize - kTrailer.size()) {
    return Status::InvalidArgument(TrPlural(
        "the package is damaged: its header claims a payload of {} byte, the file "
        "holds {}",
        "the package is damaged: its header claims a payload of {} bytes, the file "
        "holds {}",
        static_cast<unsigned long>(size), size, bytes.size() - kHeaderSize - kTrailer.size()));
  }
  if (bytes.substr(bytes.size() - kTrailer.size()) != kTrailer) {
    return Status::InvalidArgument(_("the package is damaged: its end marker is missing"));
  }
  const std::string_view payload = bytes.substr(kHeaderSize, size);
  const auto digest = Sha256(payload);
  if (sodium_memcmp(digest.data(), bytes.data() + 24, digest.size()) != 0) {
    return Status::InvalidArgument(
        _("the package is damaged: its payload does not match its SHA-256 checksum"));
  }
  p.payload_sha256 = Hex(digest.data(), digest.size());
  p.package_sha256 = Sha256Hex(bytes);
  p.is_signed = (flags & kFlagSigned) != 0;
  const unsigned char* key = Bytes(bytes) + 56;
  const unsigned char* signature = Bytes(bytes) + kSignedPartSize;
  if (p.is_signed) {
    const std::string message = SignedMessage(bytes, size);
    if (crypto_sign_verify_detached(signature, Bytes(message), message.size(), key) != 0) {
      return Status::PermissionDenied(
          _("the package's signature is not valid: it was changed after signing, or the "
            "signature is forged"));
    }
    p.signer_public_key = Hex(key, 32);
  } else {
    for (std::size_t i = 56; i < kHeaderSize; ++i) {
      if (bytes[i] != '\0') {
        return Status::InvalidArgument(
            _("the package is damaged: it is unsigned but carries signature bytes"));
      }
    }
    if (trust.require_signed || !trust.trusted_keys.empty()) {
      return Status::PermissionDenied(
          _("the package is not signed, and a signed package is required (the sender signs it "
            "with `kinbridge transfer sign`)"));
    }
  }
  if (p.is_signed && !trust.trusted_keys.empty()) {
    bool trusted = false;
    for (const std::string& text : trust.trusted_keys) {
      Result<PublicKey> k = ParsePublicKey(text);
      if (!k.ok()) return k.status();
      if (sodium_memcmp(k->data(), key, k->size()) == 0) trusted = true;
    }
    if (!trusted) {
      return Status::PermissionDenied(
          TrFormat("the package is signed by key {}, which is not among the trusted keys",
                   p.signer_public_key));
    }
  }
  p.payload = std::string(payload);
  return p;
}

}  // namespace kinbridge::detail::transfer
