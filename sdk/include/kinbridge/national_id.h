// National identity numbers of children: Swedish personnummer and samordningsnummer, Chinese
// resident identity numbers. Validation only; nothing here looks anything up.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class NationalIdScheme {
  kSePersonnummer,       // "se-personnummer"
  kSeSamordningsnummer,  // "se-samordningsnummer": day of birth + 60
  kCnResidentId,         // "cn-resident-id": 18 characters, ISO 7064 MOD 11-2
};

// "se-personnummer", "se-samordningsnummer", "cn-resident-id".
KINBRIDGE_API std::string_view NationalIdSchemeName(NationalIdScheme scheme);
// Inverse of NationalIdSchemeName; InvalidArgument naming the text and the three accepted names.
KINBRIDGE_API Result<NationalIdScheme> ParseNationalIdScheme(std::string_view text);

struct NationalId {
  NationalIdScheme scheme = NationalIdScheme::kSePersonnummer;
  // Canonical form as stored: Swedish numbers as 12 digits "YYYYMMDDNNNC" (samordningsnummer
  // keep day + 60); Chinese ids as 18 characters with an upper-case "X".
  std::string canonical;
  // The birth date the number encodes (for samordningsnummer the real day, i.e. day - 60).
  Date birth_date;

  // For people: Swedish "YYYYMMDD-NNNC", Chinese unchanged.
  KINBRIDGE_API std::string Display() const;
};

// Validates `text` as a national id and returns its canonical form.
//
// `scheme`: when empty, the scheme is inferred: 18 characters -> cn-resident-id; 10 or 12 digits
// (with or without '-' or '+') -> se-personnummer, or se-samordningsnummer when the day is 61..91.
// When given, the text must be valid in that scheme.
//
// `today`: the date against which a 10-digit Swedish number's century is resolved (the latest
// year not after today; '+' means 100 years or more before) and against which a birth date in the
// future is refused.
//
// Swedish: 10 or 12 digits, an optional '-' or '+' before the last four, a real birth date,
// serial number (digits 7-9 of the 10-digit form) not 000, Luhn check digit over YYMMDDNNN.
// Chinese: 17 digits and a check character 0-9 or X (x accepted), MOD 11-2 with weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mapping remainders 0..10 to 1 0 X 9 8 7 6 5 4 3 2, and
// a real birth date in characters 7-14.
//
// Failures are InvalidArgument with a message naming the text and what was expected, e.g.
// "national id 20170314-1235: check digit 5 is wrong (expected 2)".
KINBRIDGE_API Result<NationalId> ParseNationalId(std::string_view text,
                                                 std::optional<NationalIdScheme> scheme,
                                                 Date today);

KINBRIDGE_NAMESPACE_END
