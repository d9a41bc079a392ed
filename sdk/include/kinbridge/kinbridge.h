/* The kinbridge C API: the Workspace API for programs in C, or in Java, .NET, Python and other
 * languages through their C foreign-function interfaces.
 *
 * Compiles as C99, C11 and C++. Every symbol is prefixed kb_; every function is named
 * kb_<noun>_<verb>. docs/c-api.md describes the JSON of every record.
 *
 * Handles. A kb_workspace is an opaque handle to one open workspace, acting as one worker. It is
 * made by kb_workspace_create or kb_workspace_open and released by kb_workspace_close.
 *
 * Errors. Every function that can fail returns a kb_error_code: KB_OK (0) on success, otherwise
 * the kind of failure (it mirrors kinbridge::ErrorCode). The message that explains a failure —
 * in the user's language, naming the value or JSON field that was wrong and what was expected —
 * is kept per thread: kb_last_error_message() returns it until the next kb_ call on the same
 * thread (every call that returns a kb_error_code, and kb_workspace_close, sets it: to "" on
 * success). No C++ exception ever leaves a kb_ function.
 *
 * JSON. Records go in and come out as UTF-8 JSON text. Input objects are strict: an unknown field
 * is refused (so that a misspelt field is never silently ignored); null or an absent field means
 * "not given"; a NULL or empty input string means {}. Output uses the same field names as the
 * kinbridge command's --format json; dates are "YYYY-MM-DD", times "YYYY-MM-DDTHH:MM:SSZ" (UTC),
 * missing values null, flags true/false, lists arrays (where the command joins them with
 * commas). A list of records comes out as one JSON array.
 *
 * Ownership. Strings passed in are borrowed for the call only. A string returned through a
 * char** out-parameter is allocated by the library and owned by the caller, who frees it with
 * kb_string_free (never with free()); on failure *out is set to NULL. Strings returned as
 * const char* (kb_version, kb_last_error_message, kb_error_code_name) belong to the library and
 * are never freed by the caller.
 *
 * Threads. A kb_workspace must not be used by two threads at the same time; give each thread its
 * own handle (opening the same workspace file from several threads or processes is safe). The
 * functions without a handle may be called from any thread, except kb_localization_init, which is
 * called once, early, before other threads start.
 */
#ifndef KINBRIDGE_KINBRIDGE_H_
#define KINBRIDGE_KINBRIDGE_H_

#include <stdint.h>

#include "kinbridge/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What kind of failure a call had; 0 is success. The values are stable. */
typedef enum kb_error_code {
  KB_OK = 0,
  KB_INVALID_ARGUMENT = 1,    /* a value (or JSON input) is malformed or out of range */
  KB_NOT_FOUND = 2,           /* the named record does not exist */
  KB_ALREADY_EXISTS = 3,      /* a unique value (national id, code) is taken */
  KB_CONFLICT = 4,            /* the record changed meanwhile, or overlaps another */
  KB_FAILED_PRECONDITION = 5, /* the record is in a state that forbids this (e.g. closed) */
  KB_PERMISSION_DENIED = 6,   /* the acting worker may not do this */
  KB_INCOMPATIBLE = 7,        /* a workspace or plugin of another version */
  KB_IO_ERROR = 8,            /* the file or database could not be read or written */
  KB_INTERNAL = 9             /* a bug or an unexpected failure of a dependency */
} kb_error_code;

/* An open workspace. Opaque; see "Handles" and "Threads" above. */
typedef struct kb_workspace kb_workspace;

/* ---- The library ---------------------------------------------------------------------------- */

/* The kinbridge version, "MAJOR.MINOR.PATCH". Static storage. */
KINBRIDGE_C_API const char* kb_version(void);

/* Frees a string returned through a char** out-parameter. NULL is ignored. */
KINBRIDGE_C_API void kb_string_free(char* text);

/* The code of this thread's last kb_ call (KB_OK after a success). */
KINBRIDGE_C_API kb_error_code kb_last_error_code(void);

/* The message of this thread's last kb_ call ("" after a success), UTF-8. Valid until the next
 * kb_ call on this thread. */
KINBRIDGE_C_API const char* kb_last_error_message(void);

/* The stable lower-case name of a code: "ok", "invalid-argument", "not-found", ... (the "code"
 * of the command's JSON errors). Static storage; "unknown" for a value not in the enum. */
KINBRIDGE_C_API const char* kb_error_code_name(kb_error_code code);

/* Sets the process locale from the environment and binds kinbridge's message catalogs;
 * `language` ("sv", "zh_CN", "en"), when not NULL or empty, overrides the environment. Without
 * this call messages are in English. Call once, before other threads start. */
KINBRIDGE_C_API kb_error_code kb_localization_init(const char* language);

/* ---- Workspaces ----------------------------------------------------------------------------- */

/* `options_json`, for create and open (every field optional):
 *   {"today": "YYYY-MM-DD", "now": "YYYY-MM-DDTHH:MM:SSZ", "account": "anna",
 *    "purpose": "...", "busy_timeout_ms": 10000}
 * today: the date treated as today (default: the municipality's date); now: the clock for record
 * timestamps (default: the system clock); account: the acting worker's OS account (default: the
 * account running the process; another only in demo and test workspaces); purpose: why the data
 * is accessed, recorded in every audit entry. */

/* Creates a new workspace file at `path` (refuses an existing file). `create_json`:
 *   {"municipality_code": "VAR", "municipality_name": "Vara", "country": "SE",
 *    "locale": "sv_SE", "time_zone": "Europe/Stockholm", "mode": "production|demo|test",
 *    "administrator": "anna", "administrator_name": "Anna Karlsson"}
 * The administrator (default: the account running the process; another only in demo and test
 * workspaces) is the first worker. On success *out_workspace is a new handle. */
KINBRIDGE_C_API kb_error_code kb_workspace_create(const char* path, const char* create_json,
                                                  const char* options_json,
                                                  kb_workspace** out_workspace);

/* Opens an existing workspace, applying pending migrations. */
KINBRIDGE_C_API kb_error_code kb_workspace_open(const char* path, const char* options_json,
                                                kb_workspace** out_workspace);

/* Closes the handle and frees it. NULL is ignored. Never fails. */
KINBRIDGE_C_API void kb_workspace_close(kb_workspace* workspace);

/* The workspace, its municipality and the acting worker:
 *   {"workspace", "municipality_code", "municipality_name", "country", "time_zone", "locale",
 *    "mode", "schema_version", "today", "purpose", "worker": {worker}} */
KINBRIDGE_C_API kb_error_code kb_workspace_info(kb_workspace* workspace, char** out_json);

/* ---- Workers and caseloads ------------------------------------------------------------------ */

/* Adds a worker (administrators): {"account", "name", "unit", "roles": ["social-worker", ...]}.
 * Roles: social-worker supervisor centre-staff teacher method-designer administrator. */
KINBRIDGE_C_API kb_error_code kb_worker_add(kb_workspace* workspace, const char* worker_json,
                                            char** out_json);
/* Every worker (administrators, supervisors): an array of workers. */
KINBRIDGE_C_API kb_error_code kb_worker_list(kb_workspace* workspace, char** out_json);
/* Gives or takes a role (administrators); it takes effect at the next open. */
KINBRIDGE_C_API kb_error_code kb_worker_grant(kb_workspace* workspace, const char* account,
                                              const char* role, char** out_json);
KINBRIDGE_C_API kb_error_code kb_worker_revoke(kb_workspace* workspace, const char* account,
                                               const char* role, char** out_json);
/* Makes `account` responsible for the child, handing over from the previous worker with a note
 * (`note` may be NULL). Out: the assignment. */
KINBRIDGE_C_API kb_error_code kb_child_assign(kb_workspace* workspace, const char* child_ref,
                                              const char* account, const char* note,
                                              char** out_json);
/* The child's responsible workers over time, oldest first: an array of assignments. */
KINBRIDGE_C_API kb_error_code kb_assignment_list(kb_workspace* workspace, const char* child_ref,
                                                 char** out_json);

/* ---- Children and their family network ------------------------------------------------------ */
/* `child_ref` is a case reference ("VAR-2026-0042") or a uuid. */

/* Registers a child: {"name", "birth_date", "national_id", "national_id_scheme", "languages":
 * [...], "school", "protected_identity", "responsible_account"}; name and birth_date required.
 * Out: the child, with its new case_reference. */
KINBRIDGE_C_API kb_error_code kb_child_add(kb_workspace* workspace, const char* child_json,
                                           char** out_json);
KINBRIDGE_C_API kb_error_code kb_child_get(kb_workspace* workspace, const char* child_ref,
                                           char** out_json);
/* Changes the fields given (the fields of kb_child_add except responsible_account, and
 * "expected_version": the edit is refused as KB_CONFLICT if the child's version differs). */
KINBRIDGE_C_API kb_error_code kb_child_edit(kb_workspace* workspace, const char* child_ref,
                                            const char* changes_json, char** out_json);
/* Closes the case: {"closed_on" (default today), "reason" (required)}. */
KINBRIDGE_C_API kb_error_code kb_child_close(kb_workspace* workspace, const char* child_ref,
                                             const char* close_json, char** out_json);
/* Children: query {"status": "open|closed|all" (default open), "search": "name substring"}. */
KINBRIDGE_C_API kb_error_code kb_child_list(kb_workspace* workspace, const char* query_json,
                                            char** out_json);

/* Adds a person to the child's network: {"person_name", "kind": "mother|father|sibling|
 * grandparent|other", "description", "birth_date", "caregiver", "in_contact",
 * "registered_child"}; person_name and kind required. */
KINBRIDGE_C_API kb_error_code kb_relation_add(kb_workspace* workspace, const char* child_ref,
                                              const char* relation_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_relation_get(kb_workspace* workspace, int64_t relation_id,
                                              char** out_json);
KINBRIDGE_C_API kb_error_code kb_relation_list(kb_workspace* workspace, const char* child_ref,
                                               char** out_json);

/* Records a decision restricting contact with a relation: {"kind": "supervised-only|no-contact|
 * secret-address", "decision_reference", "reason", "valid_from", "valid_to", "review_date"};
 * kind, decision_reference, reason and valid_from required. */
KINBRIDGE_C_API kb_error_code kb_restriction_add(kb_workspace* workspace, int64_t relation_id,
                                                 const char* restriction_json, char** out_json);
/* Lifts it: {"lifted_on" (default today), "reason" (required)}. */
KINBRIDGE_C_API kb_error_code kb_restriction_lift(kb_workspace* workspace, int64_t restriction_id,
                                                  const char* lift_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_restriction_get(kb_workspace* workspace, int64_t restriction_id,
                                                 char** out_json);
/* Restrictions: query {"child": ref (default all children), "all": true (lifted and expired
 * too)}. */
KINBRIDGE_C_API kb_error_code kb_restriction_list(kb_workspace* workspace, const char* query_json,
                                                  char** out_json);

/* Records a placement: {"type": "foster-family|kinship|residential|left-behind|own-home",
 * "legal_basis": "voluntary|compulsory", "legal_code", "caregivers", "start", "address",
 * "address_protected"}; type, legal_basis and start required. */
KINBRIDGE_C_API kb_error_code kb_placement_add(kb_workspace* workspace, const char* child_ref,
                                               const char* placement_json, char** out_json);
/* Ends it: {"end" (the day the child moved out; required), "reason" (required)}. */
KINBRIDGE_C_API kb_error_code kb_placement_end(kb_workspace* workspace, int64_t placement_id,
                                               const char* end_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_placement_get(kb_workspace* workspace, int64_t placement_id,
                                               char** out_json);
KINBRIDGE_C_API kb_error_code kb_placement_list(kb_workspace* workspace, const char* child_ref,
                                                char** out_json);

/* ---- Working methods ------------------------------------------------------------------------ */

/* The methods available here (trusted plugins and stored profiles): an array of methods. */
KINBRIDGE_C_API kb_error_code kb_method_list(kb_workspace* workspace, char** out_json);
/* One method ("se.vara.contact" for the newest version, or "se.vara.contact@1.0.0") with its
 * parameters, core components and FRAME records. */
KINBRIDGE_C_API kb_error_code kb_method_describe(kb_workspace* workspace, const char* method_id,
                                                 char** out_json);
/* Installs or re-approves a plugin file (administrators): checks it loads, records its SHA-256.
 * Out: the plugin. */
KINBRIDGE_C_API kb_error_code kb_method_install(kb_workspace* workspace, const char* plugin_file,
                                                char** out_json);
/* Stores a profile (the JSON adaptation of a method, without code; administrators and method
 * designers). Out: the adapted method. */
KINBRIDGE_C_API kb_error_code kb_method_adapt(kb_workspace* workspace, const char* profile_json,
                                              char** out_json);
/* What the method proposes for the child (nothing is stored). */
KINBRIDGE_C_API kb_error_code kb_method_propose(kb_workspace* workspace, const char* child_ref,
                                                const char* method_id, char** out_json);
/* Every plugin file installed or found, with whether it loads and whether its file is the one
 * approved: an array of plugins. */
KINBRIDGE_C_API kb_error_code kb_plugin_list(kb_workspace* workspace, char** out_json);
/* The directories searched for plugins, in order: an array of strings. */
KINBRIDGE_C_API kb_error_code kb_plugin_path_get(kb_workspace* workspace, char** out_json);
/* Sets the workspace's own plugin directories (administrators): a JSON array of strings. */
KINBRIDGE_C_API kb_error_code kb_plugin_path_set(kb_workspace* workspace,
                                                 const char* directories_json);

/* ---- Contact plans -------------------------------------------------------------------------- */

/* Draws up a draft plan from the method's proposal (`purpose` may be NULL). Out: the plan, with
 * its arrangements and the method's findings. */
KINBRIDGE_C_API kb_error_code kb_plan_propose(kb_workspace* workspace, const char* child_ref,
                                              const char* method_id, const char* purpose,
                                              char** out_json);
KINBRIDGE_C_API kb_error_code kb_plan_get(kb_workspace* workspace, int64_t plan_id,
                                          char** out_json);
/* The child's plans: an array of plans. */
KINBRIDGE_C_API kb_error_code kb_plan_list(kb_workspace* workspace, const char* child_ref,
                                           char** out_json);
/* Records the child's view: {"text" (required), "recorded_on" (default today), "how":
 * "conversation|in-writing|representative|observation" (default conversation)}. */
KINBRIDGE_C_API kb_error_code kb_plan_record_view(kb_workspace* workspace, int64_t plan_id,
                                                  const char* view_json, char** out_json);
/* Approves the plan (the method validates it; errors block): it becomes active, gets its review
 * date, and its contact events are scheduled. */
KINBRIDGE_C_API kb_error_code kb_plan_approve(kb_workspace* workspace, int64_t plan_id,
                                              char** out_json);
/* Ends the plan: {"ended_on" (default today), "reason" (required)}. */
KINBRIDGE_C_API kb_error_code kb_plan_end(kb_workspace* workspace, int64_t plan_id,
                                          const char* end_json, char** out_json);
/* Reviews the plan with its method (adherence, fidelity, next review); `revise` non-zero puts
 * it under review so it can be changed and approved again. Out: the review. */
KINBRIDGE_C_API kb_error_code kb_plan_review(kb_workspace* workspace, int64_t plan_id, int revise,
                                             char** out_json);
/* The plan's reviews, oldest first: an array of reviews. */
KINBRIDGE_C_API kb_error_code kb_review_list(kb_workspace* workspace, int64_t plan_id,
                                             char** out_json);
/* Adds an arrangement to a draft (or a plan under review): {"relation_id", "mode":
 * "visit|phone|video|letter|message", "rrule", "first_day" (default today), "start_time"
 * (default "10:00"), "minutes" (default 60), "supervision": "supervised|monitored|unsupervised"
 * (default unsupervised), "venue", "transport", "conditions"}; relation_id, mode and rrule
 * required. Out: the plan. */
KINBRIDGE_C_API kb_error_code kb_arrangement_add(kb_workspace* workspace, int64_t plan_id,
                                                 const char* arrangement_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_arrangement_remove(kb_workspace* workspace, int64_t plan_id,
                                                    int64_t arrangement_id, char** out_json);

/* ---- Contact events ------------------------------------------------------------------------- */

/* A contact query, for list, due, overdue and calendar (every field optional):
 *   {"child": ref, "worker": account, "all": true, "from": day, "to": day, "open": true}
 * child: that child's events; worker: that worker's caseload; all: every child the acting worker
 * may read; none of them: the acting worker's caseload. open: only events waiting for an
 * outcome. */

/* Extends the schedule of active plans: {"child": ref (default every child the acting worker may
 * change), "through": day, "days": N (default 90 days ahead)}. Idempotent. Out: {"through",
 * "plans", "created", "withheld"}. */
KINBRIDGE_C_API kb_error_code kb_contact_schedule(kb_workspace* workspace,
                                                  const char* schedule_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_contact_get(kb_workspace* workspace, int64_t event_id,
                                             char** out_json);
/* Events in time order: an array of events. */
KINBRIDGE_C_API kb_error_code kb_contact_list(kb_workspace* workspace, const char* query_json,
                                              char** out_json);
/* Events waiting for an outcome in a window: the query without "open", plus "week": true (today
 * and the next six days). Default window: today. */
KINBRIDGE_C_API kb_error_code kb_contact_due(kb_workspace* workspace, const char* query_json,
                                             char** out_json);
/* Events before today with no outcome: the query's "child", "worker" or "all". */
KINBRIDGE_C_API kb_error_code kb_contact_overdue(kb_workspace* workspace, const char* query_json,
                                                 char** out_json);
/* Records what happened: {"outcome": "held|held-late|ended-early|cancelled-by-parent|
 * cancelled-by-child|cancelled-by-carer|cancelled-by-service|no-show" (required),
 * "replacement_offered", "attended", "notes", "child_reaction", "amend"}. Out: the event. */
KINBRIDGE_C_API kb_error_code kb_contact_log(kb_workspace* workspace, int64_t event_id,
                                             const char* report_json, char** out_json);
/* The query's events as iCalendar (RFC 5545) text, not JSON; "from" defaults to today. */
KINBRIDGE_C_API kb_error_code kb_contact_calendar(kb_workspace* workspace, const char* query_json,
                                                  char** out_ical);

/* ---- Support centres and schools ------------------------------------------------------------ */

/* Adds a site (administrators): {"kind": "centre|school" (default centre), "code", "name",
 * "address", "capacity", "opening_hours"}; code and name required. */
KINBRIDGE_C_API kb_error_code kb_site_add(kb_workspace* workspace, const char* site_json,
                                          char** out_json);
/* Changes the fields given: {"name", "address", "capacity", "opening_hours"}. */
KINBRIDGE_C_API kb_error_code kb_site_edit(kb_workspace* workspace, const char* site_code,
                                           const char* changes_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_site_get(kb_workspace* workspace, const char* site_code,
                                          char** out_json);
/* Sites: query {"kind": "centre|school"} (default both). */
KINBRIDGE_C_API kb_error_code kb_site_list(kb_workspace* workspace, const char* query_json,
                                           char** out_json);
/* A worker works at a site (administrators): {"site", "worker", "from" (default today)}. */
KINBRIDGE_C_API kb_error_code kb_staff_add(kb_workspace* workspace, const char* staff_json,
                                           char** out_json);
/* The worker's last day there: {"site", "worker", "last_day"}. */
KINBRIDGE_C_API kb_error_code kb_staff_end(kb_workspace* workspace, const char* staff_json,
                                           char** out_json);
KINBRIDGE_C_API kb_error_code kb_staff_list(kb_workspace* workspace, const char* site_code,
                                            char** out_json);
/* Records training in a method: {"worker", "method", "trained_on", "trained_by", "hours",
 * "notes"}; worker, method, trained_on and trained_by required. */
KINBRIDGE_C_API kb_error_code kb_training_add(kb_workspace* workspace, const char* training_json,
                                              char** out_json);
/* Training records: query {"worker", "method"}. */
KINBRIDGE_C_API kb_error_code kb_training_list(kb_workspace* workspace, const char* query_json,
                                               char** out_json);

/* ---- Activities, groups, sessions and attendance -------------------------------------------- */

/* Adds an activity (centre staff of the site): {"site", "name", "kind": "leisure|homework-help|
 * group-session|family-call|other" (default leisure), "method", "rrule", "first_day" (default
 * today), "time", "minutes" (default 60), "last_day", "capacity", "leader"}; site, name, rrule,
 * time and capacity required. Its sessions are scheduled for the next 90 days. */
KINBRIDGE_C_API kb_error_code kb_activity_add(kb_workspace* workspace, const char* activity_json,
                                              char** out_json);
/* Changes the fields given: {"name", "capacity", "leader" ("" for none), "rrule", "first_day",
 * "time", "minutes", "last_day" (null: open-ended)}; schedule fields change only the parts given,
 * and a new schedule replaces the future open sessions. */
KINBRIDGE_C_API kb_error_code kb_activity_edit(kb_workspace* workspace, int64_t activity_id,
                                               const char* changes_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_activity_get(kb_workspace* workspace, int64_t activity_id,
                                              char** out_json);
/* Activities the acting worker may see: query {"site"}. */
KINBRIDGE_C_API kb_error_code kb_activity_list(kb_workspace* workspace, const char* query_json,
                                               char** out_json);
/* Enrols a child: {"on" (default today), "waiting_list" (default true: a full activity puts the
 * child on its waiting list; false refuses), "note"}. Out: the enrolment. */
KINBRIDGE_C_API kb_error_code kb_activity_enrol(kb_workspace* workspace, int64_t activity_id,
                                                const char* child_ref, const char* enrol_json,
                                                char** out_json);
/* The child leaves after a day: {"last_day" (required), "reason"}. Out: the enrolment with the
 * children moved up from the waiting list under "promoted". */
KINBRIDGE_C_API kb_error_code kb_activity_leave(kb_workspace* workspace, int64_t activity_id,
                                                const char* child_ref, const char* leave_json,
                                                char** out_json);
/* Enrolled and waiting children (`include_left` non-zero: also those who left). */
KINBRIDGE_C_API kb_error_code kb_enrolment_list(kb_workspace* workspace, int64_t activity_id,
                                                int include_left, char** out_json);

/* Asks the activity's method to form groups of its enrolled children in no group; stores
 * nothing. Out: {"activity", "method", "method_chain", "groups", "unplaced", "findings"}. */
KINBRIDGE_C_API kb_error_code kb_group_propose(kb_workspace* workspace, int64_t activity_id,
                                               char** out_json);
/* Stores a proposal, as proposed or edited (all groups or none). Out: an array of groups. */
KINBRIDGE_C_API kb_error_code kb_group_accept(kb_workspace* workspace, const char* proposal_json,
                                              char** out_json);
/* Adds a group by hand: {"activity_id", "name", "leader", "rrule", "first_day", "time",
 * "minutes", "last_day", "venue", "members": [refs]}; without rrule it meets on the activity's
 * schedule. */
KINBRIDGE_C_API kb_error_code kb_group_add(kb_workspace* workspace, const char* group_json,
                                           char** out_json);
/* Changes the fields given: {"name", "leader", and schedule fields as in kb_activity_edit}. */
KINBRIDGE_C_API kb_error_code kb_group_edit(kb_workspace* workspace, int64_t group_id,
                                            const char* changes_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_group_get(kb_workspace* workspace, int64_t group_id,
                                           char** out_json);
/* The activity's groups (activity_id 0: every group the acting worker may see). */
KINBRIDGE_C_API kb_error_code kb_group_list(kb_workspace* workspace, int64_t activity_id,
                                            char** out_json);
/* A child enrolled in the activity joins the group: {"on" (default today)}. */
KINBRIDGE_C_API kb_error_code kb_group_join(kb_workspace* workspace, int64_t group_id,
                                            const char* child_ref, const char* join_json,
                                            char** out_json);
/* ... or leaves it after a day: {"last_day" (required)}. */
KINBRIDGE_C_API kb_error_code kb_group_leave(kb_workspace* workspace, int64_t group_id,
                                             const char* child_ref, const char* leave_json,
                                             char** out_json);
KINBRIDGE_C_API kb_error_code kb_group_member_list(kb_workspace* workspace, int64_t group_id,
                                                   int include_left, char** out_json);

/* Extends the sessions of activities: {"site" (default every site the worker manages),
 * "through": day, "days": N (default 90 days ahead)}. Out: {"through", "created"}. */
KINBRIDGE_C_API kb_error_code kb_session_schedule(kb_workspace* workspace,
                                                  const char* schedule_json, char** out_json);
/* Sessions in time order: query {"site", "activity_id", "group_id", "from", "to", "mine"}. */
KINBRIDGE_C_API kb_error_code kb_session_list(kb_workspace* workspace, const char* query_json,
                                              char** out_json);
KINBRIDGE_C_API kb_error_code kb_session_get(kb_workspace* workspace, int64_t session_id,
                                             char** out_json);
/* An extra session: {"activity_id", "group_id", "day", "time", "minutes"}. */
KINBRIDGE_C_API kb_error_code kb_session_add(kb_workspace* workspace, const char* session_json,
                                             char** out_json);
KINBRIDGE_C_API kb_error_code kb_session_cancel(kb_workspace* workspace, int64_t session_id,
                                                const char* reason, char** out_json);
/* Records a session's attendance at once: {"entries": [{"child", "mark":
 * "present|absent|excused", "note"}], "everyone_else": mark, "amend"}; without everyone_else
 * the entries must name every expected child. Out: the session (now held) with "recorded" and
 * "contact_events_logged" (family-call sessions: the contact events logged as held). */
KINBRIDGE_C_API kb_error_code kb_attendance_record(kb_workspace* workspace, int64_t session_id,
                                                   const char* sheet_json, char** out_json);
KINBRIDGE_C_API kb_error_code kb_attendance_list(kb_workspace* workspace, int64_t session_id,
                                                 char** out_json);
/* The attendance report: query {"site", "activity_id", "group_id", "child", "from", "to",
 * "threshold" (0..1, default 0.7), "recent_days" (default 28)}. Out: {"from", "to",
 * "recent_from", "recent_days", "threshold_percent", "flagged", "children", "groups",
 * "activities", "findings"}. */
KINBRIDGE_C_API kb_error_code kb_report_attendance(kb_workspace* workspace, const char* query_json,
                                                   char** out_json);

/* ---- The audit trail ------------------------------------------------------------------------ */

/* Audit entries, oldest first (administrators, supervisors): query {"child", "worker", "from",
 * "to"}. */
KINBRIDGE_C_API kb_error_code kb_audit_list(kb_workspace* workspace, const char* query_json,
                                            char** out_json);
/* Checks the hash chain: {"intact", "entries", "first_bad", "problem", "head_hash"}. A damaged
 * trail is a successful call with "intact": false. */
KINBRIDGE_C_API kb_error_code kb_audit_verify(kb_workspace* workspace, char** out_json);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KINBRIDGE_KINBRIDGE_H_ */
