// The C API (kinbridge.h) end to end: methods and contact plans, due contacts and their
// outcomes, support centres, activities and attendance, and the audit trail.
#include <string>
#include <vector>

#include "capi_fixture.h"

namespace kinbridge::capi_testing {
namespace {

// Elin in a foster family with her mother Sara (supervised contact only) and father Johan, and
// the Vara method installed.
class CapiPlanTest : public CapiTest {
 protected:
  void SetUp() override {
    CapiTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(InstallPlugin("vara_contact.so"));
    elin_ = AddChild("Elin Andersson", "2017-03-14");
    Ok([&](char** out) {
      return kb_placement_add(ws_, elin_.c_str(),
                              R"({"type": "foster-family", "legal_basis": "compulsory",
                                  "start": "2025-05-12"})",
                              out);
    });
    sara_ = AddRelation(elin_, "Sara Andersson", "mother");
    johan_ = AddRelation(elin_, "Johan Nilsson", "father");
    Ok([&](char** out) {
      return kb_restriction_add(ws_, sara_,
                                R"({"kind": "supervised-only", "decision_reference": "SN 1",
                                    "reason": "Board decision", "valid_from": "2026-09-01"})",
                                out);
    });
  }

  // Proposed, the child's view recorded, approved.
  Json ActivePlan() {
    Json plan = Ok([&](char** out) {
      return kb_plan_propose(ws_, elin_.c_str(), "se.vara.contact", "Keep family bonds", out);
    });
    const std::int64_t id = plan["id"];
    Ok([&](char** out) {
      return kb_plan_record_view(ws_, id,
                                 R"({"text": "I want to see mum.", "how": "conversation"})", out);
    });
    return Ok([&](char** out) { return kb_plan_approve(ws_, id, out); });
  }

  std::string elin_;
  std::int64_t sara_ = 0, johan_ = 0;
};

TEST_F(CapiPlanTest, MethodsAndPluginsAreListed) {
  Json methods = Ok([&](char** out) { return kb_method_list(ws_, out); });
  ASSERT_FALSE(methods.empty());
  EXPECT_EQ(methods[0]["id"], "se.vara.contact");
  EXPECT_TRUE(methods[0]["capabilities"].is_array());
  Json described = Ok([&](char** out) { return kb_method_describe(ws_, "se.vara.contact", out); });
  EXPECT_FALSE(described["components"].empty());
  EXPECT_FALSE(described["parameters"].empty());
  Json plugins = Ok([&](char** out) { return kb_plugin_list(ws_, out); });
  bool installed = false;
  for (const Json& p : plugins) {
    if (p["name"] == "vara_contact" && p["installed"] == true) {
      installed = true;
      EXPECT_EQ(p["hash_matches"], true);
      EXPECT_EQ(p["outcome"], "loaded");
    }
  }
  EXPECT_TRUE(installed) << plugins.dump();
  Json path = Ok([&](char** out) { return kb_plugin_path_get(ws_, out); });
  EXPECT_TRUE(path.is_array());
  EXPECT_EQ(kb_plugin_path_set(ws_, R"(["/nonexistent-plugin-dir"])"), KB_INVALID_ARGUMENT);
  EXPECT_EQ(kb_plugin_path_set(ws_, R"({"dirs": []})"), KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("directories_json is an object"));
}

TEST_F(CapiPlanTest, AMethodProposesWithoutStoring) {
  Json proposal =
      Ok([&](char** out) { return kb_method_propose(ws_, elin_.c_str(), "se.vara.contact", out); });
  EXPECT_EQ(proposal["child"], elin_);
  EXPECT_FALSE(proposal["arrangements"].empty()) << proposal.dump();
  Json plans = Ok([&](char** out) { return kb_plan_list(ws_, elin_.c_str(), out); });
  EXPECT_TRUE(plans.empty());
}

TEST_F(CapiPlanTest, PlanIsProposedApprovedAndItsDueContactsListed) {
  Json draft = Ok([&](char** out) {
    return kb_plan_propose(ws_, elin_.c_str(), "se.vara.contact", nullptr, out);
  });
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["method_id"], "se.vara.contact");
  EXPECT_TRUE(draft["method_chain"].is_array());
  ASSERT_FALSE(draft["arrangements"].empty());
  const std::int64_t id = draft["id"];

  Failure unviewed = Fails([&](char** out) { return kb_plan_approve(ws_, id, out); });
  EXPECT_EQ(unviewed.code, KB_INVALID_ARGUMENT) << unviewed.message;

  Failure no_text = Fails([&](char** out) { return kb_plan_record_view(ws_, id, "{}", out); });
  EXPECT_THAT(no_text.message, HasSubstr("field 'text' is missing"));
  Json viewed = Ok([&](char** out) {
    return kb_plan_record_view(ws_, id, R"({"text": "I want to see dad on Saturdays."})", out);
  });
  EXPECT_EQ(viewed["child_view_on"], kToday);
  EXPECT_EQ(viewed["child_view_how"], "conversation");

  Json added = Ok([&](char** out) {
    return kb_arrangement_add(ws_, id,
                              Json{{"relation_id", johan_},
                                   {"mode", "phone"},
                                   {"rrule", "FREQ=WEEKLY;BYDAY=WE"},
                                   {"first_day", "2026-12-02"},
                                   {"start_time", "18:00"},
                                   {"minutes", 20}}
                                  .dump()
                                  .c_str(),
                              out);
  });
  EXPECT_EQ(added["arrangements"].size(), draft["arrangements"].size() + 1);
  const Json& phone = added["arrangements"].back();
  EXPECT_EQ(phone["mode"], "phone");
  EXPECT_EQ(phone["supervision"], "unsupervised");
  Failure forbidden = Fails([&](char** out) {
    return kb_arrangement_add(ws_, id,
                              Json{{"relation_id", sara_},
                                   {"mode", "visit"},
                                   {"rrule", "FREQ=WEEKLY;BYDAY=SA"},
                                   {"supervision", "unsupervised"}}
                                  .dump()
                                  .c_str(),
                              out);
  });
  EXPECT_EQ(forbidden.code, KB_INVALID_ARGUMENT) << forbidden.message;
  Json removed = Ok([&](char** out) {
    return kb_arrangement_remove(ws_, id, phone["id"].get<std::int64_t>(), out);
  });
  EXPECT_EQ(removed["arrangements"].size(), draft["arrangements"].size());

  Json active = Ok([&](char** out) { return kb_plan_approve(ws_, id, out); });
  EXPECT_EQ(active["status"], "active");
  EXPECT_FALSE(active["review_date"].is_null());
  EXPECT_EQ(active["approved_by"], "anna");

  Json week = Ok([&](char** out) { return kb_contact_due(ws_, R"({"week": true})", out); });
  Json soon = Ok([&](char** out) {
    return kb_contact_due(ws_, R"({"from": "2026-11-29", "to": "2026-12-31"})", out);
  });
  ASSERT_FALSE(soon.empty()) << "no contacts due in December";
  EXPECT_LE(week.size(), soon.size());
  for (const Json& e : soon) {
    EXPECT_EQ(e["child"], elin_);
    EXPECT_EQ(e["status"], "scheduled");
    EXPECT_TRUE(e["outcome"].is_null());
    EXPECT_GE(e["day"].get<std::string>(), "2026-11-29");
    EXPECT_LE(e["day"].get<std::string>(), "2026-12-31");
  }
  Json all = Ok([&](char** out) {
    return kb_contact_list(ws_, Json{{"child", elin_}}.dump().c_str(), out);
  });
  EXPECT_GE(all.size(), soon.size());
  Json event =
      Ok([&](char** out) { return kb_contact_get(ws_, soon[0]["id"].get<std::int64_t>(), out); });
  EXPECT_EQ(event["id"], soon[0]["id"]);
  Json overdue = Ok([&](char** out) { return kb_contact_overdue(ws_, nullptr, out); });
  EXPECT_TRUE(overdue.empty());

  Json again = Ok([&](char** out) {
    return kb_contact_schedule(ws_, Json{{"child", elin_}}.dump().c_str(), out);
  });
  EXPECT_EQ(again["created"], 0) << "scheduling again creates nothing new";
  EXPECT_EQ(again["plans"], 1);

  char* ical = nullptr;
  ASSERT_EQ(kb_contact_calendar(ws_, Json{{"child", elin_}}.dump().c_str(), &ical), KB_OK)
      << kb_last_error_message();
  EXPECT_THAT(ical, HasSubstr("BEGIN:VCALENDAR"));
  kb_string_free(ical);
}

TEST_F(CapiPlanTest, ContactsAreLoggedAndAFutureOneIsRefused) {
  ActivePlan();
  Json events = Ok([&](char** out) {
    return kb_contact_list(ws_, Json{{"child", elin_}, {"open", true}}.dump().c_str(), out);
  });
  ASSERT_FALSE(events.empty());
  const std::int64_t future = events.back()["id"];
  Failure early =
      Fails([&](char** out) { return kb_contact_log(ws_, future, R"({"outcome": "held"})", out); });
  EXPECT_EQ(early.code, KB_INVALID_ARGUMENT) << early.message;
  EXPECT_THAT(early.message, HasSubstr("in the future"));
  Failure bad = Fails(
      [&](char** out) { return kb_contact_log(ws_, future, R"({"outcome": "went-fine"})", out); });
  EXPECT_EQ(bad.code, KB_INVALID_ARGUMENT);
  EXPECT_THAT(bad.message, HasSubstr("field 'outcome': "));
  EXPECT_THAT(bad.message, HasSubstr("went-fine"));

  // Two weeks later the first contact can be logged.
  kb_workspace* later = nullptr;
  const std::string options =
      Json{{"today", events[0]["day"]}, {"account", "anna"}, {"now", "2026-12-20T10:00:00Z"}}
          .dump();
  ASSERT_EQ(kb_workspace_open(path_.c_str(), options.c_str(), &later), KB_OK)
      << kb_last_error_message();
  Json logged = Ok([&](char** out) {
    return kb_contact_log(later, events[0]["id"].get<std::int64_t>(),
                          R"({"outcome": "held-late", "attended": "Sara, contact person",
                              "notes": "Went well", "child_reaction": "Happy"})",
                          out);
  });
  EXPECT_EQ(logged["status"], "logged");
  EXPECT_EQ(logged["outcome"], "held-late");
  EXPECT_EQ(logged["logged_by"], "anna");
  Failure twice = Fails([&](char** out) {
    return kb_contact_log(later, events[0]["id"].get<std::int64_t>(), R"({"outcome": "held"})",
                          out);
  });
  EXPECT_NE(twice.code, KB_OK);
  Json amended = Ok([&](char** out) {
    return kb_contact_log(later, events[0]["id"].get<std::int64_t>(),
                          R"({"outcome": "held", "amend": true})", out);
  });
  EXPECT_EQ(amended["outcome"], "held");
  kb_workspace_close(later);
}

TEST_F(CapiPlanTest, PlanIsReviewedAndEnded) {
  Json plan = ActivePlan();
  const std::int64_t id = plan["id"];
  Json review = Ok([&](char** out) { return kb_plan_review(ws_, id, 0, out); });
  EXPECT_EQ(review["plan"], id);
  EXPECT_TRUE(review["adherence"].is_array());
  EXPECT_TRUE(review["fidelity"].is_array());
  Json reviews = Ok([&](char** out) { return kb_review_list(ws_, id, out); });
  EXPECT_EQ(reviews.size(), 1u);
  Json ended =
      Ok([&](char** out) { return kb_plan_end(ws_, id, R"({"reason": "Returned home"})", out); });
  EXPECT_EQ(ended["status"], "ended");
  EXPECT_EQ(ended["ended_on"], kToday);
  Json plans = Ok([&](char** out) { return kb_plan_list(ws_, elin_.c_str(), out); });
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0]["end_reason"], "Returned home");
}

TEST_F(CapiTest, CentreActivityAndAttendance) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  const std::string omar = AddChild("Omar Haddad", "2016-06-22");
  Json site = Ok([&](char** out) {
    return kb_site_add(ws_,
                       R"({"code": "familjecentralen", "name": "Familjecentralen",
                           "capacity": 30, "opening_hours": "Mon-Fri 14:00-20:00"})",
                       out);
  });
  EXPECT_EQ(site["kind"], "centre");
  EXPECT_EQ(site["capacity"], 30);
  Json edited = Ok([&](char** out) {
    return kb_site_edit(ws_, "familjecentralen", R"({"address": "Torget 1"})", out);
  });
  EXPECT_EQ(edited["address"], "Torget 1");
  Json sites = Ok([&](char** out) { return kb_site_list(ws_, R"({"kind": "centre"})", out); });
  EXPECT_EQ(sites.size(), 1u);
  Json staff = Ok([&](char** out) {
    return kb_staff_add(ws_, R"({"site": "familjecentralen", "worker": "cecilia",
                                 "from": "2026-01-01"})",
                        out);
  });
  EXPECT_EQ(staff["worker"], "cecilia");
  EXPECT_EQ(staff["roles"], Json({"centre-staff"}));
  Json staff_list = Ok([&](char** out) { return kb_staff_list(ws_, "familjecentralen", out); });
  EXPECT_EQ(staff_list.size(), 1u);

  kb_workspace* cecilia = Open("cecilia");
  ASSERT_NE(cecilia, nullptr);
  Json activity = Ok([&](char** out) {
    return kb_activity_add(cecilia,
                           R"({"site": "familjecentralen", "name": "Homework club",
                               "kind": "homework-help", "rrule": "FREQ=WEEKLY;BYDAY=TU",
                               "first_day": "2026-11-01", "time": "15:30", "minutes": 90,
                               "capacity": 1, "leader": "cecilia"})",
                           out);
  });
  EXPECT_EQ(activity["kind"], "homework-help");
  EXPECT_EQ(activity["rrule"], "FREQ=WEEKLY;BYDAY=TU");
  EXPECT_EQ(activity["minutes"], 90);
  EXPECT_TRUE(activity["last_day"].is_null());
  const std::int64_t id = activity["id"];
  Json renamed = Ok([&](char** out) {
    return kb_activity_edit(cecilia, id, R"({"name": "Läxhjälp", "capacity": 2})", out);
  });
  EXPECT_EQ(renamed["name"], "Läxhjälp");
  EXPECT_EQ(renamed["rrule"], "FREQ=WEEKLY;BYDAY=TU");

  Json enrolled = Ok([&](char** out) {
    return kb_activity_enrol(cecilia, id, elin.c_str(), R"({"on": "2026-11-01"})", out);
  });
  EXPECT_EQ(enrolled["status"], "enrolled");
  Ok([&](char** out) {
    return kb_activity_enrol(cecilia, id, omar.c_str(), R"({"on": "2026-11-01"})", out);
  });
  Json members = Ok([&](char** out) { return kb_enrolment_list(cecilia, id, 0, out); });
  EXPECT_EQ(members.size(), 2u);

  Json sessions = Ok([&](char** out) {
    return kb_session_list(
        cecilia, Json{{"activity_id", id}, {"from", "2026-11-01"}, {"to", kToday}}.dump().c_str(),
        out);
  });
  ASSERT_FALSE(sessions.empty()) << "the Tuesdays of November";
  const std::int64_t session = sessions.back()["id"];
  Failure unnamed = Fails([&](char** out) {
    return kb_attendance_record(
        cecilia, session, Json{{"entries", {{{"child", elin}, {"mark", "here"}}}}}.dump().c_str(),
        out);
  });
  EXPECT_THAT(unnamed.message, HasSubstr("field 'entries[0].mark': "));
  Json held = Ok([&](char** out) {
    return kb_attendance_record(
        cecilia, session,
        Json{{"entries", {{{"child", omar}, {"mark", "absent"}, {"note", "ill"}}}},
             {"everyone_else", "present"}}
            .dump()
            .c_str(),
        out);
  });
  EXPECT_EQ(held["status"], "held");
  EXPECT_EQ(held["present"], 1);
  EXPECT_EQ(held["absent"], 1);
  EXPECT_EQ(held["recorded"], 2);
  Json marks = Ok([&](char** out) { return kb_attendance_list(cecilia, session, out); });
  ASSERT_EQ(marks.size(), 2u);

  Json report = Ok([&](char** out) {
    return kb_report_attendance(cecilia, Json{{"activity_id", id}}.dump().c_str(), out);
  });
  EXPECT_EQ(report["to"], kToday);
  EXPECT_EQ(report["recent_days"], 28);
  EXPECT_EQ(report["threshold_percent"], 70);
  EXPECT_EQ(report["children"].size(), 2u) << report.dump();
  EXPECT_EQ(report["activities"].size(), 1u);

  Json cancelled = Ok([&](char** out) {
    return kb_session_cancel(cecilia, sessions.back()["id"].get<std::int64_t>() + 1, "Staff ill",
                             out);
  });
  EXPECT_EQ(cancelled["status"], "cancelled");
  kb_workspace_close(cecilia);
}

TEST_F(CapiTest, TheAuditTrailRecordsTheCallsAndVerifies) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  Ok([&](char** out) { return kb_child_get(ws_, elin.c_str(), out); });
  Json entries = Ok([&](char** out) {
    return kb_audit_list(ws_, Json{{"child", elin}}.dump().c_str(), out);
  });
  ASSERT_GE(entries.size(), 2u) << entries.dump();
  EXPECT_EQ(entries[0]["worker"], "anna");
  EXPECT_EQ(entries[0]["children"], Json({elin}));
  Json verified = Ok([&](char** out) { return kb_audit_verify(ws_, out); });
  EXPECT_EQ(verified["intact"], true);
  EXPECT_GT(verified["entries"].get<std::int64_t>(), 0);
  EXPECT_EQ(verified["head_hash"].get<std::string>().size(), 64u);
}

// The Huangshan group method forms groups at a centre; its proposal, as JSON, goes back in to
// be accepted.
TEST_F(CapiTest, GroupsAreProposedAndTheProposalAccepted) {
  ASSERT_NO_FATAL_FAILURE(InstallPlugin("vara_contact.so"));
  ASSERT_NO_FATAL_FAILURE(InstallPlugin("huangshan_group.so"));
  std::vector<std::string> children;
  for (const char* birth : {"2016-04-02", "2016-09-12", "2017-01-20", "2016-12-24"}) {
    children.push_back(AddChild(std::string("Barn ") + birth, birth));
  }
  Ok([&](char** out) { return kb_site_add(ws_, R"({"code": "centre", "name": "Centre"})", out); });
  Ok([&](char** out) {
    return kb_staff_add(ws_, R"({"site": "centre", "worker": "cecilia", "from": "2026-01-01"})",
                        out);
  });
  Json training = Ok([&](char** out) {
    return kb_training_add(ws_,
                           R"({"worker": "cecilia", "method": "cn.huangshan.group",
                               "trained_on": "2026-06-12", "trained_by": "Vara", "hours": 24})",
                           out);
  });
  EXPECT_EQ(training["hours"], 24);
  Json trainings =
      Ok([&](char** out) { return kb_training_list(ws_, R"({"worker": "cecilia"})", out); });
  EXPECT_EQ(trainings.size(), 1u);

  kb_workspace* cecilia = Open("cecilia");
  ASSERT_NE(cecilia, nullptr);
  Json activity = Ok([&](char** out) {
    return kb_activity_add(cecilia,
                           R"({"site": "centre", "name": "Thursday group", "kind": "group-session",
                               "method": "cn.huangshan.group", "rrule": "FREQ=WEEKLY;BYDAY=TH",
                               "first_day": "2026-12-03", "time": "15:30", "capacity": 3,
                               "leader": "cecilia"})",
                           out);
  });
  const std::int64_t id = activity["id"];
  for (const std::string& child : children) {
    Ok([&](char** out) { return kb_activity_enrol(cecilia, id, child.c_str(), nullptr, out); });
  }
  Json waiting = Ok([&](char** out) { return kb_enrolment_list(cecilia, id, 0, out); });
  ASSERT_EQ(waiting.size(), 4u);
  EXPECT_EQ(waiting[3]["status"], "waiting");
  EXPECT_EQ(waiting[3]["waiting_position"], 1);

  Json proposal = Ok([&](char** out) { return kb_group_propose(cecilia, id, out); });
  EXPECT_EQ(proposal["activity"], id);
  ASSERT_FALSE(proposal["groups"].empty()) << proposal.dump();
  for (Json& group : proposal["groups"]) group["leader"] = "cecilia";
  proposal["groups"].erase(proposal["groups"].begin() + 1, proposal["groups"].end());
  Json typo = proposal;
  typo["groups"][0]["leeder"] = "cecilia";
  Failure refused =
      Fails([&](char** out) { return kb_group_accept(cecilia, typo.dump().c_str(), out); });
  EXPECT_THAT(refused.message, HasSubstr("unknown field 'groups[0].leeder'"));
  Json groups =
      Ok([&](char** out) { return kb_group_accept(cecilia, proposal.dump().c_str(), out); });
  ASSERT_EQ(groups.size(), 1u) << groups.dump();
  EXPECT_EQ(groups[0]["leader"], "cecilia");
  EXPECT_EQ(groups[0]["members"], proposal["groups"][0]["size"]);
  const std::int64_t group = groups[0]["id"];
  Json members = Ok([&](char** out) { return kb_group_member_list(cecilia, group, 0, out); });
  EXPECT_EQ(members.size(), proposal["groups"][0]["size"].get<std::size_t>());

  // A child leaves: the first on the waiting list takes the place.
  const std::string leaving = members[0]["child"];
  Json left = Ok([&](char** out) {
    return kb_activity_leave(cecilia, id, leaving.c_str(), R"({"last_day": "2026-11-29"})", out);
  });
  EXPECT_EQ(left["left_on"], "2026-11-29");
  ASSERT_EQ(left["promoted"].size(), 1u);
  EXPECT_EQ(left["promoted"][0]["child"], children[3]);

  Json moved =
      Ok([&](char** out) { return kb_group_edit(cecilia, group, R"({"time": "16:00"})", out); });
  EXPECT_EQ(moved["time"], "16:00");
  EXPECT_EQ(moved["rrule"], "FREQ=WEEKLY;BYDAY=TH");
  Json extra = Ok([&](char** out) {
    return kb_session_add(
        cecilia,
        Json{{"activity_id", id}, {"group_id", group}, {"day", "2026-12-05"}, {"time", "10:00"}}
            .dump()
            .c_str(),
        out);
  });
  EXPECT_EQ(extra["extra"], true);
  kb_workspace_close(cecilia);
}

}  // namespace
}  // namespace kinbridge::capi_testing
