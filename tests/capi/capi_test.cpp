// The C API (kinbridge.h): the library functions, workspaces, children and their family network,
// and how failures come back: bad JSON naming the field, unknown ids, permission refusals, NULL
// arguments — always as a code and a per-thread message, never as an exception.
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <thread>

#include "capi_fixture.h"
#include "kinbridge/version.h"

namespace kinbridge::capi_testing {
namespace {

TEST(CapiLibraryTest, VersionIsTheBuildsVersion) {
  EXPECT_STREQ(kb_version(), KINBRIDGE_VERSION_STRING);
}

TEST(CapiLibraryTest, ErrorCodesHaveTheCommandsNames) {
  EXPECT_STREQ(kb_error_code_name(KB_OK), "ok");
  EXPECT_STREQ(kb_error_code_name(KB_INVALID_ARGUMENT), "invalid-argument");
  EXPECT_STREQ(kb_error_code_name(KB_NOT_FOUND), "not-found");
  EXPECT_STREQ(kb_error_code_name(KB_PERMISSION_DENIED), "permission-denied");
  EXPECT_STREQ(kb_error_code_name(KB_INTERNAL), "internal");
  EXPECT_STREQ(kb_error_code_name(static_cast<kb_error_code>(42)), "unknown");
}

TEST(CapiLibraryTest, FreeingNullDoesNothing) {
  kb_string_free(nullptr);
  kb_workspace_close(nullptr);
  EXPECT_EQ(kb_last_error_code(), KB_OK);
}

TEST(CapiLibraryTest, OpeningAMissingFileFailsWithoutAHandle) {
  kb_workspace* ws = reinterpret_cast<kb_workspace*>(&ws);
  const kb_error_code code =
      kb_workspace_open("/nonexistent/kinbridge-capi.kinbridge", As("anna").c_str(), &ws);
  EXPECT_NE(code, KB_OK);
  EXPECT_EQ(ws, nullptr);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("/nonexistent/kinbridge-capi.kinbridge"));
}

TEST(CapiLibraryTest, WorkspaceOptionsAreCheckedBeforeOpening) {
  kb_workspace* ws = nullptr;
  EXPECT_EQ(kb_workspace_open("/nonexistent/x.kinbridge", R"({"today": "2026-02-30"})", &ws),
            KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("today 2026-02-30 is not a date"));
  EXPECT_EQ(kb_workspace_open("/nonexistent/x.kinbridge", R"({"acount": "anna"})", &ws),
            KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("unknown field 'acount'"));
  EXPECT_EQ(ws, nullptr);
}

TEST_F(CapiTest, CreateRefusesAnExistingFile) {
  kb_workspace* ws = nullptr;
  EXPECT_NE(kb_workspace_create(path_.c_str(), VaraCreation().c_str(), As("anna").c_str(), &ws),
            KB_OK);
  EXPECT_EQ(ws, nullptr);
  EXPECT_THAT(kb_last_error_message(), HasSubstr(path_));
}

TEST_F(CapiTest, CreateNamesAMissingMunicipalityField) {
  kb_workspace* ws = nullptr;
  const std::string other = (dir_ / "other.kinbridge").string();
  EXPECT_EQ(kb_workspace_create(other.c_str(), R"({"municipality_code": "VAR", "mode": "test"})",
                                As("anna").c_str(), &ws),
            KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("field 'municipality_name' is missing"));
  Json pretend = Json::parse(VaraCreation());
  pretend["mode"] = "pretend";
  EXPECT_EQ(kb_workspace_create(other.c_str(), pretend.dump().c_str(), As("anna").c_str(), &ws),
            KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("field 'mode'"));
  EXPECT_THAT(kb_last_error_message(), HasSubstr("production, demo or test"));
  EXPECT_FALSE(fs::exists(other));
}

TEST_F(CapiTest, InfoDescribesTheWorkspaceAndTheActingWorker) {
  Json info = Ok([&](char** out) { return kb_workspace_info(ws_, out); });
  EXPECT_EQ(info["workspace"], path_);
  EXPECT_EQ(info["municipality_code"], "VAR");
  EXPECT_EQ(info["municipality_name"], "Vara");
  EXPECT_EQ(info["time_zone"], "Europe/Stockholm");
  EXPECT_EQ(info["mode"], "test");
  EXPECT_EQ(info["today"], kToday);
  EXPECT_TRUE(info["purpose"].is_null());
  EXPECT_EQ(info["worker"]["account"], "anna");
  EXPECT_EQ(info["worker"]["roles"].get<std::set<std::string>>(),
            (std::set<std::string>{"social-worker", "administrator"}))
      << info["worker"].dump();
}

TEST_F(CapiTest, WorkersAreListedWithTheirRoles) {
  Json workers = Ok([&](char** out) { return kb_worker_list(ws_, out); });
  ASSERT_EQ(workers.size(), 3u) << workers.dump();
  EXPECT_EQ(workers[1]["account"], "olle");
  EXPECT_EQ(workers[1]["unit"], "south");
  EXPECT_EQ(workers[2]["roles"], Json({"centre-staff"}));
  Failure bad = Fails([&](char** out) { return kb_worker_grant(ws_, "olle", "boss", out); });
  EXPECT_EQ(bad.code, KB_INVALID_ARGUMENT);
  EXPECT_THAT(bad.message, HasSubstr("boss"));
}

TEST_F(CapiTest, ChildIsRegisteredReadListedAndEdited) {
  Json added = Ok([&](char** out) {
    return kb_child_add(ws_,
                        R"({"name": "Elin Andersson", "birth_date": "2017-03-14",
                            "national_id": "20170314-2388", "languages": ["sv", "en"],
                            "school": "Vara skola"})",
                        out);
  });
  const std::string ref = added["case_reference"];
  EXPECT_EQ(ref, "VAR-2026-0001");
  EXPECT_EQ(added["name"], "Elin Andersson");
  EXPECT_EQ(added["birth_date"], "2017-03-14");
  EXPECT_EQ(added["age"], 9);
  EXPECT_EQ(added["national_id"], "20170314-2388");
  EXPECT_EQ(added["national_id_scheme"], "se-personnummer");
  EXPECT_EQ(added["languages"], Json({"sv", "en"}));
  EXPECT_EQ(added["status"], "open");
  EXPECT_EQ(added["version"], 1);
  EXPECT_TRUE(added["closed_on"].is_null());

  const std::string uuid = added["uuid"];
  Json by_uuid = Ok([&](char** out) { return kb_child_get(ws_, uuid.c_str(), out); });
  EXPECT_EQ(by_uuid["case_reference"], ref);

  Json edited = Ok([&](char** out) {
    return kb_child_edit(ws_, ref.c_str(), R"({"school": "Nya skolan", "expected_version": 1})",
                         out);
  });
  EXPECT_EQ(edited["school"], "Nya skolan");
  EXPECT_EQ(edited["version"], 2);
  Failure stale = Fails([&](char** out) {
    return kb_child_edit(ws_, ref.c_str(), R"({"school": "X", "expected_version": 1})", out);
  });
  EXPECT_EQ(stale.code, KB_CONFLICT) << stale.message;

  AddChild("Omar Haddad", "2019-06-22");
  Json open = Ok([&](char** out) { return kb_child_list(ws_, nullptr, out); });
  ASSERT_EQ(open.size(), 2u);
  Json found = Ok([&](char** out) { return kb_child_list(ws_, R"({"search": "Omar"})", out); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Omar Haddad");

  Json closed = Ok([&](char** out) {
    return kb_child_close(ws_, ref.c_str(), R"({"reason": "Moved home"})", out);
  });
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["closed_on"], kToday);
  Json all = Ok([&](char** out) { return kb_child_list(ws_, R"({"status": "all"})", out); });
  EXPECT_EQ(all.size(), 2u);
  Json still_open = Ok([&](char** out) { return kb_child_list(ws_, "{}", out); });
  EXPECT_EQ(still_open.size(), 1u);
}

TEST_F(CapiTest, BadJsonIsRefusedNamingTheFieldAndWritesNothing) {
  struct Case {
    const char* json;
    const char* fragment;
  };
  for (const Case& c : {
           Case{R"({"name": "Elin")", "child_json is not valid JSON"},
           Case{R"(["Elin"])", "child_json is an array (expected an object)"},
           Case{R"({"birth_date": "2017-03-14"})", "field 'name' is missing (expected text)"},
           Case{R"({"name": "Elin", "birth_date": 20170314})",
                "field 'birth_date' is an integer (expected text)"},
           Case{R"({"name": "Elin", "birth_date": "2017-13-01"})",
                "birth_date 2017-13-01 is not a date (expected YYYY-MM-DD)"},
           Case{R"({"name": "Elin", "birthdate": "2017-03-14"})",
                "unknown field 'birthdate' (expected only: "},
           Case{R"({"name": "Elin", "birth_date": "2017-03-14", "languages": "sv"})",
                "field 'languages' is text (expected an array)"},
           Case{R"({"name": "Elin", "birth_date": "2017-03-14", "languages": ["sv", 7]})",
                "field 'languages[1]' is an integer (expected text)"},
           Case{R"({"name": "Elin", "birth_date": "2017-03-14", "protected_identity": "yes"})",
                "field 'protected_identity' is text (expected true or false)"},
           Case{R"({"name": "Elin", "birth_date": "2017-03-14", "national_id_scheme": "x"})",
                "field 'national_id_scheme': "},
           Case{"{\"name\": \"\xff\", \"birth_date\": \"2017-03-14\"}",
                "child_json is not valid JSON"},
       }) {
    Failure f = Fails([&](char** out) { return kb_child_add(ws_, c.json, out); });
    EXPECT_EQ(f.code, KB_INVALID_ARGUMENT) << c.json;
    EXPECT_THAT(f.message, HasSubstr(c.fragment)) << c.json;
  }
  Json children = Ok([&](char** out) { return kb_child_list(ws_, R"({"status": "all"})", out); });
  EXPECT_TRUE(children.empty()) << children.dump();
}

TEST_F(CapiTest, AMisspeltFieldIsNamedBeforeTheMissingOne) {
  Failure f = Fails([&](char** out) {
    return kb_child_add(ws_, R"({"nmae": "Elin", "birth_date": "2017-03-14"})", out);
  });
  EXPECT_THAT(f.message, HasSubstr("unknown field 'nmae'"));
  EXPECT_THAT(f.message, HasSubstr("name"));
}

TEST_F(CapiTest, NumbersOutOfRangeAreRefused) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  Failure f = Fails([&](char** out) {
    return kb_site_add(ws_, R"({"code": "c1", "name": "C", "capacity": 3000000000})", out);
  });
  EXPECT_EQ(f.code, KB_INVALID_ARGUMENT);
  EXPECT_THAT(f.message, HasSubstr("field 'capacity' is 3000000000, out of range"));
  f = Fails([&](char** out) {
    return kb_site_add(ws_, R"({"code": "c1", "name": "C", "capacity": 2.5})", out);
  });
  EXPECT_THAT(f.message, HasSubstr("field 'capacity' is a number (expected an integer)"));
  f = Fails([&](char** out) {
    return kb_contact_list(ws_, R"({"child": "VAR-2026-0001", "worker": "anna"})", out);
  });
  EXPECT_THAT(f.message, HasSubstr("fields 'child' and 'worker' exclude each other"));
}

TEST_F(CapiTest, EnumValuesAreCheckedWithTheModelsNames) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  Failure f = Fails([&](char** out) {
    return kb_relation_add(ws_, elin.c_str(), R"({"person_name": "Sara", "kind": "aunt"})", out);
  });
  EXPECT_EQ(f.code, KB_INVALID_ARGUMENT);
  EXPECT_THAT(f.message, HasSubstr("field 'kind': "));
  EXPECT_THAT(f.message, HasSubstr("'aunt'"));
  EXPECT_THAT(f.message, HasSubstr("mother"));
}

TEST_F(CapiTest, NullArgumentsAreRefusedByName) {
  Failure f = Fails([&](char** out) { return kb_child_get(nullptr, "VAR-2026-0001", out); });
  EXPECT_EQ(f.code, KB_INVALID_ARGUMENT);
  EXPECT_EQ(f.message, "kb_child_get: argument workspace must not be NULL");
  f = Fails([&](char** out) { return kb_child_get(ws_, nullptr, out); });
  EXPECT_EQ(f.message, "kb_child_get: argument child_ref must not be NULL");
  EXPECT_EQ(kb_child_get(ws_, "VAR-2026-0001", nullptr), KB_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(kb_last_error_message()),
            "kb_child_get: argument out_json must not be NULL");
  EXPECT_EQ(kb_workspace_open(nullptr, nullptr, nullptr), KB_INVALID_ARGUMENT);
  EXPECT_EQ(kb_plugin_path_set(nullptr, nullptr), KB_INVALID_ARGUMENT);
  EXPECT_EQ(kb_contact_calendar(ws_, nullptr, nullptr), KB_INVALID_ARGUMENT);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("out_ical"));
}

TEST_F(CapiTest, UnknownIdsAreNotFound) {
  for (auto call : std::initializer_list<std::function<kb_error_code(char**)>>{
           [&](char** out) { return kb_child_get(ws_, "VAR-2026-9999", out); },
           [&](char** out) { return kb_relation_get(ws_, 999, out); },
           [&](char** out) { return kb_restriction_get(ws_, 999, out); },
           [&](char** out) { return kb_placement_get(ws_, 999, out); },
           [&](char** out) { return kb_plan_get(ws_, 999, out); },
           [&](char** out) { return kb_contact_get(ws_, 999, out); },
           [&](char** out) { return kb_site_get(ws_, "nowhere", out); },
           [&](char** out) { return kb_activity_get(ws_, 999, out); },
           [&](char** out) { return kb_group_get(ws_, 999, out); },
           [&](char** out) { return kb_session_get(ws_, 999, out); },
           [&](char** out) { return kb_method_describe(ws_, "no.such.method", out); },
           [&](char** out) { return kb_relation_list(ws_, "VAR-2026-9999", out); },
       }) {
    Failure f = Fails(call);
    EXPECT_EQ(f.code, KB_NOT_FOUND) << kb_error_code_name(f.code) << ": " << f.message;
    EXPECT_FALSE(f.message.empty());
  }
  Failure child = Fails([&](char** out) { return kb_child_get(ws_, "VAR-2026-9999", out); });
  EXPECT_THAT(child.message, HasSubstr("VAR-2026-9999"));
}

TEST_F(CapiTest, PermissionRefusalsComeBackAsCodes) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  kb_workspace* cecilia = Open("cecilia");
  ASSERT_NE(cecilia, nullptr);
  Failure f = Fails([&](char** out) {
    return kb_child_add(cecilia, R"({"name": "Ny", "birth_date": "2018-01-01"})", out);
  });
  EXPECT_EQ(f.code, KB_PERMISSION_DENIED) << f.message;
  EXPECT_THAT(f.message, HasSubstr("(centre staff)"));
  f = Fails([&](char** out) { return kb_child_get(cecilia, elin.c_str(), out); });
  EXPECT_EQ(f.code, KB_PERMISSION_DENIED) << f.message;
  kb_workspace_close(cecilia);

  kb_workspace* olle = Open("olle");
  ASSERT_NE(olle, nullptr);
  f = Fails([&](char** out) { return kb_relation_list(olle, elin.c_str(), out); });
  EXPECT_EQ(f.code, KB_PERMISSION_DENIED) << f.message;
  f = Fails([&](char** out) {
    return kb_worker_add(olle, R"({"account": "x", "name": "X", "roles": ["teacher"]})", out);
  });
  EXPECT_EQ(f.code, KB_PERMISSION_DENIED) << f.message;
  kb_workspace_close(olle);
}

TEST_F(CapiTest, FamilyNetworkRestrictionsAndPlacements) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  Json sara = Ok([&](char** out) {
    return kb_relation_add(ws_, elin.c_str(),
                           R"({"person_name": "Sara Andersson", "kind": "mother",
                               "birth_date": "1990-02-01", "in_contact": true})",
                           out);
  });
  EXPECT_EQ(sara["child"], elin);
  EXPECT_EQ(sara["kind"], "mother");
  EXPECT_EQ(sara["birth_date"], "1990-02-01");
  EXPECT_EQ(sara["caregiver"], false);
  const std::int64_t sara_id = sara["id"];
  AddRelation(elin, "Johan Nilsson", "father");
  Json relations = Ok([&](char** out) { return kb_relation_list(ws_, elin.c_str(), out); });
  ASSERT_EQ(relations.size(), 2u);
  EXPECT_EQ(relations[1]["person_name"], "Johan Nilsson");

  Json restriction = Ok([&](char** out) {
    return kb_restriction_add(ws_, sara_id,
                              R"({"kind": "supervised-only", "decision_reference": "SN 2026/0412",
                                  "reason": "Decision of the board", "valid_from": "2026-09-01"})",
                              out);
  });
  EXPECT_EQ(restriction["kind"], "supervised-only");
  EXPECT_EQ(restriction["status"], "in-force");
  EXPECT_EQ(restriction["review_date"], "2026-12-01");
  EXPECT_EQ(restriction["person_name"], "Sara Andersson");
  Failure missing = Fails([&](char** out) {
    return kb_restriction_add(ws_, sara_id, R"({"kind": "no-contact", "reason": "r"})", out);
  });
  EXPECT_THAT(missing.message, HasSubstr("field 'decision_reference' is missing"));

  Json lifted = Ok([&](char** out) {
    return kb_restriction_lift(ws_, restriction["id"].get<std::int64_t>(),
                               R"({"reason": "Reconsidered"})", out);
  });
  EXPECT_EQ(lifted["lifted_on"], kToday);
  EXPECT_EQ(lifted["status"], "lifted");
  Json in_force = Ok([&](char** out) {
    return kb_restriction_list(ws_, Json{{"child", elin}}.dump().c_str(), out);
  });
  EXPECT_TRUE(in_force.empty()) << in_force.dump();
  Json all = Ok([&](char** out) {
    return kb_restriction_list(ws_, Json{{"child", elin}, {"all", true}}.dump().c_str(), out);
  });
  EXPECT_EQ(all.size(), 1u);

  Json placement = Ok([&](char** out) {
    return kb_placement_add(ws_, elin.c_str(),
                            R"({"type": "foster-family", "legal_basis": "compulsory",
                                "legal_code": "LVU 2 §", "caregivers": "Familjehemmet Berg",
                                "start": "2025-05-12", "address": "Storgatan 1, Vara"})",
                            out);
  });
  EXPECT_EQ(placement["type"], "foster-family");
  EXPECT_EQ(placement["legal_code"], "LVU 2 §");
  EXPECT_EQ(placement["address"], "Storgatan 1, Vara");
  EXPECT_TRUE(placement["end"].is_null());
  Failure no_day = Fails([&](char** out) {
    return kb_placement_end(ws_, placement["id"].get<std::int64_t>(), R"({"reason": "Moved"})",
                            out);
  });
  EXPECT_THAT(no_day.message, HasSubstr("field 'end' is missing"));
  Json ended = Ok([&](char** out) {
    return kb_placement_end(ws_, placement["id"].get<std::int64_t>(),
                            R"({"end": "2026-11-01", "reason": "Moved to kinship care"})", out);
  });
  EXPECT_EQ(ended["end"], "2026-11-01");
  Json placements = Ok([&](char** out) { return kb_placement_list(ws_, elin.c_str(), out); });
  ASSERT_EQ(placements.size(), 1u);
  EXPECT_EQ(placements[0]["end_reason"], "Moved to kinship care");
}

TEST_F(CapiTest, CaseloadHandOver) {
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  Json assignment = Ok([&](char** out) {
    return kb_child_assign(ws_, elin.c_str(), "olle", "Olle takes over", out);
  });
  EXPECT_EQ(assignment["account"], "olle");
  EXPECT_EQ(assignment["note"], "Olle takes over");
  // anna handed the child over: now olle reads the child's case.
  Failure handed_over = Fails([&](char** out) { return kb_child_get(ws_, elin.c_str(), out); });
  EXPECT_EQ(handed_over.code, KB_PERMISSION_DENIED) << handed_over.message;
  kb_workspace* olle = Open("olle");
  ASSERT_NE(olle, nullptr);
  Json history = Ok([&](char** out) { return kb_assignment_list(olle, elin.c_str(), out); });
  kb_workspace_close(olle);
  ASSERT_EQ(history.size(), 2u) << history.dump();
  EXPECT_EQ(history[0]["account"], "anna");
  EXPECT_FALSE(history[0]["released_at"].is_null());
}

TEST_F(CapiTest, TheLastErrorIsClearedBySuccessAndKeptPerThread) {
  Fails([&](char** out) { return kb_child_get(ws_, "VAR-2026-9999", out); });
  EXPECT_EQ(kb_last_error_code(), KB_NOT_FOUND);
  std::string other_thread_message = "unset";
  kb_error_code other_thread_code = KB_INTERNAL;
  std::thread([&] {
    other_thread_code = kb_last_error_code();
    other_thread_message = kb_last_error_message();
  }).join();
  EXPECT_EQ(other_thread_code, KB_OK);
  EXPECT_EQ(other_thread_message, "");
  EXPECT_EQ(kb_last_error_code(), KB_NOT_FOUND);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("VAR-2026-9999"));

  Ok([&](char** out) { return kb_workspace_info(ws_, out); });
  EXPECT_EQ(kb_last_error_code(), KB_OK);
  EXPECT_STREQ(kb_last_error_message(), "");
}

TEST_F(CapiTest, MessagesFollowTheLanguageSet) {
  ASSERT_EQ(kb_localization_init("sv"), KB_OK);
  Failure f = Fails([&](char** out) {
    return kb_child_add(ws_, R"({"name": "Elin", "birth_date": "2017-13-01"})", out);
  });
  ASSERT_EQ(kb_localization_init("en"), KB_OK);
  unsetenv("LANGUAGE");
  EXPECT_THAT(f.message, HasSubstr("2017-13-01"));
  EXPECT_THAT(f.message, ::testing::Not(HasSubstr("is not a date"))) << f.message;
}

}  // namespace
}  // namespace kinbridge::capi_testing
