// The plugin host: finds method plugins, checks their descriptors before using any of their
// C++ objects, keeps their libraries loaded for the life of the process, resolves adaptation
// chains, and wraps every call into a plugin so that a plugin's exception becomes a Status
// naming the plugin.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kinbridge/plugin/plugin.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"

namespace kinbridge::detail {

// How loading one plugin file ended. Failed plugins stay listed with their reason.
enum class LoadOutcome {
  kLoaded,
  kFailedToOpen,      // not a shared library, or it could not be loaded
  kMissingExport,     // no kinbridge_method_plugin_v1 descriptor
  kIncompatible,      // another ABI major, a newer minor, another SDK version or toolchain
  kInitFailed,        // init() threw
  kDuplicateMethod,   // a method id (at the same version) another plugin already registered
  kBaseMissing,       // an adaptation's base method is not loaded
  kBaseOutOfRange,    // the base is loaded, but not at a version in the adaptation's range
  kAdaptationCycle,   // adaptations whose bases form a cycle
  kAdaptationFailed,  // the adaptation's make() threw or returned nothing
  kRefused,           // refused by the caller (e.g. the file's hash is not the approved one)
};
std::string_view LoadOutcomeName(LoadOutcome outcome);  // "loaded", "failed-to-open", ...

// What the host knows about one plugin file.
struct PluginRecord {
  std::filesystem::path file;
  LoadOutcome outcome = LoadOutcome::kFailedToOpen;
  std::string message;  // for failures: what went wrong, naming the file and values
  // From the descriptor, when it could be read:
  std::string name, version, license, origin, sdk_version, toolchain;
  int abi_major = 0, abi_minor = 0;
  std::vector<std::string> method_ids;  // "se.vara.contact@1.0.0", registered by this plugin
};

// A loaded method, with the plugin it came from. Holding it keeps the plugin's library loaded.
struct LoadedMethod {
  std::shared_ptr<const plugin::Method> method;
  std::string plugin_name, plugin_version;
  std::filesystem::path plugin_file;
  // id@version of each method from this one down to the original: {"cn.huangshan.group@1.0.0",
  // "se.vara.contact@1.0.0"}.
  std::vector<std::string> chain;
};

// Thread-safety: loading is not thread-safe; lookups and calls after loading are.
class PluginHost {
 public:
  // `services` must outlive the host and every method it hands out.
  explicit PluginHost(plugin::HostServices& services);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Called with each file before it is opened; returning a failed Status refuses the file
  // (outcome kRefused with that message). Default: accept every file.
  void SetGate(std::function<Status(const std::filesystem::path&)> gate);

  // Loads every plugin file (*.so) in `directory`, in name order, then resolves adaptations.
  // A directory that does not exist is not an error (nothing is loaded).
  void LoadDirectory(const std::filesystem::path& directory);
  // Loads one file (before ResolveAdaptations).
  void LoadFile(const std::filesystem::path& file);
  // Resolves every pending adaptation against the loaded methods (bases first, chains of any
  // depth). LoadDirectory calls it; after LoadFile calls, call it once.
  void ResolveAdaptations();

  // Every plugin file seen, in load order, failed ones included.
  const std::vector<PluginRecord>& plugins() const;
  // Every method available, originals and adaptations, ordered by id then version.
  std::vector<LoadedMethod> methods() const;
  // The newest version of `id`, or of `id` within `range` ("^1"); NotFound naming the id and
  // the methods that are loaded.
  Result<LoadedMethod> Find(const std::string& id, const std::string& range = "") const;

  // Runs `call` (which calls into the plugin) and turns an exception it throws into an
  // Internal status naming the plugin's name, file and version, and `what` was being done.
  static Status Guard(const LoadedMethod& method, const std::string& what,
                      const std::function<void()>& call);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Semantic versions and ranges (a small subset of npm's syntax: "1.2.3", "^1", "^1.2",
// "~1.2", ">=1.2 <2", "*").
bool IsSemanticVersion(const std::string& version);
Result<bool> VersionSatisfies(const std::string& version, const std::string& range);
int CompareVersions(const std::string& a, const std::string& b);  // <0, 0, >0

}  // namespace kinbridge::detail
