// The C boundary: no exception crosses it, whatever the code behind throws, and every function
// refuses a NULL handle with a code and a message instead of crashing.
#include <functional>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "capi/call.h"
#include "capi_fixture.h"

namespace kinbridge::capi_testing {
namespace {

TEST(CapiBoundaryTest, ExceptionsBecomeInternalErrors) {
  EXPECT_EQ(capi::Run("kb_test", []() -> Status { throw std::runtime_error("boom"); }),
            KB_INTERNAL);
  EXPECT_STREQ(kb_last_error_message(), "kb_test failed unexpectedly: boom");
  EXPECT_EQ(capi::Run("kb_test", []() -> Status { throw std::bad_alloc(); }), KB_INTERNAL);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("out of memory"));
  EXPECT_EQ(capi::Run("kb_test", []() -> Status { throw 42; }), KB_INTERNAL);
  EXPECT_THAT(kb_last_error_message(), HasSubstr("not a std::exception"));
  EXPECT_EQ(kb_last_error_code(), KB_INTERNAL);
  EXPECT_EQ(capi::Run("kb_test", [] { return Status::NotFound("child X does not exist"); }),
            KB_NOT_FOUND);
  EXPECT_STREQ(kb_last_error_message(), "child X does not exist");
  EXPECT_EQ(capi::Run("kb_test", [] { return Status::Ok(); }), KB_OK);
  EXPECT_STREQ(kb_last_error_message(), "");
}

TEST_F(CapiTest, AThrowingWorkspaceCallLeavesNoOutput) {
  char* out = reinterpret_cast<char*>(&out);
  EXPECT_EQ(
      capi::CallJson("kb_test", ws_, &out, {},
                     [](Workspace&) -> Result<capi::Json> { throw std::logic_error("inside"); }),
      KB_INTERNAL);
  EXPECT_EQ(out, nullptr);
  EXPECT_STREQ(kb_last_error_message(), "kb_test failed unexpectedly: inside");
}

// Every function of kinbridge.h with a workspace handle, called with NULL.
TEST(CapiBoundaryTest, EveryFunctionRefusesANullWorkspace) {
  char* out = nullptr;
  const char* j = "{}";
  const std::vector<std::function<kb_error_code()>> calls = {
      [&] { return kb_workspace_info(nullptr, &out); },
      [&] { return kb_worker_add(nullptr, j, &out); },
      [&] { return kb_worker_list(nullptr, &out); },
      [&] { return kb_worker_grant(nullptr, "a", "teacher", &out); },
      [&] { return kb_worker_revoke(nullptr, "a", "teacher", &out); },
      [&] { return kb_child_assign(nullptr, "c", "a", nullptr, &out); },
      [&] { return kb_assignment_list(nullptr, "c", &out); },
      [&] { return kb_child_add(nullptr, j, &out); },
      [&] { return kb_child_get(nullptr, "c", &out); },
      [&] { return kb_child_edit(nullptr, "c", j, &out); },
      [&] { return kb_child_close(nullptr, "c", j, &out); },
      [&] { return kb_child_list(nullptr, j, &out); },
      [&] { return kb_relation_add(nullptr, "c", j, &out); },
      [&] { return kb_relation_get(nullptr, 1, &out); },
      [&] { return kb_relation_list(nullptr, "c", &out); },
      [&] { return kb_restriction_add(nullptr, 1, j, &out); },
      [&] { return kb_restriction_lift(nullptr, 1, j, &out); },
      [&] { return kb_restriction_get(nullptr, 1, &out); },
      [&] { return kb_restriction_list(nullptr, j, &out); },
      [&] { return kb_placement_add(nullptr, "c", j, &out); },
      [&] { return kb_placement_end(nullptr, 1, j, &out); },
      [&] { return kb_placement_get(nullptr, 1, &out); },
      [&] { return kb_placement_list(nullptr, "c", &out); },
      [&] { return kb_method_list(nullptr, &out); },
      [&] { return kb_method_describe(nullptr, "m", &out); },
      [&] { return kb_method_install(nullptr, "f", &out); },
      [&] { return kb_method_adapt(nullptr, j, &out); },
      [&] { return kb_method_propose(nullptr, "c", "m", &out); },
      [&] { return kb_plugin_list(nullptr, &out); },
      [&] { return kb_plugin_path_get(nullptr, &out); },
      [&] { return kb_plugin_path_set(nullptr, "[]"); },
      [&] { return kb_plan_propose(nullptr, "c", "m", nullptr, &out); },
      [&] { return kb_plan_get(nullptr, 1, &out); },
      [&] { return kb_plan_list(nullptr, "c", &out); },
      [&] { return kb_plan_record_view(nullptr, 1, j, &out); },
      [&] { return kb_plan_approve(nullptr, 1, &out); },
      [&] { return kb_plan_end(nullptr, 1, j, &out); },
      [&] { return kb_plan_review(nullptr, 1, 0, &out); },
      [&] { return kb_review_list(nullptr, 1, &out); },
      [&] { return kb_arrangement_add(nullptr, 1, j, &out); },
      [&] { return kb_arrangement_remove(nullptr, 1, 1, &out); },
      [&] { return kb_contact_schedule(nullptr, j, &out); },
      [&] { return kb_contact_get(nullptr, 1, &out); },
      [&] { return kb_contact_list(nullptr, j, &out); },
      [&] { return kb_contact_due(nullptr, j, &out); },
      [&] { return kb_contact_overdue(nullptr, j, &out); },
      [&] { return kb_contact_log(nullptr, 1, j, &out); },
      [&] { return kb_contact_calendar(nullptr, j, &out); },
      [&] { return kb_site_add(nullptr, j, &out); },
      [&] { return kb_site_edit(nullptr, "s", j, &out); },
      [&] { return kb_site_get(nullptr, "s", &out); },
      [&] { return kb_site_list(nullptr, j, &out); },
      [&] { return kb_staff_add(nullptr, j, &out); },
      [&] { return kb_staff_end(nullptr, j, &out); },
      [&] { return kb_staff_list(nullptr, "s", &out); },
      [&] { return kb_training_add(nullptr, j, &out); },
      [&] { return kb_training_list(nullptr, j, &out); },
      [&] { return kb_activity_add(nullptr, j, &out); },
      [&] { return kb_activity_edit(nullptr, 1, j, &out); },
      [&] { return kb_activity_get(nullptr, 1, &out); },
      [&] { return kb_activity_list(nullptr, j, &out); },
      [&] { return kb_activity_enrol(nullptr, 1, "c", j, &out); },
      [&] { return kb_activity_leave(nullptr, 1, "c", j, &out); },
      [&] { return kb_enrolment_list(nullptr, 1, 0, &out); },
      [&] { return kb_group_propose(nullptr, 1, &out); },
      [&] { return kb_group_accept(nullptr, j, &out); },
      [&] { return kb_group_add(nullptr, j, &out); },
      [&] { return kb_group_edit(nullptr, 1, j, &out); },
      [&] { return kb_group_get(nullptr, 1, &out); },
      [&] { return kb_group_list(nullptr, 1, &out); },
      [&] { return kb_group_join(nullptr, 1, "c", j, &out); },
      [&] { return kb_group_leave(nullptr, 1, "c", j, &out); },
      [&] { return kb_group_member_list(nullptr, 1, 0, &out); },
      [&] { return kb_session_schedule(nullptr, j, &out); },
      [&] { return kb_session_list(nullptr, j, &out); },
      [&] { return kb_session_get(nullptr, 1, &out); },
      [&] { return kb_session_add(nullptr, j, &out); },
      [&] { return kb_session_cancel(nullptr, 1, "r", &out); },
      [&] { return kb_attendance_record(nullptr, 1, j, &out); },
      [&] { return kb_attendance_list(nullptr, 1, &out); },
      [&] { return kb_report_attendance(nullptr, j, &out); },
      [&] { return kb_audit_list(nullptr, j, &out); },
      [&] { return kb_audit_verify(nullptr, &out); },
  };
  for (std::size_t i = 0; i < calls.size(); ++i) {
    out = reinterpret_cast<char*>(&out);
    EXPECT_EQ(calls[i](), KB_INVALID_ARGUMENT) << "call " << i;
    EXPECT_THAT(kb_last_error_message(), HasSubstr("argument workspace must not be NULL"))
        << "call " << i;
    if (i != 30) {  // 30: kb_plugin_path_set, which has no output
      EXPECT_EQ(out, nullptr) << "call " << i;
    }
  }
}

}  // namespace
}  // namespace kinbridge::capi_testing
