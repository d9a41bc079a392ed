// Stored contact events and plan reviews.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/contact.h"
#include "kinbridge/workspace.h"
#include "storage/child_repository.h"
#include "storage/database.h"

namespace kinbridge::detail {

// One arrangement of an active plan, with what scheduling needs to know.
struct SchedulableArrangement {
  long long arrangement_id = 0, plan_id = 0, child_id = 0, relation_id = 0;
  std::string mode, rrule, start_time, supervision, venue;
  Date first_day;
  int duration_minutes = 60;
  std::optional<Date> child_closed_on;
};

// An event as the repository gives it back: the event and its child's protection.
struct StoredEvent {
  ContactEvent event;
  long long child_id = 0;
  long long responsible_worker_id = 0;
  bool protected_identity = false;
};

struct EventFilter {
  ChildRepository::Visibility visibility;  // ignored when child_id is set
  long long child_id = 0;
  long long plan_id = 0;
  std::optional<Date> from, to;
  bool open_only = false;
};

// The SELECT ... FROM ... JOIN part of every event query (no WHERE), for tools that must run the
// very same SQL (the benchmarks' raw-SQLite floor).
const char* ContactEventSelect();

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class ContactRepository {
 public:
  explicit ContactRepository(Database& db);
  ~ContactRepository();

  // The arrangements of active plans, of one child (child_id != 0) or of all children.
  std::vector<SchedulableArrangement> ActiveArrangements(long long child_id);

  // Inserts an occurrence unless the arrangement already has an event that day; true when it
  // was new. The statement is prepared once per repository.
  bool InsertEvent(const SchedulableArrangement& a, const Date& local_day,
                   const std::string& local_start, const std::string& starts_utc,
                   const std::string& ends_utc, const std::string& created_at);

  std::optional<StoredEvent> Find(long long event_id);
  void ForEach(const EventFilter& filter, const Visitor<StoredEvent>& visit);

  void Log(long long event_id, const ContactReport& report, long long worker_id,
           const std::string& at);

  // Cancels the events still waiting for an outcome that match; returns how many. Matches on
  // the non-zero ids given, and days from `from` (and through `to`, when set).
  struct CancelFilter {
    long long plan_id = 0, arrangement_id = 0, relation_id = 0;
    Date from;
    std::optional<Date> to;
    bool only_unsupervised = false;  // only events whose supervision is not "supervised"
  };
  long long CancelOpen(const CancelFilter& filter, const std::string& reason);

  long long InsertReview(const PlanReview& review, long long worker_id);
  std::vector<PlanReview> ReviewsOf(long long plan_id);

 private:
  Database& db_;
  struct Prepared;
  std::unique_ptr<Prepared> insert_;
};

}  // namespace kinbridge::detail
