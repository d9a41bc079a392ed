#include "context.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tr.h"

namespace kinbridge::cli {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string Context::WorkspacePath() const {
  if (!options.workspace.empty()) return options.workspace;
  if (std::string env = Env("KINBRIDGE_WORKSPACE"); !env.empty()) return env;
  return "kinbridge.db";
}

Result<WorkspaceOptions> Context::MakeWorkspaceOptions() const {
  WorkspaceOptions wo;
  std::string today = options.today.empty() ? Env("KINBRIDGE_TODAY") : options.today;
  if (!today.empty()) {
    Result<Date> date = Date::Parse(today, _("today"));
    if (!date.ok()) return date.status();
    wo.today = *date;
  }
  if (std::string now = Env("KINBRIDGE_NOW"); !now.empty()) wo.now_utc = now;
  wo.account = options.as.empty() ? Env("KINBRIDGE_AS") : options.as;
  wo.purpose = options.purpose;
  return wo;
}

std::optional<Workspace> Context::OpenWorkspace() {
  Result<WorkspaceOptions> wo = MakeWorkspaceOptions();
  if (!wo.ok()) {
    Fail(wo.status());
    return std::nullopt;
  }
  Result<Workspace> ws = Workspace::Open(WorkspacePath(), *wo);
  if (!ws.ok()) {
    Fail(ws.status());
    return std::nullopt;
  }
  return std::move(*ws);
}

OutputFormat Context::format() const {
  return ParseOutputFormat(options.format).value_or(OutputFormat::kTable);
}

void Context::Fail(const Status& status) {
  exit_code_ = ExitCodeFor(status);
  if (format() == OutputFormat::kJson) {
    nlohmann::ordered_json error;
    error["error"]["code"] = std::string(ErrorCodeName(status.code()));
    error["error"]["message"] = status.message();
    std::cerr << error.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::cerr << "kinbridge: " << _("error") << ": " << TerminalSafe(status.message()) << '\n';
  }
}

void Context::FailUsage(const std::string& message) {
  exit_code_ = kExitUsage;
  if (format() == OutputFormat::kJson) {
    nlohmann::ordered_json error;
    error["error"]["code"] = "usage";
    error["error"]["message"] = message;
    std::cerr << error.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::cerr << "kinbridge: " << TerminalSafe(message) << '\n';
  }
}

bool Context::ParseDateWindow(const std::string& from_text, const std::string& to_text,
                              std::optional<Date>& from, std::optional<Date>& to) {
  if (!from_text.empty()) {
    from = ParseDate(from_text, N_("from"));
    if (!from) return false;
  }
  if (!to_text.empty()) {
    to = ParseDate(to_text, N_("to"));
    if (!to) return false;
  }
  if (from && to && *to < *from) {
    FailUsage(TrFormat("--to {} is before --from {}", to->ToString(), from->ToString()));
    return false;
  }
  return true;
}

std::optional<Date> Context::ParseDate(const std::string& text, const char* what) {
  Result<Date> date = Date::Parse(text, _(what));
  if (!date.ok()) {
    Fail(date.status());
    return std::nullopt;
  }
  return *date;
}

void Context::Note(const std::string& text) {
  if (format() == OutputFormat::kTable) out() << text << '\n';
}

// Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename.
Status WriteFileAtomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    return Status::InvalidArgument(
        TrFormat("cannot write {}: directory {} does not exist", path, directory.string()));
  }
  const fs::path temporary =
      directory / ("." + target.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
  {
    errno = 0;
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      const int error = errno;
      fs::remove(temporary, ec);
      return Status::IoError(TrFormat("cannot write {}: {}", path, SystemErrorMessage(error)));
    }
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    const int error = ec.value();
    fs::remove(temporary, ec);
    return Status::IoError(TrFormat("cannot write {}: {}", path, SystemErrorMessage(error)));
  }
  return Status::Ok();
}

}  // namespace kinbridge::cli
