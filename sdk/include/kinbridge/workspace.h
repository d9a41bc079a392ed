// Workspace: the SDK's entry point. One workspace holds one municipality's cases in one
// database: a SQLite file by default, or a PostgreSQL database for multi-user deployments.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/audit.h"
#include "kinbridge/cases.h"
#include "kinbridge/child.h"
#include "kinbridge/contact.h"
#include "kinbridge/date.h"
#include "kinbridge/exchange.h"
#include "kinbridge/export.h"
#include "kinbridge/methods.h"
#include "kinbridge/municipality.h"
#include "kinbridge/placement.h"
#include "kinbridge/plan.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"
#include "kinbridge/transfer.h"
#include "kinbridge/worker.h"

KINBRIDGE_NAMESPACE_BEGIN

// The schema version this build of kinbridge creates and understands.
KINBRIDGE_API int WorkspaceSchemaVersion();

enum class WorkspaceMode {
  kProduction,  // real cases
  kDemo,        // made by `kinbridge demo`: invented data
  kTest,        // made by tests
};
KINBRIDGE_API std::string_view WorkspaceModeName(WorkspaceMode mode);

// Whether a workspace location names a PostgreSQL database (a postgresql:// or postgres:// URL,
// or libpq key=value pairs) rather than a SQLite file.
KINBRIDGE_API bool IsPostgresqlLocation(std::string_view location);

// A location beside `location` for another workspace called `name` (the demo's Huangshan):
// the file "<stem>-<name>.db" in the same folder, or on PostgreSQL the schema
// "<schema>_<name>" of the same database, created when missing (the role needs CREATE on the
// database).
KINBRIDGE_API Result<std::string> SiblingWorkspaceLocation(const std::string& location,
                                                           std::string_view name);

// Removes the demo workspace at `location` so that a new demo can take its place: its files,
// or on PostgreSQL every table of its schema. Ok when there is none; FailedPrecondition, and
// nothing removed, when the location holds anything but a demo workspace.
KINBRIDGE_API Status RemoveDemoWorkspace(const std::string& location);

struct WorkspaceOptions {
  // The date the workspace treats as today. Default: the current date in the municipality's
  // time zone. Tests and demos fix it to get the same results on every run.
  std::optional<Date> today;
  // The clock for record timestamps, as UTC "YYYY-MM-DDTHH:MM:SSZ". Default: the system clock.
  std::optional<std::string> now_utc;
  // How long a write waits for another process's write to finish. Default: 10 s.
  int busy_timeout_ms = 10000;
  // The worker acting, by OS account. Default: the account running the process. Another
  // account is accepted only in demo and test workspaces (the CLI's --as).
  std::string account;
  // Why the data is being accessed; recorded in every audit entry of this session.
  // Administrators read case data only with a purpose.
  std::string purpose;
};

struct CreateOptions {
  Municipality municipality;  // id and uuid are assigned
  WorkspaceMode mode = WorkspaceMode::kProduction;
  // The worker created as the first administrator. Default: the account running the process;
  // another account only in demo and test workspaces. Default name: the account.
  std::string administrator_account;
  std::string administrator_name;
};

// What Workspace::MigrateTo copied and checked.
struct WorkspaceMigration {
  std::string from, to;  // locations, without passwords
  // Every table with its number of rows, in the order copied; equal in both databases.
  std::vector<std::pair<std::string, std::int64_t>> tables;
  std::int64_t rows = 0;
  std::int64_t audit_entries = 0;  // verified as one intact chain in the new database
  std::string audit_head_hash;     // the newest entry's hash, the same in both databases
};

template <typename T>
using Visitor = std::function<bool(const T&)>;  // return false to stop early

// Thread-safety: a Workspace is not safe for concurrent use; give each thread its own
// (opening the same file from several threads or processes is safe).
// Every write is one transaction: it either happens whole or not at all.
// Access: a Workspace acts as one worker (WorkspaceOptions::account). Every operation checks
// that worker's roles and caseload and returns PermissionDenied naming the role and the
// operation when they do not allow it. Every read and write of a child's data, and every
// refusal, writes an audit entry in the same transaction.
class KINBRIDGE_API Workspace {
 public:
  // Where a workspace lives (`path` below): a SQLite file path, or a PostgreSQL database as a
  // postgresql:// (postgres://) URL or libpq key=value pairs ("host=db1 dbname=kinbridge").
  // On PostgreSQL the tables live in the connection's current schema (its search_path), so one
  // database can hold several workspaces in separate schemas.
  //
  // Creates a new workspace at `path`; refuses an existing file, or a PostgreSQL schema that
  // already holds tables. On PostgreSQL the database and schema must exist (an administrator
  // creates them; docs/deployment.md).
  static Result<Workspace> Create(const std::string& path, const CreateOptions& create,
                                  const WorkspaceOptions& options = {});
  // Opens an existing workspace, applying pending migrations; refuses a missing file, a file
  // that is not a kinbridge workspace and one made by a newer kinbridge.
  static Result<Workspace> Open(const std::string& path, const WorkspaceOptions& options = {});

  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  ~Workspace();

  // The SQLite file, or the PostgreSQL connection string with any password left out.
  const std::string& path() const;
  const Municipality& municipality() const;
  WorkspaceMode mode() const;
  int schema_version() const;
  Date Today() const;

  // The worker this workspace acts as.
  const Worker& acting_worker() const;
  const std::string& purpose() const;

  // Workers (administrators; supervisors may list). Roles take effect at the next Open.
  Result<Worker> AddWorker(const NewWorker& worker);
  Result<Worker> GrantRole(std::string_view account, Role role);
  Result<Worker> RevokeRole(std::string_view account, Role role);
  Status ForEachWorker(const Visitor<Worker>& visit) const;

  // Caseloads: makes `account` responsible for the child from now on, releasing the previous
  // worker (a hand-over, with a note). Supervisors within their unit; administrators.
  Result<CaseloadAssignment> AssignChild(std::string_view child_ref, std::string_view account,
                                         std::string_view note);
  // The child's responsible workers over time, oldest first.
  Status ForEachAssignment(std::string_view child_ref,
                           const Visitor<CaseloadAssignment>& visit) const;

  // The audit trail (administrators and supervisors). Reading it is itself audited.
  Status ForEachAuditEntry(const AuditQuery& query, const Visitor<AuditEntry>& visit) const;
  Result<AuditVerification> VerifyAudit() const;

  // Copies the whole workspace, audit trail included, into a new workspace at `target` (for
  // example from a SQLite file to PostgreSQL): ids kept, every table copied in one transaction
  // on the target, then the row counts compared and the copied audit chain verified before it
  // commits. Writers to this workspace wait until the copy is done. Administrators only; the
  // move is itself an audit entry, copied with the rest. Refuses a target that exists (a file,
  // or a PostgreSQL schema with tables).
  Result<WorkspaceMigration> MigrateTo(const std::string& target);

  // Working methods. Plugins are found in the workspace's plugin directories (the setting
  // "plugin_path", $KINBRIDGE_PLUGIN_PATH and the built-in plugin directory) and loaded only if
  // installed here with an unchanged file (SHA-256).
  //
  // Installs or re-approves a plugin file (administrators): checks that it loads, records its
  // hash. Refuses a file that does not load, naming why.
  Result<PluginStatus> InstallMethodPlugin(const std::string& file);
  // Every plugin file installed or found, with whether it loads and whether its hash matches.
  Status ForEachPlugin(const Visitor<PluginStatus>& visit) const;
  // Every method available here (from trusted plugins and stored profiles), by id.
  Status ForEachMethod(const Visitor<MethodDescription>& visit) const;
  // `method_id` is an id (the newest version) or id@version.
  Result<MethodDescription> DescribeMethod(std::string_view method_id) const;
  // Stores a profile (a JSON adaptation without code) after validating it against its base;
  // administrators and method designers.
  Result<MethodDescription> AdaptMethod(const std::string& profile_json);
  // Asks a method, through its adaptation chain, for a contact plan for the child, from a
  // pseudonymised snapshot of the case. Reads case data: audited like a read.
  Result<ContactPlanProposal> ProposeContactPlan(std::string_view child_ref,
                                                 std::string_view method_id) const;
  // Contact plans. A plan is drawn up with a method: ProposePlan stores the method's proposal
  // as a draft, with the method and its adaptation chain. The method validates the plan at every
  // change and at approval (errors refuse the change, warnings are kept in `findings`); the core
  // refuses, whatever the method says, an arrangement with a relation under a no-contact
  // restriction, an unsupervised one with a supervised-only relation, an invalid recurrence, and
  // a schedule starting before the child's current placement. Changes are possible in draft and
  // under review; approval makes the plan active and sets its review date.
  Result<ContactPlan> ProposePlan(std::string_view child_ref, std::string_view method_id,
                                  std::string_view purpose);
  Result<ContactPlan> GetPlan(std::int64_t plan_id) const;
  Status ForEachPlan(std::string_view child_ref, const Visitor<ContactPlan>& visit) const;
  Result<ContactPlan> RecordChildView(std::int64_t plan_id, const ChildView& view);
  Result<ContactPlan> AddArrangement(std::int64_t plan_id, const NewArrangement& arrangement);
  Result<ContactPlan> RemoveArrangement(std::int64_t plan_id, std::int64_t arrangement_id);
  Result<ContactPlan> ApprovePlan(std::int64_t plan_id);
  Result<ContactPlan> EndPlan(std::int64_t plan_id, Date ended_on, std::string_view reason);

  // Contact events. Approval schedules a plan's events for the next kDefaultScheduleDays days;
  // ScheduleContacts extends the schedule of every active plan of one child (`child_ref`) or of
  // every child the acting worker may change (administrators: all), from today through
  // `through` (default: today + kDefaultScheduleDays, at most two years). Idempotent: an
  // arrangement has at most one event a day, so running it again creates nothing new. An
  // occurrence that a restriction in force that day forbids is withheld, not scheduled.
  Result<ScheduleResult> ScheduleContacts(std::string_view child_ref = {},
                                          std::optional<Date> through = std::nullopt);
  Result<ContactEvent> GetContactEvent(std::int64_t event_id) const;
  // Records what happened. Refuses an event that is cancelled or on a later day than today,
  // and one already logged unless report.amend.
  Result<ContactEvent> LogContact(std::int64_t event_id, const ContactReport& report);
  // Records the outcomes of many events in one transaction (a caseload's week, a generated
  // workspace's history): each is checked as LogContact checks it, and an event may appear once;
  // the first error refuses the whole batch, naming the entry by its position, so nothing is
  // half-written. One audit entry records the batch, with every child as its subject and every
  // event's outcome in its details.
  Result<ContactLogResult> LogContacts(const std::vector<ContactLog>& logs);
  // Events in time order; due lists (open_only with a window) and overdue lists (open_only,
  // up to yesterday) are queries of this.
  Status ForEachContactEvent(const ContactQuery& query, const Visitor<ContactEvent>& visit) const;
  // The events of the query as an iCalendar (RFC 5545) text, times in UTC, cancelled events
  // marked CANCELLED. It names relations and case references, never ids or addresses.
  Result<std::string> ContactCalendar(const ContactQuery& query) const;
  // Reviews a plan with its method's follow-up capability over the days since the last review
  // (or the plan's first contact): adherence per relation and mode, fidelity to the method's
  // components, the next review date (stored on the plan). `revise` puts the plan under review so
  // that it can be changed and approved again.
  Result<PlanReview> ReviewPlan(std::int64_t plan_id, bool revise = false);
  Status ForEachPlanReview(std::int64_t plan_id, const Visitor<PlanReview>& visit) const;

  // Support centres and schools (administrators manage them; every worker may list them).
  Result<Site> AddSite(const NewSite& site);
  Result<Site> EditSite(std::string_view code, const SiteChanges& changes);
  Result<Site> GetSite(std::string_view code) const;
  Status ForEachSite(std::optional<SiteKind> kind, const Visitor<Site>& visit) const;
  // Who works where (administrators). A worker may work at several sites.
  Result<StaffAssignment> AddStaff(std::string_view site_code, std::string_view account, Date from);
  Result<StaffAssignment> EndStaff(std::string_view site_code, std::string_view account,
                                   Date last_day);
  Status ForEachStaff(std::string_view site_code, const Visitor<StaffAssignment>& visit) const;
  // Training in methods (administrators and supervisors record it; every worker may read it).
  Result<TrainingRecord> RecordTraining(const NewTraining& training);
  Status ForEachTraining(const TrainingQuery& query, const Visitor<TrainingRecord>& visit) const;

  // Activities at a site (centre staff working there). Creating an activity, or changing its
  // schedule, schedules its sessions for the next kDefaultScheduleDays days. A leader must work
  // at the site, be accepted by the method's group planning (e.g. trained in the method) and
  // not lead another session at the same time.
  Result<Activity> AddActivity(const NewActivity& activity);
  Result<Activity> EditActivity(std::int64_t activity_id, const ActivityChanges& changes);
  Result<Activity> GetActivity(std::int64_t activity_id) const;
  // Centre staff: their sites' activities; teachers: the activities of the groups they lead;
  // administrators: all.
  Status ForEachActivity(const ActivityQuery& query, const Visitor<Activity>& visit) const;
  // Enrols an open child; a full activity puts the child on its waiting list (or refuses, as
  // `options` says). Refuses a child already enrolled or waiting.
  Result<Enrolment> Enrol(std::int64_t activity_id, std::string_view child_ref,
                          const EnrolOptions& options);
  // The child leaves after `last_day` (also leaving its group); waiting children take the freed
  // places in waiting-list order from the next day.
  Result<LeaveResult> LeaveActivity(std::int64_t activity_id, std::string_view child_ref,
                                    Date last_day, std::string_view reason);
  // Enrolled and waiting children (and those who left, with `include_left`).
  Status ForEachEnrolment(std::int64_t activity_id, bool include_left,
                          const Visitor<Enrolment>& visit) const;

  // Asks the activity's method to form groups of the enrolled children in no group yet, from
  // pseudonymised snapshots (age, school, siblings; never names). Stores nothing.
  Result<GroupProposal> ProposeGroups(std::int64_t activity_id) const;
  // Stores proposed groups, as proposed or edited: each is checked like AddGroup, all or none.
  Result<std::vector<Group>> AcceptGroups(const GroupProposal& proposal);
  Result<Group> AddGroup(const NewGroup& group);
  Result<Group> EditGroup(std::int64_t group_id, const GroupChanges& changes);
  Result<Group> GetGroup(std::int64_t group_id) const;
  // activity_id 0: every group the acting worker may see (teachers: the groups they lead).
  Status ForEachGroup(std::int64_t activity_id, const Visitor<Group>& visit) const;
  // A child enrolled in the activity joins the group from `on` (one group per activity at a
  // time), or leaves it after `last_day`.
  Result<GroupMember> JoinGroup(std::int64_t group_id, std::string_view child_ref, Date on);
  Result<GroupMember> LeaveGroup(std::int64_t group_id, std::string_view child_ref, Date last_day);
  Status ForEachGroupMember(std::int64_t group_id, bool include_left,
                            const Visitor<GroupMember>& visit) const;

  // Sessions. ScheduleSessions extends every activity's sessions (of one site, or all that the
  // acting worker manages) through `through` (default today + kDefaultScheduleDays); idempotent.
  Result<SessionScheduleResult> ScheduleSessions(std::string_view site_code = {},
                                                 std::optional<Date> through = std::nullopt);
  Result<Session> AddSession(const NewSession& session);
  Result<Session> CancelSession(std::int64_t session_id, std::string_view reason);
  Result<Session> GetSession(std::int64_t session_id) const;
  Status ForEachSession(const SessionQuery& query, const Visitor<Session>& visit) const;
  // Records a session's attendance, which makes it held: refused for a session that is cancelled
  // or on a later day than today, for a child who is not expected at it, and for a session
  // already recorded unless `sheet.amend`. Centre staff of the site and the session's leader.
  // A family-call session logs each present child's open video and phone contacts of that day
  // as held.
  Result<AttendanceResult> RecordAttendance(std::int64_t session_id, const AttendanceSheet& sheet);
  Status ForEachAttendance(std::int64_t session_id, const Visitor<AttendanceRecord>& visit) const;
  // Attendance per child, group and activity; children whose attendance is falling; capacity
  // use; group fidelity.
  Result<AttendanceReport> ReportAttendance(const AttendanceReportQuery& query) const;

  // Directories searched for plugins, in order: the workspace's own, $KINBRIDGE_PLUGIN_PATH,
  // the built-in plugin directory.
  std::vector<std::string> PluginDirectories() const;
  // Sets the workspace's own plugin directories (administrators). Each must exist.
  Status SetPluginDirectories(const std::vector<std::string>& directories);

  // Children. `ref` is a case reference ("VAR-2026-0042") or a uuid.
  Result<Child> AddChild(const NewChild& child);
  Result<Child> GetChild(std::string_view ref) const;
  // The child with its relations, restrictions and placements, read in one transaction and
  // audited as one entry ("child.show" naming every part read). Each part is authorized as
  // GetChild, ForEachRelation, ForEachRestriction and ForEachPlacement authorize it; a part the
  // worker may not read refuses the whole (PermissionDenied, recorded as "access.denied").
  Result<ChildCase> GetCase(std::string_view ref) const;
  Result<Child> EditChild(std::string_view ref, const ChildChanges& changes);
  Result<Child> CloseChild(std::string_view ref, Date closed_on, std::string_view reason);
  Status ForEachChild(const ChildQuery& query, const Visitor<Child>& visit) const;

  // Registers many cases in one transaction: each child, relation, restriction, placement and
  // plan is checked as AddChild, AddRelation, AddRestriction, AddPlacement, ProposePlan and
  // ApprovePlan check it, and the first error refuses the whole batch (naming the case by its
  // position), so nothing is half-written. One audit entry records the batch with every child
  // as its subject. Needs the same roles as AddChild; a plan also needs permission to change
  // the case.
  Result<CaseRegistration> RegisterCases(const std::vector<NewCase>& cases);

  // The family network.
  Result<Relation> AddRelation(std::string_view child_ref, const NewRelation& relation);
  Result<Relation> GetRelation(std::int64_t relation_id) const;
  Status ForEachRelation(std::string_view child_ref, const Visitor<Relation>& visit) const;

  // Contact restrictions.
  Result<Restriction> AddRestriction(std::int64_t relation_id, const NewRestriction& restriction);
  Result<Restriction> LiftRestriction(std::int64_t restriction_id, Date lifted_on,
                                      std::string_view reason);
  Result<Restriction> GetRestriction(std::int64_t restriction_id) const;
  Status ForEachRestriction(const RestrictionQuery& query, const Visitor<Restriction>& visit) const;

  // Imports children, relations and placements from CSV files (kinbridge/exchange.h) in one
  // transaction: every row is checked as AddChild, AddRelation, AddPlacement and EndPlacement
  // check it, and audited as they audit it. Rejected rows are listed in the result, with their
  // line, column and reason; unless request.skip_invalid, one rejected row means nothing is
  // written. Fails (writing nothing) on a file that is not CSV or whose header lacks a required
  // column or has an unknown one.
  Result<ImportResult> Import(const ImportRequest& request);

  // Placements.
  Result<Placement> AddPlacement(std::string_view child_ref, const NewPlacement& placement);
  Result<Placement> EndPlacement(std::int64_t placement_id, Date end, std::string_view reason);
  Result<Placement> GetPlacement(std::int64_t placement_id) const;
  Status ForEachPlacement(std::string_view child_ref, const Visitor<Placement>& visit) const;

  // Transfer packages (administrators; see kinbridge/transfer.h). Writes a package of a method
  // (descriptor, profile, FRAME records, lineage; never personal data), signed when a key file
  // is given, and records it in the export log.
  Result<TransferExport> ExportMethodPackage(const TransferExportOptions& options);
  // Checks a package (as ReadTransferPackage) and registers its method, so that its origin and
  // adaptations are known here. The plugin binary still comes through InstallMethodPlugin.
  Result<ImportedMethod> ImportMethodPackage(const std::string& package_file,
                                             const TransferTrust& trust);
  Status ForEachImportedMethod(const Visitor<ImportedMethod>& visit) const;
  Status ForEachTransferExport(const Visitor<TransferExport>& visit) const;
  // This workspace's aggregated outcomes of a method (computed now, k = 5 suppressed as in a
  // package) beside the outcomes of every imported package of the same method or of one related
  // to it by lineage. Aggregates of the workspace's children: supervisors, method designers and
  // administrators; audited.
  Result<MethodOutcomeReport> ReportMethodOutcomes(const MethodOutcomeQuery& query) const;

  class Impl;

 private:
  explicit Workspace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

KINBRIDGE_NAMESPACE_END
