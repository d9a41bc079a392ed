// Workspace: the SDK's entry point. One workspace holds one municipality's cases in one
// database (a SQLite file by default).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kinbridge/child.h"
#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/municipality.h"
#include "kinbridge/placement.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"
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

struct WorkspaceOptions {
  // The date the workspace treats as today. Default: the current date in the municipality's
  // time zone. Tests and demos fix it to get the same results on every run.
  std::optional<Date> today;
  // The clock for record timestamps, as UTC "YYYY-MM-DDTHH:MM:SSZ". Default: the system clock.
  std::optional<std::string> now_utc;
  // How long a write waits for another process's write to finish. Default: 10 s.
  int busy_timeout_ms = 10000;
};

struct CreateOptions {
  Municipality municipality;  // id and uuid are assigned
  WorkspaceMode mode = WorkspaceMode::kProduction;
  // The worker created as the first administrator. Default name: the OS account.
  std::string administrator_account;
  std::string administrator_name;
};

template <typename T>
using Visitor = std::function<bool(const T&)>;  // return false to stop early

// Thread-safety: a Workspace is not safe for concurrent use; give each thread its own
// (opening the same file from several threads or processes is safe).
// Every write is one transaction: it either happens whole or not at all.
class KINBRIDGE_API Workspace {
 public:
  // Creates a new workspace at `path`; refuses an existing file.
  static Result<Workspace> Create(const std::string& path, const CreateOptions& create,
                                  const WorkspaceOptions& options = {});
  // Opens an existing workspace, applying pending migrations; refuses a missing file, a file
  // that is not a kinbridge workspace and one made by a newer kinbridge.
  static Result<Workspace> Open(const std::string& path, const WorkspaceOptions& options = {});

  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  ~Workspace();

  const std::string& path() const;
  const Municipality& municipality() const;
  WorkspaceMode mode() const;
  int schema_version() const;
  Date Today() const;

  // Workers.
  Status ForEachWorker(const Visitor<Worker>& visit) const;

  // Children. `ref` is a case reference ("VAR-2026-0042") or a uuid.
  Result<Child> AddChild(const NewChild& child);
  Result<Child> GetChild(std::string_view ref) const;
  Result<Child> EditChild(std::string_view ref, const ChildChanges& changes);
  Result<Child> CloseChild(std::string_view ref, Date closed_on, std::string_view reason);
  Status ForEachChild(const ChildQuery& query, const Visitor<Child>& visit) const;

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

  // Placements.
  Result<Placement> AddPlacement(std::string_view child_ref, const NewPlacement& placement);
  Result<Placement> EndPlacement(std::int64_t placement_id, Date end, std::string_view reason);
  Result<Placement> GetPlacement(std::int64_t placement_id) const;
  Status ForEachPlacement(std::string_view child_ref, const Visitor<Placement>& visit) const;

  class Impl;

 private:
  explicit Workspace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

KINBRIDGE_NAMESPACE_END
