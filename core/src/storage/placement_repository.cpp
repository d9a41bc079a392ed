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

namespace {

// New placements, column by column, as Insert and InsertAll write them.
struct PlacementRows {
  std::vector<long long> id, child_id, address_protected;
  std::vector<std::string> uuid, type, basis, legal_code, caregivers, start, end, end_reason,
      address, created_at;
  std::vector<soci::indicator> end_ind;

  // Takes the placement's texts (InsertAll's are not used again).
  void Add(Placement p) {
    id.push_back(p.id);
    uuid.push_back(std::move(p.uuid));
    child_id.push_back(p.child_id);
    type.push_back(std::string(PlacementTypeName(p.type)));
    basis.push_back(std::string(LegalBasisName(p.legal_basis)));
    legal_code.push_back(std::move(p.legal_code));
    caregivers.push_back(std::move(p.caregivers));
    start.push_back(p.start.ToString());
    NullableDate ended(p.end);
    end.push_back(std::move(ended.text));
    end_ind.push_back(ended.ind);
    end_reason.push_back(std::move(p.end_reason));
    address.push_back(std::move(p.address));
    address_protected.push_back(p.address_protected ? 1 : 0);
    created_at.push_back(std::move(p.created_at));
  }

  NewRows Columns(bool with_id) {
    NewRows rows("placement");
    if (with_id) rows.Add("id", id);
    return rows.Add("uuid", uuid)
        .Add("child_id", child_id)
        .Add("type", type)
        .Add("legal_basis", basis)
        .Add("legal_code", legal_code)
        .Add("caregivers", caregivers)
        .Add("start_date", start)
        .Add("end_date", end, &end_ind)
        .Add("end_reason", end_reason)
        .Add("address", address)
        .Add("address_protected", address_protected)
        .Add("created_at", created_at);
  }
};

}  // namespace

long long PlacementRepository::Insert(const Placement& in) {
  PlacementRows rows;
  rows.Add(in);
  return db_.InsertRow(rows.Columns(false));
}

void PlacementRepository::InsertAll(std::vector<Placement> placements) {
  PlacementRows rows;
  for (Placement& p : placements) rows.Add(std::move(p));
  db_.InsertRows(rows.Columns(true));
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
