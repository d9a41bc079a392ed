// What every command shares: the global options, the open workspace, output and errors.
#pragma once

#include <iostream>
#include <optional>
#include <string>

#include "exit_codes.h"
#include "kinbridge/date.h"
#include "kinbridge/result.h"
#include "kinbridge/workspace.h"
#include "output/output.h"

namespace kinbridge::cli {

struct GlobalOptions {
  std::string workspace;  // Default: $KINBRIDGE_WORKSPACE, else ./kinbridge.db
  std::string format = "table";
  std::string today;  // Default: $KINBRIDGE_TODAY, else the municipality's date
  std::string lang;   // Default: from LC_ALL / LC_MESSAGES / LANG
  std::string as;     // Default: $KINBRIDGE_AS (demo and test workspaces only), else the OS account
  std::string purpose;
};

class Context {
 public:
  GlobalOptions options;

  // The workspace path the options name.
  std::string WorkspacePath() const;
  // Options for opening a workspace: fixed date and clock from --today, KINBRIDGE_TODAY and
  // KINBRIDGE_NOW. Fails on a malformed date.
  Result<WorkspaceOptions> MakeWorkspaceOptions() const;
  // Opens the workspace the options name; on failure reports the error and returns nullopt.
  std::optional<Workspace> OpenWorkspace();

  OutputFormat format() const;
  std::ostream& out() { return std::cout; }

  // Reports a failed status on stderr (as JSON with --format json) and records its exit code.
  void Fail(const Status& status);
  // Reports a usage error (exit code 2).
  void FailUsage(const std::string& message);
  // Parses a date option; on failure reports it and returns nullopt.
  std::optional<Date> ParseDate(const std::string& text, const char* what);
  // --from/--to (either may be empty) into `from`/`to`; false after reporting a bad date or a
  // --to before --from.
  bool ParseDateWindow(const std::string& from_text, const std::string& to_text,
                       std::optional<Date>& from, std::optional<Date>& to);
  // Prints a confirmation line for people (not in JSON or CSV, which print the record).
  void Note(const std::string& text);

  int exit_code() const { return exit_code_; }
  void SetExitCode(int code) { exit_code_ = code; }

 private:
  int exit_code_ = kExitOk;
};

// Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename.
// InvalidArgument when the directory does not exist, IoError when writing fails.
Status WriteFileAtomically(const std::string& path, const std::string& text);

}  // namespace kinbridge::cli
