// National ids: Swedish personnummer / samordningsnummer (Luhn) and Chinese resident ids
// (ISO 7064 MOD 11-2). See kinbridge/national_id.h for the rules.
#include "kinbridge/national_id.h"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "common/i18n.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kSePersonnummerName = "se-personnummer";
constexpr std::string_view kSeSamordningsnummerName = "se-samordningsnummer";
constexpr std::string_view kCnResidentIdName = "cn-resident-id";

// A samordningsnummer adds this to the day of birth.
constexpr unsigned kSamordningDayOffset = 60;

// Chinese resident id: 17 digits, then the check character.
constexpr std::size_t kCnLength = 18;
constexpr std::array<int, 17> kCnWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCnCheckChars = "10X98765432";  // indexed by the sum modulo 11

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DigitValue(char c) { return c - '0'; }

// Precondition: `text` holds only digits.
unsigned ParseDigits(std::string_view text) {
  unsigned value = 0;
  for (char c : text) value = value * 10 + static_cast<unsigned>(DigitValue(c));
  return value;
}

// Luhn check digit over `digits`, weights 2, 1, 2, ... from the left; a two-digit product
// counts as the sum of its digits.
char LuhnCheckDigit(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int product = DigitValue(digits[i]) * (i % 2 == 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// ISO 7064 MOD 11-2 check character over the first 17 digits.
char Mod112CheckChar(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < kCnWeights.size(); ++i) sum += DigitValue(digits[i]) * kCnWeights[i];
  return kCnCheckChars[static_cast<std::size_t>(sum % 11)];
}

Status FutureBirthDate(std::string_view text, Date birth, Date today) {
  return Status::InvalidArgument(TrFormat("national id {}: birth date {} is after today ({})", text,
                                          birth.ToString(), today.ToString()));
}

// `scheme` is empty when inferred, else one of the two Swedish schemes.
Result<NationalId> ParseSwedish(std::string_view text, std::optional<NationalIdScheme> scheme,
                                Date today) {
  // Collect the digits; an optional '-' or '+' may stand before the last four.
  std::string digits;
  char separator = '\0';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if ((c == '-' || c == '+') && separator == '\0' && i + 5 == text.size()) {
      separator = c;
    } else if (c == '-' || c == '+') {
      return Status::InvalidArgument(TrFormat(
          "national id {}: '{}' may only stand once, before the last four digits", text, c));
    } else {
      return Status::InvalidArgument(
          TrFormat("national id {} contains characters other than digits (expected 10 or 12 "
                   "digits, with an optional '-' or '+' before the last four)",
                   text));
    }
  }
  if (digits.size() != 10 && digits.size() != 12) {
    if (!scheme) {
      return Status::InvalidArgument(
          TrPlural("national id {} has {} digit (expected 10 or 12 digits, or 18 characters for "
                   "a Chinese resident id)",
                   "national id {} has {} digits (expected 10 or 12 digits, or 18 characters for "
                   "a Chinese resident id)",
                   digits.size(), text, digits.size()));
    }
    return Status::InvalidArgument(
        TrPlural("national id {} has {} digit (expected 10 or 12 digits for a {})",
                 "national id {} has {} digits (expected 10 or 12 digits for a {})", digits.size(),
                 text, digits.size(), NationalIdSchemeName(*scheme)));
  }
  const bool long_form = digits.size() == 12;
  if (long_form && separator == '+') {
    return Status::InvalidArgument(
        TrFormat("national id {}: '+' is only written with 10 digits (expected YYYYMMDD-NNNC or "
                 "YYYYMMDDNNNC)",
                 text));
  }

  // YYMMDDNNNC, the part the check digit covers (with the day as written).
  const std::string_view short_form = std::string_view(digits).substr(long_form ? 2 : 0);
  const unsigned two_digit_year = ParseDigits(short_form.substr(0, 2));
  const unsigned month = ParseDigits(short_form.substr(2, 2));
  const unsigned written_day = ParseDigits(short_form.substr(4, 2));

  int year = 0;
  if (long_form) {
    year = static_cast<int>(ParseDigits(std::string_view(digits).substr(0, 4)));
  } else {
    // The latest year ending in YY not after today's year; '+' (aged 100 or more) steps back a
    // century first. The '+' is written from the year a person turns 100.
    const int latest = today.year() - (separator == '+' ? 100 : 0);
    year = latest - (latest % 100 - static_cast<int>(two_digit_year) + 100) % 100;
  }

  const bool samordning =
      written_day > kSamordningDayOffset && written_day <= kSamordningDayOffset + 31;
  const unsigned day = samordning ? written_day - kSamordningDayOffset : written_day;
  if (day < 1 || day > 31) {
    return Status::InvalidArgument(
        TrFormat("national id {}: day {:02} is not a day of the month (expected 01-31, or 61-91 "
                 "for a samordningsnummer)",
                 text, written_day));
  }
  Result<Date> birth = Date::FromParts(year, month, day);
  if (!birth.ok()) {
    if (samordning) {
      return Status::InvalidArgument(TrFormat(
          "national id {}: birth date {:04}-{:02}-{:02} does not exist (the day {:02} of a "
          "samordningsnummer is the day of birth + 60)",
          text, year, month, day, written_day));
    }
    return Status::InvalidArgument(TrFormat(
        "national id {}: birth date {:04}-{:02}-{:02} does not exist", text, year, month, day));
  }

  if (short_form.substr(6, 3) == "000") {
    return Status::InvalidArgument(
        TrFormat("national id {}: serial number 000 is never issued (expected 001-999)", text));
  }
  const char expected = LuhnCheckDigit(short_form.substr(0, 9));
  if (short_form[9] != expected) {
    return Status::InvalidArgument(TrFormat("national id {}: check digit {} is wrong (expected {})",
                                            text, short_form[9], expected));
  }
  if (*birth > today) return FutureBirthDate(text, *birth, today);

  const NationalIdScheme kind =
      samordning ? NationalIdScheme::kSeSamordningsnummer : NationalIdScheme::kSePersonnummer;
  if (scheme && *scheme != kind) {
    if (samordning) {
      return Status::InvalidArgument(TrFormat(
          "national id {} is a samordningsnummer (day {:02} is the day of birth + 60), expected a "
          "personnummer",
          text, written_day));
    }
    return Status::InvalidArgument(TrFormat(
        "national id {} is a personnummer, expected a samordningsnummer (day of birth + 60)",
        text));
  }

  NationalId id;
  id.scheme = kind;
  id.canonical = fmt::format("{:04}{}", year, short_form.substr(2));
  id.birth_date = *birth;
  return id;
}

Result<NationalId> ParseChinese(std::string_view text, Date today) {
  if (text.size() != kCnLength) {
    return Status::InvalidArgument(
        TrPlural("national id {} has {} character (expected 18 for a Chinese resident id)",
                 "national id {} has {} characters (expected 18 for a Chinese resident id)",
                 text.size(), text, text.size()));
  }
  for (std::size_t i = 0; i < kCnLength; ++i) {
    const char c = text[i];
    const bool allowed = IsDigit(c) || (i == kCnLength - 1 && (c == 'X' || c == 'x'));
    if (!allowed) {
      return Status::InvalidArgument(
          TrFormat("national id {}: character {} is not allowed (expected 17 digits and a check "
                   "character 0-9 or X)",
                   text, i + 1));
    }
  }

  // Characters 7-14 (1-based): YYYYMMDD.
  const int year = static_cast<int>(ParseDigits(text.substr(6, 4)));
  const unsigned month = ParseDigits(text.substr(10, 2));
  const unsigned day = ParseDigits(text.substr(12, 2));
  Result<Date> birth = Date::FromParts(year, month, day);
  if (!birth.ok()) {
    return Status::InvalidArgument(
        TrFormat("national id {}: birth date {:04}-{:02}-{:02} (characters 7-14) does not exist",
                 text, year, month, day));
  }

  std::string canonical(text);
  if (canonical.back() == 'x') canonical.back() = 'X';
  const char expected = Mod112CheckChar(canonical);
  if (canonical.back() != expected) {
    return Status::InvalidArgument(TrFormat(
        "national id {}: check character {} is wrong (expected {})", text, text.back(), expected));
  }
  if (*birth > today) return FutureBirthDate(text, *birth, today);

  NationalId id;
  id.scheme = NationalIdScheme::kCnResidentId;
  id.canonical = std::move(canonical);
  id.birth_date = *birth;
  return id;
}

}  // namespace

std::string_view NationalIdSchemeName(NationalIdScheme scheme) {
  switch (scheme) {
    case NationalIdScheme::kSePersonnummer: return kSePersonnummerName;
    case NationalIdScheme::kSeSamordningsnummer: return kSeSamordningsnummerName;
    case NationalIdScheme::kCnResidentId: return kCnResidentIdName;
  }
  return "unknown";
}

Result<NationalIdScheme> ParseNationalIdScheme(std::string_view text) {
  if (text == kSePersonnummerName) return NationalIdScheme::kSePersonnummer;
  if (text == kSeSamordningsnummerName) return NationalIdScheme::kSeSamordningsnummer;
  if (text == kCnResidentIdName) return NationalIdScheme::kCnResidentId;
  return Status::InvalidArgument(
      TrFormat("national id scheme {} is not known (expected {}, {} or {})", text,
               kSePersonnummerName, kSeSamordningsnummerName, kCnResidentIdName));
}

std::string NationalId::Display() const {
  if (scheme == NationalIdScheme::kCnResidentId || canonical.size() != 12) return canonical;
  return canonical.substr(0, 8) + "-" + canonical.substr(8);
}

Result<NationalId> ParseNationalId(std::string_view text, std::optional<NationalIdScheme> scheme,
                                   Date today) {
  if (!scheme) {
    return text.size() == kCnLength ? ParseChinese(text, today)
                                    : ParseSwedish(text, std::nullopt, today);
  }
  if (*scheme == NationalIdScheme::kCnResidentId) return ParseChinese(text, today);
  return ParseSwedish(text, scheme, today);
}

KINBRIDGE_NAMESPACE_END
