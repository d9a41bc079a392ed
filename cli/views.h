// How the model's records look in lists and in `show`: their columns, rows and fields.
#pragma once

#include <map>
#include <vector>

#include "context.h"
#include "kinbridge/activity.h"
#include "kinbridge/child.h"
#include "kinbridge/contact.h"
#include "kinbridge/methods.h"
#include "kinbridge/placement.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "kinbridge/transfer.h"
#include "labels.h"
#include "output/output.h"

namespace kinbridge::cli {

std::vector<Column> ChildColumns();
std::vector<Value> ChildRow(const Child& child, Date today);
std::vector<Field> ChildFields(const Child& child, Date today);

std::vector<Column> RelationColumns();
std::vector<Value> RelationRow(const Relation& relation);

// with_child: a leading column naming the child (for lists across children).
std::vector<Column> RestrictionColumns(bool with_child);
std::vector<Value> RestrictionRow(const Restriction& restriction, bool with_child, Date today);

std::vector<Column> PlacementColumns();
std::vector<Value> PlacementRow(const Placement& placement);

// Contact events in lists (with the relation and UTC times) and shown alone.
std::vector<Column> EventColumns();
std::vector<Value> EventRow(const ContactEvent& event);
Record EventRecord(const ContactEvent& event);

// A method's core components by id, with their titles in the user's language: tables show the
// title, JSON and CSV the id. An unknown id is shown as it is.
using ComponentTitles = std::map<std::string, std::string>;
ComponentTitles TitlesOf(const MethodDescription& method);
// The titles of `method`'s components (id or id@version); none when it cannot be described
// (the cells then show ids).
ComponentTitles MethodComponentTitles(Workspace& ws, const std::string& method);
Value ComponentCell(const std::string& id, const ComponentTitles& titles);

// A method's findings as a section of a record; the component a finding concerns is shown by
// its title in tables.
Section FindingsSection(const std::vector<MethodFinding>& findings,
                        const ComponentTitles& titles = {});

// A plan review: adherence, fidelity and the method's notes as sections.
Record ReviewRecord(const PlanReview& review, const ComponentTitles& titles = {});

// Empty text as null.
Value OptionalText(const std::string& text);

// Prints a child with its family network, restrictions and placements (child show).
void PrintChild(Context& ctx, Workspace& ws, const Child& child);

// Output values for optional dates, UTC timestamps and lists. Dates and timestamps are DateCells:
// tables show them in the language's form, JSON and CSV as ISO 8601 (an empty timestamp as "").
Value DateValue(const std::optional<Date>& date);
Value TimestampValue(const std::string& timestamp);
Value ListValue(const std::vector<std::string>& items);

// Support centres and schools, their staff and the training of workers in methods.
std::vector<Column> SiteColumns();
std::vector<Value> SiteRow(const Site& site);
std::vector<Field> SiteFields(const Site& site);
std::vector<Column> StaffColumns();
std::vector<Value> StaffRow(const StaffAssignment& staff);
std::vector<Column> TrainingColumns();
std::vector<Value> TrainingRow(const TrainingRecord& training);

// Activities, their enrolments (and waiting lists), groups and group members.
std::vector<Column> ActivityColumns();
std::vector<Value> ActivityRow(const Activity& activity);
std::vector<Field> ActivityFields(const Activity& activity);
std::vector<Column> EnrolmentColumns();
std::vector<Value> EnrolmentRow(const Enrolment& enrolment);
std::vector<Field> EnrolmentFields(const Enrolment& enrolment);
std::vector<Column> GroupColumns();
std::vector<Value> GroupRow(const Group& group);
std::vector<Field> GroupFields(const Group& group);
std::vector<Column> MemberColumns();
std::vector<Value> MemberRow(const GroupMember& member);

// Sessions and their attendance.
std::vector<Column> SessionColumns();
std::vector<Value> SessionRow(const Session& session);
std::vector<Field> SessionFields(const Session& session);
std::vector<Column> AttendanceColumns();
std::vector<Value> AttendanceRow(const AttendanceRecord& record);

// A method's adaptations (FRAME records), and the sections every description of a method shows:
// parameters, core components, adaptations.
std::vector<Column> FrameColumns();
std::vector<Value> FrameRow(const FrameChange& change, const ComponentTitles& titles = {});
std::vector<Section> MethodSections(const MethodDescription& method);

// An aggregated outcome's value: a count ("plans", "children") as a whole number, a share with
// three decimals ("0.857").
std::string OutcomeValueText(const TransferOutcomeCell& cell);
// `report method`: rows of indicator, period and age band with a value and a number of children
// per source (JSON: the sources and rows as they are).
void PrintMethodOutcomeReport(Context& ctx, const MethodOutcomeReport& report);

// A rate 0..1 as a whole percentage.
std::int64_t Percent(double rate);
// A rate as a whole percentage, or null when nothing was expected.
Value RateValue(double rate, int expected);

// The attendance report: one line saying how many children are flagged, and the record with its
// sections (children, groups, activities, the method's notes).
std::string AttendanceSummary(const AttendanceReport& report);
Record AttendanceReportRecord(const AttendanceReport& report, int recent_days);

}  // namespace kinbridge::cli
