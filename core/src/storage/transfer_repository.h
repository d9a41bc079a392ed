// The export log and the methods imported from transfer packages (tables transfer_export and
// imported_method). The package format itself is in transfer/.
#pragma once

#include <string>
#include <vector>

#include "storage/database.h"

namespace kinbridge::detail {

struct StoredExport {
  long long id = 0;
  std::string method;  // id@version
  std::string file, package_sha256;
  bool is_signed = false;
  std::string exported_by;  // account (when read); the worker's id is given when written
  std::string exported_at;
};

// A method registered from a package: its descriptor as it travelled (JSON), its lineage (a JSON
// list of id@version) and its origin.
struct StoredImport {
  long long id = 0;
  std::string method_id, version, title, chain_json, descriptor_json, profile_json;
  std::string from_code, from_name, from_country;
  std::string package_sha256, signer_public_key;
  std::string imported_by;  // account (when read)
  std::string imported_at;
};

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class TransferRepository {
 public:
  explicit TransferRepository(Database& db) : db_(db) {}

  // Returns the new row's id.
  long long InsertExport(const StoredExport& record, long long exported_by);
  // In the order written.
  std::vector<StoredExport> Exports();

  bool IsImported(const std::string& method_id, const std::string& version,
                  const std::string& from_code);
  // Returns the new row's id. Fails (constraint) when the method version from that
  // municipality is already there.
  long long InsertImport(const StoredImport& record, long long imported_by);
  // In the order imported.
  std::vector<StoredImport> Imports();

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
