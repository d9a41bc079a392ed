// Shared helpers for the built-in method tests: a trivial host, contexts with every declared
// parameter, the children of the scenarios as snapshots, and a textual dump of method outputs
// so that two outputs can be compared for equality.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/host_services.h"
#include "kinbridge/plugin/method.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/plugin/snapshot.h"

namespace kinbridge::methods::testing {

inline const std::vector<std::string> kLanguages = {"en", "sv", "zh_CN"};

// A host with a fixed date that keeps its log.
class TestHost final : public plugin::HostServices {
 public:
  void Log(plugin::LogLevel, std::string_view message) override { log.emplace_back(message); }
  std::string Today() const override { return "2026-09-15"; }
  std::string Language() const override { return "en"; }
  std::vector<std::string> log;
};

// A context with every parameter the method declares at its default.
inline plugin::MethodContext DefaultContext(const plugin::Method& method,
                                            plugin::HostServices* host = nullptr) {
  plugin::MethodContext ctx;
  ctx.today = "2026-09-15";
  ctx.language = "en";
  ctx.host = host;
  for (const auto& spec : method.Info().parameters) ctx.parameters[spec.name] = spec.default_value;
  return ctx;
}

// Every language present and non-empty.
inline ::testing::AssertionResult IsComplete(const plugin::LocalizedText& text) {
  for (const auto& lang : kLanguages) {
    auto it = text.find(lang);
    if (it == text.end() || it->second.empty()) {
      return ::testing::AssertionFailure() << "missing or empty \"" << lang << "\" in text {"
                                           << (text.count("en") ? text.at("en") : "") << "}";
    }
  }
  return ::testing::AssertionSuccess();
}

inline plugin::RelationSnapshot Relation(std::string key, std::string kind,
                                         std::vector<std::string> restrictions = {}) {
  plugin::RelationSnapshot r;
  r.key = std::move(key);
  r.kind = std::move(kind);
  r.restrictions = std::move(restrictions);
  return r;
}

// SCENARIOS §1: Elin, 9, in a foster family under compulsory care. Mother Sara (R1) restricted
// to supervised contact; father Johan (R2); brother Oskar, 12 (R3); grandmother Birgitta (R4).
inline plugin::CaseSnapshot ElinCase() {
  plugin::CaseSnapshot c;
  c.key = "C1";
  c.age_years = 9;
  c.placement_type = "foster-family";
  c.legal_basis = "compulsory";
  c.country = "SE";
  c.months_in_placement = 16;
  c.relations = {Relation("R1", "mother", {"supervised-only"}), Relation("R2", "father"),
                 Relation("R3", "sibling"), Relation("R4", "grandparent")};
  c.relations[2].age_years = 12;
  return c;
}

// SCENARIOS §3: Li Ming, 10, left behind with his grandparents; his parents work in Shanghai
// and Guangzhou.
inline plugin::CaseSnapshot LiMingCase() {
  plugin::CaseSnapshot c;
  c.key = "C7";
  c.age_years = 10;
  c.placement_type = "left-behind";
  c.legal_basis = "";
  c.country = "CN";
  c.relations = {Relation("R1", "mother"), Relation("R2", "father"), Relation("R3", "grandparent"),
                 Relation("R4", "grandparent")};
  c.relations[0].lives_away = true;
  c.relations[1].lives_away = true;
  c.relations[2].caregiver = true;
  c.relations[3].caregiver = true;
  c.school_key = "S1";
  return c;
}

inline std::string Dump(const plugin::LocalizedText& text) {
  std::string out;
  for (const auto& [lang, value] : text) out += lang + "=" + value + "|";
  return out;
}

inline std::string Dump(const std::vector<plugin::Finding>& findings) {
  std::ostringstream out;
  for (const auto& f : findings) {
    out << static_cast<int>(f.severity) << ';' << f.code << ';' << f.component << ';' << f.subject
        << ';' << Dump(f.message) << '\n';
  }
  return out.str();
}

inline std::string Dump(const std::vector<plugin::Arrangement>& arrangements) {
  std::ostringstream out;
  for (const auto& a : arrangements) {
    out << a.relation_key << ';' << a.mode << ';' << a.rrule << ';' << a.start_time << ';'
        << a.duration_minutes << ';' << a.supervision << ';' << a.venue << ';' << Dump(a.rationale)
        << '\n';
  }
  return out.str();
}

inline std::string Dump(const plugin::ContactProposal& p) {
  return Dump(p.arrangements) + "review=" + std::to_string(p.review_after_months) + "\n" +
         Dump(p.findings);
}

inline std::string Dump(const plugin::GroupProposal& p) {
  std::ostringstream out;
  for (const auto& g : p.groups) {
    out << g.label << ':';
    for (const auto& m : g.members) out << m << ',';
    out << '\n';
  }
  return out.str() + Dump(p.sessions) + Dump(p.findings);
}

inline std::string Dump(const plugin::FollowUpReport& r) {
  std::ostringstream out;
  for (const auto& [key, value] : r.adherence) out << key << '=' << value << '\n';
  for (const auto& c : r.fidelity)
    out << c.component << '=' << c.met << ';' << Dump(c.note) << '\n';
  out << "next=" << r.next_review_months << '\n';
  return out.str() + Dump(r.findings);
}

inline const plugin::Finding* FindFinding(const std::vector<plugin::Finding>& findings,
                                          std::string_view code) {
  for (const auto& f : findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

inline std::vector<plugin::Arrangement> ArrangementsFor(const plugin::ContactProposal& p,
                                                        std::string_view key) {
  std::vector<plugin::Arrangement> out;
  for (const auto& a : p.arrangements) {
    if (a.relation_key == key) out.push_back(a);
  }
  return out;
}

// Every finding has a code and a message in every language.
inline void ExpectCompleteFindings(const std::vector<plugin::Finding>& findings) {
  for (const auto& f : findings) {
    SCOPED_TRACE(f.code);
    EXPECT_FALSE(f.code.empty());
    EXPECT_TRUE(IsComplete(f.message));
  }
}

// Every arrangement is fully described and explained in every language.
inline void ExpectCompleteArrangements(const std::vector<plugin::Arrangement>& arrangements) {
  for (const auto& a : arrangements) {
    SCOPED_TRACE(a.relation_key + " " + a.mode);
    EXPECT_FALSE(a.mode.empty());
    EXPECT_FALSE(a.rrule.empty());
    EXPECT_FALSE(a.start_time.empty());
    EXPECT_GT(a.duration_minutes, 0);
    EXPECT_FALSE(a.supervision.empty());
    EXPECT_FALSE(a.venue.empty());
    EXPECT_TRUE(IsComplete(a.rationale));
  }
}

// The method's metadata is complete: texts in every language, defaults within bounds and of
// the declared type, unique parameter and component ids.
inline void ExpectCompleteInfo(const plugin::MethodInfo& info) {
  EXPECT_FALSE(info.id.empty());
  EXPECT_FALSE(info.version.empty());
  EXPECT_FALSE(info.origin.empty());
  EXPECT_FALSE(info.kind.empty());
  EXPECT_TRUE(IsComplete(info.title));
  EXPECT_TRUE(IsComplete(info.description));
  std::vector<std::string> names;
  for (const auto& spec : info.parameters) {
    SCOPED_TRACE(spec.name);
    names.push_back(spec.name);
    EXPECT_TRUE(IsComplete(spec.description));
    switch (spec.type) {
      case plugin::ParameterType::kInteger: {
        ASSERT_TRUE(std::holds_alternative<std::int64_t>(spec.default_value));
        const auto v = static_cast<double>(std::get<std::int64_t>(spec.default_value));
        ASSERT_TRUE(spec.min.has_value());
        ASSERT_TRUE(spec.max.has_value());
        EXPECT_LE(*spec.min, v);
        EXPECT_LE(v, *spec.max);
        break;
      }
      case plugin::ParameterType::kNumber: {
        ASSERT_TRUE(std::holds_alternative<double>(spec.default_value));
        const double v = std::get<double>(spec.default_value);
        ASSERT_TRUE(spec.min.has_value());
        ASSERT_TRUE(spec.max.has_value());
        EXPECT_LE(*spec.min, v);
        EXPECT_LE(v, *spec.max);
        break;
      }
      case plugin::ParameterType::kBoolean:
        EXPECT_TRUE(std::holds_alternative<bool>(spec.default_value));
        break;
      case plugin::ParameterType::kText:
        EXPECT_TRUE(std::holds_alternative<std::string>(spec.default_value));
        break;
    }
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << "duplicate parameter";
  std::vector<std::string> ids;
  for (const auto& component : info.components) {
    SCOPED_TRACE(component.id);
    ids.push_back(component.id);
    EXPECT_FALSE(component.id.empty());
    EXPECT_TRUE(IsComplete(component.title));
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate component";
}

}  // namespace kinbridge::methods::testing
