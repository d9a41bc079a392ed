// Profiles: parsing, checking against a base, and applying one to an in-process method and to
// a method loaded from a plugin.
#include "plugins/profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "plugins/plugin_host.h"
#include "test_services.h"

namespace kinbridge::detail {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kProfile = R"({
  "id": "cn.huangshan.contact-short",
  "version": "1.0.0",
  "base": "test.base",
  "base_range": "^1",
  "title": {"en": "Short calls", "sv": "Korta samtal", "zh_CN": "短通话"},
  "parameters": {"interval_weeks": 4, "call_minutes": 20, "use_video": true,
                 "venue": "support centre"},
  "frame": [{"when": "implementation", "planned": true, "decided_by": "centre staff",
             "what": "content", "level": "individual", "nature": "shortening",
             "component": "", "fidelity_consistent": true, "goal": "improve fit",
             "reason": {"en": "parents work far away", "zh_CN": "父母在外地务工"},
             "description": {"en": "Shorter video calls"}}]
})";

// Echoes the parameters it is called with into its proposal.
class EchoPlanning final : public plugin::ContactPlanning {
 public:
  plugin::ContactProposal Propose(const plugin::CaseSnapshot&,
                                  const plugin::MethodContext& ctx) const override {
    plugin::ContactProposal proposal;
    plugin::Arrangement a;
    a.rrule = "FREQ=WEEKLY;INTERVAL=" + std::to_string(ctx.Integer("interval_weeks"));
    a.duration_minutes = static_cast<int>(ctx.Number("call_minutes"));
    a.mode = ctx.Flag("use_video") ? "video" : "visit";
    a.venue = ctx.Text("venue");
    proposal.arrangements.push_back(a);
    return proposal;
  }
  plugin::Validation Validate(const plugin::PlanDraft&, const plugin::CaseSnapshot&,
                              const plugin::MethodContext& ctx) const override {
    plugin::Validation v;
    plugin::Finding f;
    f.code = "interval-" + std::to_string(ctx.Integer("interval_weeks"));
    v.findings.push_back(f);
    return v;
  }
};

class BaseMethod final : public plugin::Method {
 public:
  BaseMethod() {
    info_.id = "test.base";
    info_.version = "1.4.0";
    info_.title = {{"en", "Base"}};
    info_.origin = {{"en", "Vara, SE"}};
    info_.kind = "contact";
    info_.parameters = {
        {"interval_weeks", plugin::ParameterType::kInteger, std::int64_t{2}, 1.0, 12.0, {}},
        {"call_minutes", plugin::ParameterType::kNumber, 60.0, 5.0, std::nullopt, {}},
        {"use_video", plugin::ParameterType::kBoolean, false, std::nullopt, std::nullopt, {}},
        {"venue",
         plugin::ParameterType::kText,
         std::string("family centre"),
         std::nullopt,
         std::nullopt,
         {}},
        {"max_siblings", plugin::ParameterType::kInteger, std::int64_t{3}, std::nullopt, 6.0, {}},
    };
    info_.components = {{"child-view", {{"en", "Child's view"}}, plugin::FidelityClass::kEssential},
                        {"regularity", {{"en", "Regularity"}}, plugin::FidelityClass::kNecessary}};
  }
  const plugin::MethodInfo& Info() const override { return info_; }
  const plugin::ContactPlanning* contact_planning() const override { return &planning_; }

 private:
  plugin::MethodInfo info_;
  EchoPlanning planning_;
};

Profile Parsed(const std::string& text) {
  Result<Profile> profile = ParseProfile(text);
  EXPECT_TRUE(profile.ok()) << profile.status().message();
  return profile.ok() ? *profile : Profile{};
}

// kProfile with `from` replaced by `to`.
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = kProfile;
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ProfileTest, ParsesEveryField) {
  const Profile p = Parsed(kProfile);
  EXPECT_EQ(p.info.id, "cn.huangshan.contact-short");
  EXPECT_EQ(p.info.version, "1.0.0");
  EXPECT_EQ(p.info.base_id, "test.base");
  EXPECT_EQ(p.info.base_range, "^1");
  EXPECT_EQ(p.info.title.at("zh_CN"), "短通话");
  EXPECT_EQ(std::get<std::int64_t>(p.parameters.at("interval_weeks")), 4);
  EXPECT_EQ(std::get<bool>(p.parameters.at("use_video")), true);
  EXPECT_EQ(std::get<std::string>(p.parameters.at("venue")), "support centre");
  ASSERT_EQ(p.info.frame.size(), 1u);
  const plugin::FrameRecord& f = p.info.frame[0];
  EXPECT_EQ(f.when, "implementation");
  EXPECT_TRUE(f.planned);
  // A text given once is kept as written, for readers in every language.
  EXPECT_EQ(plugin::InLanguage(f.decided_by, "sv"), "centre staff");
  EXPECT_EQ(f.decided_by.size(), 1u);
  EXPECT_EQ(f.what, "content");
  EXPECT_EQ(f.level, "individual");
  EXPECT_EQ(f.nature, "shortening");
  EXPECT_TRUE(f.fidelity_consistent);
  EXPECT_EQ(plugin::InLanguage(f.goal, "zh_CN"), "improve fit");
  EXPECT_EQ(plugin::InLanguage(f.reason, "zh_CN"), "父母在外地务工");
  EXPECT_EQ(plugin::InLanguage(f.reason, "sv"), "parents work far away");
  EXPECT_EQ(f.description.at("en"), "Shorter video calls");
  EXPECT_EQ(p.source_json, kProfile);
}

TEST(ProfileTest, ParseErrorsNameTheFieldAndWhatWasExpected) {
  struct Case {
    std::string text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"{\"id\": ", {"not valid JSON", "line 1"}},
      {"[1, 2]", {"is an array", "expected a JSON object"}},
      {Edited("\"id\": \"cn.huangshan.contact-short\",", ""), {"'id' is missing"}},
      {Edited("\"id\": \"cn.huangshan.contact-short\"", "\"id\": 7"),
       {"'id' is an integer", "expected text"}},
      {Edited("\"id\": \"cn.huangshan.contact-short\"", "\"id\": \"has space\""),
       {"'id' is 'has space'", "expected a method id"}},
      {Edited("\"version\": \"1.0.0\"", "\"version\": \"1.0\""),
       {"'version' is '1.0'", "semantic version"}},
      {Edited("\"base\": \"test.base\",", ""), {"'base' is missing"}},
      {Edited("\"base_range\": \"^1\"", "\"base_range\": \"one or two\""),
       {"base_range", "'one or two'"}},
      {Edited("\"base_range\": \"^1\"", "\"base_range\": \"^1\", \"paramters\": {}"),
       {"unknown field 'paramters'", "expected only"}},
      {Edited("\"title\": {", "\"title\": {\"fr\": 3, "), {"'title.fr' is an integer"}},
      {Edited("\"parameters\": {", "\"parameters\": {\"list\": [1], "),
       {"'parameters.list' is an array", "expected a number, true or false, or text"}},
      {Edited("\"parameters\": {\"interval_weeks\": 4, \"call_minutes\": 20, \"use_video\": "
              "true,\n                 \"venue\": \"support centre\"}",
              "\"parameters\": 5"),
       {"'parameters' is an integer", "expected an object"}},
      {Edited("\"planned\": true", "\"planned\": \"yes\""),
       {"'frame[0].planned' is text", "expected true or false"}},
      {Edited("\"goal\": \"improve fit\"", "\"goal\": \"improve fit\", \"colour\": \"red\""),
       {"FRAME record 'frame[0]'", "unknown field 'colour'"}},
      {Edited("\"frame\": [", "\"frame\": [3, "), {"'frame[0]' is an integer"}},
      {Edited("\"goal\": \"improve fit\"", "\"goal\": 4"),
       {"'frame[0].goal' is an integer", "expected text, or an object of language codes"}},
      {Edited("\"zh_CN\": \"父母在外地务工\"", "\"zh_CN\": [1]"),
       {"'frame[0].reason.zh_CN' is an array", "expected text"}},
  };
  for (const Case& c : cases) {
    Result<Profile> profile = ParseProfile(c.text);
    ASSERT_FALSE(profile.ok()) << c.text;
    EXPECT_TRUE(profile.status().IsInvalidArgument());
    for (const std::string& expected : c.expected) {
      EXPECT_THAT(profile.status().message(), HasSubstr(expected)) << c.text;
    }
  }
}

TEST(ProfileTest, ChecksParametersAgainstTheBase) {
  const BaseMethod base;
  EXPECT_TRUE(CheckProfileAgainst(Parsed(kProfile), base.Info()).ok());

  struct Case {
    std::string text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {Edited("\"interval_weeks\": 4", "\"interval_weeks\": 4, \"colour\": 1"),
       {"parameter 'colour' is not a parameter of test.base@1.4.0",
        "interval_weeks, call_minutes, use_video, venue, max_siblings"}},
      {Edited("\"interval_weeks\": 4", "\"interval_weeks\": 2.5"),
       {"parameter 'interval_weeks' is a number 2.5", "expected an integer"}},
      {Edited("\"use_video\": true", "\"use_video\": 1"),
       {"parameter 'use_video' is an integer 1", "expected true or false"}},
      {Edited("\"venue\": \"support centre\"", "\"venue\": false"),
       {"parameter 'venue' is a boolean false", "expected text"}},
      {Edited("\"interval_weeks\": 4", "\"interval_weeks\": 13"),
       {"parameter 'interval_weeks' = 13 is out of bounds", "expected 1 to 12"}},
      {Edited("\"call_minutes\": 20", "\"call_minutes\": 4.5"),
       {"parameter 'call_minutes' = 4.5 is out of bounds", "expected at least 5"}},
      {Edited("\"interval_weeks\": 4", "\"interval_weeks\": 4, \"max_siblings\": 7"),
       {"parameter 'max_siblings' = 7", "expected at most 6"}},
      {Edited("\"base_range\": \"^1\"", "\"base_range\": \"^2\""),
       {"in version range ^2", "version 1.4.0 is not in that range"}},
      {Edited("\"base\": \"test.base\"", "\"base\": \"test.other\""),
       {"adapts test.other, not test.base"}},
  };
  for (const Case& c : cases) {
    Status status = CheckProfileAgainst(Parsed(c.text), base.Info());
    ASSERT_FALSE(status.ok()) << c.text;
    EXPECT_TRUE(status.IsInvalidArgument());
    EXPECT_THAT(status.message(), HasSubstr("cn.huangshan.contact-short"));
    for (const std::string& expected : c.expected) {
      EXPECT_THAT(status.message(), HasSubstr(expected)) << c.text;
    }
  }
}

TEST(ProfileTest, DefaultParametersAreTheDeclaredDefaults) {
  const BaseMethod base;
  const plugin::ParameterValues values = DefaultParameters(base.Info());
  EXPECT_EQ(values.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(values.at("interval_weeks")), 2);
  EXPECT_EQ(std::get<std::string>(values.at("venue")), "family centre");
}

TEST(ProfileTest, ApplyProfileMergesInfoAndOverridesParametersSeenByTheCapability) {
  auto base = std::make_shared<const BaseMethod>();
  std::weak_ptr<const BaseMethod> weak = base;
  std::shared_ptr<plugin::Method> applied = ApplyProfile(Parsed(kProfile), base);
  base.reset();
  ASSERT_NE(applied, nullptr);
  EXPECT_FALSE(weak.expired());  // the wrapper keeps its base alive

  const plugin::MethodInfo& info = applied->Info();
  EXPECT_EQ(info.id, "cn.huangshan.contact-short");
  EXPECT_EQ(info.version, "1.0.0");
  EXPECT_EQ(info.base_id, "test.base");
  EXPECT_EQ(info.title.at("sv"), "Korta samtal");
  EXPECT_EQ(info.kind, "contact");
  ASSERT_EQ(info.frame.size(), 1u);
  ASSERT_EQ(info.components.size(), 2u);
  EXPECT_EQ(info.components[1].id, "regularity");
  ASSERT_EQ(info.parameters.size(), 5u);
  EXPECT_EQ(std::get<std::int64_t>(info.parameters[0].default_value), 4);
  EXPECT_EQ(info.parameters[0].max, 12.0);                                 // bounds stay the base's
  EXPECT_EQ(std::get<double>(info.parameters[1].default_value), 20.0);     // an integer given
  EXPECT_EQ(std::get<std::int64_t>(info.parameters[4].default_value), 3);  // not in the profile
  EXPECT_EQ(applied->group_planning(), nullptr);
  EXPECT_EQ(applied->follow_up(), nullptr);
  EXPECT_EQ(applied->assessment(), nullptr);
  ASSERT_NE(applied->contact_planning(), nullptr);

  // Called with the base's defaults, the capability still sees the profile's values.
  plugin::MethodContext ctx;
  ctx.parameters = DefaultParameters(BaseMethod().Info());
  const plugin::ContactProposal proposal = applied->contact_planning()->Propose({}, ctx);
  ASSERT_EQ(proposal.arrangements.size(), 1u);
  EXPECT_EQ(proposal.arrangements[0].rrule, "FREQ=WEEKLY;INTERVAL=4");
  EXPECT_EQ(proposal.arrangements[0].duration_minutes, 20);
  EXPECT_EQ(proposal.arrangements[0].mode, "video");
  EXPECT_EQ(proposal.arrangements[0].venue, "support centre");
  const plugin::Validation validation = applied->contact_planning()->Validate({}, {}, ctx);
  ASSERT_EQ(validation.findings.size(), 1u);
  EXPECT_EQ(validation.findings[0].code, "interval-4");
}

TEST(ProfileTest, ApplyProfileKeepsTheBaseTextsWhenTheProfileHasNone) {
  const std::string text = Edited(
      "\"title\": {\"en\": \"Short calls\", \"sv\": \"Korta samtal\", \"zh_CN\": \"短通话\"},", "");
  std::shared_ptr<plugin::Method> applied =
      ApplyProfile(Parsed(text), std::make_shared<const BaseMethod>());
  EXPECT_EQ(applied->Info().title.at("en"), "Base");
  EXPECT_EQ(plugin::InLanguage(applied->Info().origin, "sv"), "Vara, SE");
}

TEST(ProfileTest, ApplyProfileToAPluginMethod) {
  test::TestServices services;
  std::shared_ptr<plugin::Method> applied;
  {
    PluginHost host(services);
    host.LoadFile(std::filesystem::path(KINBRIDGE_TEST_PLUGIN_DIR) / "good" / "kbtest_good.so");
    host.ResolveAdaptations();
    Result<LoadedMethod> good = host.Find("test.good", "^1");
    ASSERT_TRUE(good.ok()) << good.status().message();
    const Profile profile = Parsed(R"({"id": "test.good.profiled", "version": "0.1.0",
        "base": "test.good", "base_range": "^1",
        "parameters": {"visit_interval_weeks": 6, "venue": "online"}})");
    Status checked = PluginHost::Guard(*good, "checking a profile", [&] {
      EXPECT_TRUE(CheckProfileAgainst(profile, good->method->Info()).ok());
    });
    ASSERT_TRUE(checked.ok()) << checked.message();
    applied = ApplyProfile(profile, good->method);
  }
  // The host is gone; the profiled method still holds its base and the base's library.
  plugin::MethodContext ctx;
  ctx.parameters = DefaultParameters(applied->Info());
  const plugin::ContactProposal proposal = applied->contact_planning()->Propose({}, ctx);
  ASSERT_EQ(proposal.arrangements.size(), 1u);
  EXPECT_EQ(proposal.arrangements[0].rrule, "FREQ=WEEKLY;INTERVAL=6");
  EXPECT_EQ(proposal.arrangements[0].venue, "online");
  EXPECT_EQ(proposal.arrangements[0].duration_minutes, 45);  // the base's default
}

}  // namespace
}  // namespace kinbridge::detail
