// The stable names of the model's enumerations, used in storage, JSON and on the command line.
#include <array>
#include <string>
#include <utility>

#include "common/i18n.h"
#include "kinbridge/activity.h"
#include "kinbridge/child.h"
#include "kinbridge/contact.h"
#include "kinbridge/placement.h"
#include "kinbridge/plan.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "kinbridge/worker.h"
#include "kinbridge/workspace.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
Result<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text,
                const char* what) {
  std::string expected;
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].second == text) return table[i].first;
    if (i > 0) expected += i + 1 == N ? _(" or ") : ", ";
    expected += table[i].second;
  }
  return Status::InvalidArgument(
      TrFormat("{} '{}' is not known (expected {})", _(what), text, expected));
}

constexpr std::array<std::pair<SiteKind, std::string_view>, 2> kSiteKinds{{
    {SiteKind::kCentre, "centre"},
    {SiteKind::kSchool, "school"},
}};

constexpr std::array<std::pair<ActivityKind, std::string_view>, 5> kActivityKinds{{
    {ActivityKind::kLeisure, "leisure"},
    {ActivityKind::kHomeworkHelp, "homework-help"},
    {ActivityKind::kGroupSession, "group-session"},
    {ActivityKind::kFamilyCall, "family-call"},
    {ActivityKind::kOther, "other"},
}};

constexpr std::array<std::pair<EnrolmentStatus, std::string_view>, 3> kEnrolmentStatuses{{
    {EnrolmentStatus::kEnrolled, "enrolled"},
    {EnrolmentStatus::kWaiting, "waiting"},
    {EnrolmentStatus::kLeft, "left"},
}};

constexpr std::array<std::pair<SessionStatus, std::string_view>, 3> kSessionStatuses{{
    {SessionStatus::kScheduled, "scheduled"},
    {SessionStatus::kHeld, "held"},
    {SessionStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<AttendanceMark, std::string_view>, 3> kAttendanceMarks{{
    {AttendanceMark::kPresent, "present"},
    {AttendanceMark::kAbsent, "absent"},
    {AttendanceMark::kExcused, "excused"},
}};

constexpr std::array<std::pair<RelationKind, std::string_view>, 5> kRelationKinds{{
    {RelationKind::kMother, "mother"},
    {RelationKind::kFather, "father"},
    {RelationKind::kSibling, "sibling"},
    {RelationKind::kGrandparent, "grandparent"},
    {RelationKind::kOther, "other"},
}};

constexpr std::array<std::pair<RestrictionKind, std::string_view>, 3> kRestrictionKinds{{
    {RestrictionKind::kSupervisedOnly, "supervised-only"},
    {RestrictionKind::kNoContact, "no-contact"},
    {RestrictionKind::kSecretAddress, "secret-address"},
}};

constexpr std::array<std::pair<PlacementType, std::string_view>, 5> kPlacementTypes{{
    {PlacementType::kFosterFamily, "foster-family"},
    {PlacementType::kKinship, "kinship"},
    {PlacementType::kResidential, "residential"},
    {PlacementType::kLeftBehindWithRelatives, "left-behind"},
    {PlacementType::kOwnHomeWithSupport, "own-home"},
}};

constexpr std::array<std::pair<LegalBasis, std::string_view>, 2> kLegalBases{{
    {LegalBasis::kVoluntary, "voluntary"},
    {LegalBasis::kCompulsory, "compulsory"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::kSocialWorker, "social-worker"},
    {Role::kSupervisor, "supervisor"},
    {Role::kCentreStaff, "centre-staff"},
    {Role::kTeacher, "teacher"},
    {Role::kMethodDesigner, "method-designer"},
    {Role::kAdministrator, "administrator"},
}};

constexpr std::array<std::pair<ContactOutcome, std::string_view>, 8> kContactOutcomes{{
    {ContactOutcome::kHeld, "held"},
    {ContactOutcome::kHeldLate, "held-late"},
    {ContactOutcome::kEndedEarly, "ended-early"},
    {ContactOutcome::kCancelledByParent, "cancelled-by-parent"},
    {ContactOutcome::kCancelledByChild, "cancelled-by-child"},
    {ContactOutcome::kCancelledByCarer, "cancelled-by-carer"},
    {ContactOutcome::kCancelledByService, "cancelled-by-service"},
    {ContactOutcome::kNoShow, "no-show"},
}};

constexpr std::array<std::pair<EventStatus, std::string_view>, 3> kEventStatuses{{
    {EventStatus::kScheduled, "scheduled"},
    {EventStatus::kLogged, "logged"},
    {EventStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view ContactOutcomeName(ContactOutcome outcome) {
  return NameOf(kContactOutcomes, outcome);
}
Result<ContactOutcome> ParseContactOutcome(std::string_view text) {
  return Parse(kContactOutcomes, text, N_("outcome"));
}
bool ContactTookPlace(ContactOutcome outcome) {
  return outcome == ContactOutcome::kHeld || outcome == ContactOutcome::kHeldLate ||
         outcome == ContactOutcome::kEndedEarly;
}
std::string_view EventStatusName(EventStatus status) { return NameOf(kEventStatuses, status); }

std::string_view SiteKindName(SiteKind kind) { return NameOf(kSiteKinds, kind); }
Result<SiteKind> ParseSiteKind(std::string_view text) {
  return Parse(kSiteKinds, text, N_("site kind"));
}
std::string_view ActivityKindName(ActivityKind kind) { return NameOf(kActivityKinds, kind); }
Result<ActivityKind> ParseActivityKind(std::string_view text) {
  return Parse(kActivityKinds, text, N_("activity kind"));
}
std::string_view EnrolmentStatusName(EnrolmentStatus status) {
  return NameOf(kEnrolmentStatuses, status);
}
std::string_view SessionStatusName(SessionStatus status) {
  return NameOf(kSessionStatuses, status);
}
std::string_view AttendanceMarkName(AttendanceMark mark) { return NameOf(kAttendanceMarks, mark); }
Result<AttendanceMark> ParseAttendanceMark(std::string_view text) {
  return Parse(kAttendanceMarks, text, N_("attendance"));
}

std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
std::string RoleTitle(Role role) {
  switch (role) {
    case Role::kSocialWorker: return C_("role", "social worker");
    case Role::kSupervisor: return C_("role", "supervisor");
    case Role::kCentreStaff: return C_("role", "centre staff");
    case Role::kTeacher: return C_("role", "teacher");
    case Role::kMethodDesigner: return C_("role", "method designer");
    case Role::kAdministrator: return C_("role", "administrator");
  }
  return std::string(RoleName(role));
}
Result<Role> ParseRole(std::string_view text) { return Parse(kRoles, text, N_("role")); }

std::string_view PlanStatusName(PlanStatus status) {
  switch (status) {
    case PlanStatus::kDraft: return "draft";
    case PlanStatus::kActive: return "active";
    case PlanStatus::kUnderReview: return "under-review";
    case PlanStatus::kEnded: return "ended";
  }
  return "draft";
}

std::string_view ChildStatusName(ChildStatus status) {
  return status == ChildStatus::kClosed ? "closed" : "open";
}

std::string_view WorkspaceModeName(WorkspaceMode mode) {
  switch (mode) {
    case WorkspaceMode::kProduction: return "production";
    case WorkspaceMode::kDemo: return "demo";
    case WorkspaceMode::kTest: return "test";
  }
  return "production";
}

std::string_view RelationKindName(RelationKind kind) { return NameOf(kRelationKinds, kind); }
Result<RelationKind> ParseRelationKind(std::string_view text) {
  return Parse(kRelationKinds, text, N_("relation kind"));
}

std::string_view RestrictionKindName(RestrictionKind kind) {
  return NameOf(kRestrictionKinds, kind);
}
Result<RestrictionKind> ParseRestrictionKind(std::string_view text) {
  return Parse(kRestrictionKinds, text, N_("restriction kind"));
}

std::string_view PlacementTypeName(PlacementType type) { return NameOf(kPlacementTypes, type); }
Result<PlacementType> ParsePlacementType(std::string_view text) {
  return Parse(kPlacementTypes, text, N_("placement type"));
}

std::string_view LegalBasisName(LegalBasis basis) { return NameOf(kLegalBases, basis); }
Result<LegalBasis> ParseLegalBasis(std::string_view text) {
  return Parse(kLegalBases, text, N_("legal basis"));
}

KINBRIDGE_NAMESPACE_END
