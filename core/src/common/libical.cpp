#include "common/libical.h"

#include <dlfcn.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>

#include <boost/dll/shared_library.hpp>

#include "common/i18n.h"
#include "common/loader_reason.h"

namespace kinbridge::detail {
namespace {

namespace dll = boost::dll;

std::mutex& LoadMutex() {
  static std::mutex mutex;
  return mutex;
}

// Set once under LoadMutex(); read without it afterwards.
std::atomic<const LibicalApi*>& Loaded() {
  static std::atomic<const LibicalApi*> loaded{nullptr};
  return loaded;
}

}  // namespace

std::mutex& LibicalMutex() {
  static std::mutex mutex;
  return mutex;
}

const char* LibicalFile() { return KINBRIDGE_LIBICAL_SONAME; }

Result<const LibicalApi*> LoadLibical() {
  if (const LibicalApi* api = Loaded().load(std::memory_order_acquire)) return api;
  std::lock_guard<std::mutex> lock(LoadMutex());
  if (const LibicalApi* api = Loaded().load(std::memory_order_acquire)) return api;

  // By soname, through the loader's search path; rtld_now so that a broken libical fails here;
  // rtld_local keeps its symbols out of the global scope; never unloaded (RTLD_NODELETE, and the
  // object is leaked on purpose).
  const dll::load_mode::type mode = dll::load_mode::search_system_folders |
                                    dll::load_mode::rtld_now | dll::load_mode::rtld_local |
                                    static_cast<dll::load_mode::type>(RTLD_NODELETE);
  auto library = std::make_unique<dll::shared_library>();
  auto api = std::make_unique<LibicalApi>();
  try {
    library->load(LibicalFile(), mode);
#define KINBRIDGE_LIBICAL_RESOLVE(name) \
  api->name = &library->get<std::remove_pointer_t<decltype(&::name)>>(#name);
    KINBRIDGE_LIBICAL_FUNCTIONS(KINBRIDGE_LIBICAL_RESOLVE)
#undef KINBRIDGE_LIBICAL_RESOLVE
  } catch (const std::exception& e) {
    return Status::IoError(
        TrFormat("cannot load libical ({}), which kinbridge needs for schedules and calendars: "
                 "{} (on Debian install libical3)",
                 LibicalFile(), LoaderReason(e.what())));
  }
  static_cast<void>(library.release());
  const LibicalApi* loaded = api.release();
  Loaded().store(loaded, std::memory_order_release);
  return loaded;
}

}  // namespace kinbridge::detail
