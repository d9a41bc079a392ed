// The built plugin modules, loaded as the host loads them: their descriptors, what their init()
// registers, and that the loaded methods behave like the logic compiled into this test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/dll/shared_library.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "huangshan_group/huangshan_group_method.h"
#include "kinbridge/plugin/plugin.h"
#include "method_test_support.h"
#include "vara_contact/vara_contact_method.h"

namespace kinbridge::methods {
namespace {

using plugin::AdaptationSpec;
using plugin::PluginDescriptor;
using testing::DefaultContext;
using testing::Dump;
using testing::ElinCase;
using testing::LiMingCase;
using ::testing::SizeIs;
using testing::TestHost;

// Records what a plugin's init() registers.
class RecordingRegistrar final : public plugin::Registrar {
 public:
  void AddMethod(std::shared_ptr<plugin::Method> method) override {
    methods.push_back(std::move(method));
  }
  void AddAdaptation(AdaptationSpec adaptation) override {
    adaptations.push_back(std::move(adaptation));
  }
  plugin::HostServices& host() override { return host_; }

  std::vector<std::shared_ptr<plugin::Method>> methods;
  std::vector<AdaptationSpec> adaptations;

 private:
  TestHost host_;
};

// Loads a module and keeps it loaded for the life of the process, as the host does: the library
// object is never destroyed, so the module is never unloaded.
const PluginDescriptor& Load(const char* path) {
  auto* library = new boost::dll::shared_library(path);
  auto& describe = library->get_alias<plugin::DescriptorFunction>(plugin::kDescriptorSymbol);
  return *describe();
}

void ExpectCompatible(const PluginDescriptor& d) {
  EXPECT_EQ(d.struct_size, sizeof(PluginDescriptor));
  EXPECT_EQ(d.abi_major, plugin::kAbiMajor);
  EXPECT_EQ(d.abi_minor, plugin::kAbiMinor);
  EXPECT_STREQ(d.sdk_version, KINBRIDGE_VERSION_STRING);
  EXPECT_STREQ(d.toolchain, KINBRIDGE_PLUGIN_TOOLCHAIN);
  EXPECT_STREQ(d.license, "EUPL-1.2");
  EXPECT_NE(d.init, nullptr);
}

TEST(PluginModuleTest, VaraContactDescribesItselfAndRegistersItsMethod) {
  const auto& d = Load(KINBRIDGE_VARA_CONTACT_PLUGIN);
  ExpectCompatible(d);
  EXPECT_STREQ(d.name, "vara_contact");
  EXPECT_STREQ(d.version, "1.0.0");
  EXPECT_STREQ(d.origin, "Vara kommun, SE");

  RecordingRegistrar registrar;
  d.init(registrar);
  ASSERT_THAT(registrar.methods, SizeIs(1));
  EXPECT_TRUE(registrar.adaptations.empty());
  const auto& loaded = *registrar.methods[0];
  EXPECT_EQ(loaded.Info().id, "se.vara.contact");
  EXPECT_EQ(loaded.Info().version, "1.0.0");

  const auto local = MakeVaraContactMethod();
  const auto ctx = DefaultContext(loaded);
  EXPECT_EQ(Dump(loaded.contact_planning()->Propose(ElinCase(), ctx)),
            Dump(local->contact_planning()->Propose(ElinCase(), ctx)));
}

TEST(PluginModuleTest, HuangshanGroupRegistersAnAdaptationOfVaraContact) {
  const auto& vara = Load(KINBRIDGE_VARA_CONTACT_PLUGIN);
  const auto& d = Load(KINBRIDGE_HUANGSHAN_GROUP_PLUGIN);
  ExpectCompatible(d);
  EXPECT_STREQ(d.name, "huangshan_group");
  EXPECT_STREQ(d.version, "1.0.0");
  EXPECT_STREQ(d.origin, "黄山市 Huangshan, CN");

  RecordingRegistrar registrar;
  d.init(registrar);
  EXPECT_TRUE(registrar.methods.empty());
  ASSERT_THAT(registrar.adaptations, SizeIs(1));
  const AdaptationSpec& spec = registrar.adaptations[0];
  EXPECT_EQ(spec.base_id, "se.vara.contact");
  EXPECT_EQ(spec.base_range, "^1");

  // The base comes from the other module, as the host would resolve it.
  RecordingRegistrar base_registrar;
  vara.init(base_registrar);
  ASSERT_THAT(base_registrar.methods, SizeIs(1));
  const auto adapted = spec.make(base_registrar.methods[0]);
  ASSERT_NE(adapted, nullptr);
  EXPECT_EQ(adapted->Info().id, "cn.huangshan.group");
  EXPECT_EQ(adapted->follow_up(), base_registrar.methods[0]->follow_up());

  const auto local = MakeHuangshanGroupMethod(MakeVaraContactMethod());
  const auto ctx = DefaultContext(*adapted);
  EXPECT_EQ(Dump(adapted->contact_planning()->Propose(LiMingCase(), ctx)),
            Dump(local->contact_planning()->Propose(LiMingCase(), ctx)));

  // A base without the capabilities it builds on is refused with a reason, not a crash.
  EXPECT_THROW(spec.make(nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace kinbridge::methods
