// Logging the outcomes of many contact events in one transaction: the checks of LogContact for
// every event first, then the writes, then one audit entry for the batch. A worker catching up
// on a caseload, and the synthetic-workspace generator, pay for one durable commit instead of
// one per event.
#include <map>
#include <set>

#include "model/validation.h"
#include "storage/contact_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ContactRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

namespace {

// Prefixes a check's message with the entry's position, so that a refused batch names it.
Status InEntry(std::size_t index, std::size_t count, const Status& status) {
  return Status(status.code(),
                TrFormat("outcome {} of {}: {}", index + 1, count, status.message()));
}

}  // namespace

Result<ContactLogResult> Workspace::LogContacts(const std::vector<ContactLog>& logs) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    ContactRepository events(*w.db);
    const Date today = w.Today();
    // Everything is checked before anything is written: a refusal of access commits its audit
    // entry alone, and any other error leaves the transaction to roll back empty.
    std::vector<std::optional<ContactOutcome>> before(logs.size());
    std::map<std::int64_t, std::size_t> seen;   // event id -> index of its entry
    std::map<long long, std::string> children;  // child id -> case reference, allowed
    for (std::size_t i = 0; i < logs.size(); ++i) {
      const ContactLog& log = logs[i];
      const std::string record = TrFormat("contact event {}", log.event_id);
      if (auto [at, inserted] = seen.emplace(log.event_id, i); !inserted) {
        return InEntry(i, logs.size(),
                       Status::InvalidArgument(TrFormat(
                           "{} is already outcome {} of this batch (expected each event once)",
                           record, at->second + 1)));
      }
      std::optional<detail::StoredEvent> stored = events.Find(log.event_id);
      if (!stored) {
        return InEntry(
            i, logs.size(),
            Status::NotFound(TrFormat(
                "{} does not exist (see `kinbridge contact due` or `kinbridge contact list`)",
                record)));
      }
      if (children.count(stored->child_id) == 0) {
        Result<Child> child = w.FindChild(stored->event.child_case_reference);
        if (!child.ok()) return InEntry(i, logs.size(), child.status());
        KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "contact.log"));
        children.emplace(child->id, child->case_reference);
      }
      const ContactEvent& e = stored->event;
      if (e.status == EventStatus::kCancelled) {
        return InEntry(
            i, logs.size(),
            Status::FailedPrecondition(TrFormat("{} was cancelled ({}); there is nothing to log",
                                                record, e.cancel_reason)));
      }
      if (today < e.local_day) {
        return InEntry(i, logs.size(),
                       Status::InvalidArgument(TrFormat(
                           "{} is on {}, in the future (today is {}); log it on or after the day",
                           record, e.local_day.ToString(), today.ToString())));
      }
      if (e.status == EventStatus::kLogged && !log.report.amend) {
        return InEntry(i, logs.size(),
                       Status::FailedPrecondition(TrFormat(
                           "{} is already logged as {} by {}; give --amend to replace the outcome",
                           record, ContactOutcomeName(*e.outcome), e.logged_by)));
      }
      const ContactReport& r = log.report;
      for (Status s : {detail::CheckText(TrFormat("{}: who attended", record), r.attended, false),
                       detail::CheckText(TrFormat("{}: notes", record), r.notes, false),
                       detail::CheckText(TrFormat("{}: the child's reaction", record),
                                         r.child_reaction, false)}) {
        if (!s.ok()) return InEntry(i, logs.size(), s);
      }
      if (e.status == EventStatus::kLogged) before[i] = e.outcome;
    }

    ContactLogResult result;
    result.children = static_cast<std::int64_t>(children.size());
    const std::string now = w.Now();
    // The details name every event and its outcome, as one LogContact entry each would.
    std::string details;
    for (std::size_t i = 0; i < logs.size(); ++i) {
      events.Log(logs[i].event_id, logs[i].report, w.actor.worker.id, now);
      details += fmt::format("{}{} {}", i == 0 ? "" : ", ", logs[i].event_id,
                             ContactOutcomeName(logs[i].report.outcome));
      if (before[i]) {
        details += " (amended from " + std::string(ContactOutcomeName(*before[i])) + ")";
        ++result.amended;
      } else {
        ++result.logged;
      }
    }
    if (!logs.empty()) {
      std::vector<long long> subjects;
      subjects.reserve(children.size());
      for (const auto& [id, reference] : children) subjects.push_back(id);
      w.Audit("contact.log", "contact-event",
              fmt::format("{}..{}", logs.front().event_id, logs.back().event_id),
              std::move(subjects), fmt::format("{} events: {}", logs.size(), details));
    }
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("logging {} contact outcomes", logs.size()));
  }
}

KINBRIDGE_NAMESPACE_END
