// Placement: where and under what legal basis a child lives during a care episode.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class PlacementType {
  kFosterFamily,             // familjehem / 寄养家庭
  kKinship,                  // nätverkshem / 亲属照护
  kResidential,              // HVB-hem / 儿童福利机构
  kLeftBehindWithRelatives,  // 留守儿童: lives with relatives while the parents work away
  kOwnHomeWithSupport,
};
// "foster-family", "kinship", "residential", "left-behind", "own-home"
KINBRIDGE_API std::string_view PlacementTypeName(PlacementType type);
KINBRIDGE_API Result<PlacementType> ParsePlacementType(std::string_view text);

enum class LegalBasis { kVoluntary, kCompulsory };
KINBRIDGE_API std::string_view LegalBasisName(LegalBasis basis);  // "voluntary", "compulsory"
KINBRIDGE_API Result<LegalBasis> ParseLegalBasis(std::string_view text);

struct NewPlacement {
  PlacementType type = PlacementType::kFosterFamily;
  LegalBasis legal_basis = LegalBasis::kVoluntary;
  std::string legal_code;  // country-specific, e.g. "SoL 4 kap. 1 §", "LVU 2 §"; optional
  std::string caregivers;  // who the child lives with
  Date start;
  std::string address;             // optional
  bool address_protected = false;  // shown only to those who need it
};

struct Placement {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t child_id = 0;
  std::string child_case_reference;
  PlacementType type = PlacementType::kFosterFamily;
  LegalBasis legal_basis = LegalBasis::kVoluntary;
  std::string legal_code;
  std::string caregivers;
  Date start;
  std::optional<Date> end;  // the day the child moved out; empty: current
  std::string end_reason;
  std::string address;
  bool address_protected = false;
  std::string created_at;
  // The address is protected (by the placement's own flag or a secret-address restriction in
  // force) and the acting worker is not responsible for the child: `address` is empty.
  bool address_hidden = false;
};

KINBRIDGE_NAMESPACE_END
