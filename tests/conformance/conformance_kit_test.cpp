// The conformance kit finds the faults it promises to find: a method with one deliberate fault
// at a time, checked directly (CheckMethod), and broken plugin files (CheckPlugin).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "kinbridge/plugin/conformance_gtest.h"
#include "kinbridge/plugin/plugin.h"

namespace kinbridge::plugin::conformance {
namespace {

using ::testing::HasSubstr;

struct Faults {
  bool nondeterministic = false;  // Propose depends on how often it was called
  bool english_only = false;      // the title has no sv or zh_CN text
  bool ignores_restrictions = false;
  bool throws_on_empty = false;  // Propose throws when the child has no relations
  bool unknown_relation = false;
  bool bad_fields = false;  // mode, start time and duration out of range
  bool adherence_above_one = false;
};

LocalizedText Text(const std::string& en) {
  return {{"en", en}, {"sv", en + " (sv)"}, {"zh_CN", en + " (zh)"}};
}

// A small contact method: a weekly call with each parent in contact. Conformant unless a fault
// is switched on.
class FaultyMethod final : public Method, ContactPlanning, FollowUp {
 public:
  explicit FaultyMethod(Faults faults) : faults_(faults) {
    info_.id = "test.faulty";
    info_.version = "1.0.0";
    info_.title = faults.english_only ? LocalizedText{{"en", "Faulty"}} : Text("Faulty");
    info_.description = Text("A method with deliberate faults");
    info_.origin = Text("kinbridge tests");
    info_.kind = "contact";
    info_.parameters = {{"call_minutes", ParameterType::kInteger, std::int64_t{30}, 10.0, 90.0,
                         Text("Length of a call")}};
    info_.components = {{"weekly-call", Text("A weekly call"), FidelityClass::kEssential}};
  }
  const MethodInfo& Info() const override { return info_; }
  const ContactPlanning* contact_planning() const override { return this; }
  const FollowUp* follow_up() const override { return this; }

  ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const override {
    if (faults_.throws_on_empty && child.relations.empty()) {
      throw std::out_of_range("no relation to propose a call with");
    }
    ContactProposal proposal;
    for (const RelationSnapshot& r : child.relations) {
      const bool parent = r.kind == "mother" || r.kind == "father";
      if (!faults_.ignores_restrictions && (!parent || !r.in_contact || r.Has("no-contact"))) {
        continue;
      }
      Arrangement a;
      a.relation_key = faults_.unknown_relation ? r.key + "x" : r.key;
      a.mode = faults_.bad_fields ? "telegram" : "phone";
      a.rrule = "FREQ=WEEKLY;BYDAY=SU";
      a.start_time = faults_.bad_fields ? "24:30" : "18:00";
      a.duration_minutes = faults_.bad_fields ? 0 : static_cast<int>(ctx.Integer("call_minutes"));
      a.supervision =
          !faults_.ignores_restrictions && r.Has("supervised-only") ? "supervised" : "unsupervised";
      a.venue = "home";
      a.rationale = Text("A weekly call keeps the parent close");
      proposal.arrangements.push_back(a);
    }
    if (faults_.nondeterministic && ++calls_ % 2 == 0) proposal.review_after_months = 6;
    return proposal;
  }
  Validation Validate(const PlanDraft&, const CaseSnapshot&, const MethodContext&) const override {
    return {};
  }
  int ReviewCadenceMonths(const CaseSnapshot&, const MethodContext&) const override { return 3; }
  FollowUpReport Review(const DeliveryRecord& delivered, const CaseSnapshot&,
                        const MethodContext&) const override {
    FollowUpReport report;
    for (const DeliveredArrangement& d : delivered.arrangements) {
      double ratio = d.planned == 0 ? 1.0 : static_cast<double>(d.held) / d.planned;
      if (faults_.adherence_above_one) ratio += 1.0;
      report.adherence[d.relation_key + ":" + d.mode] = ratio;
    }
    report.fidelity.push_back({"weekly-call", true, Text("Calls took place")});
    return report;
  }

 private:
  Faults faults_;
  MethodInfo info_;
  mutable int calls_ = 0;  // the nondeterministic fault's state
};

std::vector<std::string> Checks(const Report& report) {
  std::vector<std::string> checks;
  for (const Problem& p : report.problems) checks.push_back(p.check);
  std::sort(checks.begin(), checks.end());
  checks.erase(std::unique(checks.begin(), checks.end()), checks.end());
  return checks;
}

// The one problem of `check`, or a failure.
Problem Only(const Report& report, const std::string& check) {
  Problem found;
  int count = 0;
  for (const Problem& p : report.problems) {
    if (p.check == check) {
      found = p;
      ++count;
    }
  }
  EXPECT_GE(count, 1) << report.ToString();
  return found;
}

TEST(ConformanceKit, AConformantMethodPasses) {
  FaultyMethod method({});
  EXPECT_TRUE(MethodConforms(method));
  const Report report = CheckMethod(method);
  EXPECT_EQ(report.methods, std::vector<std::string>{"test.faulty@1.0.0"});
  EXPECT_GT(report.calls, 100);
}

TEST(ConformanceKit, FindsTextsMissingALanguage) {
  FaultyMethod method({.english_only = true});
  const Report report = CheckMethod(method);
  EXPECT_EQ(Checks(report), std::vector<std::string>{"metadata"});
  EXPECT_THAT(Only(report, "metadata").message,
              HasSubstr("the title 'Faulty' has no text in sv, zh_CN"));
}

TEST(ConformanceKit, FindsOutputsThatChangeForTheSameInput) {
  FaultyMethod method({.nondeterministic = true});
  const Report report = CheckMethod(method);
  EXPECT_EQ(Checks(report), std::vector<std::string>{"deterministic"});
  const Problem p = Only(report, "deterministic");
  EXPECT_THAT(p.subject, HasSubstr("test.faulty@1.0.0 ContactPlanning::Propose ["));
  EXPECT_THAT(p.message, HasSubstr("review 3"));
  EXPECT_THAT(p.message, HasSubstr("review 6"));
}

TEST(ConformanceKit, FindsAnExceptionOnAnEmptySnapshotAndNamesTheCase) {
  FaultyMethod method({.throws_on_empty = true});
  const Report report = CheckMethod(method);
  EXPECT_EQ(Checks(report), std::vector<std::string>{"exception"});
  const Problem p = Only(report, "exception");
  EXPECT_THAT(p.subject, HasSubstr("ContactPlanning::Propose [empty snapshot, en]"));
  EXPECT_THAT(p.message, HasSubstr("an exception escaped: no relation to propose a call with"));
}

TEST(ConformanceKit, FindsContactProposedAgainstARestriction) {
  FaultyMethod method({.ignores_restrictions = true});
  const Report report = CheckMethod(method);
  std::string all;
  for (const Problem& p : report.problems) all += ToString(p) + "\n";
  EXPECT_THAT(all, HasSubstr("who has a no-contact restriction"));
  EXPECT_THAT(all, HasSubstr("'unsupervised' contact with R1, who is restricted to supervised"));
}

TEST(ConformanceKit, FindsArrangementsForRelationsNotInTheSnapshot) {
  FaultyMethod method({.unknown_relation = true});
  EXPECT_THAT(Only(CheckMethod(method), "output").message,
              HasSubstr("an arrangement for relation 'R1x', which is not in the snapshot"));
}

TEST(ConformanceKit, FindsMalformedArrangements) {
  FaultyMethod method({.bad_fields = true});
  std::string all;
  for (const Problem& p : CheckMethod(method).problems) all += ToString(p) + "\n";
  EXPECT_THAT(all, HasSubstr("mode 'telegram' is not visit, phone, video, letter or message"));
  EXPECT_THAT(all, HasSubstr("start time '24:30' is not HH:MM"));
  EXPECT_THAT(all, HasSubstr("duration 0 minutes is not between 1 and 1440"));
}

TEST(ConformanceKit, FindsAdherenceOutsideZeroToOne) {
  FaultyMethod method({.adherence_above_one = true});
  const Report report = CheckMethod(method);
  EXPECT_EQ(Checks(report), std::vector<std::string>{"output"});
  EXPECT_THAT(Only(report, "output").message, HasSubstr("(expected 0 to 1)"));
}

TEST(ConformanceKit, ListsAtMostTheConfiguredNumberOfProblemsAndCountsTheRest) {
  FaultyMethod method({.english_only = true, .ignores_restrictions = true, .bad_fields = true});
  Options options;
  options.max_problems = 2;
  const Report report = CheckMethod(method, options);
  EXPECT_EQ(report.problems.size(), 2u);
  EXPECT_GT(report.more_problems, 0u);
  EXPECT_THAT(report.ToString(), HasSubstr("more\n"));
}

TEST(ConformanceKit, FindsAToolchainMismatchInTheDescriptor) {
  const Report report = CheckPlugin(KINBRIDGE_TEST_PLUGIN_TOOLCHAIN);
  EXPECT_THAT(Only(report, "descriptor").message,
              HasSubstr("built with toolchain 'othercc-3/libother/c++199711'"));
}

TEST(ConformanceKit, FindsAFileWithoutADescriptor) {
  EXPECT_THAT(Only(CheckPlugin(KINBRIDGE_TEST_PLUGIN_NO_DESCRIPTOR), "descriptor").message,
              HasSubstr("it does not export kinbridge_method_plugin_v1"));
}

TEST(ConformanceKit, FindsAFileThatIsNotThere) {
  EXPECT_THAT(Only(CheckPlugin("/nonexistent/plugin.so"), "descriptor").message,
              HasSubstr("the file could not be loaded"));
}

TEST(ConformanceKit, FindsAnInitThatThrows) {
  EXPECT_THAT(Only(CheckPlugin(KINBRIDGE_TEST_PLUGIN_INIT_THROWS), "registration").message,
              HasSubstr("init(): an exception escaped: "));
}

TEST(ConformanceKit, FindsAMethodThatThrowsAndOneWithIncompleteMetadata) {
  // test_good registers test.good (English texts only) and test.throws (throws everywhere).
  const Report report = CheckPlugin(KINBRIDGE_TEST_PLUGIN_GOOD);
  EXPECT_EQ(report.methods, (std::vector<std::string>{"test.good@1.0.0", "test.throws@1.0.0"}));
  std::string all;
  for (const Problem& p : report.problems) all += ToString(p) + "\n";
  EXPECT_THAT(all, HasSubstr("exception: test.throws@1.0.0 ContactPlanning::Propose"));
  EXPECT_THAT(all, HasSubstr("the proposal engine is out of order"));
  EXPECT_THAT(all, HasSubstr("not a std::exception"));
  EXPECT_THAT(all, HasSubstr("metadata: test.good@1.0.0: the description has no text in en"));
}

TEST(ConformanceKit, AnAdaptationWithoutItsBaseIsReported) {
  const Report report = CheckPlugin(KINBRIDGE_HUANGSHAN_GROUP_PLUGIN);
  EXPECT_THAT(Only(report, "registration").message,
              HasSubstr("adapts se.vara.contact (^1), which no plugin given in "
                        "Options::base_plugins registers"));
  EXPECT_TRUE(report.methods.empty());
}

}  // namespace
}  // namespace kinbridge::plugin::conformance
