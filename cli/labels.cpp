// The labels of enumerated values; see labels.h. Each label has a context (msgctxt) naming its
// vocabulary, because the same English word takes different forms: Swedish "annan" (a relative)
// but "annat" (an activity).
#include "labels.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "kinbridge/recurrence.h"
#include "tr.h"

namespace kinbridge::cli {

namespace {

// An empty text (a code outside the vocabulary) shows the code itself.
Label Make(std::string_view code, const char* text) {
  return {std::string(code), *text != '\0' ? std::string(text) : std::string(code)};
}

}  // namespace

Label RelationKindLabel(RelationKind kind) {
  const std::string_view code = RelationKindName(kind);
  switch (kind) {
    case RelationKind::kMother: return Make(code, C_("relation kind", "mother"));
    case RelationKind::kFather: return Make(code, C_("relation kind", "father"));
    case RelationKind::kSibling: return Make(code, C_("relation kind", "sibling"));
    case RelationKind::kGrandparent: return Make(code, C_("relation kind", "grandparent"));
    case RelationKind::kOther: return Make(code, C_("relation kind", "other"));
  }
  return Make(code, "");
}

Label RestrictionKindLabel(RestrictionKind kind) {
  const std::string_view code = RestrictionKindName(kind);
  switch (kind) {
    case RestrictionKind::kSupervisedOnly:
      return Make(code, C_("restriction kind", "supervised contact only"));
    case RestrictionKind::kNoContact: return Make(code, C_("restriction kind", "no contact"));
    case RestrictionKind::kSecretAddress:
      return Make(code, C_("restriction kind", "secret address"));
  }
  return Make(code, "");
}

Label PlacementTypeLabel(PlacementType type) {
  const std::string_view code = PlacementTypeName(type);
  switch (type) {
    case PlacementType::kFosterFamily: return Make(code, C_("placement type", "foster family"));
    case PlacementType::kKinship: return Make(code, C_("placement type", "kinship care"));
    case PlacementType::kResidential: return Make(code, C_("placement type", "residential care"));
    case PlacementType::kLeftBehindWithRelatives:
      return Make(code, C_("placement type", "left behind with relatives"));
    case PlacementType::kOwnHomeWithSupport:
      return Make(code, C_("placement type", "own home with support"));
  }
  return Make(code, "");
}

Label LegalBasisLabel(LegalBasis basis) {
  const std::string_view code = LegalBasisName(basis);
  switch (basis) {
    case LegalBasis::kVoluntary: return Make(code, C_("legal basis", "voluntary"));
    case LegalBasis::kCompulsory: return Make(code, C_("legal basis", "compulsory"));
  }
  return Make(code, "");
}

Label NationalIdSchemeLabel(NationalIdScheme scheme) {
  const std::string_view code = NationalIdSchemeName(scheme);
  switch (scheme) {
    case NationalIdScheme::kSePersonnummer:
      return Make(code, C_("national id scheme", "Swedish personal identity number"));
    case NationalIdScheme::kSeSamordningsnummer:
      return Make(code, C_("national id scheme", "Swedish coordination number"));
    case NationalIdScheme::kCnResidentId:
      return Make(code, C_("national id scheme", "Chinese resident identity number"));
  }
  return Make(code, "");
}

Label ChildStatusLabel(ChildStatus status) {
  const std::string_view code = ChildStatusName(status);
  switch (status) {
    case ChildStatus::kOpen: return Make(code, C_("case status", "open"));
    case ChildStatus::kClosed: return Make(code, C_("case status", "closed"));
  }
  return Make(code, "");
}

Label PlanStatusLabel(PlanStatus status) {
  const std::string_view code = PlanStatusName(status);
  switch (status) {
    case PlanStatus::kDraft: return Make(code, C_("plan status", "draft"));
    case PlanStatus::kActive: return Make(code, C_("plan status", "active"));
    case PlanStatus::kUnderReview: return Make(code, C_("plan status", "under review"));
    case PlanStatus::kEnded: return Make(code, C_("plan status", "ended"));
  }
  return Make(code, "");
}

Label EventStatusLabel(EventStatus status) {
  const std::string_view code = EventStatusName(status);
  switch (status) {
    case EventStatus::kScheduled: return Make(code, C_("contact event status", "scheduled"));
    case EventStatus::kLogged: return Make(code, C_("contact event status", "logged"));
    case EventStatus::kCancelled: return Make(code, C_("contact event status", "cancelled"));
  }
  return Make(code, "");
}

Label ContactOutcomeLabel(ContactOutcome outcome) {
  const std::string_view code = ContactOutcomeName(outcome);
  switch (outcome) {
    case ContactOutcome::kHeld: return Make(code, C_("contact outcome", "held"));
    case ContactOutcome::kHeldLate: return Make(code, C_("contact outcome", "held, started late"));
    case ContactOutcome::kEndedEarly: return Make(code, C_("contact outcome", "ended early"));
    case ContactOutcome::kCancelledByParent:
      return Make(code, C_("contact outcome", "cancelled by the parent"));
    case ContactOutcome::kCancelledByChild:
      return Make(code, C_("contact outcome", "cancelled by the child"));
    case ContactOutcome::kCancelledByCarer:
      return Make(code, C_("contact outcome", "cancelled by the carer"));
    case ContactOutcome::kCancelledByService:
      return Make(code, C_("contact outcome", "cancelled by the service"));
    case ContactOutcome::kNoShow: return Make(code, C_("contact outcome", "did not come"));
  }
  return Make(code, "");
}

Label SiteKindLabel(SiteKind kind) {
  const std::string_view code = SiteKindName(kind);
  switch (kind) {
    case SiteKind::kCentre: return Make(code, C_("site kind", "support centre"));
    case SiteKind::kSchool: return Make(code, C_("site kind", "school"));
  }
  return Make(code, "");
}

Label ActivityKindLabel(ActivityKind kind) {
  const std::string_view code = ActivityKindName(kind);
  switch (kind) {
    case ActivityKind::kLeisure: return Make(code, C_("activity kind", "leisure"));
    case ActivityKind::kHomeworkHelp: return Make(code, C_("activity kind", "homework help"));
    case ActivityKind::kGroupSession: return Make(code, C_("activity kind", "group session"));
    case ActivityKind::kFamilyCall: return Make(code, C_("activity kind", "family call"));
    case ActivityKind::kOther: return Make(code, C_("activity kind", "other"));
  }
  return Make(code, "");
}

Label EnrolmentStatusLabel(EnrolmentStatus status) {
  const std::string_view code = EnrolmentStatusName(status);
  switch (status) {
    case EnrolmentStatus::kEnrolled: return Make(code, C_("enrolment status", "enrolled"));
    case EnrolmentStatus::kWaiting:
      return Make(code, C_("enrolment status", "on the waiting list"));
    case EnrolmentStatus::kLeft: return Make(code, C_("enrolment status", "left"));
  }
  return Make(code, "");
}

Label SessionStatusLabel(SessionStatus status) {
  const std::string_view code = SessionStatusName(status);
  switch (status) {
    case SessionStatus::kScheduled: return Make(code, C_("session status", "scheduled"));
    case SessionStatus::kHeld: return Make(code, C_("session status", "held"));
    case SessionStatus::kCancelled: return Make(code, C_("session status", "cancelled"));
  }
  return Make(code, "");
}

Label AttendanceMarkLabel(AttendanceMark mark) {
  const std::string_view code = AttendanceMarkName(mark);
  switch (mark) {
    case AttendanceMark::kPresent: return Make(code, C_("attendance", "present"));
    case AttendanceMark::kAbsent: return Make(code, C_("attendance", "absent"));
    case AttendanceMark::kExcused: return Make(code, C_("attendance", "excused"));
  }
  return Make(code, "");
}

Label RoleLabel(Role role) { return Make(RoleName(role), RoleTitle(role).c_str()); }

Label WorkspaceModeLabel(WorkspaceMode mode) {
  const std::string_view code = WorkspaceModeName(mode);
  switch (mode) {
    case WorkspaceMode::kProduction: return Make(code, C_("workspace mode", "production"));
    case WorkspaceMode::kDemo: return Make(code, C_("workspace mode", "demo"));
    case WorkspaceMode::kTest: return Make(code, C_("workspace mode", "test"));
  }
  return Make(code, "");
}

Label RelationKindLabel(std::string_view code) {
  if (code == "mother") return Make(code, C_("relation kind", "mother"));
  if (code == "father") return Make(code, C_("relation kind", "father"));
  if (code == "sibling") return Make(code, C_("relation kind", "sibling"));
  if (code == "grandparent") return Make(code, C_("relation kind", "grandparent"));
  if (code == "other") return Make(code, C_("relation kind", "other"));
  return Make(code, "");
}

Label ContactModeLabel(std::string_view code) {
  if (code == "visit") return Make(code, C_("contact mode", "visit"));
  if (code == "phone") return Make(code, C_("contact mode", "phone call"));
  if (code == "video") return Make(code, C_("contact mode", "video call"));
  if (code == "letter") return Make(code, C_("contact mode", "letter"));
  if (code == "message") return Make(code, C_("contact mode", "message"));
  return Make(code, "");
}

Label SupervisionLabel(std::string_view code) {
  if (code == "supervised") return Make(code, C_("supervision", "supervised"));
  if (code == "monitored") return Make(code, C_("supervision", "monitored"));
  if (code == "unsupervised") return Make(code, C_("supervision", "unsupervised"));
  return Make(code, "");
}

Label RecurrenceLabel(std::string_view rrule) {
  if (rrule.empty()) return {};
  return {std::string(rrule), DescribeRecurrence(rrule)};
}

Value VenueValue(const std::string& venue) {
  if (venue.empty()) return std::monostate{};
  if (venue == "family centre") return Make(venue, C_("venue", "family centre"));
  if (venue == "foster home") return Make(venue, C_("venue", "foster home"));
  if (venue == "placement") return Make(venue, C_("venue", "placement"));
  if (venue == "online") return Make(venue, C_("venue", "online"));
  if (venue == "post") return Make(venue, C_("venue", "post"));
  if (venue == "support centre") return Make(venue, C_("venue", "support centre"));
  if (venue == "school") return Make(venue, C_("venue", "school"));
  return venue;
}

namespace {

// The word for an audit entry's record type; empty for a type this version does not know.
const char* AuditRecordWord(const std::string& type) {
  if (type == "child") return C_("audit record", "child");
  if (type == "children") return C_("audit record", "children");
  if (type == "site") return C_("audit record", "site");
  if (type == "sites") return C_("audit record", "sites");
  if (type == "worker") return C_("audit record", "worker");
  if (type == "workers") return C_("audit record", "workers");
  if (type == "plan") return C_("audit record", "plan");
  if (type == "method") return C_("audit record", "method");
  if (type == "activity") return C_("audit record", "activity");
  if (type == "group") return C_("audit record", "group");
  if (type == "session") return C_("audit record", "session");
  if (type == "workspace") return C_("audit record", "workspace");
  if (type == "restriction") return C_("audit record", "restriction");
  if (type == "restrictions") return C_("audit record", "restrictions");
  if (type == "contact-event") return C_("audit record", "contact event");
  if (type == "audit") return C_("audit record", "audit log");
  if (type == "placement") return C_("audit record", "placement");
  if (type == "relation") return C_("audit record", "relation");
  if (type == "plugin") return C_("audit record", "plugin");
  if (type == "package") return C_("audit record", "package");
  if (type == "import") return C_("audit record", "import");
  return "";
}

}  // namespace

Label AuditRecordLabel(const std::string& type, const std::string& id) {
  const std::string code = id.empty() ? type : type + " " + id;
  const std::string word = AuditRecordWord(type);
  if (word.empty()) return {code, code};
  return {code, id.empty() ? word : word + " " + id};
}

Label AuditActionLabel(std::string_view code) {
  if (code == "access.denied") return Make(code, C_("audit action", "access refused"));
  if (code == "activity.add") return Make(code, C_("audit action", "activity added"));
  if (code == "activity.edit") return Make(code, C_("audit action", "activity changed"));
  if (code == "activity.enrol") return Make(code, C_("audit action", "child enrolled"));
  if (code == "activity.leave") return Make(code, C_("audit action", "child left the activity"));
  if (code == "activity.list") return Make(code, C_("audit action", "activities listed"));
  if (code == "activity.members") return Make(code, C_("audit action", "participants viewed"));
  if (code == "activity.show") return Make(code, C_("audit action", "activity viewed"));
  if (code == "activity.wait")
    return Make(code, C_("audit action", "child put on the waiting list"));
  if (code == "attendance.list") return Make(code, C_("audit action", "attendance viewed"));
  if (code == "attendance.record") return Make(code, C_("audit action", "attendance recorded"));
  if (code == "audit.gap") return Make(code, C_("audit action", "gap in the audit log"));
  if (code == "audit.log") return Make(code, C_("audit action", "audit log read"));
  if (code == "audit.verify") return Make(code, C_("audit action", "audit log verified"));
  if (code == "case.register") return Make(code, C_("audit action", "case registered"));
  if (code == "caseload.assign") return Make(code, C_("audit action", "case assigned"));
  if (code == "caseload.history") return Make(code, C_("audit action", "caseload history viewed"));
  if (code == "child.add") return Make(code, C_("audit action", "child registered"));
  if (code == "child.close") return Make(code, C_("audit action", "case closed"));
  if (code == "child.edit") return Make(code, C_("audit action", "child's details changed"));
  if (code == "child.list") return Make(code, C_("audit action", "children listed"));
  if (code == "child.show") return Make(code, C_("audit action", "child viewed"));
  if (code == "contact.cancel") return Make(code, C_("audit action", "contact cancelled"));
  if (code == "contact.list") return Make(code, C_("audit action", "contacts listed"));
  if (code == "contact.log") return Make(code, C_("audit action", "contact logged"));
  if (code == "contact.schedule") return Make(code, C_("audit action", "contacts scheduled"));
  if (code == "contact.show") return Make(code, C_("audit action", "contact viewed"));
  if (code == "group.accept") return Make(code, C_("audit action", "group plan accepted"));
  if (code == "group.add") return Make(code, C_("audit action", "group added"));
  if (code == "group.edit") return Make(code, C_("audit action", "group changed"));
  if (code == "group.join") return Make(code, C_("audit action", "child joined a group"));
  if (code == "group.leave") return Make(code, C_("audit action", "child left a group"));
  if (code == "group.list") return Make(code, C_("audit action", "groups listed"));
  if (code == "group.members") return Make(code, C_("audit action", "group members viewed"));
  if (code == "group.propose") return Make(code, C_("audit action", "groups proposed"));
  if (code == "group.show") return Make(code, C_("audit action", "group viewed"));
  if (code == "import") return Make(code, C_("audit action", "import"));
  if (code == "import.dry-run") return Make(code, C_("audit action", "import tried (dry run)"));
  if (code == "import.rejected") return Make(code, C_("audit action", "import rejected"));
  if (code == "method.adapt") return Make(code, C_("audit action", "method adapted"));
  if (code == "method.info") return Make(code, C_("audit action", "method viewed"));
  if (code == "method.install") return Make(code, C_("audit action", "method installed"));
  if (code == "method.list") return Make(code, C_("audit action", "methods listed"));
  if (code == "method.path") return Make(code, C_("audit action", "plugin folders changed"));
  if (code == "method.plugins") return Make(code, C_("audit action", "plugins listed"));
  if (code == "method.propose") return Make(code, C_("audit action", "plan proposed by a method"));
  if (code == "placement.add") return Make(code, C_("audit action", "placement registered"));
  if (code == "placement.end") return Make(code, C_("audit action", "placement ended"));
  if (code == "placement.list") return Make(code, C_("audit action", "placements listed"));
  if (code == "placement.show") return Make(code, C_("audit action", "placement viewed"));
  if (code == "plan.approve") return Make(code, C_("audit action", "plan approved"));
  if (code == "plan.arrangement.add") return Make(code, C_("audit action", "arrangement added"));
  if (code == "plan.arrangement.remove")
    return Make(code, C_("audit action", "arrangement removed"));
  if (code == "plan.end") return Make(code, C_("audit action", "plan ended"));
  if (code == "plan.list") return Make(code, C_("audit action", "plans listed"));
  if (code == "plan.propose") return Make(code, C_("audit action", "plan proposed"));
  if (code == "plan.review") return Make(code, C_("audit action", "plan reviewed"));
  if (code == "plan.reviews") return Make(code, C_("audit action", "reviews listed"));
  if (code == "plan.show") return Make(code, C_("audit action", "plan viewed"));
  if (code == "plan.under-review") return Make(code, C_("audit action", "plan put under review"));
  if (code == "plan.view") return Make(code, C_("audit action", "child's view recorded"));
  if (code == "relation.add") return Make(code, C_("audit action", "relation registered"));
  if (code == "relation.list") return Make(code, C_("audit action", "relations listed"));
  if (code == "relation.show") return Make(code, C_("audit action", "relation viewed"));
  if (code == "report.attendance") return Make(code, C_("audit action", "attendance report"));
  if (code == "report.method") return Make(code, C_("audit action", "method outcome report"));
  if (code == "restriction.add") return Make(code, C_("audit action", "restriction registered"));
  if (code == "restriction.lift") return Make(code, C_("audit action", "restriction lifted"));
  if (code == "restriction.list") return Make(code, C_("audit action", "restrictions listed"));
  if (code == "restriction.show") return Make(code, C_("audit action", "restriction viewed"));
  if (code == "session.add") return Make(code, C_("audit action", "session added"));
  if (code == "session.cancel") return Make(code, C_("audit action", "session cancelled"));
  if (code == "session.list") return Make(code, C_("audit action", "sessions listed"));
  if (code == "session.schedule") return Make(code, C_("audit action", "sessions scheduled"));
  if (code == "session.show") return Make(code, C_("audit action", "session viewed"));
  if (code == "site.add") return Make(code, C_("audit action", "site added"));
  if (code == "site.edit") return Make(code, C_("audit action", "site changed"));
  if (code == "site.list") return Make(code, C_("audit action", "sites listed"));
  if (code == "site.show") return Make(code, C_("audit action", "site viewed"));
  if (code == "staff.add") return Make(code, C_("audit action", "staff assigned"));
  if (code == "staff.end") return Make(code, C_("audit action", "staff assignment ended"));
  if (code == "staff.list") return Make(code, C_("audit action", "staff listed"));
  if (code == "training.add") return Make(code, C_("audit action", "training recorded"));
  if (code == "training.list") return Make(code, C_("audit action", "training listed"));
  if (code == "transfer.export") return Make(code, C_("audit action", "method exported"));
  if (code == "transfer.exports") return Make(code, C_("audit action", "exports listed"));
  if (code == "transfer.import") return Make(code, C_("audit action", "method imported"));
  if (code == "transfer.list") return Make(code, C_("audit action", "imported methods listed"));
  if (code == "worker.add") return Make(code, C_("audit action", "worker added"));
  if (code == "worker.grant") return Make(code, C_("audit action", "role granted"));
  if (code == "worker.revoke") return Make(code, C_("audit action", "role revoked"));
  if (code == "worker.list") return Make(code, C_("audit action", "workers listed"));
  if (code == "workspace.create") return Make(code, C_("audit action", "workspace created"));
  if (code == "workspace.migrate") return Make(code, C_("audit action", "workspace migrated"));
  return Make(code, "");
}

Label ChildViewHowLabel(std::string_view code) {
  if (code == "conversation") return Make(code, C_("child's view obtained by", "conversation"));
  if (code == "in-writing") return Make(code, C_("child's view obtained by", "in writing"));
  if (code == "representative")
    return Make(code, C_("child's view obtained by", "through a representative"));
  if (code == "observation") return Make(code, C_("child's view obtained by", "observation"));
  return Make(code, "");
}

Label SeverityLabel(std::string_view code) {
  if (code == "error") return Make(code, C_("severity", "error"));
  if (code == "warning") return Make(code, C_("severity", "warning"));
  if (code == "info") return Make(code, C_("severity", "note"));
  return Make(code, "");
}

Label FidelityLabel(std::string_view code) {
  if (code == "essential") return Make(code, C_("fidelity class", "essential"));
  if (code == "necessary") return Make(code, C_("fidelity class", "necessary"));
  if (code == "acceptable") return Make(code, C_("fidelity class", "acceptable"));
  if (code == "proscribed") return Make(code, C_("fidelity class", "proscribed"));
  return Make(code, "");
}

Label ParameterTypeLabel(std::string_view code) {
  if (code == "integer") return Make(code, C_("parameter type", "whole number"));
  if (code == "number") return Make(code, C_("parameter type", "number"));
  if (code == "boolean") return Make(code, C_("parameter type", "yes or no"));
  if (code == "text") return Make(code, C_("parameter type", "text"));
  return Make(code, "");
}

Label FrameWhenLabel(std::string_view code) {
  if (code == "pre-implementation") return Make(code, C_("FRAME: when", "before implementation"));
  if (code == "implementation") return Make(code, C_("FRAME: when", "during implementation"));
  if (code == "scale-up") return Make(code, C_("FRAME: when", "scale-up"));
  if (code == "maintenance") return Make(code, C_("FRAME: when", "maintenance"));
  return Make(code, "");
}

Label FrameWhatLabel(std::string_view code) {
  if (code == "content") return Make(code, C_("FRAME: what", "content"));
  if (code == "context") return Make(code, C_("FRAME: what", "context"));
  if (code == "training") return Make(code, C_("FRAME: what", "training"));
  if (code == "implementation")
    return Make(code, C_("FRAME: what", "implementation and scale-up activities"));
  return Make(code, "");
}

Label FrameLevelLabel(std::string_view code) {
  if (code == "individual") return Make(code, C_("FRAME: level", "individual"));
  if (code == "group") return Make(code, C_("FRAME: level", "group"));
  if (code == "organisation") return Make(code, C_("FRAME: level", "organisation"));
  if (code == "network") return Make(code, C_("FRAME: level", "network"));
  if (code == "population") return Make(code, C_("FRAME: level", "population"));
  if (code == "provider") return Make(code, C_("FRAME: level", "provider"));
  if (code == "unit") return Make(code, C_("FRAME: level", "unit"));
  if (code == "cohort") return Make(code, C_("FRAME: level", "cohort"));
  if (code == "clinic") return Make(code, C_("FRAME: level", "clinic"));
  if (code == "community") return Make(code, C_("FRAME: level", "community"));
  return Make(code, "");
}

Label FrameNatureLabel(std::string_view code) {
  if (code == "tailoring") return Make(code, C_("FRAME: nature", "tailoring"));
  if (code == "adding") return Make(code, C_("FRAME: nature", "adding"));
  if (code == "removing") return Make(code, C_("FRAME: nature", "removing"));
  if (code == "shortening") return Make(code, C_("FRAME: nature", "shortening"));
  if (code == "lengthening") return Make(code, C_("FRAME: nature", "lengthening"));
  if (code == "substituting") return Make(code, C_("FRAME: nature", "substituting"));
  if (code == "reordering") return Make(code, C_("FRAME: nature", "reordering"));
  if (code == "integrating") return Make(code, C_("FRAME: nature", "integrating"));
  if (code == "repeating") return Make(code, C_("FRAME: nature", "repeating"));
  if (code == "loosening structure") return Make(code, C_("FRAME: nature", "loosening structure"));
  if (code == "departing") return Make(code, C_("FRAME: nature", "departing"));
  if (code == "format") return Make(code, C_("FRAME: nature", "format"));
  if (code == "setting") return Make(code, C_("FRAME: nature", "setting"));
  if (code == "personnel") return Make(code, C_("FRAME: nature", "personnel"));
  if (code == "population") return Make(code, C_("FRAME: nature", "population"));
  return Make(code, "");
}

Label FrameGoalLabel(std::string_view code) {
  if (code == "improve fit") return Make(code, C_("FRAME: goal", "improve fit"));
  if (code == "increase reach") return Make(code, C_("FRAME: goal", "increase reach"));
  if (code == "increase engagement") return Make(code, C_("FRAME: goal", "increase engagement"));
  if (code == "increase retention") return Make(code, C_("FRAME: goal", "increase retention"));
  if (code == "improve feasibility") return Make(code, C_("FRAME: goal", "improve feasibility"));
  if (code == "improve effectiveness")
    return Make(code, C_("FRAME: goal", "improve effectiveness"));
  if (code == "reduce cost") return Make(code, C_("FRAME: goal", "reduce cost"));
  if (code == "increase satisfaction")
    return Make(code, C_("FRAME: goal", "increase satisfaction"));
  return Make(code, "");
}

Label OutcomeIndicatorLabel(std::string_view code) {
  if (code == "contact_adherence") return Make(code, C_("outcome indicator", "contacts held"));
  if (code == "attendance") return Make(code, C_("outcome indicator", "attendance"));
  if (code == "fidelity") return Make(code, C_("outcome indicator", "fidelity"));
  if (code == "plans") return Make(code, C_("outcome indicator", "plans"));
  if (code == "children") return Make(code, C_("outcome indicator", "children"));
  return Make(code, "");
}

Label AgeBandLabel(std::string_view code) {
  if (code == "all") return Make(code, C_("age band", "all ages"));
  return Make(code, "");
}

Label RestrictionStatusLabel(std::string_view code) {
  if (code == "pending") return Make(code, C_("restriction status", "not yet in force"));
  if (code == "in-force") return Make(code, C_("restriction status", "in force"));
  if (code == "expired") return Make(code, C_("restriction status", "expired"));
  if (code == "lifted") return Make(code, C_("restriction status", "lifted"));
  return Make(code, "");
}

Label ViewGapLabel(std::string_view code) {
  if (code == "no-plan") return Make(code, C_("child's view missing", "no plan"));
  if (code == "not-recorded") return Make(code, C_("child's view missing", "not recorded"));
  if (code == "outdated") return Make(code, C_("child's view missing", "outdated"));
  return Make(code, "");
}

Label AttendanceTrendLabel(std::string_view code) {
  if (code == "falling") return Make(code, C_("attendance trend", "falling"));
  return Make(code, "");
}

Label MethodSourceLabel(std::string_view code) {
  if (code == "plugin") return Make(code, C_("method source", "plugin"));
  if (code == "profile") return Make(code, C_("method source", "profile"));
  return Make(code, "");
}

Label MethodKindLabel(std::string_view code) {
  if (code == "contact") return Make(code, C_("method kind", "contact"));
  if (code == "group") return Make(code, C_("method kind", "group work"));
  if (code == "assessment") return Make(code, C_("method kind", "assessment"));
  if (code == "prevention") return Make(code, C_("method kind", "prevention"));
  return Make(code, "");
}

namespace {

Label CapabilityLabel(std::string_view code) {
  if (code == "contact-planning") return Make(code, C_("method capability", "contact planning"));
  if (code == "group-planning") return Make(code, C_("method capability", "group planning"));
  if (code == "follow-up") return Make(code, C_("method capability", "follow-up"));
  if (code == "assessment") return Make(code, C_("method capability", "assessment"));
  return Make(code, "");
}

}  // namespace

Label CapabilitiesLabel(const std::vector<std::string>& codes) {
  Label label;
  for (const std::string& code : codes) {
    if (!label.code.empty()) {
      label.code += ',';
      label.text += C_("list separator", ", ");
    }
    label.code += code;
    label.text += CapabilityLabel(code).text;
  }
  return label;
}

Label PluginOutcomeLabel(std::string_view code) {
  if (code == "loaded") return Make(code, C_("plugin outcome", "loaded"));
  if (code == "failed-to-open") return Make(code, C_("plugin outcome", "could not be opened"));
  if (code == "missing-export") return Make(code, C_("plugin outcome", "not a kinbridge plugin"));
  if (code == "incompatible") return Make(code, C_("plugin outcome", "incompatible"));
  if (code == "init-failed") return Make(code, C_("plugin outcome", "failed to start"));
  if (code == "duplicate-method") return Make(code, C_("plugin outcome", "method already loaded"));
  if (code == "base-missing") return Make(code, C_("plugin outcome", "base method missing"));
  if (code == "base-out-of-range") {
    return Make(code, C_("plugin outcome", "base method of another version"));
  }
  if (code == "adaptation-cycle") return Make(code, C_("plugin outcome", "adaptation cycle"));
  if (code == "adaptation-failed") return Make(code, C_("plugin outcome", "adaptation failed"));
  if (code == "refused") return Make(code, C_("plugin outcome", "refused"));
  return Make(code, "");
}

Label QuarterLabel(std::string_view code) {
  const bool quarter =
      code.size() == 7 && code.substr(4, 2) == "-Q" && code[6] >= '1' && code[6] <= '4' &&
      std::all_of(code.begin(), code.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
  if (!quarter) return Make(code, "");
  // TRANSLATORS: a calendar quarter in outcome tables: {0} the year (2026), {1} the quarter (1-4).
  const char* pattern = _("{0}-Q{1}");
  try {
    return {std::string(code), fmt::format(fmt::runtime(pattern), code.substr(0, 4), code[6])};
  } catch (const fmt::format_error&) {
    return Make(code, "");  // A broken translation must not hide the quarter.
  }
}

Label RolesLabel(const std::vector<Role>& roles) {
  std::string codes;
  for (Role role : roles) {
    if (!codes.empty()) codes += ',';
    codes += RoleName(role);
  }
  return RolesLabel(codes);
}

Label RolesLabel(std::string_view codes) {
  Label label{std::string(codes), ""};
  while (!codes.empty()) {
    const std::size_t comma = codes.find(',');
    const std::string_view code = codes.substr(0, comma);
    if (!label.text.empty()) label.text += C_("list separator", ", ");
    const Result<Role> role = ParseRole(code);
    label.text += role.ok() ? RoleLabel(*role).text : std::string(code);
    codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
  }
  return label;
}

}  // namespace kinbridge::cli
