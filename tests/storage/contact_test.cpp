// Contact event API tests: approval schedules events, scheduling is idempotent and follows
// daylight-saving time, outcomes are logged (and refused for unknown, future and cancelled
// events), due and overdue lists per caseload, a restriction decided later, plan reviews by the
// method, the calendar export, access and the audit trail.
#include "kinbridge/contact.h"
#include "plan_fixture.h"

namespace kinbridge {
namespace {

using namespace plan_testing;  // NOLINT(google-build-using-namespace): the fixture's vocabulary

WorkspaceOptions On(const std::string& account, Date today) {
  WorkspaceOptions options = As(account);
  options.today = today;
  return options;
}

class ContactTest : public PlanTest {
 protected:
  // An active plan for Elin with exactly the given arrangements (the method's proposal
  // replaced), the child's view recorded.
  ContactPlan ActiveWith(const std::vector<NewArrangement>& arrangements) {
    ContactPlan plan = Propose(elin_);
    for (std::int64_t id : ArrangementIds(plan)) {
      Result<ContactPlan> removed = ws_->RemoveArrangement(plan.id, id);
      EXPECT_TRUE(removed.ok()) << removed.status().ToString();
    }
    for (const NewArrangement& a : arrangements) {
      Result<ContactPlan> added = ws_->AddArrangement(plan.id, a);
      EXPECT_TRUE(added.ok()) << added.status().ToString();
    }
    Result<ContactPlan> viewed = ws_->RecordChildView(plan.id, View());
    EXPECT_TRUE(viewed.ok()) << viewed.status().ToString();
    Result<ContactPlan> approved = ws_->ApprovePlan(plan.id);
    EXPECT_TRUE(approved.ok()) << approved.status().ToString();
    return approved.ok() ? *approved : plan;
  }

  // Monitored video calls with Johan every Wednesday at 18:00 from 2026-12-02.
  NewArrangement Calls() {
    NewArrangement a;
    a.relation_id = johan_;
    a.mode = "video";
    a.rrule = "FREQ=WEEKLY;BYDAY=WE";
    a.first_day = Date(2026, 12, 2);
    a.start_time = "18:00";
    a.duration_minutes = 30;
    a.supervision = "monitored";
    a.venue = "online";
    return a;
  }

  std::vector<ContactEvent> Events(Workspace& ws, ContactQuery query) {
    std::vector<ContactEvent> events;
    Status listed = ws.ForEachContactEvent(query, [&](const ContactEvent& e) {
      events.push_back(e);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return events;
  }

  std::vector<ContactEvent> EventsOfElin() {
    ContactQuery query;
    query.child = elin_;
    return Events(*ws_, query);
  }

  static std::vector<std::string> Days(const std::vector<ContactEvent>& events,
                                       std::int64_t relation = 0) {
    std::vector<std::string> days;
    for (const ContactEvent& e : events) {
      if (relation == 0 || e.relation_id == relation) days.push_back(e.local_day.ToString());
    }
    return days;
  }

  Workspace OpenOn(const std::string& account, Date today) {
    Result<Workspace> opened = Workspace::Open(path_, On(account, today));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(opened).value();
  }

  ContactReport Held() {
    ContactReport report;
    report.outcome = ContactOutcome::kHeld;
    report.attended = "Sara, Elin, contact person";
    report.notes = "Played a board game.";
    report.child_reaction = "Happy, asked when the next visit is.";
    return report;
  }
};

// ---- Scheduling ---------------------------------------------------------------------------------

TEST_F(ContactTest, ApprovalSchedulesTheNext90DaysOfEveryArrangement) {
  const ContactPlan plan = ActiveWith({Visit(sara_), Calls()});
  const std::vector<ContactEvent> events = EventsOfElin();
  // Every other Saturday from 2026-12-05, through 2027-02-27 (today + 90 days).
  EXPECT_THAT(Days(events, sara_),
              ElementsAre("2026-12-05", "2026-12-19", "2027-01-02", "2027-01-16", "2027-01-30",
                          "2027-02-13", "2027-02-27"));
  // Every Wednesday from 2026-12-02 through 2027-02-24: 13 calls.
  EXPECT_EQ(Days(events, johan_).size(), 13u);
  for (const ContactEvent& e : events) {
    EXPECT_EQ(e.plan_id, plan.id);
    EXPECT_EQ(e.status, EventStatus::kScheduled);
    EXPECT_FALSE(e.outcome.has_value());
    EXPECT_EQ(e.responsible, "anna");
    EXPECT_EQ(e.child_name, "Elin Andersson");
  }
  EXPECT_EQ(events.front().relation_name, "Johan Nilsson");  // 2 December comes first
  EXPECT_EQ(events.front().starts_utc, "2026-12-02T17:00:00Z");
  EXPECT_EQ(events.front().ends_utc, "2026-12-02T17:30:00Z");
}

TEST_F(ContactTest, SchedulingAgainCreatesNothingAndExtendingAddsOnlyTheNewDays) {
  ActiveWith({Visit(sara_)});
  const std::size_t before = EventsOfElin().size();
  Result<ScheduleResult> again = ws_->ScheduleContacts(elin_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->plans, 1);
  EXPECT_EQ(EventsOfElin().size(), before);

  Result<ScheduleResult> longer = ws_->ScheduleContacts(elin_, Date(2027, 3, 31));
  ASSERT_TRUE(longer.ok()) << longer.status().ToString();
  EXPECT_EQ(longer->created, 2);  // 13 and 27 March
  EXPECT_EQ(EventsOfElin().size(), before + 2);
  Result<ScheduleResult> once_more = ws_->ScheduleContacts("", Date(2027, 3, 31));
  ASSERT_TRUE(once_more.ok()) << once_more.status().ToString();
  EXPECT_EQ(once_more->created, 0);
}

TEST_F(ContactTest, EventsKeepTheLocalClockTimeAcrossDaylightSavingChanges) {
  NewArrangement night = Calls();
  night.rrule = "FREQ=WEEKLY;BYDAY=SU";
  night.first_day = Date(2027, 3, 21);
  night.start_time = "02:30";
  ActiveWith({Visit(sara_), night});
  ASSERT_TRUE(ws_->ScheduleContacts(elin_, Date(2027, 4, 30)).ok());
  std::map<std::string, ContactEvent> by_day;
  for (const ContactEvent& e : EventsOfElin()) by_day[e.local_day.ToString()] = e;
  // 10:00 in Stockholm is 09:00Z in winter and 08:00Z after 28 March 2027.
  EXPECT_EQ(by_day["2027-03-27"].starts_utc, "2027-03-27T09:00:00Z");
  EXPECT_EQ(by_day["2027-04-10"].starts_utc, "2027-04-10T08:00:00Z");
  EXPECT_EQ(by_day["2027-04-10"].local_start, "10:00");
  // 02:30 does not exist on 28 March: the call moves to 03:30 local (01:30Z).
  EXPECT_EQ(by_day["2027-03-21"].starts_utc, "2027-03-21T01:30:00Z");
  EXPECT_EQ(by_day["2027-03-28"].local_start, "03:30");
  EXPECT_EQ(by_day["2027-03-28"].starts_utc, "2027-03-28T01:30:00Z");
}

TEST_F(ContactTest, SchedulingFurtherThanTwoYearsOrIntoThePastIsRefused) {
  ActiveWith({Visit(sara_)});
  Result<ScheduleResult> far = ws_->ScheduleContacts(elin_, kToday.AddDays(800));
  EXPECT_TRUE(far.status().IsInvalidArgument()) << far.status().ToString();
  EXPECT_THAT(far.status().message(), HasSubstr(kToday.AddDays(800).ToString()));
  Result<ScheduleResult> past = ws_->ScheduleContacts(elin_, kToday.AddDays(-1));
  EXPECT_TRUE(past.status().IsInvalidArgument()) << past.status().ToString();
}

TEST_F(ContactTest, EndingAPlanCancelsItsOpenEventsFromTheEndDay) {
  const ContactPlan plan = ActiveWith({Visit(sara_)});
  Workspace later = OpenOn("anna", Date(2026, 12, 20));
  ASSERT_TRUE(later.LogContact(EventsOfElin().front().id, Held()).ok());
  ASSERT_TRUE(later.EndPlan(plan.id, Date(2026, 12, 20), "Elin moves home").ok());
  const std::vector<ContactEvent> events = EventsOfElin();
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0].status, EventStatus::kLogged);     // 5 December, held
  EXPECT_EQ(events[1].status, EventStatus::kScheduled);  // 19 December, overdue, not cancelled
  for (std::size_t i = 2; i < events.size(); ++i) {
    EXPECT_EQ(events[i].status, EventStatus::kCancelled) << events[i].local_day.ToString();
    EXPECT_THAT(events[i].cancel_reason, HasSubstr("2026-12-20"));
  }
  Result<ScheduleResult> again = later.ScheduleContacts(elin_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->plans, 0);
  EXPECT_EQ(again->created, 0);
}

// ---- Logging outcomes ---------------------------------------------------------------------------

TEST_F(ContactTest, LoggingAnOutcomeStoresItWithWhoLoggedIt) {
  ActiveWith({Visit(sara_)});
  const std::int64_t first = EventsOfElin().front().id;
  Workspace later = OpenOn("anna", Date(2026, 12, 5));
  ContactReport report = Held();
  report.outcome = ContactOutcome::kHeldLate;
  report.replacement_offered = true;
  Result<ContactEvent> logged = later.LogContact(first, report);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  Result<ContactEvent> shown = later.GetContactEvent(first);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->status, EventStatus::kLogged);
  EXPECT_EQ(shown->outcome, ContactOutcome::kHeldLate);
  EXPECT_TRUE(shown->replacement_offered);
  EXPECT_EQ(shown->attended, report.attended);
  EXPECT_EQ(shown->notes, report.notes);
  EXPECT_EQ(shown->child_reaction, report.child_reaction);
  EXPECT_EQ(shown->logged_by, "anna");
  EXPECT_EQ(shown->logged_at, kNow);
}

TEST_F(ContactTest, AnOutcomeForAnUnknownFutureOrCancelledEventIsRefusedAndWritesNothing) {
  const ContactPlan plan = ActiveWith({Visit(sara_)});
  const std::vector<ContactEvent> events = EventsOfElin();
  std::string before = Snapshot(path_);
  Result<ContactEvent> unknown = ws_->LogContact(999999, Held());
  EXPECT_TRUE(unknown.status().IsNotFound()) << unknown.status().ToString();
  EXPECT_THAT(unknown.status().message(), HasSubstr("999999"));
  Result<ContactEvent> future = ws_->LogContact(events.front().id, Held());  // 5 December
  EXPECT_TRUE(future.status().IsInvalidArgument()) << future.status().ToString();
  EXPECT_THAT(future.status().message(), HasSubstr("2026-12-05"));
  EXPECT_EQ(Snapshot(path_), before);

  ASSERT_TRUE(ws_->EndPlan(plan.id, kToday, "The family moved away").ok());
  before = Snapshot(path_);
  Workspace later = OpenOn("anna", Date(2026, 12, 31));
  Result<ContactEvent> cancelled = later.LogContact(events.front().id, Held());
  EXPECT_TRUE(cancelled.status().IsFailedPrecondition()) << cancelled.status().ToString();
  EXPECT_THAT(cancelled.status().message(), HasSubstr("cancelled"));
  EXPECT_EQ(Snapshot(path_), before);
}

TEST_F(ContactTest, ALoggedOutcomeIsReplacedOnlyWhenAmendedAndTheChangeIsAudited) {
  ActiveWith({Visit(sara_)});
  const std::int64_t first = EventsOfElin().front().id;
  Workspace later = OpenOn("anna", Date(2026, 12, 6));
  ASSERT_TRUE(later.LogContact(first, Held()).ok());
  ContactReport no_show;
  no_show.outcome = ContactOutcome::kNoShow;
  Result<ContactEvent> again = later.LogContact(first, no_show);
  EXPECT_TRUE(again.status().IsFailedPrecondition()) << again.status().ToString();
  EXPECT_THAT(again.status().message(), HasSubstr("held"));
  no_show.amend = true;
  Result<ContactEvent> amended = later.LogContact(first, no_show);
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  EXPECT_EQ(amended->outcome, ContactOutcome::kNoShow);
  std::vector<std::string> details;
  for (const AuditEntry& e : AuditOf(elin_)) {
    if (e.action == "contact.log") details.push_back(e.details);
  }
  EXPECT_THAT(details, ElementsAre("held", "no-show (amended from held)"));
}

TEST_F(ContactTest, OutcomeNamesParseAndUnknownOnesAreRefusedWithTheExpectedList) {
  for (ContactOutcome o : {ContactOutcome::kHeld, ContactOutcome::kHeldLate,
                           ContactOutcome::kEndedEarly, ContactOutcome::kCancelledByParent,
                           ContactOutcome::kCancelledByChild, ContactOutcome::kCancelledByCarer,
                           ContactOutcome::kCancelledByService, ContactOutcome::kNoShow}) {
    Result<ContactOutcome> parsed = ParseContactOutcome(ContactOutcomeName(o));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, o);
  }
  Result<ContactOutcome> bad = ParseContactOutcome("cancelled");
  EXPECT_TRUE(bad.status().IsInvalidArgument());
  EXPECT_THAT(bad.status().message(), HasSubstr("'cancelled'"));
  EXPECT_THAT(bad.status().message(), HasSubstr("cancelled-by-carer"));
  EXPECT_TRUE(ContactTookPlace(ContactOutcome::kEndedEarly));
  EXPECT_FALSE(ContactTookPlace(ContactOutcome::kNoShow));
}

// ---- Due and overdue ----------------------------------------------------------------------------

TEST_F(ContactTest, DueAndOverdueListsCoverTheCaseloadAndOnlyOpenEvents) {
  ActiveWith({Visit(sara_), Calls()});
  Workspace later = OpenOn("anna", Date(2026, 12, 9));
  ASSERT_TRUE(later.LogContact(EventsOfElin().front().id, Held()).ok());  // 2 December call
  ContactQuery week;
  week.from = Date(2026, 12, 9);
  week.to = Date(2026, 12, 15);
  week.open_only = true;
  EXPECT_THAT(Days(Events(later, week)), ElementsAre("2026-12-09"));
  ContactQuery overdue;
  overdue.to = Date(2026, 12, 8);
  overdue.open_only = true;
  EXPECT_THAT(Days(Events(later, overdue)), ElementsAre("2026-12-05"));  // the call was logged

  // Olle has no children: his own list is empty, and anna's caseload is not his to see.
  Workspace olle = OpenOn("olle", Date(2026, 12, 9));
  EXPECT_TRUE(Events(olle, week).empty());
  ContactQuery annas = week;
  annas.scope = ContactQuery::Scope::kWorker;
  annas.worker = "anna";
  Status refused = olle.ForEachContactEvent(annas, [](const ContactEvent&) { return true; });
  EXPECT_TRUE(refused.IsPermissionDenied()) << refused.ToString();
  EXPECT_THAT(refused.message(), HasSubstr("anna"));
  // Cecilia at the family centre has no caseload to list.
  Workspace cecilia = OpenOn("cecilia", Date(2026, 12, 9));
  Status centre = cecilia.ForEachContactEvent(week, [](const ContactEvent&) { return true; });
  EXPECT_TRUE(centre.IsPermissionDenied()) << centre.ToString();
  ContactQuery unknown = week;
  unknown.scope = ContactQuery::Scope::kWorker;
  unknown.worker = "nobody";
  EXPECT_TRUE(
      later.ForEachContactEvent(unknown, [](const ContactEvent&) { return true; }).IsNotFound());
}

TEST_F(ContactTest, AnAdministratorWithAPurposeSeesTheWholeMunicipality) {
  ActiveWith({Visit(sara_)});
  WorkspaceOptions options = On("anna", Date(2026, 12, 5));
  options.purpose = "Weekly planning of the family centre's rooms";
  Result<Workspace> admin = Workspace::Open(path_, options);
  ASSERT_TRUE(admin.ok());
  ContactQuery all;
  all.scope = ContactQuery::Scope::kVisible;
  all.from = all.to = Date(2026, 12, 5);
  EXPECT_THAT(Days(Events(*admin, all)), ElementsAre("2026-12-05"));
}

// ---- A restriction decided later ----------------------------------------------------------------

TEST_F(ContactTest, ANoContactRestrictionLaterPutsThePlanUnderReviewAndCancelsForbiddenEvents) {
  const ContactPlan plan = ActiveWith({Visit(sara_), Calls()});
  NewRestriction no_contact = MakeRestriction(RestrictionKind::kNoContact, "SN 2026/0999");
  no_contact.valid_from = Date(2026, 12, 10);
  Result<Restriction> added = ws_->AddRestriction(johan_, no_contact);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_THAT(added->plans_put_under_review, ElementsAre(plan.id));
  EXPECT_EQ(added->events_cancelled, 11);  // the calls from 16 December on
  EXPECT_EQ(Get(plan.id).status, PlanStatus::kUnderReview);
  for (const ContactEvent& e : EventsOfElin()) {
    const bool forbidden = e.relation_id == johan_ && Date(2026, 12, 10) <= e.local_day;
    EXPECT_EQ(e.status, forbidden ? EventStatus::kCancelled : EventStatus::kScheduled)
        << e.relation_name << " " << e.local_day.ToString();
    if (forbidden) {
      EXPECT_THAT(e.cancel_reason, HasSubstr("SN 2026/0999"));
    }
  }
  std::vector<std::string> actions;
  for (const AuditEntry& e : AuditOf(elin_)) actions.push_back(e.action);
  EXPECT_THAT(actions, Contains("plan.under-review"));
  EXPECT_THAT(actions, Contains("contact.cancel"));

  // Mended and approved again: the call arrangement is gone, scheduling withholds nothing new.
  ContactPlan mended = Get(plan.id);
  for (const PlanArrangement& a : mended.arrangements) {
    if (a.relation_id == johan_) {
      ASSERT_TRUE(ws_->RemoveArrangement(plan.id, a.id).ok());
    }
  }
  ASSERT_TRUE(ws_->ApprovePlan(plan.id).ok());
  for (const ContactEvent& e : EventsOfElin()) {
    if (e.relation_id == johan_) {
      EXPECT_EQ(e.arrangement_id, 0) << "history kept, unlinked";
    }
  }
}

TEST_F(ContactTest, ASupervisedOnlyRestrictionLaterCancelsOnlyUnsupervisedContact) {
  const ContactPlan plan = ActiveWith({Visit(sara_), Calls()});
  NewRestriction supervised = MakeRestriction(RestrictionKind::kSupervisedOnly, "SN 2026/1001");
  supervised.valid_from = kToday;
  supervised.valid_to = Date(2027, 1, 10);
  Result<Restriction> added = ws_->AddRestriction(johan_, supervised);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_THAT(added->plans_put_under_review, ElementsAre(plan.id));
  std::vector<std::string> cancelled;
  for (const ContactEvent& e : EventsOfElin()) {
    if (e.status == EventStatus::kCancelled) cancelled.push_back(e.local_day.ToString());
  }
  EXPECT_THAT(cancelled, ElementsAre("2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23",
                                     "2026-12-30", "2027-01-06"));
  // A secret-address restriction limits what is shown, not contact: nothing changes.
  Result<Restriction> secret =
      ws_->AddRestriction(sara_, MakeRestriction(RestrictionKind::kSecretAddress, "SN 2026/1002"));
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_TRUE(secret->plans_put_under_review.empty());
  EXPECT_EQ(secret->events_cancelled, 0);
}

TEST_F(ContactTest, SchedulingWithholdsOccurrencesThatARestrictionForbids) {
  // A no-contact period decided ahead, from 2027-01-01 to 2027-01-31: the visits in January are
  // never scheduled, those after it are.
  NewRestriction pause = MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1003");
  pause.valid_from = Date(2027, 1, 1);
  pause.valid_to = Date(2027, 1, 31);
  ASSERT_TRUE(ws_->AddRestriction(johan_, pause).ok());
  NewArrangement visit = Visit(johan_);
  ActiveWith({visit});
  const std::vector<std::string> days = Days(EventsOfElin());
  EXPECT_THAT(days, ElementsAre("2026-12-05", "2026-12-19", "2027-02-13", "2027-02-27"));
  Result<ScheduleResult> again = ws_->ScheduleContacts(elin_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->withheld, 3);  // 2, 16 and 30 January
  EXPECT_EQ(again->created, 0);
}

// ---- Reviews ------------------------------------------------------------------------------------

TEST_F(ContactTest, AReviewReportsAdherenceAndFidelityFromTheMethodAndSetsTheNextDate) {
  const ContactPlan plan = ActiveWith({Visit(sara_), Calls()});
  Workspace later = OpenOn("anna", Date(2027, 1, 10));
  for (const ContactEvent& e : EventsOfElin()) {
    if (Date(2027, 1, 10) < e.local_day) break;
    ContactReport report = Held();
    if (e.relation_id == johan_ && e.local_day < Date(2026, 12, 20)) {
      report.outcome = ContactOutcome::kNoShow;  // 2, 9 and 16 December
    }
    if (e.local_day == Date(2027, 1, 6)) continue;  // one call not logged yet
    ASSERT_TRUE(later.LogContact(e.id, report).ok()) << e.local_day.ToString();
  }
  Result<PlanReview> review = later.ReviewPlan(plan.id);
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  EXPECT_EQ(review->period_from, Date(2026, 12, 2));  // the first call
  EXPECT_EQ(review->period_to, Date(2027, 1, 10));
  EXPECT_EQ(review->method_id, kVara);
  ASSERT_EQ(review->adherence.size(), 2u);
  std::map<std::int64_t, ReviewAdherence> by_relation;
  for (const ReviewAdherence& a : review->adherence) by_relation[a.relation_id] = a;
  // Visits with Sara: 5 and 19 December, 2 January, all held.
  EXPECT_EQ(by_relation[sara_].planned, 3);
  EXPECT_EQ(by_relation[sara_].held, 3);
  EXPECT_DOUBLE_EQ(by_relation[sara_].ratio, 1.0);
  // Calls with Johan: 6 planned (2 December to 6 January), 3 no-shows, 2 held, 1 not logged.
  EXPECT_EQ(by_relation[johan_].planned, 6);
  EXPECT_EQ(by_relation[johan_].held, 2);
  EXPECT_EQ(by_relation[johan_].no_show, 3);
  EXPECT_EQ(by_relation[johan_].open, 1);
  EXPECT_NEAR(by_relation[johan_].ratio, 2.0 / 6.0, 1e-9);
  std::map<std::string, bool> met;
  for (const ReviewComponent& c : review->fidelity) met[c.component] = c.met;
  EXPECT_TRUE(met.at("child-view"));
  EXPECT_TRUE(met.at("restriction-safety"));
  bool low = false;
  for (const MethodFinding& f : review->findings) {
    if (f.code == "low-adherence") {
      low = true;
      EXPECT_EQ(f.subject, "Johan Nilsson");  // the method's key replaced by the name
    }
  }
  EXPECT_TRUE(low);
  // Restricted (Sara is supervised only): the method reviews every three months at most.
  EXPECT_EQ(review->next_review, Date(2027, 4, 10));
  Result<ContactPlan> reviewed = later.GetPlan(plan.id);
  ASSERT_TRUE(reviewed.ok());
  EXPECT_EQ(reviewed->review_date, Date(2027, 4, 10));
  EXPECT_EQ(reviewed->status, PlanStatus::kActive);

  std::vector<PlanReview> stored;
  ASSERT_TRUE(later
                  .ForEachPlanReview(plan.id,
                                     [&](const PlanReview& r) {
                                       stored.push_back(r);
                                       return true;
                                     })
                  .ok());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].adherence.size(), 2u);
  EXPECT_EQ(stored[0].fidelity.size(), review->fidelity.size());
  EXPECT_EQ(stored[0].findings.size(), review->findings.size());
  EXPECT_EQ(stored[0].reviewed_by, "anna");

  // The same day again: nothing new to review.
  Result<PlanReview> twice = later.ReviewPlan(plan.id);
  EXPECT_TRUE(twice.status().IsFailedPrecondition()) << twice.status().ToString();
  // The next review covers the days after the last one, and --revise opens the plan.
  Workspace next = OpenOn("anna", Date(2027, 2, 1));
  Result<PlanReview> second = next.ReviewPlan(plan.id, /*revise=*/true);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->period_from, Date(2027, 1, 11));
  EXPECT_EQ(next.GetPlan(plan.id)->status, PlanStatus::kUnderReview);
}

TEST_F(ContactTest, ADraftIsNotReviewed) {
  const ContactPlan draft = Propose(elin_);
  Result<PlanReview> review = ws_->ReviewPlan(draft.id);
  EXPECT_TRUE(review.status().IsFailedPrecondition()) << review.status().ToString();
  EXPECT_THAT(review.status().message(), HasSubstr("draft"));
  EXPECT_TRUE(ws_->ReviewPlan(424242).status().IsNotFound());
}

// ---- Calendar -----------------------------------------------------------------------------------

TEST_F(ContactTest, TheCalendarHasOneEventPerContactAndNoIdOrAddress) {
  ActiveWith({Visit(sara_), Calls()});
  ContactQuery query;
  query.child = elin_;
  Result<std::string> ics = ws_->ContactCalendar(query);
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  std::size_t count = 0;
  for (auto pos = ics->find("BEGIN:VEVENT"); pos != std::string::npos;
       pos = ics->find("BEGIN:VEVENT", pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, EventsOfElin().size());
  EXPECT_THAT(*ics, HasSubstr("BEGIN:VCALENDAR"));
  EXPECT_THAT(*ics, HasSubstr("DTSTART:20261202T170000Z"));
  EXPECT_THAT(*ics, HasSubstr("Johan Nilsson"));
  EXPECT_EQ(ics->find("Storgatan"), std::string::npos);     // the placement address
  EXPECT_EQ(ics->find("SN 2026/0412"), std::string::npos);  // a decision
}

// ---- Access -------------------------------------------------------------------------------------

TEST_F(ContactTest, WorkersWithoutTheChildCannotLogReadOrReview) {
  const ContactPlan plan = ActiveWith({Visit(sara_)});
  const std::int64_t first = EventsOfElin().front().id;
  Workspace olle = OpenOn("olle", Date(2026, 12, 6));
  EXPECT_TRUE(olle.LogContact(first, Held()).status().IsPermissionDenied());
  EXPECT_TRUE(olle.GetContactEvent(first).status().IsPermissionDenied());
  EXPECT_TRUE(olle.ReviewPlan(plan.id).status().IsPermissionDenied());
  EXPECT_TRUE(olle.ScheduleContacts(elin_).status().IsPermissionDenied());
  ContactQuery query;
  query.child = elin_;
  EXPECT_TRUE(olle.ForEachContactEvent(query, [](const ContactEvent&) { return true; })
                  .IsPermissionDenied());
  // Olle scheduling "everything he may change" touches nothing of anna's.
  Result<ScheduleResult> his = olle.ScheduleContacts();
  ASSERT_TRUE(his.ok()) << his.status().ToString();
  EXPECT_EQ(his->plans, 0);
}

}  // namespace
}  // namespace kinbridge
