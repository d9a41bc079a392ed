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

}  // namespace kinbridge::detail::transfer
