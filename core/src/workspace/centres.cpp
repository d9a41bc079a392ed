// Support centres and schools, who works there, and training in methods.
#include <algorithm>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/activity_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ActivityRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

namespace {

bool IsSiteCode(std::string_view code) {
  return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::string SiteWord(SiteKind kind) {
  return kind == SiteKind::kCentre ? _("centre") : _("school");
}

Status CheckCapacity(int capacity) {
  if (capacity < 0 || capacity > 100000) {
    return Status::InvalidArgument(
        TrFormat("capacity {} is out of range (expected 0 to 100000; 0: not recorded)", capacity));
  }
  return Status::Ok();
}

}  // namespace

Result<Site> Workspace::Impl::FindSite(std::string_view code) {
  if (auto site = ActivityRepository(*db).FindSite(code)) return *site;
  return Status::NotFound(TrFormat(
      "centre or school {} does not exist (see `kinbridge centre list`, `kinbridge school list`)",
      code));
}

detail::ChildScope Workspace::Impl::SiteScope(long long site_id, long long leader_id) {
  detail::ChildScope scope;
  scope.works_at_site =
      site_id != 0 && ActivityRepository(*db).WorksAt(actor.worker.id, site_id, Today());
  scope.leads = leader_id != 0 && leader_id == actor.worker.id;
  return scope;
}

Status Workspace::Impl::AllowAt(WriteTransaction& tx, Operation operation,
                                const detail::ChildScope& scope, const std::string& action,
                                const std::string& entity_type, const std::string& entity) {
  Status allowed = detail::Authorize(actor, operation, scope, entity_type + " " + entity);
  if (allowed.ok()) return allowed;
  return Deny(tx, allowed, action, entity_type, entity, {});
}

Result<Site> Workspace::AddSite(const NewSite& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kManageSites, "site.add", "site", in.code));
    if (!IsSiteCode(in.code)) {
      return Status::InvalidArgument(TrFormat(
          "code '{}' is not a site code (expected 1 to 40 letters, digits, '-' or '_')", in.code));
    }
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("name"), in.name, true));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("address"), in.address, false));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("opening hours"), in.opening_hours, false));
    KINBRIDGE_RETURN_IF_ERROR(CheckCapacity(in.capacity));
    ActivityRepository repo(*w.db);
    if (auto existing = repo.FindSite(in.code)) {
      return Status::AlreadyExists(
          TrFormat("{} {} already exists ({})", SiteWord(existing->kind), in.code, existing->name));
    }
    Site site;
    static_cast<NewSite&>(site) = in;
    site.uuid = detail::NewUuid();
    site.created_at = w.Now();
    site.id = repo.InsertSite(site);
    w.Audit("site.add", "site", site.code, {}, std::string(SiteKindName(site.kind)));
    tx.Commit();
    return site;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding {}", in.code));
  }
}

Result<Site> Workspace::EditSite(std::string_view code, const SiteChanges& changes) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageSites, "site.edit", "site", std::string(code)));
    Result<Site> site = w.FindSite(code);
    if (!site.ok()) return site;
    if (changes.name) {
      KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("name"), *changes.name, true));
      site->name = *changes.name;
    }
    if (changes.address) {
      KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("address"), *changes.address, false));
      site->address = *changes.address;
    }
    if (changes.opening_hours) {
      KINBRIDGE_RETURN_IF_ERROR(
          detail::CheckText(_("opening hours"), *changes.opening_hours, false));
      site->opening_hours = *changes.opening_hours;
    }
    if (changes.capacity) {
      KINBRIDGE_RETURN_IF_ERROR(CheckCapacity(*changes.capacity));
      site->capacity = *changes.capacity;
    }
    ActivityRepository(*w.db).UpdateSite(*site);
    w.Audit("site.edit", "site", site->code, {});
    tx.Commit();
    return site;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("changing {}", code));
  }
}

Result<Site> Workspace::GetSite(std::string_view code) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadSites, "site.show", "site", std::string(code)));
    return w.FindSite(code);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading {}", code));
  }
}

Status Workspace::ForEachSite(std::optional<SiteKind> kind, const Visitor<Site>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadSites, "site.list", "sites", ""));
    ActivityRepository(*w.db).ForEachSite(kind, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing centres and schools"));
  }
}

Result<StaffAssignment> Workspace::AddStaff(std::string_view site_code, std::string_view account,
                                            Date from) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageSites, "staff.add", "site", std::string(site_code)));
    Result<Site> site = w.FindSite(site_code);
    if (!site.ok()) return site.status();
    Result<Worker> worker = w.FindWorker(account);
    if (!worker.ok()) return worker.status();
    ActivityRepository repo(*w.db);
    if (auto open = repo.OpenStaff(site->id, worker->id)) {
      return Status::AlreadyExists(TrFormat("{} already works at {} (since {})", worker->os_account,
                                            site->code, open->from.ToString()));
    }
    const long long id = repo.InsertStaff(site->id, worker->id, from, w.Now());
    w.Audit("staff.add", "site", site->code, {}, worker->os_account + " from " + from.ToString());
    std::optional<StaffAssignment> added = repo.FindStaff(id);
    tx.Commit();
    return *added;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding {} to the staff of {}", account, site_code));
  }
}

Result<StaffAssignment> Workspace::EndStaff(std::string_view site_code, std::string_view account,
                                            Date last_day) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageSites, "staff.end", "site", std::string(site_code)));
    Result<Site> site = w.FindSite(site_code);
    if (!site.ok()) return site.status();
    Result<Worker> worker = w.FindWorker(account);
    if (!worker.ok()) return worker.status();
    ActivityRepository repo(*w.db);
    std::optional<StaffAssignment> open = repo.OpenStaff(site->id, worker->id);
    if (!open) {
      return Status::NotFound(
          TrFormat("{} does not work at {} (see `kinbridge staff list --site {}`)",
                   worker->os_account, site->code, site->code));
    }
    if (last_day < open->from) {
      return Status::InvalidArgument(TrFormat("last day {} is before {} started at {} ({})",
                                              last_day.ToString(), worker->os_account, site->code,
                                              open->from.ToString()));
    }
    repo.EndStaff(open->id, last_day);
    w.Audit("staff.end", "site", site->code, {},
            worker->os_account + " last day " + last_day.ToString());
    std::optional<StaffAssignment> ended = repo.FindStaff(open->id);
    tx.Commit();
    return *ended;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("ending {}'s work at {}", account, site_code));
  }
}

Status Workspace::ForEachStaff(std::string_view site_code,
                               const Visitor<StaffAssignment>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadSites, "staff.list", "site", std::string(site_code)));
    Result<Site> site = w.FindSite(site_code);
    if (!site.ok()) return site.status();
    ActivityRepository(*w.db).ForEachStaff(site->id, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the staff of {}", site_code));
  }
}

Result<TrainingRecord> Workspace::RecordTraining(const NewTraining& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kRecordTraining, "training.add", "worker", in.worker_account));
    Result<Worker> worker = w.FindWorker(in.worker_account);
    if (!worker.ok()) return worker.status();
    if (in.method_id.empty() || in.method_id.find('@') != std::string::npos) {
      return Status::InvalidArgument(
          TrFormat("method '{}' is not a method id (expected an id without version, e.g. "
                   "cn.huangshan.group; see `kinbridge method list`)",
                   in.method_id));
    }
    Result<std::vector<std::string>> method = w.MethodChain(in.method_id);
    if (!method.ok()) return method.status();
    if (w.Today() < in.trained_on) {
      return Status::InvalidArgument(TrFormat("training day {} is after today ({})",
                                              in.trained_on.ToString(), w.Today().ToString()));
    }
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("trained by"), in.trained_by, true));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("notes"), in.notes, false));
    if (in.hours < 0 || in.hours > 10000) {
      return Status::InvalidArgument(
          TrFormat("hours {} is out of range (expected 0 to 10000)", in.hours));
    }
    TrainingRecord record;
    static_cast<NewTraining&>(record) = in;
    record.worker_account = worker->os_account;
    record.worker_name = worker->name;
    record.recorded_by = w.actor.worker.os_account;
    record.created_at = w.Now();
    record.id = ActivityRepository(*w.db).InsertTraining(record, worker->id, w.actor.worker.id);
    w.Audit("training.add", "worker", worker->os_account, {},
            in.method_id + " on " + in.trained_on.ToString() + " by " + in.trained_by);
    tx.Commit();
    return record;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("recording training of {}", in.worker_account));
  }
}

Status Workspace::ForEachTraining(const TrainingQuery& query,
                                  const Visitor<TrainingRecord>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadSites, "training.list", "worker", query.worker_account));
    long long worker_id = 0;
    if (!query.worker_account.empty()) {
      Result<Worker> worker = w.FindWorker(query.worker_account);
      if (!worker.ok()) return worker.status();
      worker_id = worker->id;
    }
    ActivityRepository(*w.db).ForEachTraining(worker_id, query.method_id, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing training records"));
  }
}

KINBRIDGE_NAMESPACE_END
