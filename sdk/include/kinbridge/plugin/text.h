// Text in several languages, as methods carry their titles, descriptions and messages.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kinbridge::plugin {

// Language code ("en", "sv", "zh_CN") -> text. Every method text should have all three.
using LocalizedText = std::map<std::string, std::string>;

// The text in `language`, else its base language ("zh" for "zh_CN"), else English, else any.
inline std::string InLanguage(const LocalizedText& text, std::string_view language) {
  if (auto it = text.find(std::string(language)); it != text.end()) return it->second;
  const std::string base(language.substr(0, language.find('_')));
  for (const auto& [lang, value] : text) {
    if (lang.substr(0, lang.find('_')) == base) return value;
  }
  if (auto it = text.find("en"); it != text.end()) return it->second;
  return text.empty() ? std::string() : text.begin()->second;
}

// A text in the three languages every built-in method carries, for writing methods: build
// sentences with `+` (a space between them in English and Swedish, none in Chinese), then
// ToText() for the LocalizedText the API takes.
struct Trilingual {
  std::string en, sv, zh;  // zh: Simplified Chinese (zh_CN)
  LocalizedText ToText() const { return {{"en", en}, {"sv", sv}, {"zh_CN", zh}}; }
};

inline Trilingual operator+(const Trilingual& a, const Trilingual& b) {
  return {a.en + " " + b.en, a.sv + " " + b.sv, a.zh + b.zh};
}

}  // namespace kinbridge::plugin
