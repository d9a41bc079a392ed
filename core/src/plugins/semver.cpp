// Semantic versions (MAJOR.MINOR.PATCH, no pre-release or build suffix) and a small subset of
// npm's range syntax: "*", "1.2.3", "=1.2", "^1", "^1.2", "^1.2.3", "~1.2", ">=1.2", ">1",
// "<2", "<=1.2", and several of them separated by spaces (all must hold).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/i18n.h"
#include "plugins/plugin_host.h"

namespace kinbridge::detail {

namespace {

using Triple = std::array<std::uint64_t, 3>;

// A version as written in a range: one to three numbers ("1", "1.2", "1.2.3").
struct Partial {
  Triple numbers{0, 0, 0};
  int count = 0;  // how many numbers were written
};

// One decimal number without a leading zero (except "0"), small enough to add one to.
std::optional<std::uint64_t> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  if (text.size() > 1 && text[0] == '0') return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::optional<Partial> ParsePartial(std::string_view text) {
  Partial partial;
  while (true) {
    if (partial.count == 3) return std::nullopt;
    const std::size_t dot = text.find('.');
    const std::optional<std::uint64_t> number = ParseNumber(text.substr(0, dot));
    if (!number) return std::nullopt;
    partial.numbers[static_cast<std::size_t>(partial.count++)] = *number;
    if (dot == std::string_view::npos) return partial;
    text.remove_prefix(dot + 1);
  }
}

std::optional<Triple> ParseVersion(std::string_view text) {
  std::optional<Partial> partial = ParsePartial(text);
  if (!partial || partial->count != 3) return std::nullopt;
  return partial->numbers;
}

int Compare(const Triple& a, const Triple& b) {
  for (std::size_t i = 0; i < 3; ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// The smallest version above every version that starts with `partial`'s numbers: "1.2" ->
// 1.3.0, "1" -> 2.0.0, "1.2.3" -> 1.2.4.
Triple NextAfter(const Partial& partial) {
  Triple next{0, 0, 0};
  for (int i = 0; i < partial.count; ++i) {
    next[static_cast<std::size_t>(i)] = partial.numbers[static_cast<std::size_t>(i)];
  }
  ++next[static_cast<std::size_t>(partial.count - 1)];
  return next;
}

// A range as the versions it admits: lower <= v (or lower < v) and v < upper (or v <= upper).
struct Bounds {
  std::optional<Triple> lower;
  bool lower_inclusive = true;
  std::optional<Triple> upper;
  bool upper_inclusive = false;

  bool Admits(const Triple& v) const {
    if (lower) {
      const int c = Compare(v, *lower);
      if (c < 0 || (c == 0 && !lower_inclusive)) return false;
    }
    if (upper) {
      const int c = Compare(v, *upper);
      if (c > 0 || (c == 0 && !upper_inclusive)) return false;
    }
    return true;
  }
};

// One comparator ("^1.2", ">=1", "*"), as bounds; nullopt when malformed.
std::optional<Bounds> ParseComparator(std::string_view text) {
  Bounds bounds;
  if (text == "*") return bounds;
  std::string_view op;
  for (std::string_view candidate : {">=", "<=", ">", "<", "=", "^", "~"}) {
    if (text.substr(0, candidate.size()) == candidate) {
      op = candidate;
      break;
    }
  }
  const std::optional<Partial> partial = ParsePartial(text.substr(op.size()));
  if (!partial) return std::nullopt;
  const Triple& v = partial->numbers;
  if (op == "^") {
    // The first non-zero number written may not change; with only zeros written, the last
    // one written may not change.
    int fixed = 0;
    while (fixed < partial->count - 1 && v[static_cast<std::size_t>(fixed)] == 0) ++fixed;
    Partial prefix = *partial;
    prefix.count = fixed + 1;
    bounds.lower = v;
    bounds.upper = NextAfter(prefix);
  } else if (op == "~") {
    Partial prefix = *partial;
    prefix.count = partial->count == 1 ? 1 : 2;
    bounds.lower = v;
    bounds.upper = NextAfter(prefix);
  } else if (op == ">=") {
    bounds.lower = v;
  } else if (op == ">") {
    // Above every version the partial names: ">1.2" admits 1.3.0 and up.
    bounds.lower = NextAfter(*partial);
  } else if (op == "<") {
    bounds.upper = v;
  } else if (op == "<=") {
    // Up to every version the partial names: "<=1.2" admits 1.2.x.
    bounds.upper = NextAfter(*partial);
  } else {  // "=" or none: the versions the partial names
    bounds.lower = v;
    bounds.upper = NextAfter(*partial);
  }
  return bounds;
}

// The comparators of a range; an operator may be separated from its version (">= 1.2").
std::optional<std::vector<Bounds>> ParseRange(std::string_view range) {
  std::vector<std::string> tokens;
  std::string pending_operator;
  std::size_t i = 0;
  while (i < range.size()) {
    if (range[i] == ' ' || range[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < range.size() && range[end] != ' ' && range[end] != '\t') ++end;
    std::string token(range.substr(i, end - i));
    i = end;
    if (token.find_first_not_of("<>=^~") == std::string::npos) {
      if (!pending_operator.empty()) return std::nullopt;
      pending_operator = token;
      continue;
    }
    tokens.push_back(pending_operator + token);
    pending_operator.clear();
  }
  if (!pending_operator.empty()) return std::nullopt;
  std::vector<Bounds> comparators;
  for (const std::string& token : tokens) {
    std::optional<Bounds> bounds = ParseComparator(token);
    if (!bounds) return std::nullopt;
    comparators.push_back(*bounds);
  }
  return comparators;  // empty: any version, like "*"
}

}  // namespace

bool IsSemanticVersion(const std::string& version) { return ParseVersion(version).has_value(); }

Result<bool> VersionSatisfies(const std::string& version, const std::string& range) {
  const std::optional<Triple> v = ParseVersion(version);
  if (!v) {
    return Status::InvalidArgument(
        TrFormat("version '{}' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)",
                 version));
  }
  const std::optional<std::vector<Bounds>> comparators = ParseRange(range);
  if (!comparators) {
    return Status::InvalidArgument(
        TrFormat("version range '{}' is not valid (expected e.g. ^1, ^1.2, ~1.2, >=1.2 <2, "
                 "=1.2.3, 1.2.3 or *)",
                 range));
  }
  for (const Bounds& bounds : *comparators) {
    if (!bounds.Admits(*v)) return false;
  }
  return true;
}

int CompareVersions(const std::string& a, const std::string& b) {
  const std::optional<Triple> va = ParseVersion(a);
  const std::optional<Triple> vb = ParseVersion(b);
  if (va && vb) return Compare(*va, *vb);
  // A malformed version sorts after every semantic one; two malformed ones by their text.
  if (va) return -1;
  if (vb) return 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

}  // namespace kinbridge::detail
