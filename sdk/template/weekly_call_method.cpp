#include "weekly_call_method.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <kinbridge/plugin/capabilities.h>
#include <kinbridge/plugin/method_info.h>
#include <kinbridge/plugin/parameters.h>
#include <kinbridge/plugin/snapshot.h>
#include <kinbridge/plugin/text.h>

namespace weekly_call {
namespace {

using kinbridge::plugin::Arrangement;
using kinbridge::plugin::CaseSnapshot;
using kinbridge::plugin::ContactPlanning;
using kinbridge::plugin::ContactProposal;
using kinbridge::plugin::CoreComponent;
using kinbridge::plugin::FidelityClass;
using kinbridge::plugin::Finding;
using kinbridge::plugin::Method;
using kinbridge::plugin::MethodContext;
using kinbridge::plugin::MethodInfo;
using kinbridge::plugin::ParameterReader;
using kinbridge::plugin::ParameterSpec;
using kinbridge::plugin::ParameterType;
using kinbridge::plugin::PlanDraft;
using kinbridge::plugin::RelationSnapshot;
using kinbridge::plugin::Severity;
using kinbridge::plugin::Trilingual;
using kinbridge::plugin::Validation;

// Every text a worker sees, in English, Swedish and Simplified Chinese.
const Trilingual kTitle{"Weekly call", "Veckosamtal", "每周通话"};
const Trilingual kDescription{
    "A weekly phone call between the child and each parent the child is in contact with, at a "
    "fixed time. An example method from the kinbridge plugin template.",
    "Ett telefonsamtal varje vecka, på en fast tid, mellan barnet och varje förälder som barnet "
    "har kontakt med. En exempelmetod ur kinbridges pluginmall.",
    "孩子每周在固定时间与每位保持联系的父母通一次电话。kinbridge 插件模板中的示例方法。"};
const Trilingual kMinutes{"Length of each call, in minutes", "Samtalets längd i minuter",
                          "每次通话的时长（分钟）"};
const Trilingual kHour{"Hour of the day the calls start (local time)",
                       "Timme på dagen då samtalen börjar (lokal tid)",
                       "通话开始的钟点（当地时间）"};
const Trilingual kWeeklyCall{"A weekly call with each parent", "Ett veckosamtal med varje förälder",
                             "与每位父母每周通话"};
const Trilingual kChildView{"The child's view of the calls", "Barnets åsikt om samtalen",
                            "孩子对通话的看法"};
const Trilingual kRationale{
    "A call at the same time every week keeps the parent part of the child's everyday life.",
    "Ett samtal på samma tid varje vecka gör föräldern till en del av barnets vardag.",
    "每周同一时间通话，让父母参与孩子的日常生活。"};
const Trilingual kNoParent{
    "The child is in contact with no parent who can be called, so no call is proposed.",
    "Barnet har inte kontakt med någon förälder som kan ringas, så inget samtal föreslås.",
    "孩子没有可以通话的父母，因此不建议通话。"};
const Trilingual kParentWithoutCall{
    "A parent the child is in contact with has no weekly call in the plan.",
    "En förälder som barnet har kontakt med har inget veckosamtal i planen.",
    "计划中缺少与孩子保持联系的一位父母的每周通话。"};
const Trilingual kViewMissing{"Record the child's view before the plan is approved.",
                              "Dokumentera barnets åsikt innan planen godkänns.",
                              "批准计划前须记录孩子的意见。"};

MethodInfo Describe() {
  MethodInfo info;
  info.id = kMethodId;
  info.version = kMethodVersion;
  info.title = kTitle.ToText();
  info.description = kDescription.ToText();
  info.origin = {{"en", "Example municipality"}, {"sv", "Exempelkommun"}, {"zh_CN", "示例市"}};
  info.kind = "contact";
  info.parameters = {
      ParameterSpec{"call_minutes", ParameterType::kInteger, std::int64_t{20}, 10.0, 60.0,
                    kMinutes.ToText()},
      ParameterSpec{"call_hour", ParameterType::kInteger, std::int64_t{18}, 8.0, 20.0,
                    kHour.ToText()},
  };
  info.components = {
      CoreComponent{"weekly-call", kWeeklyCall.ToText(), FidelityClass::kEssential},
      CoreComponent{"child-view", kChildView.ToText(), FidelityClass::kNecessary},
  };
  return info;
}

// A mother or father the child is in contact with, who does not care for the child day to day
// and may have contact.
bool ShouldBeCalled(const RelationSnapshot& r) {
  return (r.kind == "mother" || r.kind == "father") && r.in_contact && !r.caregiver &&
         !r.Has("no-contact");
}

class WeeklyCallMethod final : public Method, public ContactPlanning {
 public:
  WeeklyCallMethod() : info_(Describe()) {}

  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return this; }

  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    const ParameterReader parameters(info_.parameters, ctx);  // defaults, clamped to bounds
    const std::int64_t hour = parameters.Int("call_hour");
    const std::string start = (hour < 10 ? "0" : "") + std::to_string(hour) + ":00";
    ContactProposal proposal;
    proposal.review_after_months = 3;
    for (const RelationSnapshot& r : child.relations) {
      if (!ShouldBeCalled(r)) continue;
      Arrangement call;
      call.relation_key = r.key;
      call.mode = "phone";
      call.rrule = "FREQ=WEEKLY;BYDAY=SU";
      call.start_time = start;
      call.duration_minutes = static_cast<int>(parameters.Int("call_minutes"));
      call.supervision = r.Has("supervised-only") ? "supervised" : "unsupervised";
      call.venue = "home";
      call.rationale = kRationale.ToText();
      proposal.arrangements.push_back(std::move(call));
    }
    if (proposal.arrangements.empty()) {
      proposal.findings.push_back(
          Finding{Severity::kInfo, "no-parent-to-call", "weekly-call", "", kNoParent.ToText()});
    }
    return proposal;
  }

  Validation Validate(const PlanDraft& plan, const CaseSnapshot& child,
                      const MethodContext&) const override {
    Validation validation;
    for (const RelationSnapshot& r : child.relations) {
      if (!ShouldBeCalled(r)) continue;
      bool called = false;
      for (const Arrangement& a : plan.arrangements) {
        called = called || (a.relation_key == r.key && (a.mode == "phone" || a.mode == "video"));
      }
      if (!called) {
        validation.findings.push_back(Finding{Severity::kWarning, "parent-without-call",
                                              "weekly-call", r.key, kParentWithoutCall.ToText()});
      }
    }
    if (plan.for_approval && !plan.child_view_recorded) {
      validation.findings.push_back(
          Finding{Severity::kError, "child-view-missing", "child-view", "", kViewMissing.ToText()});
    }
    return validation;
  }

 private:
  MethodInfo info_;
};

}  // namespace

std::shared_ptr<Method> MakeWeeklyCallMethod() { return std::make_shared<WeeklyCallMethod>(); }

}  // namespace weekly_call
