// The plugin host against real, deliberately broken plugins (built by CMakeLists.txt into
// KINBRIDGE_TEST_PLUGIN_DIR/<case>/).
#include "plugins/plugin_host.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kinbridge/version.h"
#include "plugins/profile.h"
#include "test_services.h"

#ifndef KINBRIDGE_TEST_PLUGIN_DIR
#error "KINBRIDGE_TEST_PLUGIN_DIR must name the directory the test plugins are built into"
#endif

namespace kinbridge::detail {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

fs::path CaseDir(const std::string& name) { return fs::path(KINBRIDGE_TEST_PLUGIN_DIR) / name; }
fs::path PluginFile(const std::string& name, const std::string& target) {
  return CaseDir(name) / (target + ".so");
}
const fs::path kGood = PluginFile("good", "kbtest_good");

const PluginRecord* RecordFor(const PluginHost& host, const fs::path& file) {
  for (const PluginRecord& r : host.plugins()) {
    if (r.file == file) return &r;
  }
  return nullptr;
}

plugin::CaseSnapshot Child() {
  plugin::CaseSnapshot child;
  child.key = "C1";
  child.age_years = 9;
  child.placement_type = "foster-family";
  plugin::RelationSnapshot mother;
  mother.key = "R1";
  mother.kind = "mother";
  child.relations.push_back(mother);
  return child;
}

plugin::MethodContext Context(const LoadedMethod& m, test::TestServices& services) {
  plugin::MethodContext ctx;
  ctx.today = services.Today();
  ctx.language = services.Language();
  ctx.parameters = DefaultParameters(m.method->Info());
  ctx.host = &services;
  return ctx;
}

// Proposes a plan with `m`, through Guard.
Result<plugin::ContactProposal> Propose(const LoadedMethod& m, test::TestServices& services) {
  plugin::ContactProposal proposal;
  Status status = PluginHost::Guard(m, "proposing a contact plan", [&] {
    proposal = m.method->contact_planning()->Propose(Child(), Context(m, services));
  });
  if (!status.ok()) return status;
  return proposal;
}

class PluginHostTest : public ::testing::Test {
 protected:
  test::TestServices services_;
  PluginHost host_{services_};
};

TEST_F(PluginHostTest, LoadsAGoodPluginAndItsMethods) {
  host_.LoadDirectory(CaseDir("good"));
  ASSERT_EQ(host_.plugins().size(), 1u);
  const PluginRecord& r = host_.plugins()[0];
  EXPECT_EQ(r.outcome, LoadOutcome::kLoaded) << r.message;
  EXPECT_EQ(r.file, kGood);
  EXPECT_THAT(r.message, IsEmpty());
  EXPECT_EQ(r.name, "test_good");
  EXPECT_EQ(r.version, "1.0.0");
  EXPECT_EQ(r.license, "EUPL-1.2");
  EXPECT_EQ(r.origin, "kinbridge tests");
  EXPECT_EQ(r.sdk_version, KINBRIDGE_VERSION_STRING);
  EXPECT_EQ(r.toolchain, KINBRIDGE_PLUGIN_TOOLCHAIN);
  EXPECT_EQ(r.abi_major, plugin::kAbiMajor);
  EXPECT_EQ(r.abi_minor, plugin::kAbiMinor);
  EXPECT_THAT(r.method_ids, ElementsAre("test.good@1.0.0", "test.throws@1.0.0"));

  const std::vector<LoadedMethod> methods = host_.methods();
  ASSERT_EQ(methods.size(), 2u);
  EXPECT_THAT(methods[0].chain, ElementsAre("test.good@1.0.0"));
  EXPECT_THAT(methods[1].chain, ElementsAre("test.throws@1.0.0"));
  EXPECT_EQ(methods[0].plugin_name, "test_good");
  EXPECT_EQ(methods[0].plugin_version, "1.0.0");
  EXPECT_EQ(methods[0].plugin_file, kGood);
  EXPECT_THAT(services_.log(), ElementsAre("test_good ready"));

  Result<LoadedMethod> good = host_.Find("test.good");
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_EQ(good->method->Info().title.at("sv"), "Bra testmetod");
  Result<plugin::ContactProposal> proposal = Propose(*good, services_);
  ASSERT_TRUE(proposal.ok()) << proposal.status().message();
  ASSERT_EQ(proposal->arrangements.size(), 1u);
  EXPECT_EQ(proposal->arrangements[0].relation_key, "R1");
  EXPECT_EQ(proposal->arrangements[0].rrule, "FREQ=WEEKLY;INTERVAL=2");
  EXPECT_EQ(proposal->arrangements[0].duration_minutes, 45);
  EXPECT_EQ(proposal->arrangements[0].venue, "family centre");
}

TEST_F(PluginHostTest, AMissingDirectoryLoadsNothing) {
  host_.LoadDirectory(CaseDir("no such directory"));
  EXPECT_THAT(host_.plugins(), IsEmpty());
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, AFileThatIsNotASharedLibraryFailsToOpen) {
  host_.LoadDirectory(CaseDir("not_a_library"));
  ASSERT_EQ(host_.plugins().size(), 1u);
  const PluginRecord& r = host_.plugins()[0];
  EXPECT_EQ(r.outcome, LoadOutcome::kFailedToOpen);
  EXPECT_EQ(r.file, CaseDir("not_a_library") / "x.so");
  EXPECT_THAT(r.message, HasSubstr((CaseDir("not_a_library") / "x.so").string()));
  EXPECT_THAT(r.message, HasSubstr("could not be loaded"));
  EXPECT_THAT(r.name, IsEmpty());
}

TEST_F(PluginHostTest, AFileThatDoesNotExistFailsToOpen) {
  host_.LoadFile(CaseDir("good") / "absent.so");
  ASSERT_EQ(host_.plugins().size(), 1u);
  EXPECT_EQ(host_.plugins()[0].outcome, LoadOutcome::kFailedToOpen);
  EXPECT_THAT(host_.plugins()[0].message, HasSubstr("absent.so does not exist"));
}

TEST_F(PluginHostTest, ALibraryWithoutDescriptorIsMissingTheExport) {
  host_.LoadDirectory(CaseDir("no_descriptor"));
  ASSERT_EQ(host_.plugins().size(), 1u);
  const PluginRecord& r = host_.plugins()[0];
  EXPECT_EQ(r.outcome, LoadOutcome::kMissingExport);
  EXPECT_THAT(r.message, HasSubstr(PluginFile("no_descriptor", "kbtest_no_descriptor").string()));
  EXPECT_THAT(r.message, HasSubstr("kinbridge_method_plugin_v1"));
}

struct IncompatibleCase {
  std::string name;
  std::vector<std::string> expected_in_message;
};

void PrintTo(const IncompatibleCase& c, std::ostream* os) { *os << c.name; }

class IncompatibleDescriptorTest : public PluginHostTest,
                                   public ::testing::WithParamInterface<IncompatibleCase> {};

// The plugin's init() aborts the process, so these also show that it is never called.
TEST_P(IncompatibleDescriptorTest, IsRefusedNamingFilePluginAndValues) {
  const IncompatibleCase& c = GetParam();
  const fs::path file = PluginFile(c.name, "kbtest_" + c.name);
  host_.LoadFile(file);
  host_.ResolveAdaptations();
  ASSERT_EQ(host_.plugins().size(), 1u);
  const PluginRecord& r = host_.plugins()[0];
  EXPECT_EQ(r.outcome, LoadOutcome::kIncompatible);
  EXPECT_THAT(r.message, HasSubstr(file.string()));
  for (const std::string& expected : c.expected_in_message) {
    EXPECT_THAT(r.message, HasSubstr(expected));
  }
  EXPECT_THAT(r.method_ids, IsEmpty());
  EXPECT_THAT(host_.methods(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Descriptors, IncompatibleDescriptorTest,
    ::testing::Values(
        IncompatibleCase{"abi_major",
                         {"plugin test_bad_descriptor 1.0.0 (", "was built for plugin ABI 1.0",
                          "this kinbridge has 2.0", "rebuild the plugin"}},
        IncompatibleCase{
            "abi_minor",
            {"plugin test_bad_descriptor 1.0.0 (", "plugin ABI 2.7", "this kinbridge has 2.0"}},
        IncompatibleCase{"sdk_version",
                         {"plugin test_bad_descriptor 1.0.0 (", "kinbridge SDK 0.0.1",
                          std::string("this kinbridge is ") + KINBRIDGE_VERSION_STRING}},
        IncompatibleCase{
            "toolchain",
            {"plugin test_bad_descriptor 1.0.0 (", "toolchain othercc-3/libother/c++199711",
             std::string("built with ") + KINBRIDGE_PLUGIN_TOOLCHAIN}},
        IncompatibleCase{"small_descriptor", {"descriptor is 8 bytes", "expects at least"}}),
    [](const ::testing::TestParamInfo<IncompatibleCase>& param) { return param.param.name; });

TEST_F(PluginHostTest, IncompatibleRecordKeepsTheDescriptorValues) {
  host_.LoadFile(PluginFile("abi_major", "kbtest_abi_major"));
  const PluginRecord& r = host_.plugins().at(0);
  EXPECT_EQ(r.name, "test_bad_descriptor");
  EXPECT_EQ(r.abi_major, 1);
  EXPECT_EQ(r.abi_minor, 0);
}

TEST_F(PluginHostTest, InitThatThrowsRegistersNothing) {
  const fs::path file = PluginFile("init_throws", "kbtest_init_throws");
  host_.LoadDirectory(CaseDir("init_throws"));
  const PluginRecord& r = host_.plugins().at(0);
  EXPECT_EQ(r.outcome, LoadOutcome::kInitFailed);
  EXPECT_THAT(r.message, HasSubstr("plugin test_init_throws 2.3.4 (" + file.string() + ")"));
  EXPECT_THAT(r.message, HasSubstr("the method catalogue could not be read"));
  EXPECT_THAT(r.method_ids, IsEmpty());
  EXPECT_FALSE(host_.Find("test.init").ok());
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, AMethodWithAnInvalidVersionIsRefused) {
  host_.LoadDirectory(CaseDir("invalid_version"));
  const PluginRecord& r = host_.plugins().at(0);
  EXPECT_EQ(r.outcome, LoadOutcome::kInitFailed);
  EXPECT_THAT(r.message, HasSubstr("test_invalid_version"));
  EXPECT_THAT(r.message, HasSubstr("version '1.0', which is not a semantic version"));
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, AMethodWithAnEmptyIdIsRefused) {
  host_.LoadDirectory(CaseDir("invalid_id"));
  const PluginRecord& r = host_.plugins().at(0);
  EXPECT_EQ(r.outcome, LoadOutcome::kInitFailed);
  EXPECT_THAT(r.message, HasSubstr("method id '' is not valid"));
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, GuardReportsAThrowingCallAndEverythingKeepsWorking) {
  host_.LoadFile(kGood);
  host_.LoadFile(PluginFile("newer", "kbtest_newer"));
  host_.ResolveAdaptations();
  Result<LoadedMethod> throws = host_.Find("test.throws");
  ASSERT_TRUE(throws.ok()) << throws.status().message();

  Result<plugin::ContactProposal> failed = Propose(*throws, services_);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), ErrorCode::kInternal);
  EXPECT_THAT(failed.status().message(), HasSubstr("plugin test_good 1.0.0 (" + kGood.string() +
                                                   ") failed while proposing a contact plan"));
  EXPECT_THAT(failed.status().message(), HasSubstr("the proposal engine is out of order"));

  Status not_std = PluginHost::Guard(*throws, "validating a plan", [&] {
    (void)throws->method->contact_planning()->Validate({}, Child(), Context(*throws, services_));
  });
  EXPECT_EQ(not_std.code(), ErrorCode::kInternal);
  EXPECT_THAT(not_std.message(), HasSubstr("test_good 1.0.0"));
  EXPECT_THAT(not_std.message(), HasSubstr("validating a plan"));
  EXPECT_THAT(not_std.message(), HasSubstr("not a std::exception"));

  // The same plugin's other method, and another plugin, still work.
  Result<LoadedMethod> good = host_.Find("test.good", "~1.0.0");
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(Propose(*good, services_).ok());
  Result<LoadedMethod> newer = host_.Find("test.good");
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer->plugin_name, "test_newer");
  Result<plugin::ContactProposal> proposal = Propose(*newer, services_);
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ(proposal->arrangements.size(), 2u);
  EXPECT_TRUE(PluginHost::Guard(*good, "doing nothing", [] {}).ok());
}

TEST_F(PluginHostTest, ASecondPluginWithTheSameMethodIsADuplicate) {
  const fs::path duplicate = PluginFile("duplicate", "kbtest_duplicate");
  host_.LoadFile(kGood);
  host_.LoadFile(duplicate);
  host_.ResolveAdaptations();
  ASSERT_EQ(host_.plugins().size(), 2u);
  EXPECT_EQ(host_.plugins()[0].outcome, LoadOutcome::kLoaded);
  const PluginRecord& r = host_.plugins()[1];
  EXPECT_EQ(r.outcome, LoadOutcome::kDuplicateMethod);
  EXPECT_THAT(r.message, HasSubstr("test.good@1.0.0"));
  EXPECT_THAT(r.message, HasSubstr(duplicate.string()));
  EXPECT_THAT(r.message, HasSubstr(kGood.string()));
  EXPECT_THAT(r.method_ids, IsEmpty());
  Result<LoadedMethod> good = host_.Find("test.good");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->plugin_file, kGood);
}

TEST_F(PluginHostTest, FindPicksTheNewestVersionInRange) {
  host_.LoadFile(PluginFile("newer", "kbtest_newer"));
  host_.LoadFile(kGood);
  host_.ResolveAdaptations();
  const std::vector<LoadedMethod> methods = host_.methods();
  ASSERT_EQ(methods.size(), 3u);
  EXPECT_THAT(methods[0].chain, ElementsAre("test.good@1.0.0"));
  EXPECT_THAT(methods[1].chain, ElementsAre("test.good@1.1.0"));
  EXPECT_THAT(methods[2].chain, ElementsAre("test.throws@1.0.0"));

  EXPECT_EQ(host_.Find("test.good")->chain.front(), "test.good@1.1.0");
  EXPECT_EQ(host_.Find("test.good", "^1")->chain.front(), "test.good@1.1.0");
  EXPECT_EQ(host_.Find("test.good", "~1.0")->chain.front(), "test.good@1.0.0");
  EXPECT_EQ(host_.Find("test.good", "<1.1")->chain.front(), "test.good@1.0.0");

  Result<LoadedMethod> out_of_range = host_.Find("test.good", "^2");
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_TRUE(out_of_range.status().IsNotFound());
  EXPECT_THAT(out_of_range.status().message(), HasSubstr("1.0.0, 1.1.0"));
  EXPECT_THAT(out_of_range.status().message(), HasSubstr("^2"));

  Result<LoadedMethod> absent = host_.Find("test.nothing");
  ASSERT_FALSE(absent.ok());
  EXPECT_TRUE(absent.status().IsNotFound());
  EXPECT_THAT(absent.status().message(), HasSubstr("test.nothing"));
  EXPECT_THAT(absent.status().message(),
              HasSubstr("test.good@1.0.0, test.good@1.1.0, test.throws@1.0.0"));

  Result<LoadedMethod> bad_range = host_.Find("test.good", "about one");
  ASSERT_FALSE(bad_range.ok());
  EXPECT_TRUE(bad_range.status().IsInvalidArgument());
  EXPECT_THAT(bad_range.status().message(), HasSubstr("'about one'"));
}

TEST_F(PluginHostTest, AnAdaptationWithoutItsBaseIsBaseMissing) {
  const fs::path file = PluginFile("base_missing", "kbtest_base_missing");
  host_.LoadFile(kGood);
  host_.LoadDirectory(CaseDir("base_missing"));
  const PluginRecord* r = RecordFor(host_, file);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->outcome, LoadOutcome::kBaseMissing);
  EXPECT_THAT(r->message, HasSubstr("plugin test_base_missing 1.0.0 (" + file.string() + ")"));
  EXPECT_THAT(r->message, HasSubstr("needs test.absent (^1), which is not loaded"));
  EXPECT_THAT(r->message, HasSubstr("loaded: test.good@1.0.0, test.throws@1.0.0"));
  EXPECT_THAT(r->method_ids, IsEmpty());
  EXPECT_EQ(RecordFor(host_, kGood)->outcome, LoadOutcome::kLoaded);
  EXPECT_EQ(host_.methods().size(), 2u);
}

TEST_F(PluginHostTest, AnAdaptationOfAnotherVersionIsBaseOutOfRange) {
  const fs::path file = PluginFile("out_of_range", "kbtest_out_of_range");
  host_.LoadFile(kGood);
  host_.LoadFile(file);
  host_.ResolveAdaptations();
  const PluginRecord* r = RecordFor(host_, file);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->outcome, LoadOutcome::kBaseOutOfRange);
  EXPECT_THAT(r->message, HasSubstr("test_out_of_range"));
  EXPECT_THAT(r->message, HasSubstr("needs test.good in version range >=2 <3"));
  EXPECT_THAT(r->message, HasSubstr("loaded versions are 1.0.0"));
  EXPECT_FALSE(host_.Find("test.future").ok());
}

TEST_F(PluginHostTest, AdaptationsThatAreEachOthersBaseAreACycle) {
  host_.LoadDirectory(CaseDir("cycle"));
  ASSERT_EQ(host_.plugins().size(), 2u);
  for (const PluginRecord& r : host_.plugins()) {
    EXPECT_EQ(r.outcome, LoadOutcome::kAdaptationCycle) << r.message;
    EXPECT_THAT(r.message, HasSubstr("cycle"));
    EXPECT_THAT(r.message, HasSubstr("test.cycle.a (plugin test_cycle_a"));
    EXPECT_THAT(r.message, HasSubstr("test.cycle.b (plugin test_cycle_b"));
  }
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, AChainOfAdaptationsResolvesWhateverTheLoadOrder) {
  host_.LoadDirectory(CaseDir("chain"));  // the top of the chain loads first
  host_.LoadFile(kGood);                  // and the original last
  host_.ResolveAdaptations();
  for (const PluginRecord& r : host_.plugins()) {
    EXPECT_EQ(r.outcome, LoadOutcome::kLoaded) << r.message;
  }
  EXPECT_THAT(RecordFor(host_, PluginFile("chain", "kbtest_chain_a"))->method_ids,
              ElementsAre("test.chain.two@1.0.0"));
  Result<LoadedMethod> top = host_.Find("test.chain.two", "^1");
  ASSERT_TRUE(top.ok()) << top.status().message();
  EXPECT_THAT(top->chain,
              ElementsAre("test.chain.two@1.0.0", "test.chain.one@1.0.0", "test.good@1.0.0"));
  EXPECT_EQ(top->plugin_name, "test_chain_top");
  EXPECT_EQ(top->method->Info().base_id, "test.chain.one");
  // The adaptation's parameters come from its base, through the chain.
  Result<plugin::ContactProposal> proposal = Propose(*top, services_);
  ASSERT_TRUE(proposal.ok()) << proposal.status().message();
  ASSERT_EQ(proposal->arrangements.size(), 1u);
  EXPECT_EQ(proposal->arrangements[0].rationale.at("en"),
            "test.good > test.chain.one > test.chain.two");
  EXPECT_EQ(proposal->arrangements[0].rrule, "FREQ=WEEKLY;INTERVAL=2");
  EXPECT_EQ(host_.methods().size(), 4u);
}

TEST_F(PluginHostTest, AChainWithoutItsOriginalNamesWhereTheBaseWouldComeFrom) {
  host_.LoadDirectory(CaseDir("chain"));
  const PluginRecord* top = RecordFor(host_, PluginFile("chain", "kbtest_chain_a"));
  const PluginRecord* middle = RecordFor(host_, PluginFile("chain", "kbtest_chain_b"));
  ASSERT_NE(top, nullptr);
  ASSERT_NE(middle, nullptr);
  EXPECT_EQ(middle->outcome, LoadOutcome::kBaseMissing);
  EXPECT_THAT(middle->message, HasSubstr("needs test.good (~1.0)"));
  EXPECT_EQ(top->outcome, LoadOutcome::kBaseMissing);
  EXPECT_THAT(top->message, HasSubstr("it would come from test.chain.one (plugin "
                                      "test_chain_middle"));
}

TEST_F(PluginHostTest, AnAdaptationWhoseMakeFailsIsReported) {
  struct Case {
    std::string name;
    std::string expected;
  };
  for (const Case& c : {Case{"make_throws", "make() threw: the adaptation needs a newer moon"},
                        Case{"make_null", "make() returned no method"},
                        Case{"wrong_base", "names base 'test.somewhere.else'"}}) {
    SCOPED_TRACE(c.name);
    test::TestServices services;
    PluginHost host(services);
    const fs::path file = PluginFile(c.name, "kbtest_" + c.name);
    host.LoadFile(kGood);
    host.LoadFile(file);
    host.ResolveAdaptations();
    const PluginRecord* r = RecordFor(host, file);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->outcome, LoadOutcome::kAdaptationFailed);
    EXPECT_THAT(r->message, HasSubstr("plugin test_" + c.name + " 1.0.0 (" + file.string()));
    EXPECT_THAT(r->message, HasSubstr(c.expected));
    EXPECT_EQ(RecordFor(host, kGood)->outcome, LoadOutcome::kLoaded);
    EXPECT_EQ(host.methods().size(), 2u);
  }
}

TEST_F(PluginHostTest, APluginLoadsWholeOrNotAtAll) {
  host_.LoadDirectory(CaseDir("partial"));
  const PluginRecord& r = host_.plugins().at(0);
  EXPECT_EQ(r.outcome, LoadOutcome::kBaseMissing);
  EXPECT_THAT(r.method_ids, IsEmpty());
  EXPECT_FALSE(host_.Find("test.partial").ok());
}

TEST_F(PluginHostTest, AnAdaptationOfAFailedPluginsMethodNamesThatPlugin) {
  const fs::path partial = PluginFile("partial", "kbtest_partial");
  const fs::path dependent = PluginFile("partial_dependent", "kbtest_partial_dependent");
  host_.LoadFile(partial);
  host_.LoadFile(dependent);
  host_.ResolveAdaptations();
  const PluginRecord* r = RecordFor(host_, dependent);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->outcome, LoadOutcome::kBaseMissing);
  EXPECT_THAT(r->message, HasSubstr("needs test.partial (^1), which is not loaded"));
  EXPECT_THAT(r->message, HasSubstr("plugin test_partial 1.0.0 (" + partial.string() +
                                    ") provides it but did not load (base-missing)"));
  EXPECT_THAT(host_.methods(), IsEmpty());
}

TEST_F(PluginHostTest, ResolvingAgainRecoversWhenTheBaseArrives) {
  const fs::path file = PluginFile("chain", "kbtest_chain_b");
  host_.LoadFile(file);
  host_.ResolveAdaptations();
  EXPECT_EQ(RecordFor(host_, file)->outcome, LoadOutcome::kBaseMissing);
  host_.LoadFile(kGood);
  host_.ResolveAdaptations();
  EXPECT_EQ(RecordFor(host_, file)->outcome, LoadOutcome::kLoaded);
  EXPECT_THAT(RecordFor(host_, file)->message, IsEmpty());
  EXPECT_TRUE(host_.Find("test.chain.one").ok());
}

TEST_F(PluginHostTest, TheGateSeesEachFileBeforeItIsOpened) {
  std::vector<fs::path> seen;
  host_.SetGate([&](const fs::path& file) -> Status {
    seen.push_back(file);
    if (file.filename() == "x.so") return Status::PermissionDenied("x.so is not approved");
    return Status::Ok();
  });
  host_.LoadDirectory(CaseDir("not_a_library"));
  host_.LoadDirectory(CaseDir("good"));
  EXPECT_THAT(seen, ElementsAre(CaseDir("not_a_library") / "x.so", kGood));
  ASSERT_EQ(host_.plugins().size(), 2u);
  EXPECT_EQ(host_.plugins()[0].outcome, LoadOutcome::kRefused);
  EXPECT_EQ(host_.plugins()[0].message, "x.so is not approved");
  EXPECT_EQ(host_.plugins()[1].outcome, LoadOutcome::kLoaded);
}

TEST_F(PluginHostTest, FailedPluginsStayListedInLoadOrder) {
  for (const char* name : {"good", "not_a_library", "no_descriptor", "abi_major", "init_throws",
                           "duplicate", "base_missing", "cycle"}) {
    host_.LoadDirectory(CaseDir(name));
  }
  std::vector<std::string> outcomes;
  for (const PluginRecord& r : host_.plugins()) {
    outcomes.emplace_back(LoadOutcomeName(r.outcome));
    if (r.outcome != LoadOutcome::kLoaded) {
      EXPECT_THAT(r.message, HasSubstr(r.file.string()));
    }
  }
  EXPECT_THAT(outcomes, ElementsAre("loaded", "failed-to-open", "missing-export", "incompatible",
                                    "init-failed", "duplicate-method", "base-missing",
                                    "adaptation-cycle", "adaptation-cycle"));
  EXPECT_EQ(host_.methods().size(), 2u);
}

TEST_F(PluginHostTest, LookupsAndCallsMayRunOnSeveralThreads) {
  host_.LoadFile(kGood);
  host_.LoadDirectory(CaseDir("chain"));
  std::vector<std::thread> threads;
  std::atomic<int> succeeded{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        Result<LoadedMethod> m = host_.Find(i % 2 == 0 ? "test.good" : "test.chain.two", "^1");
        if (m.ok() && Propose(*m, services_).ok()) ++succeeded;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(succeeded.load(), 200);
}

TEST(LoadOutcomeNameTest, EveryOutcomeHasItsOwnName) {
  std::set<std::string_view> names;
  for (LoadOutcome o :
       {LoadOutcome::kLoaded, LoadOutcome::kFailedToOpen, LoadOutcome::kMissingExport,
        LoadOutcome::kIncompatible, LoadOutcome::kInitFailed, LoadOutcome::kDuplicateMethod,
        LoadOutcome::kBaseMissing, LoadOutcome::kBaseOutOfRange, LoadOutcome::kAdaptationCycle,
        LoadOutcome::kAdaptationFailed, LoadOutcome::kRefused}) {
    names.insert(LoadOutcomeName(o));
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(LoadOutcomeName(LoadOutcome::kBaseOutOfRange), "base-out-of-range");
}

TEST(PluginHostLifetimeTest, LoadedMethodsKeepWorkingAfterTheHostIsGone) {
  test::TestServices services;
  std::optional<LoadedMethod> good, top;
  {
    PluginHost host(services);
    host.LoadFile(kGood);
    host.LoadDirectory(CaseDir("chain"));
    Result<LoadedMethod> g = host.Find("test.good");
    Result<LoadedMethod> t = host.Find("test.chain.two");
    ASSERT_TRUE(g.ok());
    ASSERT_TRUE(t.ok()) << t.status().message();
    good = *g;
    top = *t;
  }
  Result<plugin::ContactProposal> proposal = Propose(*good, services);
  ASSERT_TRUE(proposal.ok()) << proposal.status().message();
  EXPECT_EQ(proposal->arrangements.size(), 1u);
  Result<plugin::ContactProposal> adapted = Propose(*top, services);
  ASSERT_TRUE(adapted.ok()) << adapted.status().message();
  EXPECT_EQ(adapted->arrangements.at(0).rationale.at("en"),
            "test.good > test.chain.one > test.chain.two");
  EXPECT_EQ(good->method->Info().id, "test.good");
  good.reset();
  EXPECT_EQ(top->method->Info().id, "test.chain.two");
}

}  // namespace
}  // namespace kinbridge::detail
