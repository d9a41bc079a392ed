// libFuzzer target for the transfer package reader (docs/transfer.md, "Fuzzing the importer").
//
// The first input byte chooses what is fuzzed (its value modulo 4); the rest is the input:
//   '0'  a package file as it arrives: OpenPackage, then LoadPayload and ToPublic when it opens
//        (what ReadTransferPackage does after reading the file).
//   '1'  a package the target repairs first: payload size, SHA-256 and trailer are made right,
//        and it is signed with the fuzzer's own key when its signed flag is set, so mutations
//        of the payload get past the checksum and the signature to the payload loader.
//   '2'  a payload alone, for LoadPayload.
//   '3'  a public key as given to --trusted-key, for ParsePublicKey.
// A payload that loads must also save and load again to the same bytes, and every refusal must
// say why. Anything else (a crash, an uncaught exception, an allocation over the limit, a leak,
// undefined behaviour) is reported by libFuzzer and the sanitizers.
#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "transfer/files.h"
#include "transfer/package.h"
#include "transfer/payload.h"

namespace kinbridge::detail::transfer {
namespace {

// The fuzzer's signing key, made from a fixed seed so runs are reproducible.
struct FuzzKey {
  PublicKey pk{};
  SecretKey sk{};
  std::string pk_hex;
};
FuzzKey* fuzz_key = nullptr;

void Require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "transfer_package_fuzzer: %s\n", what);
  std::abort();
}

template <class T>
void RequireReason(const Result<T>& r) {
  if (!r.ok()) Require(!r.status().message().empty(), "a refusal without a message");
}

void FuzzPayload(std::string_view bytes) {
  Result<Payload> loaded = LoadPayload(bytes);
  RequireReason(loaded);
  if (!loaded.ok()) return;
  // What was accepted can be written again, and reads back as the same archive.
  const std::string saved = SavePayload(*loaded);
  Result<Payload> again = LoadPayload(saved);
  Require(again.ok(), "a payload that loaded does not load after saving it again");
  Require(SavePayload(*again) == saved, "a payload changes when saved and loaded again");
}

void FuzzPackage(std::string_view bytes, const Trust& trust) {
  Result<OpenedPackage> opened = OpenPackage(bytes, trust);
  RequireReason(opened);
  if (!opened.ok()) return;
  Require(opened->payload.size() == bytes.size() - kHeaderSize - kTrailer.size(),
          "an opened package's payload is not the bytes between header and trailer");
  Result<Payload> loaded = LoadPayload(opened->payload);
  RequireReason(loaded);
  if (!loaded.ok()) return;
  const TransferPackage shown = ToPublic(*opened, *loaded);
  Require(shown.method.id == loaded->method_id, "ToPublic lost the method id");
}

void PutU64(std::string& out, std::size_t at, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) out[at + i] = static_cast<char>(v >> (8 * i));
}

// Makes the size field, checksum and trailer right; an unsigned package gets zeros where the key
// and signature go, a package with the signed flag is signed with the fuzzer's key (through the
// real SignPackage) and read with that key as the only trusted one.
void FuzzRepairedPackage(std::string_view bytes) {
  if (bytes.size() < kHeaderSize + kTrailer.size()) {
    FuzzPackage(bytes, Trust{});
    return;
  }
  std::string package(bytes);
  const std::size_t payload_size = package.size() - kHeaderSize - kTrailer.size();
  PutU64(package, 16, payload_size);
  package.replace(package.size() - kTrailer.size(), kTrailer.size(), kTrailer);
  std::array<unsigned char, 32> digest{};
  crypto_hash_sha256(digest.data(),
                     reinterpret_cast<const unsigned char*>(package.data()) + kHeaderSize,
                     payload_size);
  std::memcpy(package.data() + 24, digest.data(), digest.size());
  const bool want_signed = (static_cast<unsigned char>(package[10]) & kFlagSigned) != 0;
  package[10] = static_cast<char>(static_cast<unsigned char>(package[10]) & ~kFlagSigned);
  std::memset(package.data() + 56, 0, kHeaderSize - 56);
  if (!want_signed) {
    FuzzPackage(package, Trust{});
    return;
  }
  Result<std::string> signed_package = SignPackage(package, fuzz_key->sk);
  RequireReason(signed_package);
  if (!signed_package.ok()) {
    // SignPackage refuses what OpenPackage refuses; the unsigned package shows which check.
    FuzzPackage(package, Trust{});
    return;
  }
  FuzzPackage(*signed_package, Trust{{fuzz_key->pk_hex}, true});
}

void FuzzPublicKey(std::string_view text) {
  Result<PublicKey> key = ParsePublicKey(text);
  RequireReason(key);
  if (key.ok()) {
    // A key that parses is found again from its hex form.
    Result<PublicKey> again = ParsePublicKey(Hex(key->data(), key->size()));
    Require(again.ok() && *again == *key, "a public key does not parse from its own hex form");
  }
}

}  // namespace
}  // namespace kinbridge::detail::transfer

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  using namespace kinbridge::detail::transfer;
  if (sodium_init() < 0) {
    std::fprintf(stderr, "transfer_package_fuzzer: libsodium could not be initialised\n");
    std::abort();
  }
  static FuzzKey key;
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i * 7 + 1);
  crypto_sign_seed_keypair(key.pk.data(), key.sk.data(), seed.data());
  key.pk_hex = Hex(key.pk.data(), key.pk.size());
  fuzz_key = &key;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kinbridge::detail::transfer;
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: FuzzPackage(input, Trust{}); break;
    case 1: FuzzRepairedPackage(input); break;
    case 2: FuzzPayload(input); break;
    default: FuzzPublicKey(input); break;
  }
  return 0;
}
