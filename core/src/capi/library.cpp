// The C API: the library (version, strings, errors, languages), workspaces, workers and
// caseloads, and the audit trail.
#include <cstdlib>
#include <string>

#include "capi/call.h"
#include "capi/json_input.h"
#include "capi/json_records.h"
#include "kinbridge/i18n.h"
#include "kinbridge/kinbridge.h"
#include "kinbridge/version.h"

using kinbridge::Result;
using kinbridge::Status;
using kinbridge::Workspace;
using kinbridge::capi::CallJson;
using kinbridge::capi::Collect;
using kinbridge::capi::Json;
using kinbridge::capi::Map;
using kinbridge::capi::ReadInput;
using kinbridge::capi::Run;
using kinbridge::capi::Text;

const char* kb_version(void) { return KINBRIDGE_VERSION_STRING; }

void kb_string_free(char* text) { std::free(text); }

kb_error_code kb_last_error_code(void) { return kinbridge::capi::LastErrorCode(); }

const char* kb_last_error_message(void) { return kinbridge::capi::LastErrorMessage(); }

const char* kb_error_code_name(kb_error_code code) {
  switch (code) {
    case KB_OK:
    case KB_INVALID_ARGUMENT:
    case KB_NOT_FOUND:
    case KB_ALREADY_EXISTS:
    case KB_CONFLICT:
    case KB_FAILED_PRECONDITION:
    case KB_PERMISSION_DENIED:
    case KB_INCOMPATIBLE:
    case KB_IO_ERROR:
    case KB_INTERNAL:
      // The names are static string literals, so the view's data is NUL-terminated.
      return kinbridge::ErrorCodeName(static_cast<kinbridge::ErrorCode>(code)).data();
  }
  return "unknown";
}

kb_error_code kb_localization_init(const char* language) {
  return Run("kb_localization_init", [&] {
    kinbridge::InitLocalization(Text(language));
    return Status::Ok();
  });
}

namespace {

// Creates or opens a workspace and hands out a new handle.
template <typename OpenFn>
kb_error_code MakeHandle(const char* function, const char* path, const char* options_json,
                         kb_workspace** out, OpenFn&& open) {
  if (out != nullptr) *out = nullptr;
  return Run(function, [&]() -> Status {
    KINBRIDGE_RETURN_IF_ERROR(
        kinbridge::capi::CheckArguments(function, {{"path", path}, {"out_workspace", out}}));
    Result<kinbridge::WorkspaceOptions> options =
        ReadInput(options_json, "options_json", kinbridge::capi::ReadWorkspaceOptions);
    if (!options.ok()) return options.status();
    Result<Workspace> ws = open(std::string(path), *options);
    if (!ws.ok()) return ws.status();
    *out = new kb_workspace(std::move(ws).value());
    return Status::Ok();
  });
}

}  // namespace

kb_error_code kb_workspace_create(const char* path, const char* create_json,
                                  const char* options_json, kb_workspace** out_workspace) {
  return MakeHandle("kb_workspace_create", path, options_json, out_workspace,
                    [&](const std::string& file,
                        const kinbridge::WorkspaceOptions& options) -> Result<Workspace> {
                      Result<kinbridge::CreateOptions> create =
                          ReadInput(create_json, "create_json", kinbridge::capi::ReadCreateOptions);
                      if (!create.ok()) return create.status();
                      return Workspace::Create(file, *create, options);
                    });
}

kb_error_code kb_workspace_open(const char* path, const char* options_json,
                                kb_workspace** out_workspace) {
  return MakeHandle("kb_workspace_open", path, options_json, out_workspace,
                    [](const std::string& file, const kinbridge::WorkspaceOptions& options) {
                      return Workspace::Open(file, options);
                    });
}

void kb_workspace_close(kb_workspace* workspace) {
  // Destroying a Workspace closes its database; nothing in it is expected to throw, and Run keeps
  // anything that does inside the library.
  Run("kb_workspace_close", [&] {
    delete workspace;
    return Status::Ok();
  });
}

kb_error_code kb_workspace_info(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_workspace_info", workspace, out_json, {},
                  [](Workspace& ws) -> Result<Json> { return kinbridge::capi::WorkspaceJson(ws); });
}

// ---- Workers and caseloads ----------------------------------------------------------------------

kb_error_code kb_worker_add(kb_workspace* workspace, const char* worker_json, char** out_json) {
  return CallJson("kb_worker_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewWorker> worker =
        ReadInput(worker_json, "worker_json", kinbridge::capi::ReadNewWorker);
    if (!worker.ok()) return worker.status();
    return Map(ws.AddWorker(*worker), kinbridge::capi::WorkerJson);
  });
}

kb_error_code kb_worker_list(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_worker_list", workspace, out_json, {}, [](Workspace& ws) {
    return Collect<kinbridge::Worker>([&](const auto& visit) { return ws.ForEachWorker(visit); },
                                      kinbridge::capi::WorkerJson);
  });
}

namespace {

// Grants or revokes a role.
template <typename Change>
kb_error_code ChangeRole(const char* function, kb_workspace* workspace, const char* account,
                         const char* role, char** out_json, Change&& change) {
  return CallJson(function, workspace, out_json, {{"account", account}, {"role", role}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::Role> parsed = kinbridge::ParseRole(role);
                    if (!parsed.ok()) return parsed.status();
                    return Map(change(ws, account, *parsed), kinbridge::capi::WorkerJson);
                  });
}

}  // namespace

kb_error_code kb_worker_grant(kb_workspace* workspace, const char* account, const char* role,
                              char** out_json) {
  return ChangeRole(
      "kb_worker_grant", workspace, account, role, out_json,
      [](Workspace& ws, const char* who, kinbridge::Role r) { return ws.GrantRole(who, r); });
}

kb_error_code kb_worker_revoke(kb_workspace* workspace, const char* account, const char* role,
                               char** out_json) {
  return ChangeRole(
      "kb_worker_revoke", workspace, account, role, out_json,
      [](Workspace& ws, const char* who, kinbridge::Role r) { return ws.RevokeRole(who, r); });
}

kb_error_code kb_child_assign(kb_workspace* workspace, const char* child_ref, const char* account,
                              const char* note, char** out_json) {
  return CallJson(
      "kb_child_assign", workspace, out_json, {{"child_ref", child_ref}, {"account", account}},
      [&](Workspace& ws) -> Result<Json> {
        return Map(ws.AssignChild(child_ref, account, Text(note)), kinbridge::capi::AssignmentJson);
      });
}

kb_error_code kb_assignment_list(kb_workspace* workspace, const char* child_ref, char** out_json) {
  return CallJson("kb_assignment_list", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) {
                    return Collect<kinbridge::CaseloadAssignment>(
                        [&](const auto& visit) { return ws.ForEachAssignment(child_ref, visit); },
                        kinbridge::capi::AssignmentJson);
                  });
}

// ---- The audit trail ----------------------------------------------------------------------------

kb_error_code kb_audit_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_audit_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::AuditQuery> query =
        ReadInput(query_json, "query_json", kinbridge::capi::ReadAuditQuery);
    if (!query.ok()) return query.status();
    return Collect<kinbridge::AuditEntry>(
        [&](const auto& visit) { return ws.ForEachAuditEntry(*query, visit); },
        kinbridge::capi::AuditEntryJson);
  });
}

kb_error_code kb_audit_verify(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_audit_verify", workspace, out_json, {}, [](Workspace& ws) -> Result<Json> {
    return Map(ws.VerifyAudit(), kinbridge::capi::VerificationJson);
  });
}
