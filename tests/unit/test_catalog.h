// Message catalogs written by a test: a GNU .mo file made from a map of messages, so that a test
// of translated output holds whatever the project's catalogs hold at the time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace kinbridge::test_catalog {

// The key of a message with a context (gettext's msgctxt).
inline std::string Context(const char* context, const char* msgid) {
  return std::string(context) + '\004' + msgid;
}

// The key of a plural message, and its translation: one form per plural form of the language.
inline std::string Plural(const char* singular, const char* plural) {
  return std::string(singular) + '\0' + plural;
}
inline std::string Forms(std::initializer_list<std::string> forms) {
  std::string joined;
  for (const std::string& form : forms) {
    if (!joined.empty()) joined += '\0';
    joined += form;
  }
  return joined;
}

// Writes `messages` (key -> translation) as a .mo file at `path`: the header, then the original
// and translated string tables (sorted by key, as gettext's binary search needs), then the
// strings. No hash table. `plural_forms` is the header's Plural-Forms value
// ("nplurals=2; plural=(n != 1);"); empty, gettext's default (English) rule applies.
inline void WriteMo(const std::filesystem::path& path, std::map<std::string, std::string> messages,
                    const std::string& plural_forms = {}) {
  messages[""] = "Content-Type: text/plain; charset=UTF-8\n";
  if (!plural_forms.empty()) messages[""] += "Plural-Forms: " + plural_forms + "\n";
  const auto n = static_cast<std::uint32_t>(messages.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * n;
  std::uint32_t offset = translations + 8 * n;
  std::vector<std::uint32_t> words = {0x950412de, 0, n, originals, translations, 0, offset};
  std::string strings;
  std::vector<std::uint32_t> original_table, translation_table;
  for (const auto& [id, text] : messages) {
    original_table.push_back(static_cast<std::uint32_t>(id.size()));
    original_table.push_back(offset + static_cast<std::uint32_t>(strings.size()));
    strings += id;
    strings += '\0';
  }
  for (const auto& [id, text] : messages) {
    translation_table.push_back(static_cast<std::uint32_t>(text.size()));
    translation_table.push_back(offset + static_cast<std::uint32_t>(strings.size()));
    strings += text;
    strings += '\0';
  }
  words.insert(words.end(), original_table.begin(), original_table.end());
  words.insert(words.end(), translation_table.begin(), translation_table.end());
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  for (std::uint32_t w : words) out.write(reinterpret_cast<const char*>(&w), sizeof w);
  out << strings;
}

}  // namespace kinbridge::test_catalog
