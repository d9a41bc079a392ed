// A well-behaved test plugin: test.good@1.0.0 proposes one arrangement built from its
// parameters; test.throws@1.0.0 throws from every capability call.
#include <stdexcept>

#include <kinbridge/plugin/plugin.h>

namespace {

using namespace kinbridge::plugin;

class GoodPlanning final : public ContactPlanning {
 public:
  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    ContactProposal proposal;
    Arrangement a;
    a.relation_key = child.relations.empty() ? "R1" : child.relations.front().key;
    a.mode = ctx.Flag("use_video") ? "video" : "visit";
    a.rrule = "FREQ=WEEKLY;INTERVAL=" + std::to_string(ctx.Integer("visit_interval_weeks"));
    a.start_time = "10:00";
    a.duration_minutes = static_cast<int>(ctx.Number("call_minutes"));
    a.supervision = "unsupervised";
    a.venue = ctx.Text("venue");
    a.rationale = {{"en", "test.good"}};
    proposal.arrangements.push_back(a);
    proposal.review_after_months = 3;
    return proposal;
  }
  Validation Validate(const PlanDraft& plan, const CaseSnapshot&,
                      const MethodContext&) const override {
    Validation v;
    if (plan.arrangements.empty()) {
      v.findings.push_back({Severity::kError, "no-arrangements", "", "", {{"en", "empty"}}});
    }
    return v;
  }
};

class GoodMethod final : public Method {
 public:
  GoodMethod() {
    info_.id = "test.good";
    info_.version = "1.0.0";
    info_.title = {{"en", "Good test method"}, {"sv", "Bra testmetod"}, {"zh_CN", "测试方法"}};
    info_.origin = {{"en", "Test, SE"}, {"sv", "Test, SE"}, {"zh_CN", "Test, SE"}};
    info_.kind = "contact";
    info_.parameters = {
        {"visit_interval_weeks", ParameterType::kInteger, std::int64_t{2}, 1.0, 12.0, {}},
        {"call_minutes", ParameterType::kNumber, 45.0, 5.0, 120.0, {}},
        {"use_video", ParameterType::kBoolean, false, std::nullopt, std::nullopt, {}},
        {"venue",
         ParameterType::kText,
         std::string("family centre"),
         std::nullopt,
         std::nullopt,
         {}},
    };
    info_.components = {{"child-view", {{"en", "The child's view"}}, FidelityClass::kEssential}};
  }
  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return &planning_; }

 private:
  MethodInfo info_;
  GoodPlanning planning_;
};

class ThrowingPlanning final : public ContactPlanning {
 public:
  ContactProposal Propose(const CaseSnapshot&, const MethodContext&) const override {
    throw std::runtime_error("the proposal engine is out of order");
  }
  Validation Validate(const PlanDraft&, const CaseSnapshot&, const MethodContext&) const override {
    throw 42;  // not a std::exception
  }
};

class ThrowingMethod final : public Method {
 public:
  ThrowingMethod() {
    info_.id = "test.throws";
    info_.version = "1.0.0";
    info_.title = {{"en", "Throwing test method"}};
    info_.kind = "contact";
  }
  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return &planning_; }

 private:
  MethodInfo info_;
  ThrowingPlanning planning_;
};

void Init(Registrar& registrar) {
  registrar.host().Log(LogLevel::kInfo, "test_good ready");
  registrar.AddMethod(std::make_shared<GoodMethod>());
  registrar.AddMethod(std::make_shared<ThrowingMethod>());
}

}  // namespace

KINBRIDGE_METHOD_PLUGIN("test_good", "1.0.0", "EUPL-1.2", "kinbridge tests", Init)
