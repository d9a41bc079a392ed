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

}  // namespace kinbridge::plugin
