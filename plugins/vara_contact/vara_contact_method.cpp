#include "vara_contact/vara_contact_method.h"

#include "kinbridge/plugin/parameters.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/plugin/snapshot.h"
#include "kinbridge/plugin/text.h"

namespace kinbridge::methods {
namespace {

using plugin::Arrangement;
using plugin::CaseSnapshot;
using plugin::ComponentResult;
using plugin::ContactPlanning;
using plugin::ContactProposal;
using plugin::CoreComponent;
using plugin::DeliveryRecord;
using plugin::FidelityClass;
using plugin::Finding;
using plugin::FollowUp;
using plugin::FollowUpReport;
using plugin::LocalizedText;
using plugin::Method;
using plugin::MethodContext;
using plugin::MethodInfo;
using plugin::ParameterSpec;
using plugin::ParameterType;
using plugin::PlanDraft;
using plugin::RelationSnapshot;
using plugin::Severity;
using plugin::Validation;

// Average weeks and days in a month, for contacts-per-month figures.
constexpr double kWeeksPerMonth = 365.25 / 7.0 / 12.0;
constexpr double kDaysPerMonth = 365.25 / 12.0;

// Clock times of the proposed arrangements (local time of the municipality).
constexpr char kVisitTime[] = "10:00";
constexpr char kParentCallTime[] = "18:00";
constexpr char kSiblingTime[] = "13:00";
constexpr char kNetworkCallTime[] = "16:00";

// ---------------------------------------------------------------------------------------------
// Texts: every text the method produces exists in English, Swedish and Chinese.

using Tri = plugin::Trilingual;  // sentences join with +: see kinbridge/plugin/text.h

std::string Num(std::int64_t value) { return std::to_string(value); }

// One decimal, independent of the C locale: 2.2 (en, zh) and 2,2 (sv).
std::string OneDecimal(double value, char point) {
  const std::int64_t tenths = std::llround(value * 10.0);
  return Num(tenths / 10) + point + Num(std::llabs(tenths % 10));
}

// Swedish writes clock times with a dot: 18.00.
std::string SvTime(std::string time) {
  std::replace(time.begin(), time.end(), ':', '.');
  return time;
}

Tri EveryWeeks(std::int64_t n) {
  if (n == 1) return {"every week", "varje vecka", "每周"};
  if (n == 2) return {"every other week", "varannan vecka", "每两周"};
  return {"every " + Num(n) + " weeks", "var " + Num(n) + ":e vecka", "每" + Num(n) + "周"};
}

// "每周六" every week, "每两周的周六" every other week.
std::string ZhOnDay(std::int64_t weeks, const std::string& day) {
  return weeks == 1 ? "每" + day : EveryWeeks(weeks).zh + "的" + day;
}

Tri EveryMonths(std::int64_t n) {
  if (n == 1) return {"every month", "varje månad", "每月"};
  if (n == 2) return {"every other month", "varannan månad", "每两个月"};
  return {"every " + Num(n) + " months", "var " + Num(n) + ":e månad", "每" + Num(n) + "个月"};
}

Tri Months(std::int64_t n) {
  return {Num(n) + (n == 1 ? " month" : " months"), Num(n) + (n == 1 ? " månad" : " månader"),
          Num(n) + "个月"};
}

enum class Kin { kParent, kSibling, kGrandparent, kOther };

Kin KinOf(const std::string& kind) {
  if (kind == "mother" || kind == "father" || kind == "parent") return Kin::kParent;
  if (kind == "sibling" || kind == "brother" || kind == "sister") return Kin::kSibling;
  if (kind == "grandparent" || kind == "grandmother" || kind == "grandfather") {
    return Kin::kGrandparent;
  }
  return Kin::kOther;
}

// The relation as the object of a sentence: "the mother", "mamman", "母亲".
Tri Who(const std::string& kind) {
  if (kind == "mother") return {"the mother", "mamman", "母亲"};
  if (kind == "father") return {"the father", "pappan", "父亲"};
  switch (KinOf(kind)) {
    case Kin::kParent: return {"the parent", "föräldern", "父母"};
    case Kin::kSibling: return {"the sibling", "syskonet", "兄弟姐妹"};
    case Kin::kGrandparent: return {"the grandparent", "mor- eller farföräldern", "祖父母"};
    case Kin::kOther: break;
  }
  return {"the connected person", "den närstående", "其他亲友"};
}

Tri ModeName(const std::string& mode) {
  if (mode == "visit") return {"visits", "besök", "探访"};
  if (mode == "phone") return {"phone calls", "telefonsamtal", "电话"};
  if (mode == "video") return {"video calls", "videosamtal", "视频通话"};
  if (mode == "letter") return {"letters", "brev", "书信"};
  if (mode == "message") return {"messages", "meddelanden", "消息"};
  return {mode, mode, mode};
}

Finding MakeFinding(Severity severity, std::string code, std::string component, std::string subject,
                    const Tri& message) {
  Finding finding;
  finding.severity = severity;
  finding.code = std::move(code);
  finding.component = std::move(component);
  finding.subject = std::move(subject);
  finding.message = message.ToText();
  return finding;
}

// Parameters: the context's values, else the declared defaults, clamped to the bounds.
using Parameters = ::kinbridge::plugin::ParameterReader;

ParameterSpec IntegerParameter(std::string name, std::int64_t value, double min, double max,
                               const Tri& description) {
  ParameterSpec spec;
  spec.name = std::move(name);
  spec.type = ParameterType::kInteger;
  spec.default_value = value;
  spec.min = min;
  spec.max = max;
  spec.description = description.ToText();
  return spec;
}

// ---------------------------------------------------------------------------------------------
// The method's description.

MethodInfo DescribeMethod() {
  MethodInfo info;
  info.id = kVaraContactId;
  info.version = kVaraContactVersion;
  info.title = Tri{"Vara contact method", "Varas umgängesmetod", "瓦拉亲情联系方法"}.ToText();
  info.description =
      Tri{"Individual contact maintenance for children in foster and kinship care: arrangements "
          "with each parent, sibling and the wider network, aware of contact restrictions, with "
          "the child's view recorded at every review.",
          "Individuellt umgängesarbete för placerade barn i familjehem och nätverkshem: "
          "umgängestillfällen med varje förälder, syskon och det övriga nätverket, med hänsyn till "
          "umgängesbegränsningar och med barnets åsikt dokumenterad vid varje uppföljning.",
          "面向寄养家庭和亲属照护儿童的个体化亲情联系方法：与父母双方、兄弟姐妹及更广泛家庭网络"
          "的联系安排，遵守探视限制，每次复核都记录儿童意见。"}
          .ToText();
  info.origin = Tri{"Vara, Sweden", "Vara, Sverige", "瑞典瓦拉"}.ToText();
  info.kind = "contact";

  info.parameters = {
      IntegerParameter("parent_visit_interval_weeks", 2, 1, 8,
                       {"Weeks between visits with a parent.",
                        "Veckor mellan besök med en förälder.", "与父母探访的间隔周数。"}),
      IntegerParameter(
          "parent_visit_minutes", 120, 30, 480,
          {"Length of a visit with a parent, in minutes.",
           "Längd på ett besök med en förälder, i minuter.", "与父母每次探访的时长（分钟）。"}),
      IntegerParameter(
          "parent_call_interval_weeks", 1, 1, 4,
          {"Weeks between video calls with a parent whose contact is not restricted to supervised "
           "contact.",
           "Veckor mellan videosamtal med en förälder vars umgänge inte är begränsat till umgänge "
           "i närvaro av kontaktperson.",
           "与未受监督探视限制的父母视频通话的间隔周数。"}),
      IntegerParameter("call_minutes", 30, 10, 120,
                       {"Length of a phone or video call, in minutes.",
                        "Längd på ett telefon- eller videosamtal, i minuter.",
                        "每次电话或视频通话的时长（分钟）。"}),
      IntegerParameter("sibling_interval_weeks", 4, 1, 12,
                       {"Weeks between meetings with a sibling.",
                        "Veckor mellan träffar med ett syskon.", "与兄弟姐妹见面的间隔周数。"}),
      IntegerParameter(
          "sibling_visit_minutes", 120, 30, 480,
          {"Length of a meeting with a sibling, in minutes.",
           "Längd på en träff med ett syskon, i minuter.", "每次与兄弟姐妹见面的时长（分钟）。"}),
      IntegerParameter("grandparent_interval_weeks", 4, 1, 12,
                       {"Weeks between phone calls with a grandparent.",
                        "Veckor mellan telefonsamtal med en mor- eller farförälder.",
                        "与祖父母电话联系的间隔周数。"}),
      IntegerParameter("other_interval_months", 1, 1, 6,
                       {"Months between letters or messages to another connected person.",
                        "Månader mellan brev eller meddelanden till en annan närstående.",
                        "给其他亲友写信或发消息的间隔月数。"}),
      IntegerParameter(
          "young_child_age_years", 3, 0, 6,
          {"Children younger than this many years get weekly, shorter visits with their parents "
           "instead of calls.",
           "Barn yngre än så här många år får kortare besök med föräldrarna varje vecka i stället "
           "för samtal.",
           "低于此年龄（岁）的儿童每周与父母进行较短的探访，以代替通话。"}),
      IntegerParameter("young_child_visit_minutes", 60, 30, 240,
                       {"Length of a parent visit for a young child, in minutes (at most "
                        "parent_visit_minutes).",
                        "Längd på ett besök med en förälder för ett litet barn, i minuter (högst "
                        "parent_visit_minutes).",
                        "幼儿与父母每次探访的时长（分钟，不超过 parent_visit_minutes）。"}),
      IntegerParameter(
          "min_contacts_per_month_parent", 2, 0, 30,
          {"Fewest contacts a month with each parent who is not under a no-contact restriction.",
           "Minsta antal kontakter i månaden med varje förälder som inte omfattas av "
           "kontaktförbud.",
           "与每位未受禁止联系限制的父母每月最少联系次数。"}),
      IntegerParameter("review_months", 3, 1, 12,
                       {"Months between reviews of the plan; at most 3 while a contact "
                        "restriction is in force.",
                        "Månader mellan uppföljningar av planen; högst 3 så länge en "
                        "umgängesbegränsning gäller.",
                        "计划复核的间隔月数；存在探视限制时最多3个月。"}),
  };
  ParameterSpec adherence;
  adherence.name = "min_adherence";
  adherence.type = ParameterType::kNumber;
  adherence.default_value = 0.5;
  adherence.min = 0.0;
  adherence.max = 1.0;
  adherence.description =
      Tri{"Share of planned contacts that must be held, 0 to 1; below it a review warns and the "
          "contact component is not met.",
          "Andel planerade umgängestillfällen som ska genomföras, 0 till 1; under den varnar "
          "uppföljningen och umgängeskomponenten är inte uppfylld.",
          "计划联系中须实际进行的比例（0至1）；低于此值时复核发出警告，相应联系要素视为未达成。"}
          .ToText();
  info.parameters.push_back(adherence);
  ParameterSpec child_view;
  child_view.name = "child_view_required";
  child_view.type = ParameterType::kBoolean;
  child_view.default_value = true;
  child_view.description =
      Tri{"Whether the child's view must be recorded before a plan is "
          "approved.",
          "Om barnets åsikt måste dokumenteras innan en plan godkänns.",
          "计划批准前是否必须记录儿童意见。"}
          .ToText();
  info.parameters.push_back(child_view);

  auto component = [](std::string id, const Tri& title, FidelityClass fidelity) {
    CoreComponent c;
    c.id = std::move(id);
    c.title = title.ToText();
    c.fidelity = fidelity;
    return c;
  };
  info.components = {
      component("child-view",
                {"The child's view recorded at every review",
                 "Barnets åsikt dokumenteras vid varje uppföljning", "每次复核都记录儿童意见"},
                FidelityClass::kEssential),
      component("parent-contact",
                {"Regular contact with each parent unless restricted",
                 "Regelbunden kontakt med varje förälder om inte umgänget är begränsat",
                 "除受限制外，与父母双方保持定期联系"},
                FidelityClass::kEssential),
      component("sibling-contact",
                {"Contact with siblings", "Kontakt med syskon", "与兄弟姐妹保持联系"},
                FidelityClass::kNecessary),
      component("restriction-safety",
                {"No arrangement breaks a contact restriction",
                 "Inget umgängestillfälle bryter mot en umgängesbegränsning",
                 "任何联系安排都不违反探视限制"},
                FidelityClass::kEssential),
      component("network-contact",
                {"Contact with grandparents and the wider network",
                 "Kontakt med mor- och farföräldrar och det övriga nätverket",
                 "与祖父母及更广泛家庭网络的联系"},
                FidelityClass::kAcceptable),
      component("unsupervised-despite-restriction",
                {"Unsupervised contact despite a restriction to supervised contact",
                 "Umgänge utan kontaktperson trots beslut om umgänge i närvaro av kontaktperson",
                 "违反监督限制的无监督联系"},
                FidelityClass::kProscribed),
  };
  return info;
}

// ---------------------------------------------------------------------------------------------
// Helpers over snapshots and plans.

bool AnyRestriction(const CaseSnapshot& child) {
  return std::any_of(child.relations.begin(), child.relations.end(),
                     [](const RelationSnapshot& r) { return !r.restrictions.empty(); });
}

const RelationSnapshot* FindRelation(const CaseSnapshot& child, const std::string& key) {
  for (const auto& relation : child.relations) {
    if (relation.key == key) return &relation;
  }
  return nullptr;
}

// Venue words compared case-insensitively, with '-' and '_' read as spaces.
std::string NormalizeVenue(const std::string& venue) {
  std::string out;
  for (char c : venue) {
    if (c == '-' || c == '_') c = ' ';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

bool IsPlacementVenue(const std::string& venue) {
  const std::string v = NormalizeVenue(venue);
  return v == "foster home" || v == "placement";
}

// Where unsupervised in-person contact happens by default: the child's home.
std::string HomeVenue(const CaseSnapshot& child) {
  return child.placement_type == "foster-family" || child.placement_type == "kinship"
             ? "foster home"
             : "placement";
}

std::string WeeklyRule(std::int64_t interval, const std::string& day) {
  return interval == 1 ? "FREQ=WEEKLY;BYDAY=" + day
                       : "FREQ=WEEKLY;INTERVAL=" + Num(interval) + ";BYDAY=" + day;
}

// ---------------------------------------------------------------------------------------------

class VaraContactMethod final : public Method, public ContactPlanning, public FollowUp {
 public:
  VaraContactMethod() : info_(DescribeMethod()) {}

  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return this; }
  const FollowUp* follow_up() const override { return this; }

  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    const Parameters p(info_.parameters, ctx);
    ContactProposal proposal;
    proposal.review_after_months = ReviewCadenceMonths(child, ctx);
    for (const auto& relation : child.relations) ProposeFor(relation, child, p, proposal);

    if (AnyRestriction(child)) {
      const Tri months = Months(proposal.review_after_months);
      proposal.findings.push_back(MakeFinding(
          Severity::kInfo, "restriction-review", "restriction-safety", "",
          {"Contact restrictions are in force: they must be reconsidered at least every three "
           "months, so the plan is reviewed after " +
               months.en + ".",
           "Umgängesbegränsningar gäller: de ska omprövas minst var tredje månad, så planen följs "
           "upp efter " +
               months.sv + ".",
           "存在探视限制：限制至少每三个月须复核一次，因此本计划在" + months.zh + "后复核。"}));
    }
    if (p.Flag("child_view_required") && !child.child_view_recorded) {
      proposal.findings.push_back(MakeFinding(
          Severity::kInfo, "child-view-needed", "child-view", "",
          {"Record the child's view before the plan is approved: the method requires it at every "
           "review.",
           "Dokumentera barnets åsikt innan planen godkänns: metoden kräver den vid varje "
           "uppföljning.",
           "计划批准前请记录儿童意见：本方法要求每次复核都听取儿童意见。"}));
    }
    return proposal;
  }

  Validation Validate(const PlanDraft& plan, const CaseSnapshot& child,
                      const MethodContext& ctx) const override {
    const Parameters p(info_.parameters, ctx);
    Validation validation;
    auto& findings = validation.findings;
    std::map<std::string, double> per_month;  // relation key -> planned contacts a month

    for (std::size_t i = 0; i < plan.arrangements.size(); ++i) {
      const Arrangement& a = plan.arrangements[i];
      const std::string n = Num(static_cast<std::int64_t>(i + 1));
      const Tri which{"Arrangement " + n, "Umgängestillfälle " + n, "第" + n + "项安排"};
      const RelationSnapshot* relation = FindRelation(child, a.relation_key);
      if (relation == nullptr) {
        findings.push_back(MakeFinding(
            Severity::kError, "unknown-relation", "", a.relation_key,
            {which.en + ": relation \"" + a.relation_key +
                 "\" is not in the child's network; choose one of the child's relations.",
             which.sv + ": relationen \"" + a.relation_key +
                 "\" finns inte i barnets nätverk; välj en av barnets relationer.",
             which.zh + "：关系“" + a.relation_key +
                 "”不在儿童的家庭网络中；请选择儿童的一个关系。"}));
        continue;
      }
      const Tri who = Who(relation->kind);
      const std::string& key = relation->key;
      if (relation->Has("no-contact")) {
        findings.push_back(MakeFinding(
            Severity::kError, "restricted-relation", "restriction-safety", key,
            {which.en + ": contact with " + who.en + " (" + key +
                 ") is forbidden by a no-contact restriction; remove the arrangement.",
             which.sv + ": umgänge med " + who.sv + " (" + key +
                 ") är förbjudet enligt en umgängesbegränsning; ta bort umgängestillfället.",
             which.zh + "：探视限制禁止与" + who.zh + "（" + key + "）联系；请删除该安排。"}));
      }
      if (relation->Has("supervised-only") && a.supervision != "supervised") {
        findings.push_back(MakeFinding(
            Severity::kError, "supervision-required", "unsupervised-despite-restriction", key,
            {which.en + ": contact with " + who.en + " (" + key +
                 ") must be supervised, but supervision is \"" + a.supervision +
                 "\"; set it to \"supervised\".",
             which.sv + ": umgänge med " + who.sv + " (" + key +
                 ") ska ske i närvaro av kontaktperson, men tillsynen är \"" + a.supervision +
                 "\"; ange \"supervised\".",
             which.zh + "：与" + who.zh + "（" + key +
                 "）的联系必须在监督下进行，但当前监督级别为“" + a.supervision +
                 "”；请设为“supervised”。"}));
      }
      if (relation->Has("secret-address") && IsPlacementVenue(a.venue)) {
        findings.push_back(
            MakeFinding(Severity::kError, "secret-address-venue", "restriction-safety", key,
                        {which.en + ": the placement address is kept secret from " + who.en + " (" +
                             key + "), but the venue is \"" + a.venue +
                             "\"; choose a neutral venue such as the family centre.",
                         which.sv + ": vistelseorten hålls hemlig för " + who.sv + " (" + key +
                             "), men platsen är \"" + a.venue +
                             "\"; välj en neutral plats, till exempel familjecentralen.",
                         which.zh + "：安置地址须对" + who.zh + "（" + key + "）保密，但地点为“" +
                             a.venue + "”；请选择家庭中心等中立地点。"}));
      }
      if (KinOf(relation->kind) == Kin::kParent) {
        const auto rate = ContactsPerMonth(a.rrule);
        if (rate) {
          per_month[key] += *rate;
        } else {
          findings.push_back(MakeFinding(
              Severity::kWarning, "recurrence-not-understood", "parent-contact", key,
              {which.en + ": the recurrence \"" + a.rrule +
                   "\" was not understood (expected FREQ=DAILY, WEEKLY or MONTHLY with an "
                   "optional INTERVAL); it is not counted towards the minimum frequency.",
               which.sv + ": upprepningen \"" + a.rrule +
                   "\" kunde inte tolkas (förväntade FREQ=DAILY, WEEKLY eller MONTHLY med ett "
                   "valfritt INTERVAL); den räknas inte mot minimifrekvensen.",
               which.zh + "：无法识别重复规则“" + a.rrule +
                   "”（应为FREQ=DAILY、WEEKLY或MONTHLY，可带INTERVAL）；该安排不计入最低频率。"}));
        }
      }
    }

    // Every parent the child may see, and who is not at home, needs the minimum frequency.
    const auto minimum = p.Int("min_contacts_per_month_parent");
    for (const auto& relation : child.relations) {
      if (KinOf(relation.kind) != Kin::kParent || !relation.in_contact || relation.caregiver ||
          relation.Has("no-contact")) {
        continue;
      }
      const double rate = per_month.count(relation.key) ? per_month.at(relation.key) : 0.0;
      if (rate + 1e-9 >= static_cast<double>(minimum)) continue;
      const Tri who = Who(relation.kind);
      const std::string& key = relation.key;
      findings.push_back(MakeFinding(
          Severity::kWarning, "below-minimum-frequency", "parent-contact", key,
          {"Contact with " + who.en + " (" + key + ") is planned about " + OneDecimal(rate, '.') +
               " times a month, below the method's minimum of " + Num(minimum) +
               "; add arrangements or make them more frequent, or record why.",
           "Kontakt med " + who.sv + " (" + key + ") planeras ungefär " + OneDecimal(rate, ',') +
               " gånger i månaden, under metodens minimum på " + Num(minimum) +
               "; lägg till umgängestillfällen eller gör dem tätare, eller dokumentera varför.",
           "与" + who.zh + "（" + key + "）的联系计划约每月" + OneDecimal(rate, '.') +
               "次，低于本方法规定的最低" + Num(minimum) +
               "次；请增加或加密联系安排，或记录原因。"}));
    }

    if (plan.for_approval && p.Flag("child_view_required") && !plan.child_view_recorded) {
      findings.push_back(MakeFinding(
          Severity::kError, "child-view-missing", "child-view", "",
          {"The child's view is not recorded; record it before the plan is approved (UNCRC art. "
           "12).",
           "Barnets åsikt är inte dokumenterad; dokumentera den innan planen godkänns "
           "(barnkonventionen art. 12).",
           "尚未记录儿童意见；请在计划批准前记录（《儿童权利公约》第12条）。"}));
    }
    return validation;
  }

  int ReviewCadenceMonths(const CaseSnapshot& child, const MethodContext& ctx) const override {
    const Parameters p(info_.parameters, ctx);
    auto months = p.Int("review_months");
    if (AnyRestriction(child)) months = std::min<std::int64_t>(months, 3);
    return static_cast<int>(months);
  }

  FollowUpReport Review(const DeliveryRecord& delivered, const CaseSnapshot& child,
                        const MethodContext& ctx) const override {
    const Parameters p(info_.parameters, ctx);
    const double min_adherence = p.Number("min_adherence");
    const std::string min_pct = Num(std::llround(min_adherence * 100.0));
    FollowUpReport report;
    report.next_review_months = ReviewCadenceMonths(child, ctx);

    // Held and planned per relation and mode, summed over arrangements of the same kind.
    struct Tally {
      std::string relation_key, mode;
      int planned = 0, held = 0;
    };
    std::map<std::string, Tally> tallies;
    for (const auto& a : delivered.arrangements) {
      Tally& t = tallies[a.relation_key + ":" + a.mode];
      t.relation_key = a.relation_key;
      t.mode = a.mode;
      t.planned += a.planned;
      t.held += a.held;
    }
    // Per relation: whether it had planned contact, and whether every mode reached the minimum.
    std::map<std::string, bool> planned_any, all_adherent;
    for (const auto& [key, t] : tallies) {
      if (t.planned <= 0) continue;
      const double ratio = std::clamp(static_cast<double>(t.held) / t.planned, 0.0, 1.0);
      report.adherence[key] = ratio;
      planned_any[t.relation_key] = true;
      if (!all_adherent.count(t.relation_key)) all_adherent[t.relation_key] = true;
      if (ratio + 1e-9 >= min_adherence) continue;
      all_adherent[t.relation_key] = false;

      const RelationSnapshot* relation = FindRelation(child, t.relation_key);
      const Tri who = relation ? Who(relation->kind) : Tri{"the relation", "relationen", "关系人"};
      std::string component;
      if (relation != nullptr) {
        switch (KinOf(relation->kind)) {
          case Kin::kParent: component = "parent-contact"; break;
          case Kin::kSibling: component = "sibling-contact"; break;
          default: component = "network-contact"; break;
        }
      }
      const Tri mode = ModeName(t.mode);
      const std::string pct = Num(std::llround(ratio * 100.0));
      const std::string held = Num(t.held), planned = Num(t.planned);
      report.findings.push_back(MakeFinding(
          Severity::kWarning, "low-adherence", component, t.relation_key,
          {"Only " + held + " of " + planned + " planned " + mode.en + " with " + who.en + " (" +
               t.relation_key + ") were held (" + pct + " %), below the method's " + min_pct +
               " %; talk with the family about what makes contact hard and offer replacements.",
           "Endast " + held + " av " + planned + " planerade " + mode.sv + " med " + who.sv + " (" +
               t.relation_key + ") genomfördes (" + pct + " %), under metodens " + min_pct +
               " %; prata med familjen om vad som försvårar umgänget och erbjud "
               "ersättningstillfällen.",
           "与" + who.zh + "（" + t.relation_key + "）计划的" + planned + "次" + mode.zh +
               "中只进行了" + held + "次（" + pct + "%），低于本方法的" + min_pct +
               "%；请与家庭讨论联系的困难并提供补替安排。"}));
    }

    // Fidelity to the core components.
    auto met_for = [&](Kin kin, bool* any) {
      bool met = true;
      *any = false;
      for (const auto& relation : child.relations) {
        if (KinOf(relation.kind) != kin || !relation.in_contact || relation.caregiver ||
            relation.Has("no-contact")) {
          continue;
        }
        *any = true;
        if (!planned_any.count(relation.key) || !all_adherent.at(relation.key)) met = false;
      }
      return met;
    };
    auto result = [](std::string component, bool met, const Tri& note) {
      ComponentResult r;
      r.component = std::move(component);
      r.met = met;
      r.note = note.ToText();
      return r;
    };

    report.fidelity.push_back(
        result("child-view", delivered.child_view_recorded,
               delivered.child_view_recorded
                   ? Tri{"The child's view is recorded.", "Barnets åsikt är dokumenterad.",
                         "已记录儿童意见。"}
                   : Tri{"The child's view is not recorded.", "Barnets åsikt är inte dokumenterad.",
                         "未记录儿童意见。"}));

    bool any_parent = false;
    const bool parents_met = met_for(Kin::kParent, &any_parent);
    report.fidelity.push_back(result(
        "parent-contact", parents_met,
        parents_met
            ? Tri{"Every parent the child may see had planned contact, and each kind of contact "
                  "was held at least " +
                      min_pct + " % of the time.",
                  "Varje förälder som barnet får träffa hade planerat umgänge, och varje form av "
                  "umgänge genomfördes minst " +
                      min_pct + " % av gångerna.",
                  "每位可与儿童联系的父母都有计划联系，且每种联系至少进行了" + min_pct + "%。"}
            : Tri{"Contact with at least one parent was not planned, or was held less than " +
                      min_pct + " % of the time.",
                  "Umgänget med minst en förälder var inte planerat eller genomfördes mindre än " +
                      min_pct + " % av gångerna.",
                  "至少有一位父母没有计划联系，或联系进行率低于" + min_pct + "%。"}));

    bool any_sibling = false;
    const bool siblings_met = met_for(Kin::kSibling, &any_sibling);
    Tri sibling_note;
    if (!any_sibling) {
      sibling_note = {"The child has no siblings to keep contact with.",
                      "Barnet har inga syskon att hålla kontakt med.",
                      "儿童没有需要保持联系的兄弟姐妹。"};
    } else if (siblings_met) {
      sibling_note = {
          "Contact with every sibling was planned and held at least " + min_pct + " % of the time.",
          "Umgänget med varje syskon var planerat och genomfördes minst " + min_pct +
              " % av gångerna.",
          "与每位兄弟姐妹都有计划联系，且至少进行了" + min_pct + "%。"};
    } else {
      sibling_note = {"Contact with at least one sibling was not planned, or was held less than " +
                          min_pct + " % of the time.",
                      "Umgänget med minst ett syskon var inte planerat eller genomfördes mindre "
                      "än " +
                          min_pct + " % av gångerna.",
                      "至少有一位兄弟姐妹没有计划联系，或联系进行率低于" + min_pct + "%。"};
    }
    report.fidelity.push_back(result("sibling-contact", siblings_met, sibling_note));

    const bool safe = !delivered.restriction_breached;
    report.fidelity.push_back(
        result("restriction-safety", safe,
               safe ? Tri{"No contact was held against a restriction.",
                          "Inget umgänge genomfördes i strid med en umgängesbegränsning.",
                          "没有违反探视限制的联系。"}
                    : Tri{"A contact was held against a restriction in force.",
                          "Ett umgänge genomfördes i strid med en gällande umgängesbegränsning.",
                          "有联系违反了现行探视限制。"}));

    if (!safe) {
      report.findings.push_back(MakeFinding(
          Severity::kError, "restriction-breached", "restriction-safety", "",
          {"A contact was held against a restriction in force; report it to the supervisor and "
           "review the plan.",
           "Ett umgänge genomfördes trots en gällande umgängesbegränsning; rapportera det till "
           "arbetsledaren och se över planen.",
           "有联系违反了现行探视限制；请报告主管并复核计划。"}));
    }
    if (!delivered.child_view_recorded && p.Flag("child_view_required")) {
      report.findings.push_back(MakeFinding(
          Severity::kWarning, "child-view-missing", "child-view", "",
          {"The child's view was not recorded for this review; talk with the child and record it.",
           "Barnets åsikt dokumenterades inte vid den här uppföljningen; samtala med barnet och "
           "dokumentera den.",
           "本次复核未记录儿童意见；请与儿童交谈并记录。"}));
    }
    for (const auto& relation : child.relations) {
      if (relation.restrictions.empty()) continue;
      const Tri who = Who(relation.kind);
      report.findings.push_back(
          MakeFinding(Severity::kInfo, "restriction-review-due", "restriction-safety", relation.key,
                      {"The restriction on contact with " + who.en + " (" + relation.key +
                           ") must be reconsidered at this review (at least every three months).",
                       "Umgängesbegränsningen för " + who.sv + " (" + relation.key +
                           ") ska omprövas vid den här uppföljningen (minst var tredje månad).",
                       "对" + who.zh + "（" + relation.key +
                           "）的探视限制须在本次复核时重新审查（至少每三个月一次）。"}));
    }
    return report;
  }

 private:
  void ProposeFor(const RelationSnapshot& relation, const CaseSnapshot& child, const Parameters& p,
                  ContactProposal& proposal) const {
    const Tri who = Who(relation.kind);
    const std::string& key = relation.key;
    const Kin kin = KinOf(relation.kind);
    if (relation.Has("no-contact")) {
      proposal.findings.push_back(MakeFinding(
          Severity::kInfo, "no-contact-restriction", "restriction-safety", key,
          {"No contact is proposed with " + who.en + " (" + key +
               "): a decision restricts all contact.",
           "Inget umgänge föreslås med " + who.sv + " (" + key +
               "): ett beslut om umgängesbegränsning förbjuder all kontakt.",
           "不为" + who.zh + "（" + key + "）安排联系：已有探视限制决定禁止一切联系。"}));
      return;
    }
    if (!relation.in_contact) {
      proposal.findings.push_back(MakeFinding(
          Severity::kInfo, "not-in-contact", kin == Kin::kParent ? "parent-contact" : "", key,
          {"No contact is proposed with " + who.en + " (" + key +
               "): the child is not in contact with this person. Consider with the child whether "
               "contact should be re-established.",
           "Inget umgänge föreslås med " + who.sv + " (" + key +
               "): barnet har ingen kontakt med personen. Överväg tillsammans med barnet om "
               "kontakten ska återupptas.",
           "不为" + who.zh + "（" + key +
               "）安排联系：儿童目前与此人没有联系。请与儿童一起考虑是否恢复联系。"}));
      return;
    }
    if (relation.caregiver) {
      proposal.findings.push_back(MakeFinding(
          Severity::kInfo, "caregiver", "", key,
          {"No arrangement with " + who.en + " (" + key +
               "): as a caregiver they are part of the child's daily life.",
           "Inget umgängestillfälle med " + who.sv + " (" + key +
               "): personen har den dagliga omsorgen om barnet och finns i barnets vardag.",
           "不为" + who.zh + "（" + key + "）安排联系：作为照护人，其已是儿童日常生活的一部分。"}));
      return;
    }

    const bool supervised = relation.Has("supervised-only");
    const bool secret = relation.Has("secret-address");
    const bool compulsory = child.legal_basis == "compulsory";
    const std::string supervision =
        supervised ? "supervised" : (compulsory ? "monitored" : "unsupervised");
    const std::string in_person_venue =
        supervised || secret ? std::string("family centre") : HomeVenue(child);
    const std::string remote_venue = supervised ? std::string("family centre") : "online";

    // Why the supervision and venue are what they are.
    Tri conditions{"", "", ""};
    bool has_conditions = false;
    auto add = [&](const Tri& t) {
      conditions = has_conditions ? conditions + t : t;
      has_conditions = true;
    };
    if (supervised) {
      add({"Supervised, at the family centre: contact is restricted to supervised contact.",
           "I närvaro av kontaktperson på familjecentralen: umgänget är begränsat till umgänge i "
           "närvaro av kontaktperson.",
           "在家庭中心进行有监督的探视：探视限制规定只能在监督下联系。"});
    } else if (compulsory) {
      add({"Monitored, as the child is in compulsory care.",
           "Med uppsikt, eftersom barnet vårdas enligt LVU.",
           "因儿童处于强制安置，联系时需有人照看。"});
    }
    if (secret) {
      add({"Never at the placement, so that the placement address stays secret.",
           "Aldrig i familjehemmet, så att vistelseorten hålls hemlig.",
           "绝不在安置地点进行，以确保安置地址保密。"});
    }
    auto arrange = [&](std::string mode, std::string rrule, const char* start, std::int64_t minutes,
                       std::string venue, const Tri& why) {
      Arrangement a;
      a.relation_key = key;
      a.mode = std::move(mode);
      a.rrule = std::move(rrule);
      a.start_time = start;
      a.duration_minutes = static_cast<int>(minutes);
      a.supervision = supervision;
      a.venue = std::move(venue);
      a.rationale = (has_conditions ? why + conditions : why).ToText();
      proposal.arrangements.push_back(std::move(a));
    };

    switch (kin) {
      case Kin::kParent: {
        if (child.age_years < p.Int("young_child_age_years")) {
          const auto minutes =
              std::min(p.Int("young_child_visit_minutes"), p.Int("parent_visit_minutes"));
          const std::string age = Num(p.Int("young_child_age_years"));
          arrange("visit", WeeklyRule(1, "SA"), kVisitTime, minutes, in_person_venue,
                  {"Visits with " + who.en + " every week on Saturdays, " + Num(minutes) +
                       " minutes: a child under " + age +
                       " needs frequent, shorter contact to keep the bond; at this age visits "
                       "replace calls.",
                   "Besök med " + who.sv + " varje vecka på lördagar, " + Num(minutes) +
                       " minuter: ett barn under " + age +
                       " år behöver täta, kortare kontakter för att behålla anknytningen; i den "
                       "åldern ersätter besöken samtal.",
                   "每周六与" + who.zh + "见面探访，每次" + Num(minutes) + "分钟：" + age +
                       "岁以下的幼儿需要频繁而较短的接触来维系依恋关系；这个年龄以探访代替通话。"});
          break;
        }
        const auto weeks = p.Int("parent_visit_interval_weeks");
        const auto minutes = p.Int("parent_visit_minutes");
        const Tri every = EveryWeeks(weeks);
        arrange("visit", WeeklyRule(weeks, "SA"), kVisitTime, minutes, in_person_venue,
                {"Visits with " + who.en + " " + every.en + " on Saturdays, " + Num(minutes) +
                     " minutes: regular contact with each parent is a core component of the "
                     "method.",
                 "Besök med " + who.sv + " " + every.sv + " på lördagar, " + Num(minutes) +
                     " minuter: regelbunden kontakt med varje förälder är en kärnkomponent i "
                     "metoden.",
                 ZhOnDay(weeks, "周六") + "与" + who.zh + "见面探访，每次" + Num(minutes) +
                     "分钟：与父母双方保持定期联系是本方法的核心要素。"});
        if (!supervised) {
          const auto call_weeks = p.Int("parent_call_interval_weeks");
          const auto call_minutes = p.Int("call_minutes");
          const Tri call_every = EveryWeeks(call_weeks);
          arrange(
              "video", WeeklyRule(call_weeks, "WE"), kParentCallTime, call_minutes, remote_venue,
              {"Video calls with " + who.en + " " + call_every.en + " on Wednesdays at " +
                   kParentCallTime + ", " + Num(call_minutes) +
                   " minutes, so that contact continues between visits.",
               "Videosamtal med " + who.sv + " " + call_every.sv + " på onsdagar kl. " +
                   SvTime(kParentCallTime) + ", " + Num(call_minutes) +
                   " minuter, så att kontakten fortsätter mellan besöken.",
               ZhOnDay(call_weeks, "周三") + kParentCallTime + "与" + who.zh + "视频通话，每次" +
                   Num(call_minutes) + "分钟，使两次探访之间的联系不中断。"});
        }
        break;
      }
      case Kin::kSibling: {
        const auto weeks = p.Int("sibling_interval_weeks");
        const auto minutes = p.Int("sibling_visit_minutes");
        const Tri every = EveryWeeks(weeks);
        arrange("visit", WeeklyRule(weeks, "SU"), kSiblingTime, minutes, in_person_venue,
                {"Meetings with " + who.en + " " + every.en + " on Sundays, " + Num(minutes) +
                     " minutes: contact between siblings is a necessary component of the method.",
                 "Träffar med " + who.sv + " " + every.sv + " på söndagar, " + Num(minutes) +
                     " minuter: kontakt mellan syskon är en nödvändig komponent i metoden.",
                 ZhOnDay(weeks, "周日") + "与" + who.zh + "见面，每次" + Num(minutes) +
                     "分钟：兄弟姐妹之间的联系是本方法的必要要素。"});
        break;
      }
      case Kin::kGrandparent: {
        const auto weeks = p.Int("grandparent_interval_weeks");
        const auto minutes = p.Int("call_minutes");
        const Tri every = EveryWeeks(weeks);
        arrange("phone", WeeklyRule(weeks, "SU"), kNetworkCallTime, minutes, remote_venue,
                {"Phone calls with " + who.en + " " + every.en + " on Sundays, " + Num(minutes) +
                     " minutes, to keep the child's wider network.",
                 "Telefonsamtal med " + who.sv + " " + every.sv + " på söndagar, " + Num(minutes) +
                     " minuter, så att barnet behåller sitt nätverk.",
                 ZhOnDay(weeks, "周日") + "与" + who.zh + "电话联系，每次" + Num(minutes) +
                     "分钟，以维系儿童更广泛的家庭网络。"});
        break;
      }
      case Kin::kOther: {
        const auto months = p.Int("other_interval_months");
        const Tri every = EveryMonths(months);
        const std::string rule =
            months == 1 ? std::string("FREQ=MONTHLY") : "FREQ=MONTHLY;INTERVAL=" + Num(months);
        arrange("letter", rule, kVisitTime, 30, supervised ? "family centre" : "post",
                {"A letter or message " + every.en + " to " + who.en +
                     ", to keep the child's wider network.",
                 "Ett brev eller meddelande " + every.sv + " till " + who.sv +
                     ", så att barnet behåller sitt nätverk.",
                 every.zh + "给" + who.zh + "写一封信或发一条消息，以维系儿童更广泛的家庭网络。"});
        break;
      }
    }
  }

  MethodInfo info_;
};

}  // namespace

std::shared_ptr<plugin::Method> MakeVaraContactMethod() {
  return std::make_shared<VaraContactMethod>();
}

std::optional<double> ContactsPerMonth(const std::string& rrule) {
  std::string freq;
  std::int64_t interval = 1;
  std::int64_t days = 0;
  std::string rule = rrule;
  for (char& c : rule) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (rule.rfind("RRULE:", 0) == 0) rule = rule.substr(6);

  std::size_t start = 0;
  while (start <= rule.size()) {
    const std::size_t end = std::min(rule.find(';', start), rule.size());
    const std::string part = rule.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = part.substr(0, eq);
    const std::string value = part.substr(eq + 1);
    if (name == "FREQ") {
      freq = value;
    } else if (name == "INTERVAL") {
      if (value.empty() || value.size() > 4 || !std::all_of(value.begin(), value.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          })) {
        return std::nullopt;
      }
      interval = std::stoll(value);
      if (interval <= 0) return std::nullopt;
    } else if (name == "BYDAY" && !value.empty()) {
      days = 1 + std::count(value.begin(), value.end(), ',');
    }
  }
  const double every = static_cast<double>(interval);
  if (freq == "DAILY") return kDaysPerMonth / every;
  if (freq == "WEEKLY")
    return kWeeksPerMonth * static_cast<double>(std::max<std::int64_t>(days, 1)) / every;
  if (freq == "MONTHLY") return 1.0 / every;
  return std::nullopt;
}

}  // namespace kinbridge::methods
