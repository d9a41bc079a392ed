#include "storage/transfer_repository.h"

namespace kinbridge::detail {

long long TransferRepository::InsertExport(const StoredExport& r, long long exported_by) {
  long long id = 0;
  const int is_signed = r.is_signed ? 1 : 0;
  RunCached(db_,
            "INSERT INTO transfer_export (method, file, package_sha256, signed, "
            "exported_by, exported_at) VALUES (:m, :f, :h, :s, :b, :a) RETURNING id",
            soci::use(r.method), soci::use(r.file), soci::use(r.package_sha256),
            soci::use(is_signed), soci::use(exported_by), soci::use(r.exported_at), soci::into(id));
  return id;
}

std::vector<StoredExport> TransferRepository::Exports() {
  std::vector<StoredExport> all;
  StoredExport e;
  int is_signed = 0;
  CachedStatement st(db_,
                     "SELECT e.id, e.method, e.file, e.package_sha256, e.signed, "
                     "w.os_account, e.exported_at FROM transfer_export e JOIN worker "
                     "w ON w.id = e.exported_by ORDER BY e.id",
                     soci::into(e.id), soci::into(e.method), soci::into(e.file),
                     soci::into(e.package_sha256), soci::into(is_signed), soci::into(e.exported_by),
                     soci::into(e.exported_at));
  st->execute();
  while (st->fetch()) {
    e.is_signed = is_signed != 0;
    all.push_back(e);
  }
  return all;
}

bool TransferRepository::IsImported(const std::string& method_id, const std::string& version,
                                    const std::string& from_code) {
  int existing = 0;
  RunCached(db_,
            "SELECT count(*) FROM imported_method WHERE method_id = :m AND version = :v "
            "AND from_code = :c",
            soci::use(method_id), soci::use(version), soci::use(from_code), soci::into(existing));
  return existing > 0;
}

long long TransferRepository::InsertImport(const StoredImport& r, long long imported_by) {
  long long id = 0;
  RunCached(db_,
            "INSERT INTO imported_method (method_id, version, title, chain, "
            "descriptor_json, profile_json, from_code, from_name, from_country, "
            "package_sha256, signer_public_key, imported_by, imported_at) VALUES (:i, :v, "
            ":t, :ch, :d, :p, :fc, :fn, :fk, :h, :k, :b, :a) RETURNING id",
            soci::use(r.method_id), soci::use(r.version), soci::use(r.title),
            soci::use(r.chain_json), soci::use(r.descriptor_json), soci::use(r.profile_json),
            soci::use(r.from_code), soci::use(r.from_name), soci::use(r.from_country),
            soci::use(r.package_sha256), soci::use(r.signer_public_key), soci::use(imported_by),
            soci::use(r.imported_at), soci::into(id));
  return id;
}

std::vector<StoredImport> TransferRepository::Imports() {
  std::vector<StoredImport> all;
  StoredImport m;
  CachedStatement st(db_,
                     "SELECT i.id, i.method_id, i.version, i.title, i.chain, "
                     "i.descriptor_json, i.profile_json, i.from_code, i.from_name, "
                     "i.from_country, i.package_sha256, i.signer_public_key, "
                     "w.os_account, i.imported_at FROM imported_method i JOIN worker "
                     "w ON w.id = i.imported_by ORDER BY i.id",
                     soci::into(m.id), soci::into(m.method_id), soci::into(m.version),
                     soci::into(m.title), soci::into(m.chain_json), soci::into(m.descriptor_json),
                     soci::into(m.profile_json), soci::into(m.from_code), soci::into(m.from_name),
                     soci::into(m.from_country), soci::into(m.package_sha256),
                     soci::into(m.signer_public_key), soci::into(m.imported_by),
                     soci::into(m.imported_at));
  st->execute();
  while (st->fetch()) all.push_back(m);
  return all;
}

}  // namespace kinbridge::detail
