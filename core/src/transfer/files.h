// Package and key files on disk, and the conversion between payloads and public types.
#pragma once

#include <string>

#include "kinbridge/result.h"
#include "kinbridge/transfer.h"
#include "transfer/package.h"
#include "transfer/payload.h"

namespace kinbridge::detail::transfer {

// Reads at most kMaxPackageBytes + 1 bytes (so an oversized file is refused, not loaded).
Result<std::string> ReadCapped(const std::string& file);
// Writes through a temporary file in the same directory and renames it over `file`.
Status WriteAtomically(const std::string& file, const std::string& bytes, bool exclusive,
                       unsigned mode);
Result<SecretKey> ReadSecretKey(const std::string& key_file);
TransferPackage ToPublic(const OpenedPackage& opened, const Payload& payload);
// Reads and checks a package file as ReadTransferPackage does, keeping the payload with every
// language's texts (the public form holds the reader's language only).
struct ReadPackage {
  TransferPackage package;
  Payload payload;
};
Result<ReadPackage> ReadPackageFile(const std::string& package_file, const Trust& trust);

}  // namespace kinbridge::detail::transfer
