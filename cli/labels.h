// Enumerated values as people read them: each code with its label in the user's language. Tables
// show the label, JSON and CSV the code (see Label in output/output.h). One function per
// vocabulary; the codes come from the SDK's *Name() functions or, for vocabularies the core and
// the methods keep as text, are the documented codes.
#pragma once

#include <string_view>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/child.h"
#include "kinbridge/contact.h"
#include "kinbridge/national_id.h"
#include "kinbridge/placement.h"
#include "kinbridge/plan.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "kinbridge/worker.h"
#include "kinbridge/workspace.h"
#include "output/output.h"

namespace kinbridge::cli {

// The model's enumerations.
Label RelationKindLabel(RelationKind kind);
Label RestrictionKindLabel(RestrictionKind kind);
Label PlacementTypeLabel(PlacementType type);
Label LegalBasisLabel(LegalBasis basis);
Label NationalIdSchemeLabel(NationalIdScheme scheme);
Label ChildStatusLabel(ChildStatus status);
Label PlanStatusLabel(PlanStatus status);
Label EventStatusLabel(EventStatus status);
Label ContactOutcomeLabel(ContactOutcome outcome);
Label SiteKindLabel(SiteKind kind);
Label ActivityKindLabel(ActivityKind kind);
Label EnrolmentStatusLabel(EnrolmentStatus status);
Label SessionStatusLabel(SessionStatus status);
Label AttendanceMarkLabel(AttendanceMark mark);
Label RoleLabel(Role role);
Label WorkspaceModeLabel(WorkspaceMode mode);

// Roles as one cell: the code "centre-staff,teacher" (comma-separated, as `user add` reads them),
// the label "centre staff, teacher". A code that is not a role is its own label.
Label RolesLabel(const std::vector<Role>& roles);
Label RolesLabel(std::string_view codes);

// Vocabularies kept as text. A code outside the vocabulary (a newer method's, say) is its own
// label, so that nothing is hidden.
Label RelationKindLabel(std::string_view code);  // "mother", ... as text (contact events)
Label ContactModeLabel(std::string_view code);   // "visit", "phone", "video", "letter", "message"
Label SupervisionLabel(std::string_view code);   // "supervised", "monitored", "unsupervised"
// A venue as a method or worker wrote it: the words the shipped methods use ("family centre",
// "foster home", "online", "school"...) in the user's language, anything else as written; empty
// is null.
Value VenueValue(const std::string& venue);
// The record an audit entry names: its type in the user's language ("child", "children",
// "contact-event"...) and its id ("child VAR-2026-0001" becomes "barn VAR-2026-0001").
Label AuditRecordLabel(const std::string& type, const std::string& id);
Label AuditActionLabel(std::string_view code);    // "child.add", "plan.approve", ...
Label ChildViewHowLabel(std::string_view code);   // "conversation", "in-writing", ...
Label SeverityLabel(std::string_view code);       // "error", "warning", "info"
Label FidelityLabel(std::string_view code);       // "essential", "necessary", ...
Label ParameterTypeLabel(std::string_view code);  // "integer", "number", "boolean", "text"
Label MethodSourceLabel(std::string_view code);   // "plugin", "profile"
Label MethodKindLabel(std::string_view code);     // "contact", "group", "assessment", "prevention"
// A method's capabilities as one cell, like RolesLabel: "contact-planning,follow-up".
Label CapabilitiesLabel(const std::vector<std::string>& codes);
// How loading a plugin went: "loaded", "failed-to-open", "incompatible", ...
Label PluginOutcomeLabel(std::string_view code);
// FRAME (Wiltsey Stirman et al. 2019): when, what, level, nature and goal of an adaptation.
Label FrameWhenLabel(std::string_view code);
Label FrameWhatLabel(std::string_view code);
Label FrameLevelLabel(std::string_view code);
Label FrameNatureLabel(std::string_view code);
Label FrameGoalLabel(std::string_view code);
// Aggregated outcomes (kinbridge/transfer.h): "contact_adherence", ...; age bands ("all").
Label OutcomeIndicatorLabel(std::string_view code);
Label AgeBandLabel(std::string_view code);
// A recurrence rule: the rule itself is the code ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"), its words
// in the user's language the label ("every other Saturday"; see DescribeRecurrence, which gives a
// rule it cannot say faithfully back as it is). An empty rule has an empty label.
Label RecurrenceLabel(std::string_view rrule);
// A calendar quarter "2026-Q3" in the language's form (the pattern "{0}-Q{1}"); other text as it
// is.
Label QuarterLabel(std::string_view code);

// Codes the CLI itself computes.
// A restriction on a day: "pending", "in-force", "expired", "lifted".
Label RestrictionStatusLabel(std::string_view code);
// Why a child is listed without a recent child's view: "no-plan", "not-recorded", "outdated".
Label ViewGapLabel(std::string_view code);
// A child's attendance trend in the attendance report: "falling".
Label AttendanceTrendLabel(std::string_view code);

}  // namespace kinbridge::cli
