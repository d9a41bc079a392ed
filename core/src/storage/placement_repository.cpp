#include "storage/placement_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kSelect =
    "SELECT p.id, p.uuid, p.child_id, c.case_reference, p.type, p.legal_basis, p.legal_code, "
    "p.caregivers, p.start_date, p.end_date, p.end_reason, p.address, p.address_protected, "
    "p.created_at FROM placement p JOIN child c ON c.id = p.child_id ";

struct PlacementRow {
  long long id = 0, child_id = 0;
  std::string uuid, case_reference, type, basis, legal_code, caregivers, start, end, end_reason,
      address, created_at;
  int address_protected = 0;
  soci::indicator end_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(child_id));
    st.exchange(soci::into(case_reference));
    st.exchange(soci::into(type));
    st.exchange(soci::into(basis));
    st.exchange(soci::into(legal_code));
    st.exchange(soci::into(caregivers));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end, end_ind));
    st.exchange(soci::into(end_reason));
    st.exchange(soci::into(address));
    st.exchange(soci::into(address_protected));
    st.exchange(soci::into(created_at));
  }

  Placement ToPlacement() const {
    Placement p;
    p.id = id;
    p.uuid = uuid;
    p.child_id = child_id;
    p.child_case_reference = case_reference;
    Result<PlacementType> parsed_type = ParsePlacementType(type);
    Result<LegalBasis> parsed_basis = ParseLegalBasis(basis);
    if (!parsed_type.ok() || !parsed_basis.ok()) {
      throw std::runtime_error("stored placement type or legal basis is unknown: " + type + ", " +
                               basis);
    }
    p.type = *parsed_type;
    p.legal_basis = *parsed_basis;
    p.legal_code = legal_code;
    p.caregivers = caregivers;
    p.start = StoredDate(start);
    p.end = StoredDate(end, end_ind);
    p.end_reason = end_reason;
    p.address = address;
    p.address_protected = address_protected != 0;
    p.created_at = created_at;
    return p;
  }
};

}  // namespace

struct PlacementRepository::Prepared {
  std::optional<soci::statement> statement;
  Placement p;
  std::string type, basis, start, end;
  soci::indicator end_ind = soci::i_null;
  int address_protected = 0;
  long long id = 0;
};

PlacementRepository::PlacementRepository(Database& db) : db_(db) {}
PlacementRepository::~PlacementRepository() = default;

long long PlacementRepository::Insert(const Placement& in) {
  if (!insert_) {
    insert_ = std::make_unique<Prepared>();
    Prepared& p = *insert_;
    p.statement.emplace(db_.session());
    soci::statement& st = *p.statement;
    st.alloc();
    st.prepare(
        "INSERT INTO placement (uuid, child_id, type, legal_basis, legal_code, caregivers, "
        "start_date, end_date, end_reason, address, address_protected, created_at) VALUES "
        "(:uuid, :child, :type, :basis, :code, :caregivers, :start, :end, :reason, :address, "
        ":prot, :created) RETURNING id");
    st.exchange(soci::use(p.p.uuid));
    st.exchange(soci::use(p.p.child_id));
    st.exchange(soci::use(p.type));
    st.exchange(soci::use(p.basis));
    st.exchange(soci::use(p.p.legal_code));
    st.exchange(soci::use(p.p.caregivers));
    st.exchange(soci::use(p.start));
    st.exchange(soci::use(p.end, p.end_ind));
    st.exchange(soci::use(p.p.end_reason));
    st.exchange(soci::use(p.p.address));
    st.exchange(soci::use(p.address_protected));
    st.exchange(soci::use(p.p.created_at));
    st.exchange(soci::into(p.id));
    st.define_and_bind();
  }
  Prepared& p = *insert_;
  p.p = in;
  p.type = std::string(PlacementTypeName(in.type));
  p.basis = std::string(LegalBasisName(in.legal_basis));
  p.start = in.start.ToString();
  NullableDate end(in.end);
  p.end = end.text;
  p.end_ind = end.ind;
  p.address_protected = in.address_protected ? 1 : 0;
  p.statement->execute(true);
  // Stepped to its end, so that the kept statement does not hold the transaction open
  // (a RETURNING statement stays active after its row).
  static_cast<void>(p.statement->fetch());
  return p.id;
}

void PlacementRepository::SetEnded(long long id, Date end, const std::string& reason) {
  const std::string on = end.ToString();
  RunCached(db_, "UPDATE placement SET end_date = :end, end_reason = :reason WHERE id = :id",
            soci::use(on), soci::use(reason), soci::use(id));
}

std::optional<Placement> PlacementRepository::FindById(long long id) {
  PlacementRow row;
  CachedStatement st(db_, std::string(kSelect) + "WHERE p.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToPlacement();
}

void PlacementRepository::ForEachOfChild(long long child_id, const Visitor<Placement>& visit) {
  PlacementRow row;
  CachedStatement st(db_,
                     std::string(kSelect) + "WHERE p.child_id = :c ORDER BY p.start_date, p.id");
  row.Bind(*st);
  st->exchange(soci::use(child_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToPlacement())) break;
  }
}

}  // namespace kinbridge::detail
