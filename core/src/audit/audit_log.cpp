#include "audit/audit_log.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/i18n.h"
#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

const std::string kGenesisHash(64, '0');
constexpr const char* kHeadSetting = "audit_head";
constexpr const char* kGapAction = "audit.gap";

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, bytes, size);
  return hex;
}

// The stored head "sequence:hash": the newest entry, written with every append, so that
// entries cut off the end of the log are noticed.
void WriteHead(Database& db, long long sequence, const std::string& hash) {
  const std::string head = fmt::format("{}:{}", sequence, hash);
  const std::string name = kHeadSetting;
  RunCached(db,
            "INSERT INTO workspace_setting (name, value) VALUES (:n, :v) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            soci::use(name), soci::use(head));
}

struct StoredEntry {
  long long sequence = 0, worker_id = 0;
  std::string at, account, action, entity_type, entity, purpose, details, previous_hash, hash;
  soci::indicator worker_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(sequence));
    st.exchange(soci::into(at));
    st.exchange(soci::into(worker_id, worker_ind));
    st.exchange(soci::into(account));
    st.exchange(soci::into(action));
    st.exchange(soci::into(entity_type));
    st.exchange(soci::into(entity));
    st.exchange(soci::into(purpose));
    st.exchange(soci::into(details));
    st.exchange(soci::into(previous_hash));
    st.exchange(soci::into(hash));
  }

  NewAuditEntry Fields(std::vector<long long> child_ids) const {
    NewAuditEntry e;
    e.at = at;
    e.worker_id = worker_ind == soci::i_ok ? worker_id : 0;
    e.account = account;
    e.action = action;
    e.entity_type = entity_type;
    e.entity = entity;
    e.child_ids = std::move(child_ids);
    e.purpose = purpose;
    e.details = details;
    return e;
  }
};

constexpr const char* kSelect =
    "SELECT e.sequence, e.at, e.worker_id, e.account, e.action, e.entity_type, e.entity, "
    "e.purpose, e.details, e.previous_hash, e.hash FROM audit_entry e ";

std::vector<long long> ChildIdsOf(Database& db, long long sequence) {
  std::vector<long long> ids;
  long long id = 0;
  CachedStatement st(db,
                     "SELECT child_id FROM audit_subject WHERE "
                     "sequence = :s ORDER BY child_id",
                     soci::use(sequence), soci::into(id));
  st->execute();
  while (st->fetch()) ids.push_back(id);
  return ids;
}

std::vector<std::string> CaseReferencesOf(Database& db, long long sequence) {
  std::vector<std::string> refs;
  std::string ref;
  CachedStatement st(db,
                     "SELECT c.case_reference FROM audit_subject s JOIN child c ON "
                     "c.id = s.child_id WHERE s.sequence = :s ORDER BY s.child_id",
                     soci::use(sequence), soci::into(ref));
  st->execute();
  while (st->fetch()) refs.push_back(ref);
  return refs;
}

}  // namespace

std::string AuditLog::Hash(long long sequence, const NewAuditEntry& e,
                           const std::string& previous_hash) {
  std::vector<long long> ids = e.child_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());  // as stored in audit_subject
  // A JSON array is an unambiguous encoding of the fields: no separator can be forged.
  const nlohmann::json fields = {sequence,  e.at,          e.worker_id,  e.account,
                                 e.action,  e.entity_type, e.entity,     ids,
                                 e.purpose, e.details,     previous_hash};
  const std::string text = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return Hex(digest.data(), digest.size());
}

namespace {

// Inserts one entry after (last, previous) and returns its hash.
std::string Insert(Database& db, long long sequence, const NewAuditEntry& entry,
                   const std::string& previous) {
  const std::string hash = AuditLog::Hash(sequence, entry, previous);
  soci::indicator worker_ind = entry.worker_id != 0 ? soci::i_ok : soci::i_null;
  RunCached(db,
            "INSERT INTO audit_entry (sequence, at, worker_id, account, action, "
            "entity_type, entity, purpose, details, previous_hash, hash) VALUES (:s, :at, "
            ":w, :acc, :act, :et, :e, :p, :d, :ph, :h)",
            soci::use(sequence), soci::use(entry.at), soci::use(entry.worker_id, worker_ind),
            soci::use(entry.account), soci::use(entry.action), soci::use(entry.entity_type),
            soci::use(entry.entity), soci::use(entry.purpose), soci::use(entry.details),
            soci::use(previous), soci::use(hash));
  if (!entry.child_ids.empty()) {
    std::vector<long long> ids = entry.child_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<long long> sequences(ids.size(), sequence);
    // One statement for all the subjects (a batch names thousands of children).
    db.InsertRows(NewRows("audit_subject").Add("sequence", sequences).Add("child_id", ids));
  }
  return hash;
}

std::optional<std::string> StoredHead(Database& db) {
  std::string head;
  soci::indicator ind = soci::i_null;
  const std::string name = kHeadSetting;
  RunCached(db, "SELECT value FROM workspace_setting WHERE name = :n", soci::use(name),
            soci::into(head, ind));
  if (!db.session().got_data() || ind != soci::i_ok) return std::nullopt;
  return head;
}

}  // namespace

void AuditLog::Append(const NewAuditEntry& entry) {
  long long last = 0;
  std::string previous = kGenesisHash;
  soci::indicator ind = soci::i_null;
  std::string last_hash;
  RunCached(db_, "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1",
            soci::into(last, ind), soci::into(last_hash));
  if (db_.session().got_data() && ind == soci::i_ok) {
    previous = last_hash;
  } else {
    last = 0;
  }
  // Entries cut off the end of the log would be forgotten once the head moves on; record the
  // gap in the chain itself first, so that verification still finds it.
  const std::optional<std::string> head = StoredHead(db_);
  const std::string expected = fmt::format("{}:{}", last, previous);
  if (head && *head != expected) {
    NewAuditEntry gap;
    gap.at = entry.at;
    gap.account = entry.account;
    gap.worker_id = entry.worker_id;
    gap.action = kGapAction;
    gap.entity_type = "audit";
    gap.details =
        fmt::format("log ended at {} but the newest entry written was {}", expected, *head);
    previous = Insert(db_, ++last, gap, previous);
  }
  const long long sequence = last + 1;
  const std::string hash = Insert(db_, sequence, entry, previous);
  WriteHead(db_, sequence, hash);
}

void AuditLog::ForEach(const AuditQuery& query, long long child_id,
                       const Visitor<AuditEntry>& visit) {
  std::string sql = kSelect;
  sql += "WHERE 1 = 1";
  if (child_id != 0) {
    sql += " AND e.sequence IN (SELECT sequence FROM audit_subject WHERE child_id = :c)";
  }
  const std::string account = query.worker_account.value_or("");
  if (query.worker_account) sql += " AND e.account = :a";
  // Timestamps are UTC text, so text order is time order.
  const std::string from = query.from ? query.from->ToString() : "";
  const std::string to_exclusive = query.to ? query.to->AddDays(1).ToString() : "";
  if (query.from) sql += " AND e.at >= :from";
  if (query.to) sql += " AND e.at < :to";
  sql += " ORDER BY e.sequence";
  StoredEntry row;
  CachedStatement st(db_, sql);
  row.Bind(*st);
  if (child_id != 0) st->exchange(soci::use(child_id));
  if (query.worker_account) st->exchange(soci::use(account));
  if (query.from) st->exchange(soci::use(from));
  if (query.to) st->exchange(soci::use(to_exclusive));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    AuditEntry e;
    e.sequence = row.sequence;
    e.at = row.at;
    e.worker_account = row.account;
    e.action = row.action;
    e.entity_type = row.entity_type;
    e.entity = row.entity;
    e.children = CaseReferencesOf(db_, row.sequence);
    e.purpose = row.purpose;
    e.details = row.details;
    e.previous_hash = row.previous_hash;
    e.hash = row.hash;
    if (!visit(e)) break;
  }
}

AuditVerification AuditLog::Verify() {
  AuditVerification result;
  std::string previous = kGenesisHash;
  long long expected = 1;
  StoredEntry row;
  CachedStatement st(db_, std::string(kSelect) + "ORDER BY e.sequence");
  row.Bind(*st);
  st->define_and_bind();
  st->execute();
  auto fail = [&](long long sequence, std::string problem) {
    result.intact = false;
    result.first_bad = sequence;
    result.problem = std::move(problem);
  };
  while (st->fetch()) {
    ++result.entries;
    if (row.sequence != expected) {
      fail(expected,
           row.sequence > expected
               ? TrFormat("entry {} is missing (the next entry is {})", expected, row.sequence)
               : TrFormat("entry {} appears out of order", row.sequence));
      return result;
    }
    if (row.previous_hash != previous) {
      fail(row.sequence, TrFormat("entry {} does not follow entry {} (its link to the previous "
                                  "entry was changed, or entries were reordered)",
                                  row.sequence, row.sequence - 1));
      return result;
    }
    const std::string hash =
        Hash(row.sequence, row.Fields(ChildIdsOf(db_, row.sequence)), row.previous_hash);
    if (hash != row.hash) {
      fail(row.sequence,
           TrFormat("entry {} was changed after it was written (its content no longer matches "
                    "its hash)",
                    row.sequence));
      return result;
    }
    if (row.action == kGapAction) {
      fail(row.sequence, TrFormat("entries were removed from the end of the log before entry {} "
                                  "was written ({})",
                                  row.sequence, row.details));
      return result;
    }
    previous = row.hash;
    ++expected;
  }
  result.head_hash = previous;
  // The stored head names the newest entry ever written; fewer entries means truncation.
  const std::optional<std::string> head = StoredHead(db_);
  const std::string actual = fmt::format("{}:{}", expected - 1, previous);
  if (head && *head != actual) {
    const std::string head_sequence = head->substr(0, head->find(':'));
    fail(expected, TrFormat("the log ends at entry {}, but entry {} was written (entries were "
                            "removed from the end)",
                            expected - 1, head_sequence));
  } else if (!head && result.entries > 0) {
    fail(1, _("the record of the newest entry is missing"));
  }
  return result;
}

}  // namespace kinbridge::detail
