// A one-method test plugin, configured by the build:
//   TEST_PLUGIN_NAME, TEST_METHOD_ID, TEST_METHOD_VERSION (strings)
//   TEST_INIT_THROWS (defined: init registers the method, then throws)
#include <stdexcept>

#include <kinbridge/plugin/plugin.h>

namespace {

using namespace kinbridge::plugin;

class SimplePlanning final : public ContactPlanning {
 public:
  ContactProposal Propose(const CaseSnapshot&, const MethodContext&) const override {
    ContactProposal proposal;
    proposal.arrangements.resize(2);
    return proposal;
  }
  Validation Validate(const PlanDraft&, const CaseSnapshot&, const MethodContext&) const override {
    return {};
  }
};

class SimpleMethod final : public Method {
 public:
  SimpleMethod() {
    info_.id = TEST_METHOD_ID;
    info_.version = TEST_METHOD_VERSION;
    info_.title = {{"en", TEST_PLUGIN_NAME}};
    info_.kind = "contact";
  }
  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return &planning_; }

 private:
  MethodInfo info_;
  SimplePlanning planning_;
};

void Init(Registrar& registrar) {
  registrar.AddMethod(std::make_shared<SimpleMethod>());
#ifdef TEST_INIT_THROWS
  throw std::runtime_error("the method catalogue could not be read");
#endif
}

}  // namespace

KINBRIDGE_METHOD_PLUGIN(TEST_PLUGIN_NAME, "2.3.4", "EUPL-1.2", "kinbridge tests", Init)
