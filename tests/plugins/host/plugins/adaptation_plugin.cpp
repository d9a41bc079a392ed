// A test adaptation plugin, configured by the build:
//   TEST_PLUGIN_NAME, TEST_ADAPT_ID, TEST_BASE_ID, TEST_BASE_RANGE (strings)
//   TEST_MAKE_THROWS / TEST_MAKE_NULL / TEST_WRONG_BASE (defined: make() misbehaves)
//   TEST_ALSO_ORIGINAL (defined: the plugin also registers an original, test.partial@1.0.0)
// The adaptation proposes what its base proposes, with its own id appended to each
// arrangement's English rationale, and delegates validation to its base.
#include <stdexcept>

#include <kinbridge/plugin/plugin.h>

namespace {

using namespace kinbridge::plugin;

class AdaptedPlanning final : public ContactPlanning {
 public:
  explicit AdaptedPlanning(const Method& base) : base_(base) {}
  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    const ContactPlanning* base = base_.contact_planning();
    if (base == nullptr) throw std::runtime_error("the base cannot plan contact");
    ContactProposal proposal = base->Propose(child, ctx);
    for (Arrangement& a : proposal.arrangements) a.rationale["en"] += " > " TEST_ADAPT_ID;
    return proposal;
  }
  Validation Validate(const PlanDraft& plan, const CaseSnapshot& child,
                      const MethodContext& ctx) const override {
    const ContactPlanning* base = base_.contact_planning();
    if (base == nullptr) throw std::runtime_error("the base cannot plan contact");
    return base->Validate(plan, child, ctx);
  }

 private:
  const Method& base_;
};

class Adaptation final : public Method {
 public:
  explicit Adaptation(std::shared_ptr<const Method> base)
      : base_(std::move(base)), planning_(*base_) {
    info_ = base_->Info();
    info_.id = TEST_ADAPT_ID;
    info_.version = "1.0.0";
    info_.title = {{"en", TEST_ADAPT_ID}};
#ifdef TEST_WRONG_BASE
    info_.base_id = "test.somewhere.else";
#else
    info_.base_id = TEST_BASE_ID;
#endif
    info_.base_range = TEST_BASE_RANGE;
    FrameRecord frame;
    frame.what = "content";
    frame.nature = "adding";
    frame.reason = {{"en", "testing"}, {"sv", "test"}, {"zh_CN", "测试"}};
    info_.frame = {frame};
  }
  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return &planning_; }

 private:
  std::shared_ptr<const Method> base_;
  MethodInfo info_;
  AdaptedPlanning planning_;
};

#ifdef TEST_ALSO_ORIGINAL
class Original final : public Method {
 public:
  Original() {
    info_.id = "test.partial";
    info_.version = "1.0.0";
  }
  const MethodInfo& Info() const override { return info_; }

 private:
  MethodInfo info_;
};
#endif

void Init(Registrar& registrar) {
#ifdef TEST_ALSO_ORIGINAL
  registrar.AddMethod(std::make_shared<Original>());
#endif
  AdaptationSpec spec;
  spec.base_id = TEST_BASE_ID;
  spec.base_range = TEST_BASE_RANGE;
  spec.make = [](std::shared_ptr<const Method> base) -> std::shared_ptr<Method> {
#if defined(TEST_MAKE_THROWS)
    (void)base;
    throw std::runtime_error("the adaptation needs a newer moon");
#elif defined(TEST_MAKE_NULL)
    (void)base;
    return nullptr;
#else
    return std::make_shared<Adaptation>(std::move(base));
#endif
  };
  registrar.AddAdaptation(std::move(spec));
}

}  // namespace

KINBRIDGE_METHOD_PLUGIN(TEST_PLUGIN_NAME, "1.0.0", "EUPL-1.2", "kinbridge tests", Init)
