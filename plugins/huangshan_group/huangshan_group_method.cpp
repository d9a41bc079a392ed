#include "huangshan_group/huangshan_group_method.h"

#include "kinbridge/plugin/parameters.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
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
using plugin::ContactPlanning;
using plugin::ContactProposal;
using plugin::CoreComponent;
using plugin::FidelityClass;
using plugin::Finding;
using plugin::FollowUp;
using plugin::FrameRecord;
using plugin::GroupPlanning;
using plugin::GroupProposal;
using plugin::LeaderSnapshot;
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

constexpr char kDefaultFamilyCallTime[] = "19:00";
constexpr char kGroupSessionTime[] = "15:30";

// ---------------------------------------------------------------------------------------------
// Texts: every text the adaptation produces exists in English, Swedish and Chinese.

using Tri = plugin::Trilingual;  // sentences join with +: see kinbridge/plugin/text.h

std::string Num(std::int64_t value) { return std::to_string(value); }

std::string SvTime(std::string time) {
  std::replace(time.begin(), time.end(), ':', '.');
  return time;
}

bool IsParent(const std::string& kind) {
  return kind == "mother" || kind == "father" || kind == "parent";
}

bool IsGrandparent(const std::string& kind) {
  return kind == "grandparent" || kind == "grandmother" || kind == "grandfather";
}

Tri Who(const std::string& kind) {
  if (kind == "mother") return {"the mother", "mamman", "母亲"};
  if (kind == "father") return {"the father", "pappan", "父亲"};
  if (IsParent(kind)) return {"the parent", "föräldern", "父母"};
  if (IsGrandparent(kind)) return {"the grandparent", "mor- eller farföräldern", "祖父母"};
  return {"the relation", "relationen", "关系人"};
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

std::string JoinKeys(const std::vector<const CaseSnapshot*>& members) {
  std::string out;
  for (const auto* member : members) {
    if (!out.empty()) out += ", ";
    out += member->key;
  }
  return out;
}

// Parameters: the context's values, else the declared defaults, clamped to the bounds.
using Parameters = ::kinbridge::plugin::ParameterReader;

// "HH:MM" on a 24-hour clock.
bool IsClockTime(const std::string& time) {
  if (time.size() != 5 || time[2] != ':') return false;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(time[i]))) return false;
  }
  const int hours = (time[0] - '0') * 10 + (time[1] - '0');
  const int minutes = (time[3] - '0') * 10 + (time[4] - '0');
  return hours < 24 && minutes < 60;
}

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
// The adaptation's description: the base's parameters and components plus its own, and FRAME.

std::vector<ParameterSpec> OwnParameters() {
  std::vector<ParameterSpec> specs = {
      IntegerParameter("group_size_max", 8, 2, 30,
                       {"Most children in one group.", "Högsta antal barn i en grupp.",
                        "每个小组最多儿童人数。"}),
      IntegerParameter(
          "group_size_min", 4, 1, 30,
          {"Children of one school in an age band form their own groups when they are at least "
           "this many; fewer are pooled with children of other schools.",
           "Barn från en skola i samma åldersgrupp bildar egna grupper när de är minst så här "
           "många; färre slås ihop med barn från andra skolor.",
           "同一学校同一年龄段的儿童达到此人数时单独成组；人数不足时与其他学校的儿童合并。"}),
      IntegerParameter("age_band_years", 3, 1, 8,
                       {"Width of an age band in years (3: 8–10, 11–13, 14–16).",
                        "Åldersgruppens bredd i år (3: 8–10, 11–13, 14–16).",
                        "年龄段跨度（岁）（3：8–10、11–13、14–16）。"}),
      IntegerParameter("group_min_age_years", 8, 3, 16,
                       {"Youngest age for group sessions.", "Lägsta ålder för gruppträffar.",
                        "参加小组活动的最小年龄。"}),
      IntegerParameter("group_max_age_years", 16, 3, 18,
                       {"Oldest age for group sessions.", "Högsta ålder för gruppträffar.",
                        "参加小组活动的最大年龄。"}),
      IntegerParameter("group_session_minutes", 90, 30, 180,
                       {"Length of the weekly group session, in minutes.",
                        "Längd på veckans gruppträff, i minuter.", "每周小组活动的时长（分钟）。"}),
  };
  ParameterSpec call_time;
  call_time.name = "family_call_time";
  call_time.type = ParameterType::kText;
  call_time.default_value = std::string(kDefaultFamilyCallTime);
  call_time.description =
      Tri{"Local clock time (HH:MM) of the Sunday video call with parents who work away.",
          "Lokal tid (TT:MM) för söndagens videosamtal med föräldrar som arbetar på annan ort.",
          "周日与外出务工父母视频通话的当地时间（HH:MM）。"}
          .ToText();
  specs.push_back(call_time);
  return specs;
}

std::vector<FrameRecord> FrameRecords() {
  // What the adapters wrote, in each language the method carries: Vara reads these records in
  // Swedish, Huangshan in Chinese.
  const Tri decided_by{"programme manager with Vara's method developer",
                       "programansvarig tillsammans med Varas metodutvecklare",
                       "项目负责人与瓦拉方法开发者共同决定"};
  const Tri improve_fit{"improve fit", "bättre passform", "提高契合度"};
  auto record = [&](std::string what, std::string level, std::string nature, std::string component,
                    const Tri& goal, const Tri& reason, const Tri& description) {
    FrameRecord r;
    r.when = "implementation";
    r.planned = true;
    r.decided_by = decided_by.ToText();
    r.what = std::move(what);
    r.level = std::move(level);
    r.nature = std::move(nature);
    r.component = std::move(component);
    r.fidelity_consistent = true;
    r.goal = goal.ToText();
    r.reason = reason.ToText();
    r.description = description.ToText();
    return r;
  };
  return {
      // FRAME codes individual -> group delivery as a contextual change of format; the record's
      // level is the new level of delivery.
      record("context", "group", "format", "", improve_fit,
             {"in China work with children is more often done in groups",
              "i Kina sker arbetet med barn oftare i grupp", "在中国，儿童工作更多以小组形式开展"},
             {"Level of delivery from individual to group: besides each child's own plan, the "
              "children meet every week in groups by age band, because in China work with "
              "children is more often done in groups. The core components are kept.",
              "Leveransnivå från individ till grupp: utöver varje barns egen plan träffas barnen "
              "varje vecka i grupper efter ålder, eftersom arbetet med barn i Kina oftare sker i "
              "grupp. Kärnkomponenterna behålls.",
              "实施层面从个体调整为小组：在每名儿童的个人计划之外，儿童每周按年龄段参加小组活动，"
              "因为在中国儿童工作更多以小组形式开展。核心要素保持不变。"}),
      record("context", "individual", "format", "parent-contact",
             {"keep regular contact with parents who work away",
              "regelbunden kontakt med föräldrar som arbetar på annan ort",
              "与外出务工的父母保持经常联系"},
             {"parents work far away", "föräldrarna arbetar långt bort", "父母在外地务工"},
             {"Format of contact with the parents: video calls instead of in-person visits, "
              "because the parents work far away in other cities.",
              "Formen för kontakten med föräldrarna: videosamtal i stället för besök, eftersom "
              "föräldrarna arbetar långt bort i andra städer.",
              "与父母联系的形式：以视频通话代替见面探访，因为父母在外地城市务工。"}),
      record("context", "organisation", "personnel", "",
             {"increase reach", "större räckvidd", "扩大覆盖面"},
             {"centre staff and teachers see the children every day; township centres have few "
              "social workers",
              "personalen på stödcentret och lärarna träffar barnen varje dag; stödcentren i "
              "köpingarna har få socialsekreterare",
              "中心工作人员和教师每天都能见到孩子；乡镇关爱中心的社工很少"},
             {"Personnel: centre staff and teachers trained in the method deliver it instead of "
              "social workers.",
              "Personal: personal på stödcentret och lärare som är utbildade i metoden arbetar "
              "med den i stället för socialsekreterare.",
              "实施人员：由接受过本方法培训的中心工作人员和教师代替社会工作者实施。"}),
      record("content", "individual", "tailoring", "parent-contact", improve_fit,
             {"parents work six days a week", "föräldrarna arbetar sex dagar i veckan",
              "父母每周工作六天"},
             {"Schedule: the calls with the parents take place every Sunday evening at 19:00, "
              "because the parents work six days a week.",
              "Schema: samtalen med föräldrarna sker varje söndagskväll kl. 19.00, eftersom "
              "föräldrarna arbetar sex dagar i veckan.",
              "时间安排：每周日晚19:00与父母通话，因为父母每周工作六天。"}),
      record("content", "individual", "removing", "network-contact", improve_fit,
             {"grandparents are the child's daily caregivers",
              "mor- och farföräldrarna har den dagliga omsorgen om barnet",
              "祖父母是儿童的日常照护人"},
             {"Grandparents who care for the child day to day get no contact arrangement: their "
              "contact is part of daily life.",
              "Mor- och farföräldrar som har den dagliga omsorgen om barnet får inget "
              "umgängestillfälle: kontakten är en del av vardagen.",
              "负责儿童日常照护的祖父母不另作联系安排：他们的联系已是日常生活的一部分。"}),
  };
}

MethodInfo DescribeAdaptation(const MethodInfo& base) {
  MethodInfo info;
  info.id = kHuangshanGroupId;
  info.version = kHuangshanGroupVersion;
  info.title = Tri{"Huangshan group contact method for left-behind children",
                   "Huangshans gruppmetod för kvarlämnade barn", "黄山留守儿童小组亲情联系方法"}
                   .ToText();
  info.description =
      Tri{"Huangshan's adaptation of Vara's contact method for left-behind children: weekly "
          "video calls with parents who work away, held at the support centre; grandparents as "
          "caregivers; group sessions by age band led by trained teachers and centre staff.",
          "Huangshans anpassning av Varas umgängesmetod för kvarlämnade barn: videosamtal varje "
          "vecka med föräldrar som arbetar på annan ort, på stödcentret; mor- och farföräldrar "
          "som omsorgsgivare; gruppträffar efter ålder ledda av utbildade lärare och personal på "
          "stödcentret.",
          "黄山市对瓦拉亲情联系方法的本地化调适，面向留守儿童：每周在留守儿童关爱中心与外出务工"
          "父母视频通话；祖父母作为照护人；由受过培训的教师和中心工作人员按年龄段开展小组活动。"}
          .ToText();
  info.origin = Tri{"Huangshan, China", "Huangshan, Kina", "中国黄山"}.ToText();
  info.kind = "contact";
  info.parameters = base.parameters;
  for (auto& own : OwnParameters()) {
    auto it = std::find_if(info.parameters.begin(), info.parameters.end(),
                           [&](const ParameterSpec& s) { return s.name == own.name; });
    if (it != info.parameters.end()) {
      *it = std::move(own);
    } else {
      info.parameters.push_back(std::move(own));
    }
  }
  info.components = base.components;
  CoreComponent leader;
  leader.id = "trained-leader";
  leader.title = Tri{"Group sessions led by a leader trained in the method",
                     "Gruppträffar leds av en ledare som är utbildad i metoden",
                     "小组活动由接受过本方法培训的带领者主持"}
                     .ToText();
  leader.fidelity = FidelityClass::kEssential;
  info.components.push_back(leader);
  CoreComponent session;
  session.id = "group-session";
  session.title = Tri{"A weekly group session by age band", "En gruppträff varje vecka efter ålder",
                      "每周按年龄段开展小组活动"}
                      .ToText();
  session.fidelity = FidelityClass::kNecessary;
  info.components.push_back(session);
  info.base_id = kHuangshanGroupBaseId;
  info.base_range = kHuangshanGroupBaseRange;
  info.frame = FrameRecords();
  return info;
}

// ---------------------------------------------------------------------------------------------
// Group forming.

// Children who must stay in one group (siblings), or one child.
struct Unit {
  std::vector<const CaseSnapshot*> members;  // in key order
  std::int64_t band = 0;
  std::string school;  // the school most members go to ("" when none is known)
  std::string sibling_group;
};

// The most common non-empty school of the members, ties to the smallest key; "" if none.
std::string UnitSchool(const std::vector<const CaseSnapshot*>& members) {
  std::map<std::string, int> count;
  for (const auto* m : members) {
    if (!m->school_key.empty()) ++count[m->school_key];
  }
  std::string best;
  int best_count = 0;
  for (const auto& [school, n] : count) {
    if (n > best_count) {
      best = school;
      best_count = n;
    }
  }
  return best;
}

// Units into as few groups of at most `max_size` as possible, balanced: each unit, largest first,
// joins the smallest group it fits in.
std::vector<std::vector<const CaseSnapshot*>> Pack(std::vector<Unit> units, std::int64_t max_size) {
  std::size_t total = 0;
  for (const auto& u : units) total += u.members.size();
  if (total == 0) return {};
  const auto max = static_cast<std::size_t>(max_size);
  std::vector<std::vector<const CaseSnapshot*>> groups((total + max - 1) / max);
  std::stable_sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    return a.members.size() > b.members.size();
  });
  for (const auto& unit : units) {
    std::vector<const CaseSnapshot*>* target = nullptr;
    for (auto& g : groups) {
      if (g.size() + unit.members.size() <= max &&
          (target == nullptr || g.size() < target->size())) {
        target = &g;
      }
    }
    if (target == nullptr) target = &groups.emplace_back();
    target->insert(target->end(), unit.members.begin(), unit.members.end());
  }
  std::erase_if(groups, [](const auto& g) { return g.empty(); });
  auto by_key = [](const CaseSnapshot* a, const CaseSnapshot* b) { return a->key < b->key; };
  for (auto& g : groups) std::sort(g.begin(), g.end(), by_key);
  std::sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.front()->key < b.front()->key; });
  return groups;
}

// ---------------------------------------------------------------------------------------------

class HuangshanGroupMethod final : public Method, public ContactPlanning, public GroupPlanning {
 public:
  explicit HuangshanGroupMethod(std::shared_ptr<const Method> base)
      : base_(std::move(base)),
        base_planning_(base_->contact_planning()),
        base_follow_up_(base_->follow_up()),
        info_(DescribeAdaptation(base_->Info())) {}

  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return this; }
  const GroupPlanning* group_planning() const override { return this; }
  const FollowUp* follow_up() const override { return base_follow_up_; }

  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    ContactProposal base = base_planning_->Propose(child, ctx);
    if (child.placement_type != "left-behind") return base;

    const Parameters p(info_.parameters, ctx);
    std::string call_time = p.Text("family_call_time");
    if (!IsClockTime(call_time)) call_time = kDefaultFamilyCallTime;
    const auto minutes = p.Int("call_minutes");

    ContactProposal proposal;
    proposal.review_after_months = base.review_after_months;
    std::set<std::string> overridden;
    std::vector<Finding> own_findings;
    for (const auto& relation : child.relations) {
      const Tri who = Who(relation.kind);
      if (IsMigrantParent(relation)) {
        overridden.insert(relation.key);
        const bool supervised = relation.Has("supervised-only");
        Arrangement a;
        a.relation_key = relation.key;
        a.mode = "video";
        a.rrule = "FREQ=WEEKLY;BYDAY=SU";
        a.start_time = call_time;
        a.duration_minutes = static_cast<int>(minutes);
        a.supervision = supervised ? "supervised" : "monitored";
        a.venue = "support centre";
        Tri why{"Video call with " + who.en + " every Sunday at " + call_time + ", " +
                    Num(minutes) +
                    " minutes, at the support centre with centre staff present: the parent works "
                    "far away and is free on Sunday evenings.",
                "Videosamtal med " + who.sv + " varje söndag kl. " + SvTime(call_time) + ", " +
                    Num(minutes) +
                    " minuter, på stödcentret med personal närvarande: föräldern arbetar långt "
                    "bort och är ledig på söndagskvällar.",
                "每周日" + call_time + "在留守儿童关爱中心与" + who.zh + "视频通话，每次" +
                    Num(minutes) + "分钟，由中心工作人员照看：父母在外地务工，周日晚上有空。"};
        if (supervised) {
          why = why + Tri{"Supervised by centre staff: contact is restricted to supervised "
                          "contact.",
                          "I närvaro av personal från stödcentret: umgänget är begränsat till "
                          "umgänge i närvaro av kontaktperson.",
                          "因探视限制，通话须在中心工作人员监督下进行。"};
        }
        a.rationale = why.ToText();
        proposal.arrangements.push_back(std::move(a));
      } else if (IsGrandparent(relation.kind) && relation.caregiver &&
                 !relation.Has("no-contact")) {
        overridden.insert(relation.key);
        own_findings.push_back(MakeFinding(
            Severity::kInfo, "caregiver-grandparent", "network-contact", relation.key,
            {"No arrangement with " + who.en + " (" + relation.key +
                 "): the grandparent cares for the child day to day, so their contact is part of "
                 "daily life.",
             "Inget umgängestillfälle med " + who.sv + " (" + relation.key +
                 "): mor- eller farföräldern har den dagliga omsorgen om barnet, så kontakten är "
                 "en del av vardagen.",
             "不为" + who.zh + "（" + relation.key +
                 "）安排联系：祖父母负责儿童的日常照护，联系已是日常生活的一部分。"}));
      } else {
        for (const auto& a : base.arrangements) {
          if (a.relation_key == relation.key) proposal.arrangements.push_back(a);
        }
      }
    }
    for (auto& finding : base.findings) {
      if (!overridden.count(finding.subject)) proposal.findings.push_back(std::move(finding));
    }
    for (auto& finding : own_findings) proposal.findings.push_back(std::move(finding));
    return proposal;
  }

  Validation Validate(const PlanDraft& plan, const CaseSnapshot& child,
                      const MethodContext& ctx) const override {
    Validation validation = base_planning_->Validate(plan, child, ctx);
    for (const auto& relation : child.relations) {
      if (!IsMigrantParent(relation)) continue;
      const bool has_video = std::any_of(
          plan.arrangements.begin(), plan.arrangements.end(),
          [&](const auto& a) { return a.relation_key == relation.key && a.mode == "video"; });
      if (has_video) continue;
      const Tri who = Who(relation.kind);
      validation.findings.push_back(MakeFinding(
          Severity::kWarning, "migrant-parent-without-video", "parent-contact", relation.key,
          {"No video call with " + who.en + " (" + relation.key +
               "), who works away from home; add a weekly video call, such as the Sunday evening "
               "family call.",
           "Inget videosamtal med " + who.sv + " (" + relation.key +
               "), som arbetar på annan ort; lägg till ett videosamtal varje vecka, till exempel "
               "familjesamtalet på söndagskvällen.",
           who.zh + "（" + relation.key +
               "）在外地务工，但计划中没有视频通话；请增加每周视频通话，例如周日晚上的亲情通话"
               "。"}));
    }
    return validation;
  }

  GroupProposal FormGroups(const std::vector<CaseSnapshot>& children,
                           const MethodContext& ctx) const override {
    const Parameters p(info_.parameters, ctx);
    const auto max_size = p.Int("group_size_max");
    const auto min_size = std::min(p.Int("group_size_min"), max_size);
    const auto width = p.Int("age_band_years");
    const auto min_age = p.Int("group_min_age_years");
    const auto max_age = std::max(p.Int("group_max_age_years"), min_age);
    const auto minutes = p.Int("group_session_minutes");
    GroupProposal proposal;

    std::vector<const CaseSnapshot*> sorted;
    sorted.reserve(children.size());
    for (const auto& child : children) sorted.push_back(&child);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto* a, const auto* b) { return a->key < b->key; });

    // Children into units: siblings together, everyone else alone.
    std::vector<Unit> units;
    std::map<std::string, std::size_t> unit_of_siblings;
    for (const auto* child : sorted) {
      if (child->age_years < min_age || child->age_years > max_age) {
        const std::string age = Num(child->age_years);
        const std::string range = Num(min_age) + "–" + Num(max_age);
        proposal.findings.push_back(
            MakeFinding(Severity::kInfo, "outside-age-range", "group-session", child->key,
                        {"Child " + child->key + " is " + age + ", outside the group ages " +
                             range + "; no group is proposed.",
                         "Barn " + child->key + " är " + age + " år, utanför gruppernas åldrar " +
                             range + "; ingen grupp föreslås.",
                         "儿童" + child->key + "为" + age + "岁，不在小组年龄" + range +
                             "岁范围内；不为其安排小组。"}));
        continue;
      }
      if (!child->sibling_group.empty()) {
        auto [it, inserted] = unit_of_siblings.try_emplace(child->sibling_group, units.size());
        if (inserted) units.push_back(Unit{{}, 0, "", child->sibling_group});
        units[it->second].members.push_back(child);
      } else {
        units.push_back(Unit{{child}, 0, "", ""});
      }
    }

    // Each unit's band (the band most members are in, ties to the younger) and school.
    auto band_of = [&](const CaseSnapshot* c) { return (c->age_years - min_age) / width; };
    auto band_label = [&](std::int64_t band) {
      const auto lo = min_age + band * width;
      const auto hi = std::min(lo + width - 1, max_age);
      return lo == hi ? Num(lo) : Num(lo) + "–" + Num(hi);
    };
    std::vector<Unit> placed;
    for (auto& unit : units) {
      std::map<std::int64_t, int> count;
      for (const auto* m : unit.members) ++count[band_of(m)];
      int best = 0;
      for (const auto& [band, n] : count) {
        if (n > best) {
          unit.band = band;
          best = n;
        }
      }
      unit.school = UnitSchool(unit.members);
      const std::string keys = JoinKeys(unit.members);
      if (count.size() > 1) {
        const std::string band = band_label(unit.band);
        proposal.findings.push_back(MakeFinding(
            Severity::kInfo, "siblings-across-bands", "group-session", unit.sibling_group,
            {"Siblings " + keys + " are kept together in the " + band +
                 " group although their ages are in different age bands.",
             "Syskonen " + keys + " hålls samman i gruppen " + band +
                 " fast deras åldrar hör till olika åldersgrupper.",
             "兄弟姐妹" + keys + "虽分属不同年龄段，仍一起编入" + band + "岁组。"}));
      }
      if (unit.members.size() <= static_cast<std::size_t>(max_size)) {
        placed.push_back(std::move(unit));
        continue;
      }
      proposal.findings.push_back(MakeFinding(
          Severity::kWarning, "sibling-group-too-large", "group-session", unit.sibling_group,
          {"Siblings " + keys + " are more than " + Num(max_size) +
               ", the largest group; they are split across groups.",
           "Syskonen " + keys + " är fler än " + Num(max_size) +
               ", den största gruppstorleken; de delas upp på flera grupper.",
           "兄弟姐妹" + keys + "人数超过每组上限" + Num(max_size) + "人，被分入多个小组。"}));
      for (std::size_t i = 0; i < unit.members.size(); i += static_cast<std::size_t>(max_size)) {
        Unit part = unit;
        const auto end = std::min(unit.members.size(), i + static_cast<std::size_t>(max_size));
        part.members.assign(unit.members.begin() + static_cast<std::ptrdiff_t>(i),
                            unit.members.begin() + static_cast<std::ptrdiff_t>(end));
        placed.push_back(std::move(part));
      }
    }

    // Per band: a school with enough children forms its own groups; the rest are pooled.
    std::map<std::int64_t, std::map<std::string, std::vector<Unit>>> by_band;
    for (auto& unit : placed) by_band[unit.band][unit.school].push_back(std::move(unit));
    for (auto& [band, by_school] : by_band) {
      std::vector<std::vector<const CaseSnapshot*>> groups;
      std::vector<Unit> pool;
      for (auto& [school, school_units] : by_school) {
        std::size_t n = 0;
        for (const auto& u : school_units) n += u.members.size();
        if (school.empty() || n < static_cast<std::size_t>(min_size)) {
          for (auto& u : school_units) pool.push_back(std::move(u));
          continue;
        }
        for (auto& g : Pack(std::move(school_units), max_size)) groups.push_back(std::move(g));
      }
      for (auto& g : Pack(std::move(pool), max_size)) groups.push_back(std::move(g));

      int index = 0;
      for (auto& members : groups) {
        GroupProposal::Group group;
        group.label = band_label(band) + " (" + std::to_string(++index) + ")";
        for (const auto* m : members) group.members.push_back(m->key);
        proposal.groups.push_back(group);
        proposal.sessions.push_back(Session(members, group.label, minutes));
      }
    }
    return proposal;
  }

  Validation CheckLeader(const LeaderSnapshot& leader, const MethodContext&) const override {
    Validation validation;
    if (!leader.trained_in_method) {
      validation.findings.push_back(MakeFinding(
          Severity::kError, "untrained-leader", "trained-leader", leader.key,
          {"Leader " + leader.key +
               " is not trained in the method; only trained teachers and centre staff may lead "
               "its group sessions.",
           "Ledaren " + leader.key +
               " är inte utbildad i metoden; endast utbildade lärare och personal på stödcentret "
               "får leda dess gruppträffar.",
           "带领者" + leader.key +
               "未接受本方法培训；只有受过培训的教师和中心工作人员才能主持小组活动。"}));
    } else if (leader.trained_on.empty()) {
      validation.findings.push_back(MakeFinding(
          Severity::kInfo, "training-date-unknown", "trained-leader", leader.key,
          {"Leader " + leader.key +
               " is trained in the method, but the training date is not recorded; record it.",
           "Ledaren " + leader.key +
               " är utbildad i metoden, men utbildningsdatumet är inte dokumenterat; "
               "dokumentera det.",
           "带领者" + leader.key + "已接受本方法培训，但未记录培训日期；请补充记录。"}));
    }
    return validation;
  }

 private:
  // A parent who works away from home, whom the child may contact.
  static bool IsMigrantParent(const RelationSnapshot& relation) {
    return IsParent(relation.kind) && relation.lives_away && relation.in_contact &&
           !relation.caregiver && !relation.Has("no-contact");
  }

  // The weekly session of one group: at the school when all its children go to the same one.
  static Arrangement Session(const std::vector<const CaseSnapshot*>& members,
                             const std::string& label, std::int64_t minutes) {
    const std::string& school = members.front()->school_key;
    const bool same_school =
        !school.empty() && std::all_of(members.begin(), members.end(),
                                       [&](const auto* m) { return m->school_key == school; });
    Arrangement a;
    a.mode = "group";
    a.rrule = "FREQ=WEEKLY;BYDAY=TH";
    a.start_time = kGroupSessionTime;
    a.duration_minutes = static_cast<int>(minutes);
    a.supervision = "supervised";
    a.venue = same_school ? "school" : "support centre";
    const std::string m = Num(minutes);
    a.rationale =
        (same_school
             ? Tri{"Group " + label + ": a group session every Thursday at " + kGroupSessionTime +
                       ", " + m + " minutes, at the school, as the children go to the same school.",
                   "Grupp " + label + ": gruppträff varje torsdag kl. " +
                       SvTime(kGroupSessionTime) + ", " + m +
                       " minuter, på skolan, eftersom barnen går i samma skola.",
                   label + "组：每周四" + kGroupSessionTime + "在学校开展小组活动，每次" + m +
                       "分钟，因为组内儿童就读于同一所学校。"}
             : Tri{"Group " + label + ": a group session every Thursday at " + kGroupSessionTime +
                       ", " + m +
                       " minutes, at the support centre, as the children go to different schools.",
                   "Grupp " + label + ": gruppträff varje torsdag kl. " +
                       SvTime(kGroupSessionTime) + ", " + m +
                       " minuter, på stödcentret, eftersom barnen går i olika skolor.",
                   label + "组：每周四" + kGroupSessionTime +
                       "在留守儿童关爱中心开展小组活动，每次" + m +
                       "分钟，因为组内儿童来自不同学校。"})
            .ToText();
    return a;
  }

  std::shared_ptr<const Method> base_;
  const ContactPlanning* base_planning_;
  const FollowUp* base_follow_up_;
  MethodInfo info_;
};

}  // namespace

std::shared_ptr<plugin::Method> MakeHuangshanGroupMethod(
    std::shared_ptr<const plugin::Method> base) {
  if (base == nullptr) {
    throw std::invalid_argument(std::string(kHuangshanGroupId) +
                                ": no base method given (expected " + kHuangshanGroupBaseId + "@" +
                                kHuangshanGroupBaseRange + ")");
  }
  if (base->contact_planning() == nullptr || base->follow_up() == nullptr) {
    throw std::invalid_argument(std::string(kHuangshanGroupId) + ": base " + base->Info().id + "@" +
                                base->Info().version +
                                " lacks contact planning or follow-up, which the adaptation "
                                "builds on");
  }
  return std::make_shared<HuangshanGroupMethod>(std::move(base));
}

}  // namespace kinbridge::methods
