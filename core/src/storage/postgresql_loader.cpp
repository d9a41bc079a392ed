// Finding and loading the PostgreSQL module (postgresql_module.h) on first use.
#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include "common/i18n.h"
#include "common/loader_reason.h"
#include "kinbridge/version.h"
#include "storage/postgresql_module.h"

namespace kinbridge::detail {
namespace {

namespace dll = boost::dll;
namespace fs = std::filesystem;

// rtld_now: a missing libpq fails here, with the loader's words, not at the first call.
// rtld_local: libpq's symbols stay out of the global scope. RTLD_NODELETE: the module is never
// unmapped (see LoadPostgresqlModule).
const dll::load_mode::type kLoadMode = dll::load_mode::rtld_now | dll::load_mode::rtld_local |
                                       static_cast<dll::load_mode::type>(RTLD_NODELETE);

std::mutex& LoadMutex() {
  static std::mutex mutex;
  return mutex;
}

// Set once under LoadMutex(); `module` is read without it afterwards.
struct LoadedModule {
  std::atomic<const PostgresqlModule*> module{nullptr};
  dll::shared_library* library = nullptr;  // never unloaded (see LoadPostgresqlModule)
};
LoadedModule& Loaded() {
  static LoadedModule loaded;
  return loaded;
}

// Where the module may be, in the order tried: KINBRIDGE_MODULE_DIR alone when it is set; else
// kinbridge/ beside the kinbridge library (an installed kinbridge, or the build tree, where the
// module is built into core/kinbridge/ beside core/libkinbridge.so), the build tree (for programs
// that link the library's objects), the configured install directory.
std::vector<fs::path> Candidates() {
  if (const char* dir = std::getenv("KINBRIDGE_MODULE_DIR"); dir != nullptr && *dir != '\0') {
    return {fs::path(dir) / kPostgresqlModuleFile};
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path library = dll::this_line_location(ec);
  if (!ec && !library.empty()) {
    candidates.push_back(library.parent_path() / "kinbridge" / kPostgresqlModuleFile);
  }
  for (const fs::path& dir :
       {fs::path(KINBRIDGE_BUILD_MODULEDIR), fs::path(KINBRIDGE_INSTALL_MODULEDIR)}) {
    const fs::path candidate = dir / kPostgresqlModuleFile;
    bool seen = false;
    for (const fs::path& c : candidates) seen = seen || c == candidate;
    if (!seen) candidates.push_back(candidate);
  }
  return candidates;
}

}  // namespace

const PostgresqlModule* LoadedPostgresqlModule() { return Loaded().module.load(); }

Result<const PostgresqlModule*> LoadPostgresqlModule() {
  if (const PostgresqlModule* module = Loaded().module.load()) return module;
  std::lock_guard<std::mutex> lock(LoadMutex());
  if (const PostgresqlModule* module = Loaded().module.load()) return module;

  const std::vector<fs::path> candidates = Candidates();
  fs::path file;
  std::error_code ec;
  for (const fs::path& candidate : candidates) {
    if (fs::is_regular_file(candidate, ec)) {
      file = candidate;
      break;
    }
  }
  if (file.empty()) {
    std::string looked;
    for (const fs::path& candidate : candidates) {
      looked += looked.empty() ? "" : ", ";
      looked += candidate.parent_path().string();
    }
    return Status::IoError(TrFormat(
        "PostgreSQL workspaces need kinbridge's PostgreSQL module {}, which is not installed "
        "(looked in {}); install it with kinbridge (it belongs in the folder kinbridge beside "
        "libkinbridge.so), or set KINBRIDGE_MODULE_DIR to the folder that holds it",
        kPostgresqlModuleFile, looked));
  }
  // Kept for the life of the process, never unloaded: sessions, statements and exceptions made
  // by the backend may outlive every Database (an exception's type lives in the module).
  auto* library = new dll::shared_library();
  try {
    library->load(file, kLoadMode);
  } catch (const std::exception& e) {
    delete library;
    return Status::IoError(
        TrFormat("cannot load kinbridge's PostgreSQL module {}: {} (it needs the PostgreSQL client "
                 "library libpq and SOCI's PostgreSQL backend; on Debian install libpq5 and "
                 "libsoci-postgresql4.0)",
                 file.string(), LoaderReason(e.what())));
  }
  if (!library->has(kPostgresqlModuleSymbol)) {
    delete library;
    return Status::Incompatible(
        TrFormat("{} is not kinbridge's PostgreSQL module (it exports no {}); reinstall kinbridge",
                 file.string(), kPostgresqlModuleSymbol));
  }
  const auto& module = library->get<const PostgresqlModule>(kPostgresqlModuleSymbol);
  if (module.interface_version != kPostgresqlModuleInterface ||
      std::string(module.kinbridge_version) != KINBRIDGE_VERSION_STRING) {
    const std::string found = module.kinbridge_version;
    const int interface = module.interface_version;
    delete library;
    return Status::Incompatible(TrFormat(
        "the PostgreSQL module {} belongs to kinbridge {} (interface {}), not to this "
        "kinbridge {} (interface {}); install the module of the same kinbridge",
        file.string(), found, interface, KINBRIDGE_VERSION_STRING, kPostgresqlModuleInterface));
  }
  Loaded().library = library;
  Loaded().module.store(&module);
  return &module;
}

}  // namespace kinbridge::detail
