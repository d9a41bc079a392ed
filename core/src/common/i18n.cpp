#include "kinbridge/i18n.h"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "common/i18n.h"
#include "common/system_error.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

namespace fs = std::filesystem;

std::string& BoundDirectory() {
  static std::string dir;
  return dir;
}

bool HasCatalogs(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "sv" / "LC_MESSAGES" / "kinbridge.mo", ec);
}

// KINBRIDGE_LOCALEDIR, then the share/locale beside the running program's prefix (an
// installed kinbridge), then the build tree, then the configured install directory.
std::string FindLocaleDirectory() {
  if (const char* env = std::getenv("KINBRIDGE_LOCALEDIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path candidate = exe.parent_path().parent_path() / "share" / "locale";
    if (HasCatalogs(candidate)) return candidate.string();
  }
  if (HasCatalogs(KINBRIDGE_BUILD_LOCALEDIR)) return KINBRIDGE_BUILD_LOCALEDIR;
  return KINBRIDGE_INSTALL_LOCALEDIR;
}

// "sv" -> "sv_SE.UTF-8": a locale glibc knows, so that LC_MESSAGES is not "C" (gettext ignores
// LANGUAGE under the C locale).
const char* LocaleFor(std::string_view language) {
  if (language.starts_with("sv")) return "sv_SE.UTF-8";
  if (language.starts_with("zh")) return "zh_CN.UTF-8";
  return "en_US.UTF-8";
}

}  // namespace

void InitLocalization(std::string_view language) {
  if (std::setlocale(LC_ALL, "") == nullptr) std::setlocale(LC_ALL, "C.UTF-8");
  if (!language.empty()) {
    std::string lang(language);
    // LANGUAGE takes precedence over LC_MESSAGES in GNU gettext.
    setenv("LANGUAGE", lang.c_str(), 1);
    if (std::setlocale(LC_MESSAGES, LocaleFor(language)) == nullptr) {
      std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
  } else {
    const char* messages = std::setlocale(LC_MESSAGES, nullptr);
    if (messages != nullptr &&
        (std::string_view(messages) == "C" || std::string_view(messages) == "POSIX")) {
      std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
  }
  BoundDirectory() = FindLocaleDirectory();
  bindtextdomain(detail::kTextDomain, BoundDirectory().c_str());
  bind_textdomain_codeset(detail::kTextDomain, "UTF-8");
}

const char* Translate(const char* msgid) { return detail::Tr(msgid); }

const char* TranslatePlural(const char* singular, const char* plural, unsigned long n) {
  return detail::TrN(singular, plural, n);
}

std::string LocaleDirectory() { return BoundDirectory(); }

std::string SystemErrorMessage(int error) { return detail::SystemErrorText(error); }

KINBRIDGE_NAMESPACE_END

namespace kinbridge::detail {

std::string CurrentLanguage() {
  std::string name;
  if (const char* language = std::getenv("LANGUAGE"); language != nullptr && *language != '\0') {
    name = language;
    name = name.substr(0, name.find(':'));
  } else if (const char* messages = std::setlocale(LC_MESSAGES, nullptr); messages != nullptr) {
    name = messages;
  }
  if (name.starts_with("sv")) return "sv";
  if (name.starts_with("zh")) return "zh_CN";
  return "en";
}

}  // namespace kinbridge::detail
