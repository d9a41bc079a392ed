// The message catalogs core/po/<lang>.po are complete and safe to format: every msgid has a
// translation, none is fuzzy, and each translation has the same fmt placeholders as its msgid
// (TrFormat passes the translation to fmt::format at run time, so a lost or extra {} would
// throw or drop a value). The .po files are parsed here directly, minimally: msgctxt, msgid,
// msgid_plural, msgstr and msgstr[n] with continuation lines, "#," flags, and "#~" obsolete
// entries (ignored). Run scripts/update-po after changing a marked string.
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef KINBRIDGE_PO_DIR
#error "KINBRIDGE_PO_DIR must name the directory that holds the .po files"
#endif

namespace {

struct PoEntry {
  int line = 0;  // Line of the msgid.
  std::string context;
  std::string msgid;
  std::optional<std::string> msgid_plural;
  std::vector<std::string> msgstr;  // One, or one per plural form.
  std::vector<std::string> flags;
  bool obsolete = false;

  bool HasFlag(std::string_view flag) const {
    for (const std::string& f : flags) {
      if (f == flag) return true;
    }
    return false;
  }
};

std::string Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// The C-escaped contents of one "..." string; `ok` is false when it is not quoted.
std::string Unquote(std::string_view text, bool& ok) {
  const std::string trimmed = Trim(text);
  ok = trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"';
  if (!ok) return {};
  std::string out;
  for (std::size_t i = 1; i + 1 < trimmed.size(); ++i) {
    char c = trimmed[i];
    if (c == '\\' && i + 2 < trimmed.size()) {
      c = trimmed[++i];
      switch (c) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'v': c = '\v'; break;
        default: break;  // \" \\ and anything else stand for themselves.
      }
    }
    out += c;
  }
  return out;
}

struct ParseResult {
  std::vector<PoEntry> entries;
  std::vector<std::string> errors;
};

ParseResult ParsePo(const std::string& path) {
  ParseResult result;
  std::ifstream in(path);
  if (!in) {
    result.errors.push_back("cannot read " + path);
    return result;
  }
  PoEntry entry;
  bool has_entry = false;         // Something of the current entry has been read.
  std::string* target = nullptr;  // Where continuation lines go.
  auto finish = [&] {
    if (has_entry) result.entries.push_back(std::move(entry));
    entry = PoEntry();
    has_entry = false;
    target = nullptr;
  };

  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    std::string line = Trim(raw);
    bool obsolete = false;
    if (line.rfind("#~", 0) == 0) {
      obsolete = true;
      line = Trim(std::string_view(line).substr(2));
      if (line.rfind("|", 0) == 0) continue;  // #~| previous msgid of an obsolete entry.
    }
    if (line.empty()) {
      finish();
      continue;
    }
    if (!obsolete && line.front() == '#') {
      // A comment starts a new entry if the previous one already has its strings.
      if (has_entry && !entry.msgstr.empty()) finish();
      if (line.rfind("#,", 0) == 0) {
        std::stringstream flags(line.substr(2));
        std::string flag;
        while (std::getline(flags, flag, ',')) {
          if (std::string f = Trim(flag); !f.empty()) entry.flags.push_back(f);
        }
      }
      has_entry = true;
      continue;
    }
    auto keyword = [&](std::string_view word) {
      return line.rfind(word, 0) == 0 && line.size() > word.size() &&
             (line[word.size()] == ' ' || line[word.size()] == '\t');
    };
    bool ok = true;
    if (line.front() == '"') {
      if (target == nullptr) {
        result.errors.push_back(path + ":" + std::to_string(number) +
                                ": string without a keyword before it");
        continue;
      }
      *target += Unquote(line, ok);
    } else if (keyword("msgctxt")) {
      if (has_entry && !entry.msgstr.empty()) finish();
      entry.context = Unquote(std::string_view(line).substr(7), ok);
      target = &entry.context;
    } else if (keyword("msgid")) {
      if (has_entry && !entry.msgstr.empty()) finish();
      entry.line = number;
      entry.msgid = Unquote(std::string_view(line).substr(5), ok);
      target = &entry.msgid;
    } else if (keyword("msgid_plural")) {
      entry.msgid_plural = Unquote(std::string_view(line).substr(12), ok);
      target = &*entry.msgid_plural;
    } else if (keyword("msgstr")) {
      entry.msgstr.push_back(Unquote(std::string_view(line).substr(6), ok));
      target = &entry.msgstr.back();
    } else if (line.rfind("msgstr[", 0) == 0) {
      const std::size_t close = line.find(']');
      if (close == std::string::npos) {
        ok = false;
      } else {
        entry.msgstr.push_back(Unquote(std::string_view(line).substr(close + 1), ok));
        target = &entry.msgstr.back();
      }
    } else {
      ok = false;
    }
    if (!ok) {
      result.errors.push_back(path + ":" + std::to_string(number) + ": cannot read: " + raw);
    }
    entry.obsolete = entry.obsolete || obsolete;
    has_entry = true;
  }
  finish();
  return result;
}

// One fmt replacement field: "{}", "{1}", "{:02}", "{0:>4}".
struct Placeholder {
  std::optional<int> index;  // Empty for automatic numbering.
  std::string spec;          // After the ':', empty when there is none.
};

// The replacement fields of an fmt format string; "{{" and "}}" are literal braces. `error` is
// set when the braces do not pair up.
std::vector<Placeholder> Placeholders(std::string_view text, std::string& error) {
  std::vector<Placeholder> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        ++i;
      } else {
        error = "a lone '}'";
      }
      continue;
    }
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    // Nested fields ("{:{}}") are not used in kinbridge's messages; the field ends at the
    // first '}'.
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      error = "a '{' without its '}'";
      break;
    }
    const std::string_view field = text.substr(i + 1, close - i - 1);
    const std::size_t colon = field.find(':');
    const std::string_view id = field.substr(0, colon);
    Placeholder p;
    if (colon != std::string_view::npos) p.spec = std::string(field.substr(colon + 1));
    if (!id.empty()) {
      int value = 0;
      for (char c : id) {
        if (c < '0' || c > '9') {
          error = "a named or malformed field {" + std::string(field) + "}";
          value = -1;
          break;
        }
        value = value * 10 + (c - '0');
      }
      if (value >= 0) p.index = value;
    }
    out.push_back(std::move(p));
    i = close;
  }
  return out;
}

// What is wrong with `translation` as a replacement of `msgid`, or empty.
std::string PlaceholderProblem(std::string_view msgid, std::string_view translation) {
  std::string error;
  const std::vector<Placeholder> source = Placeholders(msgid, error);
  if (!error.empty()) return "the msgid has " + error;
  const std::vector<Placeholder> target = Placeholders(translation, error);
  if (!error.empty()) return "the translation has " + error;
  if (source.size() != target.size()) {
    return std::to_string(source.size()) + " placeholder(s) in the msgid, " +
           std::to_string(target.size()) + " in the translation";
  }
  // The argument each msgid placeholder formats, and how.
  std::map<int, std::string> spec_of_argument;
  int next = 0;
  for (const Placeholder& p : source) {
    const int argument = p.index ? *p.index : next++;
    spec_of_argument.emplace(argument, p.spec);
  }
  bool automatic = false;
  bool manual = false;
  next = 0;
  for (const Placeholder& p : target) {
    (p.index ? manual : automatic) = true;
    const int argument = p.index ? *p.index : next++;
    const auto found = spec_of_argument.find(argument);
    if (found == spec_of_argument.end()) {
      return "the translation refers to argument {" + std::to_string(argument) +
             "}, which the msgid does not have";
    }
    if (found->second != p.spec) {
      return "argument " + std::to_string(argument) + " is formatted as {:" + found->second +
             "} in the msgid but {:" + p.spec + "} in the translation";
    }
  }
  if (automatic && manual) {
    return "the translation mixes {} and {N} (fmt refuses that; number all of them)";
  }
  return {};
}

std::string PoPath(const std::string& name) { return std::string(KINBRIDGE_PO_DIR) + "/" + name; }

std::string Describe(const PoEntry& e) {
  std::string text = "line " + std::to_string(e.line) + ": ";
  if (!e.context.empty()) text += "[" + e.context + "] ";
  return text + "\"" + e.msgid + "\"";
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "  " + line + "\n";
  return out;
}

class CatalogTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::string path() const { return PoPath(std::string(GetParam()) + ".po"); }
};

TEST_P(CatalogTest, ParsesAndHasAHeader) {
  const ParseResult po = ParsePo(path());
  EXPECT_TRUE(po.errors.empty()) << Join(po.errors);
  ASSERT_FALSE(po.entries.empty()) << path() << " has no entries";
  const PoEntry& header = po.entries.front();
  EXPECT_TRUE(header.msgid.empty()) << path() << " does not start with the header entry";
  ASSERT_FALSE(header.msgstr.empty());
  EXPECT_NE(header.msgstr.front().find("charset=UTF-8"), std::string::npos)
      << path() << ": the header must declare charset=UTF-8";
  EXPECT_NE(header.msgstr.front().find(std::string("Language: ") + GetParam()), std::string::npos)
      << path() << ": the header must declare Language: " << GetParam();
}

TEST_P(CatalogTest, EveryMessageIsTranslatedAndNotFuzzy) {
  const ParseResult po = ParsePo(path());
  ASSERT_TRUE(po.errors.empty()) << Join(po.errors);
  std::vector<std::string> untranslated;
  std::vector<std::string> fuzzy;
  int messages = 0;
  for (const PoEntry& e : po.entries) {
    if (e.obsolete || e.msgid.empty()) continue;
    ++messages;
    if (e.HasFlag("fuzzy")) fuzzy.push_back(Describe(e));
    bool complete = !e.msgstr.empty();
    for (const std::string& s : e.msgstr) complete = complete && !s.empty();
    if (!complete) untranslated.push_back(Describe(e));
  }
  EXPECT_GT(messages, 0) << path() << " has no messages";
  EXPECT_TRUE(untranslated.empty()) << path() << ": " << untranslated.size() << " of " << messages
                                    << " message(s) untranslated:\n"
                                    << Join(untranslated);
  EXPECT_TRUE(fuzzy.empty()) << path() << ": " << fuzzy.size()
                             << " fuzzy message(s) (check them, then remove the flag):\n"
                             << Join(fuzzy);
}

TEST_P(CatalogTest, TranslationsKeepThePlaceholders) {
  const ParseResult po = ParsePo(path());
  ASSERT_TRUE(po.errors.empty()) << Join(po.errors);
  std::vector<std::string> problems;
  for (const PoEntry& e : po.entries) {
    if (e.obsolete || e.msgid.empty()) continue;
    for (std::size_t n = 0; n < e.msgstr.size(); ++n) {
      if (e.msgstr[n].empty()) continue;  // Reported as untranslated.
      // Plural form 0 answers the msgid, the others msgid_plural.
      const std::string& source = n == 0 || !e.msgid_plural ? e.msgid : *e.msgid_plural;
      if (std::string problem = PlaceholderProblem(source, e.msgstr[n]); !problem.empty()) {
        problems.push_back(Describe(e) + " -> \"" + e.msgstr[n] + "\": " + problem);
      }
    }
  }
  EXPECT_TRUE(problems.empty()) << path() << ": " << problems.size()
                                << " translation(s) with different placeholders:\n"
                                << Join(problems);
}

// The catalog holds every message of the template (scripts/update-po merges them).
TEST_P(CatalogTest, HasEveryMessageOfTheTemplate) {
  const ParseResult pot = ParsePo(PoPath("kinbridge.pot"));
  ASSERT_TRUE(pot.errors.empty()) << Join(pot.errors);  // the template is in the repository
  const ParseResult po = ParsePo(path());
  ASSERT_TRUE(po.errors.empty()) << Join(po.errors);
  std::map<std::string, bool> present;
  for (const PoEntry& e : po.entries) {
    if (!e.obsolete) present[e.context + '\x04' + e.msgid] = true;
  }
  std::vector<std::string> missing;
  for (const PoEntry& e : pot.entries) {
    if (e.obsolete || e.msgid.empty()) continue;
    if (!present.count(e.context + '\x04' + e.msgid)) missing.push_back(Describe(e));
  }
  EXPECT_TRUE(missing.empty()) << path() << " lacks " << missing.size()
                               << " message(s) of kinbridge.pot (run scripts/update-po):\n"
                               << Join(missing);
}

INSTANTIATE_TEST_SUITE_P(Languages, CatalogTest, ::testing::Values("sv", "zh_CN"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           return std::string(param_info.param);
                         });

// The checker itself, on hand-made cases.
TEST(PlaceholderProblemTest, AcceptsSameFieldsAndReordering) {
  EXPECT_EQ(PlaceholderProblem("child {}: {}", "barn {}: {}"), "");
  EXPECT_EQ(PlaceholderProblem("Closed child {} on {}.", "已于 {1} 为儿童 {0} 结案。"), "");
  EXPECT_EQ(PlaceholderProblem("{:04}-{:02}", "{1:02}/{0:04}"), "");
  EXPECT_EQ(PlaceholderProblem("{{literal}} {}", "{{bokstavligt}} {}"), "");
  EXPECT_EQ(PlaceholderProblem("no fields", "inga fält"), "");
}

TEST(PlaceholderProblemTest, RefusesLostExtraOrChangedFields) {
  EXPECT_NE(PlaceholderProblem("child {}: {}", "barn {}"), "");
  EXPECT_NE(PlaceholderProblem("child {}", "barn {} {}"), "");
  EXPECT_NE(PlaceholderProblem("child {}", "barn {{}}"), "");
  EXPECT_NE(PlaceholderProblem("day {:02}", "dag {}"), "");
  EXPECT_NE(PlaceholderProblem("{} {}", "{0} {}"), "");
  EXPECT_NE(PlaceholderProblem("{} {}", "{0} {2}"), "");
  EXPECT_NE(PlaceholderProblem("child {}", "barn {"), "");
  EXPECT_NE(PlaceholderProblem("child {}", "barn {name}"), "");
}

}  // namespace
