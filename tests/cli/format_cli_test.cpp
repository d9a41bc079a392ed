// Every command's output formats, end to end: each command the command tree has runs on a copy of
// the demo workspaces with --format json, csv and table. JSON must be one JSON value and CSV
// headed tables (messages belong on stderr), nothing may carry terminal escapes, and the JSON
// must have the keys and types docs/json.md documents for the command. A command added without
// a sample here fails the test, so none escapes the audit.
//
// After changing a command's JSON on purpose, refresh docs/json.md with
//   KINBRIDGE_UPDATE_JSON_DOC=1 build/tests/kinbridge_format_tests --gtest_filter='*Documented*'
// (documented types are kept; keys and types seen anew are added, keys no longer seen removed).
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "common/csv.h"

namespace kinbridge::cli::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

enum Workspace { kNone, kVara, kHuangshan };

// A command run before the sample, on the same copy (e.g. putting a plan under review).
struct Step {
  Workspace workspace;
  std::string account;
  std::vector<std::string> args;
};

struct Sample {
  std::string command;  // the leaf command as completion names it: "plan arrangement add"
  std::string variant;  // another output of the same command ("report child --html"), or ""
  Workspace workspace;
  std::string account;
  // {dir} is the run's copy of the demo directory, {plugins} the built-in plugins, {profiles}
  // the profile files.
  std::vector<std::string> args;
  std::vector<Step> setup = {};

  std::string Name() const { return variant.empty() ? command : variant; }
};

// Commands whose output is a document in a format of its own, whatever --format says.
const std::map<std::string, std::string> kExempt = {
    {"manpage", "a roff manual page"},
    {"completion", "a bash script"},
};

// Puts plan 1 of the Vara demo (approved and reviewed on the demo's day) under review a day
// later, so that it can be changed and approved again.
const std::vector<Step> kPlanUnderReview = {
    {kVara, "anna", {"--today", "2026-11-30", "plan", "review", "1", "--revise"}}};
// Takes a child out of the Huangshan school's groups, so that a group can be planned or joined.
const std::vector<Step> kChildOutsideGroups = {
    {kHuangshan, "wang", {"group", "leave", "2", "HSN-2026-0010", "--last-day", "2026-11-29"}}};

// One sample per command (more where options change what is printed), on the demo's data.
const std::vector<Sample>& Samples() {
  static const std::vector<Sample> samples = {
      {"init",
       "",
       kNone,
       "",
       {"init", "--database", "{dir}/new.db", "--code", "NEW", "--name", "New", "--country", "SE",
        "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"}},
      {"child add",
       "",
       kVara,
       "anna",
       {"child", "add", "--name", "Ida Ek", "--birth-date", "2018-04-01"}},
      {"child list", "", kVara, "karin", {"child", "list"}},
      {"child show", "", kVara, "anna", {"child", "show", "VAR-2026-0001"}},
      {"child edit",
       "",
       kVara,
       "anna",
       {"child", "edit", "VAR-2026-0001", "--school", "Vara skola"}},
      {"child close", "", kVara, "anna", {"child", "close", "VAR-2026-0001", "--reason", "moved"}},
      {"relation add",
       "",
       kVara,
       "anna",
       {"relation", "add", "--child", "VAR-2026-0001", "--name", "Eva Ek", "--kind", "other"}},
      {"relation list", "", kVara, "anna", {"relation", "list", "--child", "VAR-2026-0001"}},
      {"restriction add",
       "",
       kVara,
       "anna",
       {"restriction", "add", "--relation", "2", "--kind", "supervised-only", "--decision",
        "SN 2026/1", "--reason", "r", "--from", "2026-11-29"}},
      {"restriction list", "", kVara, "karin", {"restriction", "list"}},
      {"restriction lift", "", kVara, "anna", {"restriction", "lift", "1", "--reason", "r"}},
      {"placement add",
       "",
       kVara,
       "anna",
       {"placement", "add", "--child", "VAR-2026-0001", "--type", "kinship", "--basis", "voluntary",
        "--start", "2026-11-21"},
       {{kVara, "anna", {"placement", "end", "1", "--date", "2026-11-20", "--reason", "moved"}}}},
      {"placement end",
       "",
       kVara,
       "anna",
       {"placement", "end", "1", "--date", "2026-11-20", "--reason", "home"}},
      {"placement list", "", kVara, "anna", {"placement", "list", "--child", "VAR-2026-0001"}},
      {"user add",
       "",
       kVara,
       "root",
       {"user", "add", "--account", "olle", "--name", "Olle", "--role", "social-worker"}},
      {"user list", "", kVara, "root", {"user", "list"}},
      {"user grant", "", kVara, "root", {"user", "grant", "erik", "--role", "supervisor"}},
      {"user revoke", "", kVara, "root", {"user", "revoke", "karin", "--role", "supervisor"}},
      {"user assign",
       "",
       kVara,
       "karin",
       {"user", "assign", "--child", "VAR-2026-0001", "--worker", "erik"}},
      {"user history", "", kVara, "anna", {"user", "history", "--child", "VAR-2026-0001"}},
      {"whoami", "", kVara, "anna", {"whoami"}},
      {"audit log", "", kVara, "karin", {"audit", "log", "--child", "VAR-2026-0001"}},
      {"audit verify", "", kVara, "root", {"audit", "verify"}},
      {"method list", "", kVara, "anna", {"method", "list"}},
      {"method info", "", kVara, "anna", {"method", "info", "se.vara.contact"}},
      {"method install", "", kVara, "root", {"method", "install", "{plugins}/vara_contact.so"}},
      {"method verify", "", kVara, "root", {"method", "verify"}},
      {"method lineage", "", kVara, "anna", {"method", "lineage", "cn.huangshan.group"}},
      {"method adapt",
       "",
       kHuangshan,
       "root",
       {"method", "adapt", "{profiles}/huangshan_short_calls.json"}},
      {"method path", "", kVara, "root", {"method", "path"}},
      {"method propose",
       "",
       kVara,
       "anna",
       {"method", "propose", "--child", "VAR-2026-0001", "--method", "se.vara.contact"}},
      {"plan propose",
       "",
       kVara,
       "anna",
       {"plan", "propose", "--child", "VAR-2026-0001", "--method", "se.vara.contact"}},
      {"plan list", "", kVara, "anna", {"plan", "list", "--child", "VAR-2026-0001"}},
      {"plan show", "", kVara, "anna", {"plan", "show", "1"}},
      {"plan view",
       "",
       kVara,
       "anna",
       {"--today", "2026-11-30", "plan", "view", "1", "--text", "wants more visits"},
       {{kVara, "anna", {"--today", "2026-11-30", "plan", "review", "1", "--revise"}}}},
      {"plan arrangement add",
       "",
       kVara,
       "anna",
       {"--today", "2026-11-30", "plan", "arrangement", "add", "1", "--relation", "4", "--mode",
        "phone", "--rrule", "FREQ=WEEKLY;BYDAY=MO"},
       {{kVara, "anna", {"--today", "2026-11-30", "plan", "review", "1", "--revise"}}}},
      {"plan arrangement remove",
       "",
       kVara,
       "anna",
       {"--today", "2026-11-30", "plan", "arrangement", "remove", "1", "1"},
       {{kVara, "anna", {"--today", "2026-11-30", "plan", "review", "1", "--revise"}}}},
      {"plan approve",
       "",
       kVara,
       "anna",
       {"--today", "2026-11-30", "plan", "approve", "1"},
       {{kVara, "anna", {"--today", "2026-11-30", "plan", "review", "1", "--revise"}}}},
      {"plan review",
       "",
       kVara,
       "anna",
       {"--today", "2026-11-30", "plan", "review", "1", "--revise"}},
      {"plan reviews", "", kVara, "anna", {"plan", "reviews", "1"}},
      {"plan end", "", kVara, "anna", {"plan", "end", "1", "--reason", "r"}},
      {"contact schedule", "", kVara, "anna", {"contact", "schedule", "--child", "VAR-2026-0001"}},
      {"contact list", "", kVara, "anna", {"contact", "list", "--child", "VAR-2026-0001"}},
      {"contact due", "", kVara, "anna", {"contact", "due", "--week"}},
      {"contact overdue", "", kVara, "anna", {"contact", "overdue"}},
      {"contact show", "", kVara, "anna", {"contact", "show", "26"}},
      {"contact log", "", kVara, "anna", {"contact", "log", "26", "--outcome", "held", "--amend"}},
      {"contact ical",
       "",
       kVara,
       "anna",
       {"contact", "ical", "--child", "VAR-2026-0001", "-o", "{dir}/elin.ics"}},
      {"centre add",
       "",
       kHuangshan,
       "root",
       {"centre", "add", "--code", "new-centre", "--name", "New"}},
      {"centre list", "", kHuangshan, "wang", {"centre", "list"}},
      {"centre show", "", kHuangshan, "wang", {"centre", "show", "guanai"}},
      {"centre edit", "", kHuangshan, "root", {"centre", "edit", "guanai", "--capacity", "41"}},
      {"school add",
       "",
       kHuangshan,
       "root",
       {"school", "add", "--code", "new-school", "--name", "New"}},
      {"school list", "", kHuangshan, "wang", {"school", "list"}},
      {"school show", "", kHuangshan, "wang", {"school", "show", "tunxi-school"}},
      {"school edit",
       "",
       kHuangshan,
       "root",
       {"school", "edit", "tunxi-school", "--capacity", "901"}},
      {"staff add",
       "",
       kHuangshan,
       "root",
       {"staff", "add", "--site", "guanai", "--worker", "chen"}},
      {"staff end",
       "",
       kHuangshan,
       "root",
       {"staff", "end", "--site", "guanai", "--worker", "wang", "--last-day", "2026-11-29"}},
      {"staff list", "", kHuangshan, "root", {"staff", "list", "--site", "guanai"}},
      {"training add",
       "",
       kHuangshan,
       "root",
       {"training", "add", "--worker", "chen", "--method", "cn.huangshan.group", "--on",
        "2026-11-01", "--by", "zhang"}},
      {"training list", "", kHuangshan, "root", {"training", "list"}},
      {"activity add",
       "",
       kHuangshan,
       "wang",
       {"activity", "add", "--site", "guanai", "--name", "Homework", "--kind", "homework-help",
        "--rrule", "FREQ=WEEKLY;BYDAY=TU", "--at", "16:00", "--capacity", "10"}},
      {"activity list", "", kHuangshan, "wang", {"activity", "list"}},
      {"activity show", "", kHuangshan, "wang", {"activity", "show", "2"}},
      {"activity edit", "", kHuangshan, "wang", {"activity", "edit", "2", "--capacity", "21"}},
      {"activity enrol", "", kHuangshan, "wang", {"activity", "enrol", "2", "HSN-2026-0010"}},
      {"activity leave",
       "",
       kHuangshan,
       "wang",
       {"activity", "leave", "2", "HSN-2026-0001", "--last-day", "2026-11-29"}},
      {"activity members", "", kHuangshan, "wang", {"activity", "members", "2"}},
      {"group plan",
       "",
       kHuangshan,
       "wang",
       {"--today", "2026-11-30", "group", "plan", "1"},
       {{kHuangshan,
         "wang",
         {"group", "leave", "2", "HSN-2026-0010", "--last-day", "2026-11-29"}}}},
      {"group add", "", kHuangshan, "wang", {"group", "add", "1", "--name", "Extra"}},
      {"group list", "", kHuangshan, "zhang", {"group", "list"}},
      {"group show", "", kHuangshan, "zhang", {"group", "show", "1"}},
      {"group edit", "", kHuangshan, "wang", {"group", "edit", "1", "--name", "Renamed"}},
      {"group join",
       "",
       kHuangshan,
       "wang",
       {"group", "join", "1", "HSN-2026-0010", "--on", "2026-11-30"},
       {{kHuangshan,
         "wang",
         {"group", "leave", "2", "HSN-2026-0010", "--last-day", "2026-11-29"}}}},
      {"group leave",
       "",
       kHuangshan,
       "wang",
       {"group", "leave", "1", "HSN-2026-0001", "--last-day", "2026-11-29"}},
      {"session schedule", "", kHuangshan, "wang", {"session", "schedule", "--site", "guanai"}},
      {"session list", "", kHuangshan, "wang", {"session", "list", "--week"}},
      {"session show", "", kHuangshan, "wang", {"session", "show", "30"}},
      {"session add",
       "",
       kHuangshan,
       "wang",
       {"session", "add", "--activity", "2", "--on", "2026-12-02", "--at", "18:00"}},
      {"session cancel",
       "",
       kHuangshan,
       "wang",
       {"session", "cancel", "30", "--reason", "holiday"}},
      {"attendance record",
       "",
       kHuangshan,
       "wang",
       {"attendance", "record", "30", "--others", "present"}},
      {"attendance list", "", kHuangshan, "wang", {"attendance", "list", "29"}},
      {"report attendance", "", kHuangshan, "wang", {"report", "attendance", "--site", "guanai"}},
      {"report method", "", kVara, "karin", {"report", "method", "se.vara.contact"}},
      {"report child", "", kHuangshan, "zhao", {"report", "child", "HSN-2026-0001"}},
      {"report centre", "", kHuangshan, "wang", {"report", "centre", "guanai"}},
      {"transfer keygen", "", kNone, "", {"transfer", "keygen", "-o", "{dir}/new.key"}},
      {"transfer sign",
       "",
       kNone,
       "",
       {"transfer", "sign", "{dir}/demo-se.vara.contact.kbx", "--key", "{dir}/demo-vara.key"}},
      {"transfer verify", "", kNone, "", {"transfer", "verify", "{dir}/demo-se.vara.contact.kbx"}},
      {"transfer inspect",
       "",
       kNone,
       "",
       {"transfer", "inspect", "{dir}/demo-se.vara.contact.kbx"}},
      {"transfer export",
       "",
       kVara,
       "root",
       {"transfer", "export", "--method", "se.vara.contact", "-o", "{dir}/out.kbx"}},
      {"transfer import",
       "",
       kVara,
       "root",
       {"transfer", "import", "{dir}/out2.kbx"},
       {{kHuangshan, "root", {"method", "adapt", "{profiles}/huangshan_short_calls.json"}},
        {kHuangshan,
         "root",
         {"transfer", "export", "--method", "cn.huangshan.group.short-calls", "-o",
          "{dir}/out2.kbx"}}}},
      {"transfer list", "", kVara, "root", {"transfer", "list"}},
      {"demo", "", kNone, "", {"--workspace", "{dir}/demo2.db", "demo"}},
      {"today", "", kVara, "anna", {"today", "--week"}},
      {"import", "", kVara, "anna", {"import", "--children", "{dir}/children.csv"}},
      {"export", "", kVara, "anna", {"export", "children"}},
      {"migrate", "", kVara, "root", {"migrate", "--to", "{dir}/moved.db"}},
      {"report child",
       "report child --html",
       kHuangshan,
       "zhao",
       {"report", "child", "HSN-2026-0001", "--html", "{dir}/li.html"}},
      {"report centre",
       "report centre --html",
       kHuangshan,
       "wang",
       {"report", "centre", "guanai", "--html", "{dir}/c.html"}},
      {"transfer list",
       "transfer list --exports",
       kVara,
       "root",
       {"transfer", "list", "--exports"}},
      {"demo", "demo --size", kNone, "", {"--workspace", "{dir}/syn.db", "demo", "--size", "3"}},
      {"import",
       "import --dry-run",
       kVara,
       "anna",
       {"import", "--children", "{dir}/children.csv", "--dry-run"}},
      {"export", "export -o", kVara, "anna", {"export", "children", "-o", "{dir}/x.csv"}},
      {"method path", "method path --set", kVara, "root", {"method", "path", "--set", "{dir}"}},
      {"contact due",
       "contact due --all --week",
       kVara,
       "karin",
       {"contact", "due", "--all", "--week"}},
      {"export", "export relations", kVara, "anna", {"export", "relations"}},
      {"export", "export placements", kVara, "anna", {"export", "placements"}},
      {"today", "today --week (centre staff)", kHuangshan, "wang", {"today", "--week"}},
      {"contact ical",
       "contact ical --worker",
       kVara,
       "anna",
       {"contact", "ical", "--worker", "anna", "--from", "2026-11-01", "--to", "2026-12-31", "-o",
        "{dir}/anna.ics"}},
  };
  return samples;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every command a person can run, as "child add", found through completion.
void LeafCommands(const std::vector<std::string>& path, std::set<std::string>& out) {
  std::vector<std::string> args = {"__complete"};
  args.insert(args.end(), path.begin(), path.end());
  CliResult r = RunCli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool leaf = true;
  for (const std::string& candidate : Lines(r.out)) {
    if (candidate.starts_with("-")) continue;
    leaf = false;
    std::vector<std::string> deeper = path;
    deeper.push_back(candidate);
    LeafCommands(deeper, out);
  }
  if (leaf && !path.empty()) {
    std::string name;
    for (const std::string& p : path) name += (name.empty() ? "" : " ") + p;
    out.insert(name);
  }
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

// ---- JSON shapes -------------------------------------------------------------------------------

// Key paths to the types seen there: `name`, `relations[].id`, `[].case_reference` (an element of
// the top-level array).
using Shape = std::map<std::string, std::set<std::string>>;

std::string TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "other";
  }
}

void Walk(const Json& v, const std::string& path, Shape& shape) {
  if (!path.empty()) shape[path].insert(TypeName(v));
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      Walk(value, path.empty() ? key : path + "." + key, shape);
    }
  } else if (v.is_array()) {
    for (const Json& element : v) Walk(element, path + "[]", shape);
  }
}

// docs/json.md: a section per command ("## `child list`") with a table of `path` | types.
struct JsonDoc {
  std::string intro;  // everything before the first command's section
  std::map<std::string, Shape> commands;
  std::vector<std::string> order;
};

const std::string kDocPath = std::string(KINBRIDGE_SOURCE_DIR) + "/docs/json.md";

JsonDoc ReadJsonDoc() {
  JsonDoc doc;
  std::ifstream in(kDocPath);
  std::string current;
  static const std::regex kRow(R"(^\| `([^`]*)` \| ([a-z, ]+) \|$)");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## `") && line.ends_with("`")) {
      current = line.substr(4, line.size() - 5);
      doc.order.push_back(current);
      doc.commands[current];
      continue;
    }
    if (current.empty()) {
      doc.intro += line + "\n";
      continue;
    }
    std::smatch m;
    if (std::regex_match(line, m, kRow)) {
      std::set<std::string>& types = doc.commands[current][m[1]];
      std::istringstream list(m[2]);
      for (std::string type; std::getline(list, type, ',');) {
        type.erase(0, type.find_first_not_of(' '));
        types.insert(type);
      }
    }
  }
  return doc;
}

void WriteJsonDoc(const JsonDoc& doc, const std::vector<std::string>& order) {
  std::ofstream out(kDocPath, std::ios::trunc);
  out << doc.intro;
  for (const std::string& name : order) {
    out << "## `" << name << "`\n\n| key | type |\n|---|---|\n";
    for (const auto& [path, types] : doc.commands.at(name)) {
      // "string, null": the type, then whether it may be missing.
      std::string list;
      for (const std::string& type : types) {
        if (type != "null") list += (list.empty() ? "" : ", ") + type;
      }
      if (types.contains("null")) list += list.empty() ? "null" : ", null";
      out << "| `" << path << "` | " << list << " |\n";
    }
    out << "\n";
  }
}

// A documented path whose array was seen only empty cannot be checked.
bool Observable(const std::string& path, const Shape& seen) {
  for (std::size_t at = path.find("[]"); at != std::string::npos; at = path.find("[]", at + 2)) {
    const std::string array = path.substr(0, at + 2);
    if (array != path && !seen.contains(array)) return false;
  }
  return true;
}

// Compares what a command printed with its documented shape; returns the merged shape for an
// update of the document.
Shape CheckShape(const std::string& name, const Shape& seen, const Shape* documented) {
  if (documented == nullptr) {
    ADD_FAILURE() << "docs/json.md has no section ## `" << name << "`";
    return seen;
  }
  Shape merged = *documented;
  for (const auto& [path, types] : seen) {
    auto it = documented->find(path);
    if (it == documented->end()) {
      ADD_FAILURE() << name << ": key `" << path << "` is not in docs/json.md";
    } else {
      for (const std::string& type : types) {
        EXPECT_TRUE(it->second.contains(type))
            << name << ": `" << path << "` is " << type << ", docs/json.md says otherwise";
      }
    }
    merged[path].insert(types.begin(), types.end());
  }
  for (const auto& [path, types] : *documented) {
    if (seen.contains(path) || !Observable(path, seen)) continue;
    ADD_FAILURE() << name << ": docs/json.md documents `" << path << "`, which it does not print";
    merged.erase(path);
  }
  return merged;
}

// ---- CSV ---------------------------------------------------------------------------------------

// CSV output is one or more tables separated by an empty line, each headed by its keys.
void CheckCsv(const std::string& name, const std::string& text) {
  ASSERT_FALSE(text.empty()) << name << ": nothing on stdout";
  detail::CsvReader reader(text);
  static const std::regex kKey("[a-z][a-z0-9_]*");
  std::vector<std::string> header;
  int tables = 0;
  while (std::optional<detail::CsvRow> row = reader.Next()) {
    if (row->fields.size() == 1 && row->fields[0].empty()) {
      header.clear();
      continue;
    }
    if (header.empty()) {
      header = row->fields;
      ++tables;
      for (const std::string& key : header) {
        EXPECT_TRUE(std::regex_match(key, kKey))
            << name << ": line " << row->line << " should be a header of keys, has `" << key
            << "`\n"
            << text;
      }
      continue;
    }
    EXPECT_EQ(row->fields.size(), header.size())
        << name << ": line " << row->line << " has another number of fields than its header";
  }
  EXPECT_TRUE(reader.status().ok()) << name << ": " << reader.status().message();
  EXPECT_GE(tables, 1) << name;
}

// ---- the runs ----------------------------------------------------------------------------------

class FormatCliTest : public CliTestBase {
 protected:
  // The demo's two workspaces and their files, made once; every run gets a copy.
  void MakeDemo() {
    demo_ = dir() / "demo";
    fs::create_directory(demo_);
    CliResult r = RunCli({"--workspace", (demo_ / "demo.db").string(), "demo", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::vector<std::string> Expand(const std::vector<std::string>& args, const fs::path& copy) {
    std::vector<std::string> out;
    for (const std::string& arg : args) {
      std::string a = Replace(arg, "{dir}", copy.string());
      a = Replace(a, "{plugins}", KINBRIDGE_BUILT_IN_PLUGINS_DIR);
      out.push_back(Replace(a, "{profiles}", KINBRIDGE_PROFILES_DIR));
    }
    return out;
  }

  std::vector<std::string> Prefix(Workspace workspace, const std::string& account,
                                  const fs::path& copy) {
    std::vector<std::string> out;
    if (workspace != kNone) {
      out = {"--workspace",
             (copy / (workspace == kVara ? "demo.db" : "demo-huangshan.db")).string()};
    }
    if (!account.empty()) out.insert(out.end(), {"--as", account});
    return out;
  }

  // Runs the sample on a fresh copy of the demo with `format`.
  CliResult Run(const Sample& s, const std::string& format) {
    const fs::path copy = dir() / ("run-" + std::to_string(runs_++));
    fs::copy(demo_, copy);
    std::ofstream(copy / "children.csv") << "name,birth_date\nIda Ek,2018-04-01\n";
    for (const Step& step : s.setup) {
      std::vector<std::string> args = Prefix(step.workspace, step.account, copy);
      for (const std::string& a : Expand(step.args, copy)) args.push_back(a);
      CliResult r = RunCli(args);
      EXPECT_EQ(r.exit_code, 0) << s.Name() << ": setup failed: " << r.err;
    }
    std::vector<std::string> args = {"--format", format};
    for (const std::string& a : Prefix(s.workspace, s.account, copy)) args.push_back(a);
    for (const std::string& a : Expand(s.args, copy)) args.push_back(a);
    CliResult r = RunCli(args);
    fs::remove_all(copy);
    return r;
  }

  fs::path demo_;
  int runs_ = 0;
};

TEST_F(FormatCliTest, EveryCommandHasASample) {
  std::set<std::string> commands;
  LeafCommands({}, commands);
  ASSERT_GT(commands.size(), 80U);
  std::set<std::string> sampled;
  for (const Sample& s : Samples()) {
    EXPECT_TRUE(commands.contains(s.command)) << "no command `" << s.command << "` any more";
    sampled.insert(s.command);
  }
  for (const std::string& command : commands) {
    EXPECT_TRUE(sampled.contains(command) || kExempt.contains(command))
        << "`kinbridge " << command
        << "` has no sample in format_cli_test.cpp: add one, and its JSON to docs/json.md";
  }
}

TEST_F(FormatCliTest, EveryCommandPrintsJsonAndCsvAsDocumented) {
  MakeDemo();
  JsonDoc doc = ReadJsonDoc();
  const bool update = std::getenv("KINBRIDGE_UPDATE_JSON_DOC") != nullptr;
  std::vector<std::string> order;
  for (const Sample& s : Samples()) {
    const std::string name = s.Name();
    SCOPED_TRACE(name);
    order.push_back(name);

    CliResult json = Run(s, "json");
    EXPECT_EQ(json.exit_code, 0) << json.err;
    const Json value = Json::parse(json.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(value.is_discarded()) << name << ": stdout is not one JSON value:\n" << json.out;
    Shape seen;
    if (!value.is_discarded()) Walk(value, "", seen);
    auto documented = doc.commands.find(name);
    Shape merged =
        CheckShape(name, seen, documented == doc.commands.end() ? nullptr : &documented->second);
    if (update) doc.commands[name] = merged;

    CliResult csv = Run(s, "csv");
    EXPECT_EQ(csv.exit_code, 0) << csv.err;
    CheckCsv(name, csv.out);

    CliResult table = Run(s, "table");
    EXPECT_EQ(table.exit_code, 0) << table.err;
    for (const CliResult* r : {&json, &csv, &table}) {
      EXPECT_EQ(r->out.find('\x1b'), std::string::npos) << name << ": escape on stdout";
      EXPECT_EQ(r->err.find('\x1b'), std::string::npos) << name << ": escape on stderr";
    }
  }
  for (const std::string& name : doc.order) {
    EXPECT_TRUE(std::find(order.begin(), order.end(), name) != order.end())
        << "docs/json.md documents `" << name << "`, which has no sample";
  }
  if (update) WriteJsonDoc(doc, order);
}

// ---- terminals --------------------------------------------------------------------------------

// Runs kinbridge with stderr on a pseudo-terminal (stdout to `out_file`, stdin from /dev/null)
// and returns what the terminal received.
std::string StderrOnTerminal(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& extra_env,
                             const std::string& out_file) {
  std::map<std::string, std::string> env = BaseEnvironment();
  for (const auto& [name, value] : extra_env) env[name] = value;
  std::vector<std::string> argv_text = {KINBRIDGE_CLI_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  int master = -1;
  int slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
    ADD_FAILURE() << "openpty: " << std::strerror(errno);
    return "";
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(master);
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0) ::_exit(127);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(slave, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(slave);
  std::string received;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n > 0) {
      received.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the program has exited and closed the terminal
    }
  }
  ::close(master);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << received;
  return received;
}

// The one place kinbridge draws on a terminal is import's progress bar: in colour on a terminal,
// without colour under NO_COLOR, not at all on a terminal that cannot redraw (TERM=dumb) or when
// stderr is a pipe. Every other output was checked above for escapes in all three formats.
TEST_F(FormatCliTest, ProgressBarOnlyOnATerminalAndInColourOnlyWithoutNoColor) {
  const std::string ws = PathIn("t.db");
  ASSERT_EQ(RunCli({"--workspace", ws, "init", "--code", "VAR", "--name", "Vara", "--country", "SE",
                    "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"--workspace", ws, "user", "add", "--account", "sam", "--name", "Sam", "--role",
                    "social-worker"})
                .exit_code,
            0);
  const std::string file = PathIn("children.csv");
  {
    std::ofstream csv(file);
    csv << "name,birth_date\n";
    for (int i = 1; i <= 20; ++i) csv << "Barn " << i << ",2018-01-1" << i % 10 << "\n";
  }
  const std::vector<std::string> import = {"--workspace", ws,           "--as", "sam",
                                           "import",      "--children", file,   "--dry-run"};
  const std::string out = PathIn("out.txt");

  const std::string colour = StderrOnTerminal(import, {{"TERM", "xterm"}}, out);
  EXPECT_THAT(colour, testing::HasSubstr("\r"));
  EXPECT_THAT(colour, testing::HasSubstr("\x1b[32m"));
  EXPECT_THAT(colour, testing::HasSubstr("20/20"));

  for (const char* no_color : {"1", "yes"}) {
    const std::string plain =
        StderrOnTerminal(import, {{"TERM", "xterm"}, {"NO_COLOR", no_color}}, out);
    EXPECT_THAT(plain, testing::HasSubstr("20/20"));
    EXPECT_EQ(plain.find('\x1b'), std::string::npos) << plain;
  }
  // NO_COLOR set but empty does not count.
  EXPECT_THAT(StderrOnTerminal(import, {{"TERM", "xterm"}, {"NO_COLOR", ""}}, out),
              testing::HasSubstr("\x1b[32m"));

  const std::string dumb = StderrOnTerminal(import, {{"TERM", "dumb"}}, out);
  EXPECT_EQ(dumb.find('\r'), std::string::npos) << dumb;
  EXPECT_EQ(dumb.find('\x1b'), std::string::npos) << dumb;

  CliResult piped = RunCli(import, {{"TERM", "xterm"}});
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find('\x1b'), std::string::npos) << piped.err;
  EXPECT_THAT(piped.out, testing::HasSubstr("Dry run"));
}

}  // namespace
}  // namespace kinbridge::cli::test
