#include "bulk_import_floor.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include "raw_statement.h"

namespace kinbridge::bench {

namespace {

// Stable, distinct uuid-shaped texts: the floor does not spend time on randomness.
std::string FloorUuid(char kind, std::int64_t n) {
  return fmt::format("{}0000000-0000-4000-8000-{:012}", kind, n);
}

const char* RelationKindText(RelationKind kind) {
  switch (kind) {
    case RelationKind::kMother: return "mother";
    case RelationKind::kFather: return "father";
    case RelationKind::kSibling: return "sibling";
    case RelationKind::kGrandparent: return "grandparent";
    case RelationKind::kOther: break;
  }
  return "other";
}

}  // namespace

std::int64_t RawRegisterCases(const std::string& path, const BulkFloorOwners& owners,
                              const std::vector<NewCase>& cases) {
  Connection connection(path);
  sqlite3* db = connection.get();
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  Exec(db, "BEGIN IMMEDIATE");
  std::int64_t rows = 0;
  try {
    Statement child(db,
                    "INSERT INTO child (uuid, municipality_id, case_reference, name, birth_date, "
                    "national_id_scheme, national_id, languages, school, protected_identity, "
                    "status, version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, NULL, "
                    "NULL, ?6, ?7, ?8, 'open', 1, ?9, ?9)");
    Statement assignment(db,
                         "INSERT INTO caseload_assignment (child_id, worker_id, assigned_at, "
                         "assigned_by, note) VALUES (?1, ?2, ?3, ?2, 'registered')");
    Statement relation(db,
                       "INSERT INTO relation (uuid, child_id, person_name, kind, description, "
                       "birth_date, caregiver, in_contact, created_at, registered_child_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, NULL)");
    Statement restriction(db,
                          "INSERT INTO restriction (uuid, relation_id, kind, decision_reference, "
                          "reason, valid_from, valid_to, review_date, created_at) VALUES (?1, ?2, "
                          "?3, ?4, ?5, ?6, NULL, ?7, ?8)");
    Statement placement(db,
                        "INSERT INTO placement (uuid, child_id, type, legal_basis, legal_code, "
                        "caregivers, start_date, end_date, end_reason, address, "
                        "address_protected, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                        "NULL, '', ?8, ?9, ?10)");
    Statement subject(db, "INSERT INTO audit_subject (sequence, child_id) VALUES (?1, ?2)");
    Statement counter(db,
                      "INSERT INTO case_reference_counter (municipality_id, year, last_number) "
                      "VALUES (?1, ?2, ?3) ON CONFLICT (municipality_id, year) DO UPDATE SET "
                      "last_number = case_reference_counter.last_number + ?3 RETURNING "
                      "last_number");
    counter.Int(1, owners.municipality_id).Int(2, owners.year).Int(3, 0);
    long long number = counter.Next() ? counter.IntAt(0) : 0;
    while (counter.Next()) {
    }
    std::vector<long long> child_ids;
    child_ids.reserve(cases.size());
    std::int64_t n = 0;
    for (const NewCase& c : cases) {
      ++n;
      std::string languages;
      for (const std::string& language : c.child.languages) {
        languages += (languages.empty() ? "" : ",") + language;
      }
      const long long child_id =
          child.Text(1, FloorUuid('c', n))
              .Int(2, owners.municipality_id)
              .Text(3, fmt::format("{}-{}-{:04}", owners.municipality_code, owners.year, ++number))
              .Text(4, c.child.name)
              .Text(5, c.child.birth_date.ToString())
              .Text(6, languages)
              .Text(7, c.child.school)
              .Int(8, c.child.protected_identity ? 1 : 0)
              .Text(9, owners.now_utc)
              .Run();
      child_ids.push_back(child_id);
      assignment.Int(1, child_id).Int(2, owners.worker_id).Text(3, owners.now_utc).Run();
      rows += 2;
      std::vector<long long> relation_ids;
      for (const NewRelation& r : c.relations) {
        relation_ids.push_back(relation.Text(1, FloorUuid('r', rows))
                                   .Int(2, child_id)
                                   .Text(3, r.person_name)
                                   .Text(4, RelationKindText(r.kind))
                                   .Text(5, r.description)
                                   .Int(6, r.caregiver ? 1 : 0)
                                   .Int(7, r.in_contact ? 1 : 0)
                                   .Text(8, owners.now_utc)
                                   .Run());
        ++rows;
      }
      for (const NewCaseRestriction& s : c.restrictions) {
        const NewRestriction& in = s.restriction;
        restriction.Text(1, FloorUuid('s', rows))
            .Int(2, relation_ids.at(s.relation))
            .Text(3, in.kind == RestrictionKind::kNoContact ? "no-contact" : "supervised-only")
            .Text(4, in.decision_reference)
            .Text(5, in.reason)
            .Text(6, in.valid_from.ToString())
            .Text(7, in.valid_from.AddMonths(3).ToString())
            .Text(8, owners.now_utc)
            .Run();
        ++rows;
      }
      for (const NewPlacement& p : c.placements) {
        placement.Text(1, FloorUuid('p', rows))
            .Int(2, child_id)
            .Text(3, std::string(PlacementTypeName(p.type)))
            .Text(4, std::string(LegalBasisName(p.legal_basis)))
            .Text(5, p.legal_code)
            .Text(6, p.caregivers)
            .Text(7, p.start.ToString())
            .Text(8, p.address)
            .Int(9, p.address_protected ? 1 : 0)
            .Text(10, owners.now_utc)
            .Run();
        ++rows;
      }
    }
    counter.Int(1, owners.municipality_id).Int(2, owners.year).Int(3, static_cast<long long>(n));
    while (counter.Next()) {
    }
    // One audit entry for the batch, after the workspace's last (hash chain left to kinbridge).
    Statement last(db, "SELECT COALESCE(MAX(sequence), 0) FROM audit_entry");
    long long sequence = last.Next() ? last.IntAt(0) + 1 : 1;
    while (last.Next()) {
    }
    Statement entry(db,
                    "INSERT INTO audit_entry (sequence, at, worker_id, account, action, "
                    "entity_type, entity, purpose, details, previous_hash, hash) VALUES (?1, ?2, "
                    "?3, ?4, 'case.register', 'child', '', '', '', '', '')");
    entry.Int(1, sequence).Text(2, owners.now_utc).Int(3, owners.worker_id).Text(4, owners.account);
    entry.Run();
    for (long long id : child_ids) subject.Int(1, sequence).Int(2, id).Run();
    rows += 1 + static_cast<std::int64_t>(child_ids.size());
    Exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return rows;
}

}  // namespace kinbridge::bench
