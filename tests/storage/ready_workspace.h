// Test helpers: the municipality of the tests, and a new workspace whose administrator ("anna" in
// the tests) also works as a social worker, opened again so the role takes effect.
#pragma once

#include <string>

#include "kinbridge/workspace.h"

namespace kinbridge::testing_support {

// The Vara municipality every storage test workspace belongs to.
inline Municipality Vara() {
  Municipality m;
  m.code = "VAR";
  m.name = "Vara";
  m.country = "SE";
  m.locale = "sv_SE";
  m.time_zone = "Europe/Stockholm";
  return m;
}

inline Result<Workspace> CreateReady(const std::string& path, const CreateOptions& create,
                                     const WorkspaceOptions& options) {
  {
    Result<Workspace> created = Workspace::Create(path, create, options);
    if (!created.ok()) return created;
    Result<Worker> granted = created->GrantRole(create.administrator_account, Role::kSocialWorker);
    if (!granted.ok()) return granted.status();
  }
  return Workspace::Open(path, options);
}

}  // namespace kinbridge::testing_support
