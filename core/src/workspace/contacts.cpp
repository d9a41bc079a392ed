// Contact events: scheduling approved plans, logging outcomes, due lists, calendars, reviews,
// and what a restriction decided later does to plans and events.

#include <algorithm>
#include <map>
#include <set>

#include "common/clock.h"
#include "common/libical.h"
#include "model/validation.h"
#include "schedule/recurrence.h"
#include "storage/caseload_repository.h"
#include "storage/child_repository.h"
#include "storage/contact_repository.h"
#include "storage/plan_repository.h"
#include "storage/restriction_repository.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ContactRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

namespace {

// How far ahead events may be scheduled in one go.
constexpr int kMaxScheduleDays = 731;

// Whether a restriction in force on `day` forbids a contact of this supervision.
bool Forbids(const Restriction& s, Date day, const std::string& supervision) {
  if (!s.InForceOn(day)) return false;
  if (s.kind == RestrictionKind::kNoContact) return true;
  return s.kind == RestrictionKind::kSupervisedOnly && supervision != "supervised";
}

ContactEvent Shown(const detail::StoredEvent& stored, const Worker& actor) {
  ContactEvent event = stored.event;
  if (stored.protected_identity && stored.responsible_worker_id != actor.id) {
    event.child_name.clear();
  }
  return event;
}

std::string EventRecord(std::int64_t id) { return TrFormat("contact event {}", id); }

}  // namespace

Result<ScheduleResult> Workspace::Impl::Schedule(long long child_id,
                                                 const std::vector<long long>* children,
                                                 Date through,
                                                 std::vector<long long>* scheduled_children) {
  ContactRepository events(*db);
  std::vector<detail::SchedulableArrangement> arrangements = events.ActiveArrangements(child_id);
  std::set<long long> allowed;
  if (children != nullptr) allowed.insert(children->begin(), children->end());
  // Restrictions by relation, loaded in one query (of the child, or of every child).
  std::map<long long, std::vector<Restriction>> restrictions;
  detail::RestrictionRepository(*db).ForEach(child_id, [&](const Restriction& s) {
    restrictions[s.relation_id].push_back(s);
    return true;
  });
  std::set<long long> plans, touched;
  const Date today = Today();
  const std::string now = Now();
  ScheduleResult result;
  result.through = through;
  for (const detail::SchedulableArrangement& a : arrangements) {
    if (children != nullptr && allowed.count(a.child_id) == 0) continue;
    plans.insert(a.plan_id);
    Date from = std::max(a.first_day, today);
    Date to = through;
    if (a.child_closed_on) to = std::min(to, a.child_closed_on->AddDays(-1));
    if (to < from) continue;
    detail::Recurrence recurrence{a.rrule, a.first_day, detail::ParseClockTime(a.start_time),
                                  a.duration_minutes, municipality.time_zone};
    Result<std::vector<detail::Occurrence>> occurrences = detail::Expand(recurrence, from, to);
    if (!occurrences.ok()) {
      return Status::Internal(TrFormat("scheduling arrangement {} of contact plan {}: {}",
                                       a.arrangement_id, a.plan_id,
                                       occurrences.status().message()));
    }
    const auto found = restrictions.find(a.relation_id);
    for (const detail::Occurrence& o : *occurrences) {
      bool forbidden = false;
      if (found != restrictions.end()) {
        for (const Restriction& s : found->second)
          forbidden |= Forbids(s, o.local_day, a.supervision);
      }
      if (forbidden) {
        ++result.withheld;
        continue;
      }
      if (events.InsertEvent(a, o.local_day, detail::ClockTimeText(o.local_start_minutes),
                             o.starts_utc, o.ends_utc, now)) {
        ++result.created;
        touched.insert(a.child_id);
      }
    }
  }
  result.plans = static_cast<std::int64_t>(plans.size());
  if (scheduled_children != nullptr) {
    scheduled_children->assign(touched.begin(), touched.end());
  }
  return result;
}

Date Workspace::Impl::PlanReviewDate(long long child_id, Date by_method) {
  const Date today = Today();
  Date review = by_method;
  detail::RestrictionRepository(*db).ForEach(child_id, [&](const Restriction& s) {
    if (s.InForceOn(today) && today <= s.review_date && s.review_date < review) {
      review = s.review_date;
    }
    return true;
  });
  return review;
}

void Workspace::Impl::ApplyRestriction(Restriction& s) {
  if (s.kind == RestrictionKind::kSecretAddress) return;  // limits what is shown, not contact
  const Date today = Today();
  const bool no_contact = s.kind == RestrictionKind::kNoContact;
  detail::PlanRepository plans(*db);
  for (const ContactPlan& plan : plans.OfChild(s.child_id)) {
    if (plan.status != PlanStatus::kActive) continue;
    const bool affected =
        std::any_of(plan.arrangements.begin(), plan.arrangements.end(), [&](const auto& a) {
          return a.relation_id == s.relation_id && (no_contact || a.supervision != "supervised");
        });
    if (!affected) continue;
    plans.SetStatus(plan.id, PlanStatus::kUnderReview, Now());
    s.plans_put_under_review.push_back(plan.id);
    Audit("plan.under-review", "plan", std::to_string(plan.id), {s.child_id},
          "restriction " + std::to_string(s.id) + " (" + std::string(RestrictionKindName(s.kind)) +
              ", decision " + s.decision_reference + ")");
  }
  ContactRepository::CancelFilter cancel;
  cancel.relation_id = s.relation_id;
  cancel.from = std::max(s.valid_from, today);
  cancel.to = s.valid_to;
  cancel.only_unsupervised = !no_contact;
  s.events_cancelled = ContactRepository(*db).CancelOpen(
      cancel, fmt::format("restriction {} ({}), decision {}", s.id, RestrictionKindName(s.kind),
                          s.decision_reference));
  if (s.events_cancelled > 0) {
    Audit("contact.cancel", "restriction", std::to_string(s.id), {s.child_id},
          fmt::format("{} events", s.events_cancelled));
  }
}

Result<ScheduleResult> Workspace::ScheduleContacts(std::string_view child_ref,
                                                   std::optional<Date> through) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    const Date today = w.Today();
    const Date last = through.value_or(today.AddDays(kDefaultScheduleDays));
    if (last < today || today.AddDays(kMaxScheduleDays) < last) {
      return Status::InvalidArgument(
          TrFormat("scheduling through {}: expected a day from today ({}) to {} days ahead",
                   last.ToString(), today.ToString(), kMaxScheduleDays));
    }
    long long child_id = 0;
    std::vector<long long> children;
    bool all = false;
    std::string entity = "children";
    if (!child_ref.empty()) {
      Result<Child> child = w.FindChild(child_ref);
      if (!child.ok()) return child.status();
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "contact.schedule"));
      child_id = child->id;
      entity = child->case_reference;
    } else {
      const Worker& actor = w.actor.worker;
      // Scheduling turns approved plans into events and shows no case data: administrators
      // run it for the whole municipality (a nightly job), workers for what they may change.
      if (actor.Has(Role::kAdministrator)) {
        all = true;
      } else if (actor.Has(Role::kSocialWorker) || actor.Has(Role::kSupervisor)) {
        detail::ChildRepository::Visibility visibility;
        visibility.worker_id = actor.id;
        if (actor.Has(Role::kSupervisor)) visibility.unit = actor.unit;
        detail::ChildRepository(*w.db).ForEach({}, visibility, [&](const Child& c) {
          children.push_back(c.id);
          return true;
        });
      } else {
        return w.Allow(tx, Operation::kChangeCase, "contact.schedule", "children", "");
      }
    }
    std::vector<long long> scheduled;
    Result<ScheduleResult> result =
        w.Schedule(child_id, child_id != 0 || all ? nullptr : &children, last, &scheduled);
    if (!result.ok()) return result;
    w.Audit("contact.schedule", child_id != 0 ? "child" : "children",
            child_id != 0 ? entity : std::string(), scheduled,
            fmt::format("through {}: {} events for {} plans, {} withheld", last.ToString(),
                        result->created, result->plans, result->withheld));
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("scheduling contact events"));
  }
}

Result<ContactEvent> Workspace::GetContactEvent(std::int64_t event_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    std::optional<detail::StoredEvent> stored = ContactRepository(*w.db).Find(event_id);
    if (!stored) {
      return Status::NotFound(TrFormat("{} does not exist", EventRecord(event_id)));
    }
    Result<Child> child = w.FindChild(stored->event.child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "contact.show"));
    w.Audit("contact.show", "contact-event", std::to_string(event_id), {child->id});
    tx.Commit();
    return Shown(*stored, w.actor.worker);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading {}", EventRecord(event_id)));
  }
}

Result<ContactEvent> Workspace::LogContact(std::int64_t event_id, const ContactReport& report) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    ContactRepository events(*w.db);
    std::optional<detail::StoredEvent> stored = events.Find(event_id);
    const std::string record = EventRecord(event_id);
    if (!stored) {
      return Status::NotFound(TrFormat(
          "{} does not exist (see `kinbridge contact due` or `kinbridge contact list`)", record));
    }
    Result<Child> child = w.FindChild(stored->event.child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "contact.log"));
    const ContactEvent& e = stored->event;
    if (e.status == EventStatus::kCancelled) {
      return Status::FailedPrecondition(
          TrFormat("{} was cancelled ({}); there is nothing to log", record, e.cancel_reason));
    }
    if (w.Today() < e.local_day) {
      return Status::InvalidArgument(
          TrFormat("{} is on {}, in the future (today is {}); log it on or after the day", record,
                   e.local_day.ToString(), w.Today().ToString()));
    }
    if (e.status == EventStatus::kLogged && !report.amend) {
      return Status::FailedPrecondition(
          TrFormat("{} is already logged as {} by {}; give --amend to replace the outcome", record,
                   ContactOutcomeName(*e.outcome), e.logged_by));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: who attended", record), report.attended, false));
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: notes", record), report.notes, false));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(TrFormat("{}: the child's reaction", record),
                                                report.child_reaction, false));
    events.Log(event_id, report, w.actor.worker.id, w.Now());
    std::string details(ContactOutcomeName(report.outcome));
    if (e.status == EventStatus::kLogged) {
      details += " (amended from " + std::string(ContactOutcomeName(*e.outcome)) + ")";
    }
    w.Audit("contact.log", "contact-event", std::to_string(event_id), {child->id}, details);
    std::optional<detail::StoredEvent> logged = events.Find(event_id);
    tx.Commit();
    return Shown(*logged, w.actor.worker);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("logging {}", EventRecord(event_id)));
  }
}

Status Workspace::ForEachContactEvent(const ContactQuery& query,
                                      const Visitor<ContactEvent>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    const Worker& actor = w.actor.worker;
    detail::EventFilter filter;
    filter.from = query.from;
    filter.to = query.to;
    filter.open_only = query.open_only;
    std::string entity_type = "children", entity;
    if (!query.child.empty()) {
      Result<Child> child = w.FindChild(query.child);
      if (!child.ok()) return child.status();
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "contact.list"));
      filter.child_id = child->id;
      entity_type = "child";
      entity = child->case_reference;
    } else {
      const bool admin_with_purpose = actor.Has(Role::kAdministrator) &&
                                      detail::Authorize(w.actor, Operation::kReadCase, {}, "").ok();
      const bool case_worker = actor.Has(Role::kSocialWorker) || actor.Has(Role::kSupervisor);
      switch (query.scope) {
        case ContactQuery::Scope::kMine:
          if (!case_worker) {
            return w.Allow(tx, Operation::kReadCase, "contact.list", "children", "");
          }
          filter.visibility.worker_id = actor.id;
          break;
        case ContactQuery::Scope::kWorker: {
          std::optional<Worker> other = detail::WorkspaceRepository(*w.db).FindWorker(query.worker);
          if (!other) {
            return Status::NotFound(
                TrFormat("worker '{}' does not exist (see `kinbridge user list`)", query.worker));
          }
          const bool permitted =
              other->id == actor.id || admin_with_purpose ||
              (actor.Has(Role::kSupervisor) && !actor.unit.empty() && other->unit == actor.unit);
          if (!permitted) {
            return w.Deny(
                tx,
                Status::PermissionDenied(
                    TrFormat("not permitted: {} may not see the caseload of {} (only the worker, a "
                             "supervisor of their unit, or an administrator with a stated purpose)",
                             detail::DescribeActor(w.actor), other->os_account)),
                "contact.list", "worker", other->os_account, {});
          }
          filter.visibility.worker_id = other->id;
          entity_type = "worker";
          entity = other->os_account;
          break;
        }
        case ContactQuery::Scope::kVisible:
          if (admin_with_purpose) {
            filter.visibility.all = true;
          } else if (case_worker) {
            filter.visibility.worker_id = actor.id;
            if (actor.Has(Role::kSupervisor)) filter.visibility.unit = actor.unit;
          } else {
            return w.Allow(tx, Operation::kReadCase, "contact.list", "children", "");
          }
          break;
      }
    }
    std::vector<ContactEvent> shown;
    std::set<long long> children;
    ContactRepository(*w.db).ForEach(filter, [&](const detail::StoredEvent& stored) {
      shown.push_back(Shown(stored, actor));
      children.insert(stored.child_id);
      return true;
    });
    w.Audit("contact.list", entity_type, entity, {children.begin(), children.end()},
            fmt::format("{} events", shown.size()));
    tx.Commit();
    for (const ContactEvent& event : shown) {
      if (!visit(event)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing contact events"));
  }
}

namespace {

std::string ModeText(const std::string& mode) {
  if (mode == "visit") return _("Visit");
  if (mode == "phone") return _("Phone call");
  if (mode == "video") return _("Video call");
  if (mode == "letter") return _("Letter");
  if (mode == "message") return _("Message");
  return mode;
}

icaltimetype UtcTime(const detail::LibicalApi& ical, const std::string& text) {
  // "YYYY-MM-DDTHH:MM:SSZ"
  icaltimetype t = ical.icaltime_null_time();
  t.year = std::stoi(text.substr(0, 4));
  t.month = std::stoi(text.substr(5, 2));
  t.day = std::stoi(text.substr(8, 2));
  t.hour = std::stoi(text.substr(11, 2));
  t.minute = std::stoi(text.substr(14, 2));
  t.second = std::stoi(text.substr(17, 2));
  t.is_date = 0;
  t.zone = ical.icaltimezone_get_utc_timezone();
  return t;
}

}  // namespace

Result<std::string> Workspace::ContactCalendar(const ContactQuery& query) const {
  std::vector<ContactEvent> events;
  Status listed = ForEachContactEvent(query, [&](const ContactEvent& e) {
    events.push_back(e);
    return true;
  });
  if (!listed.ok()) return listed;
  const Impl& w = *impl_;
  const bool for_child = !query.child.empty();
  const Result<const detail::LibicalApi*> loaded = detail::LoadLibical();
  if (!loaded.ok()) return loaded.status();
  const detail::LibicalApi& ical = **loaded;
  std::lock_guard lock(detail::LibicalMutex());
  icalcomponent* calendar = ical.icalcomponent_vanew(
      ICAL_VCALENDAR_COMPONENT, ical.icalproperty_new_version("2.0"),
      ical.icalproperty_new_prodid("-//kinbridge//contact calendar//EN"),
      ical.icalproperty_new_calscale("GREGORIAN"), static_cast<void*>(nullptr));
  const icaltimetype stamp = UtcTime(ical, w.Now());
  for (const ContactEvent& e : events) {
    // The calendar leaves the workspace: it names the relation and the child's case reference,
    // never a national id or an address.
    std::string summary =
        TrFormat("{} with {} ({})", ModeText(e.mode), e.relation_name, e.relation_kind);
    if (!for_child) summary = e.child_case_reference + ": " + summary;
    std::string description = TrFormat("Supervision: {}", e.supervision);
    if (e.outcome) {
      description += "\n" + TrFormat("Outcome: {}", ContactOutcomeName(*e.outcome));
    }
    // A cancelled event stays in the file (with STATUS:CANCELLED) so that a calendar program that
    // imported it before removes it; why it was cancelled is case data and stays out.
    const std::string uid = fmt::format("contact-event-{}-{}@kinbridge", e.id, w.municipality.uuid);
    icalcomponent* event = ical.icalcomponent_vanew(
        ICAL_VEVENT_COMPONENT, ical.icalproperty_new_uid(uid.c_str()),
        ical.icalproperty_new_dtstamp(stamp),
        ical.icalproperty_new_dtstart(UtcTime(ical, e.starts_utc)),
        ical.icalproperty_new_dtend(UtcTime(ical, e.ends_utc)),
        ical.icalproperty_new_summary(summary.c_str()),
        ical.icalproperty_new_description(description.c_str()),
        ical.icalproperty_new_status(e.status == EventStatus::kCancelled ? ICAL_STATUS_CANCELLED
                                                                         : ICAL_STATUS_CONFIRMED),
        static_cast<void*>(nullptr));
    if (!e.venue.empty())
      ical.icalcomponent_add_property(event, ical.icalproperty_new_location(e.venue.c_str()));
    ical.icalcomponent_add_component(calendar, event);
  }
  char* text = ical.icalcomponent_as_ical_string_r(calendar);
  std::string ics = text != nullptr ? text : "";
  free(text);
  ical.icalcomponent_free(calendar);
  return ics;
}

Result<PlanReview> Workspace::ReviewPlan(std::int64_t plan_id, bool revise) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    detail::PlanRepository plans(*w.db);
    Result<ContactPlan> plan = w.FindPlan(plan_id);
    if (!plan.ok()) return plan.status();
    Result<Child> child = w.FindChild(plan->child_case_reference);
    if (!child.ok()) return child.status();
    const long long child_id = child->id;
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "plan.review"));
    if (plan->status != PlanStatus::kActive && plan->status != PlanStatus::kUnderReview) {
      return Status::FailedPrecondition(
          TrFormat("contact plan {} is {}; only an approved plan (active or under review) is "
                   "reviewed",
                   plan_id, PlanStatusName(plan->status)));
    }
    ContactRepository events(*w.db);
    const std::vector<PlanReview> earlier = events.ReviewsOf(plan_id);
    const Date today = w.Today();
    Delivery delivered;
    if (!earlier.empty()) {
      delivered.from = earlier.back().period_to.AddDays(1);
    } else {
      // The first review covers everything since the plan's first scheduled contact.
      delivered.from = today;
      detail::EventFilter first;
      first.child_id = child_id;
      first.plan_id = plan_id;
      events.ForEach(first, [&](const detail::StoredEvent& stored) {
        delivered.from = std::min(delivered.from, stored.event.local_day);
        return false;
      });
    }
    delivered.to = today;
    if (delivered.to < delivered.from) {
      return Status::FailedPrecondition(
          TrFormat("contact plan {} was already reviewed today ({}); the next review covers the "
                   "days from tomorrow",
                   plan_id, today.ToString()));
    }
    delivered.child_view_recorded = plan->child_view.has_value();
    std::vector<Restriction> restrictions;
    detail::RestrictionRepository(*w.db).ForEach(child_id, [&](const Restriction& s) {
      restrictions.push_back(s);
      return true;
    });
    std::map<std::pair<std::int64_t, std::string>, ReviewAdherence> lines;
    detail::EventFilter filter;
    filter.child_id = child_id;
    filter.plan_id = plan_id;
    filter.from = delivered.from;
    filter.to = delivered.to;
    events.ForEach(filter, [&](const detail::StoredEvent& stored) {
      const ContactEvent& e = stored.event;
      if (e.status == EventStatus::kCancelled) return true;  // never planned: forbidden or ended
      ReviewAdherence& line = lines[{e.relation_id, e.mode}];
      line.relation_id = e.relation_id;
      line.relation_name = e.relation_name;
      line.mode = e.mode;
      ++line.planned;
      if (!e.outcome) {
        ++line.open;
      } else if (ContactTookPlace(*e.outcome)) {
        ++line.held;
        for (const Restriction& s : restrictions) {
          if (s.relation_id == e.relation_id && Forbids(s, e.local_day, e.supervision)) {
            delivered.restriction_breached = true;
          }
        }
      } else if (*e.outcome == ContactOutcome::kNoShow) {
        ++line.no_show;
      } else {
        ++line.cancelled;
      }
      return true;
    });
    for (auto& [key, line] : lines) delivered.lines.push_back(line);
    Result<MethodReview> reviewed =
        w.ReviewWithMethod(*child, plan->method_id + "@" + plan->method_version, delivered);
    if (!reviewed.ok()) return reviewed.status();
    PlanReview review;
    review.plan_id = plan_id;
    review.reviewed_on = today;
    review.period_from = delivered.from;
    review.period_to = delivered.to;
    review.method_id = plan->method_id;
    review.method_version = plan->method_version;
    review.adherence = delivered.lines;
    for (ReviewAdherence& line : review.adherence) {
      auto ratio = reviewed->adherence.find({line.relation_id, line.mode});
      line.ratio = ratio != reviewed->adherence.end()
                       ? ratio->second
                       : (line.planned > 0 ? static_cast<double>(line.held) / line.planned : 0);
    }
    review.fidelity = reviewed->fidelity;
    review.findings = reviewed->findings;
    review.next_review = w.PlanReviewDate(child_id, today.AddMonths(reviewed->next_review_months));
    review.revise = revise;
    review.reviewed_by = w.actor.worker.os_account;
    review.created_at = w.Now();
    review.id = events.InsertReview(review, w.actor.worker.id);
    plan->review_date = review.next_review;
    if (revise) plan->status = PlanStatus::kUnderReview;
    plan->updated_at = w.Now();
    if (!plans.Update(*plan, 0)) {
      return Status::Conflict(TrFormat(
          "contact plan {} was changed by someone else meanwhile; repeat the review", plan_id));
    }
    w.Audit("plan.review", "plan", std::to_string(plan_id), {child_id},
            fmt::format("{} to {}, next review {}{}", review.period_from.ToString(),
                        review.period_to.ToString(), review.next_review.ToString(),
                        revise ? ", under review" : ""));
    tx.Commit();
    return review;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reviewing contact plan {}", plan_id));
  }
}

Status Workspace::ForEachPlanReview(std::int64_t plan_id, const Visitor<PlanReview>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<ContactPlan> plan = w.FindPlan(plan_id);
    if (!plan.ok()) return plan.status();
    Result<Child> child = w.FindChild(plan->child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "plan.reviews"));
    std::vector<PlanReview> reviews = ContactRepository(*w.db).ReviewsOf(plan_id);
    w.Audit("plan.reviews", "plan", std::to_string(plan_id), {child->id});
    tx.Commit();
    for (const PlanReview& review : reviews) {
      if (!visit(review)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading the reviews of contact plan {}", plan_id));
  }
}

KINBRIDGE_NAMESPACE_END
