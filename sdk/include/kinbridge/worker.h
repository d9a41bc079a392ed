// Worker: a person who uses kinbridge, identified by an operating-system account. kinbridge
// stores no passwords: the operating system has already authenticated the account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class Role {
  kSocialWorker,    // "social-worker": the children in their own caseload
  kSupervisor,      // "supervisor": the children of their unit
  kCentreStaff,     // "centre-staff": activities and attendance only, no case data
  kTeacher,         // "teacher": their own groups only
  kMethodDesigner,  // "method-designer": methods, no case data
  kAdministrator,   // "administrator": workers and methods; case data only with a stated purpose
};
KINBRIDGE_API std::string_view RoleName(Role role);
// The role as people call it, in the user's language ("socialsekreterare", "社工"); RoleName is
// the stable code for storage, JSON and the command line.
KINBRIDGE_API std::string RoleTitle(Role role);
KINBRIDGE_API Result<Role> ParseRole(std::string_view text);

struct Worker {
  std::int64_t id = 0;
  std::string uuid;
  std::string name;
  std::string os_account;  // the login name that identifies this worker
  std::string unit;        // the team a supervisor leads or a social worker belongs to
  std::vector<Role> roles;
  bool active = true;

  bool Has(Role role) const {
    for (Role r : roles) {
      if (r == role) return true;
    }
    return false;
  }
};

struct NewWorker {
  std::string name;        // required
  std::string os_account;  // required, unique: letters, digits, '.', '_', '-'
  std::string unit;
  std::vector<Role> roles;  // at least one
};

// One period during which a worker was responsible for a child.
struct CaseloadAssignment {
  std::int64_t id = 0;
  std::string child_case_reference;
  std::string worker_account;
  std::string worker_name;
  std::string assigned_at;                 // UTC timestamp
  std::optional<std::string> released_at;  // empty: current
  std::string assigned_by;                 // account
  std::string note;                        // hand-over note
};

KINBRIDGE_NAMESPACE_END
