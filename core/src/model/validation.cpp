#include "model/validation.h"

#include <algorithm>

#include "common/clock.h"
#include "common/i18n.h"
#include "kinbridge/text.h"

namespace kinbridge::detail {

namespace {

bool IsUpperAscii(std::string_view text, std::size_t min, std::size_t max) {
  return text.size() >= min && text.size() <= max &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsLowerAscii(std::string_view text, std::size_t size) {
  return text.size() == size &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "sv", "zh", "zh_CN", "sv_SE".
bool IsLocaleName(std::string_view text) {
  if (text.size() == 2) return IsLowerAscii(text, 2);
  return text.size() == 5 && IsLowerAscii(text.substr(0, 2), 2) && text[2] == '_' &&
         IsUpperAscii(text.substr(3), 2, 2);
}

// ISO 639 codes with an optional region: "sv", "zh", "ar", "zh-Hans", "sv-SE".
bool IsLanguageCode(std::string_view text) {
  if (text.size() < 2 || text.size() > 16) return false;
  const std::size_t dash = text.find('-');
  const std::string_view primary = text.substr(0, dash);
  if ((primary.size() != 2 && primary.size() != 3) || !IsLowerAscii(primary, primary.size())) {
    return false;
  }
  if (dash == std::string_view::npos) return true;
  const std::string_view rest = text.substr(dash + 1);
  return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

bool Overlaps(Date a_start, const std::optional<Date>& a_end, Date b_start,
              const std::optional<Date>& b_end) {
  // A placement's end day is the day the child moved out, so one placement may start on the
  // day the previous one ended.
  const bool a_before_b_ends = !b_end || a_start < *b_end;
  const bool b_before_a_ends = !a_end || b_start < *a_end;
  return a_before_b_ends && b_before_a_ends;
}

}  // namespace

namespace {

// CheckText with the field's name made (translated and formatted) only for a message: naming
// every field of every record up front was most of what checking a valid record cost, and a
// bulk import checks hundreds of thousands of fields.
template <typename Name>
Status CheckTextNamed(const Name& what, std::string_view value, bool required) {
  if (!IsValidUtf8(value)) {
    return Status::InvalidArgument(
        TrFormat("{} is not valid UTF-8 text (check the terminal's or file's encoding)", what()));
  }
  if (HasControlCharacters(value)) {
    return Status::InvalidArgument(TrFormat(
        "{} '{}' contains control characters (expected plain text on one line)", what(), value));
  }
  if (value.size() > kMaxTextLength) {
    return Status::InvalidArgument(TrPlural("{} is {} byte long (expected at most {})",
                                            "{} is {} bytes long (expected at most {})",
                                            value.size(), what(), value.size(), kMaxTextLength));
  }
  if (required && value.find_first_not_of(' ') == std::string_view::npos) {
    return Status::InvalidArgument(TrFormat("{} is empty (expected a value)", what()));
  }
  return Status::Ok();
}

}  // namespace

Status CheckText(std::string_view what, std::string_view value, bool required) {
  return CheckTextNamed([what] { return what; }, value, required);
}

Status CheckMunicipality(const Municipality& m) {
  if (!IsUpperAscii(m.code, 2, 8)) {
    return Status::InvalidArgument(TrFormat(
        "municipality code '{}' is not valid (expected 2 to 8 capital letters A-Z, e.g. VAR)",
        m.code));
  }
  KINBRIDGE_RETURN_IF_ERROR(CheckText(_("municipality name"), m.name, true));
  if (!IsUpperAscii(m.country, 2, 2)) {
    return Status::InvalidArgument(TrFormat(
        "country '{}' is not valid (expected an ISO 3166 two-letter code such as SE or CN)",
        m.country));
  }
  if (!IsLocaleName(m.locale)) {
    return Status::InvalidArgument(TrFormat(
        "locale '{}' is not valid (expected language_TERRITORY such as sv_SE or zh_CN)", m.locale));
  }
  if (m.time_zone.empty() || !IsKnownTimeZone(m.time_zone)) {
    return Status::InvalidArgument(
        TrFormat("time zone '{}' is not known (expected an IANA zone such as Europe/Stockholm or "
                 "Asia/Shanghai)",
                 m.time_zone));
  }
  return Status::Ok();
}

Result<std::optional<NationalId>> CheckChild(const std::string& record, const std::string& name,
                                             Date birth_date,
                                             const std::optional<std::string>& national_id,
                                             std::optional<NationalIdScheme> scheme,
                                             const std::vector<std::string>& languages,
                                             const std::string& school, Date today) {
  Status text = CheckTextNamed([&] { return TrFormat("{}: name", record); }, name, true);
  if (!text.ok()) return text;
  text = CheckTextNamed([&] { return TrFormat("{}: school", record); }, school, false);
  if (!text.ok()) return text;
  if (birth_date > today) {
    return Status::InvalidArgument(TrFormat("{}: birth date {} is in the future (today is {})",
                                            record, birth_date.ToString(), today.ToString()));
  }
  for (const std::string& language : languages) {
    if (!IsLanguageCode(language)) {
      return Status::InvalidArgument(TrFormat(
          "{}: language '{}' is not a language code (expected e.g. sv, zh, ar)", record, language));
    }
  }
  if (!national_id || national_id->empty()) return std::optional<NationalId>();
  Result<NationalId> parsed = ParseNationalId(*national_id, scheme, today);
  if (!parsed.ok()) {
    return Status::InvalidArgument(TrFormat("{}: {}", record, parsed.status().message()));
  }
  if (parsed->birth_date != birth_date) {
    return Status::InvalidArgument(TrFormat(
        "{}: national id {} gives birth date {}, but the birth date is {} (correct one of them)",
        record, parsed->Display(), parsed->birth_date.ToString(), birth_date.ToString()));
  }
  return std::optional<NationalId>(*parsed);
}

Status CheckAgeAtRegistration(Date birth_date, Date today) {
  if (birth_date.AgeOn(today) >= kMaxAgeAtRegistration) {
    return Status::InvalidArgument(
        TrPlural("new child: birth date {} makes the child {} year old (expected a child or "
                 "young person under {})",
                 "new child: birth date {} makes the child {} years old (expected a child or "
                 "young person under {})",
                 static_cast<unsigned long>(birth_date.AgeOn(today)), birth_date.ToString(),
                 birth_date.AgeOn(today), kMaxAgeAtRegistration));
  }
  return Status::Ok();
}

Status CheckRelation(const Child& child, const NewRelation& relation, Date today) {
  const auto record = [&] { return TrFormat("relation of child {}", child.case_reference); };
  KINBRIDGE_RETURN_IF_ERROR(CheckTextNamed([&] { return TrFormat("{}: person name", record()); },
                                           relation.person_name, true));
  KINBRIDGE_RETURN_IF_ERROR(CheckTextNamed([&] { return TrFormat("{}: description", record()); },
                                           relation.description, false));
  if (relation.birth_date && *relation.birth_date > today) {
    return Status::InvalidArgument(TrFormat("{}: birth date {} is in the future (today is {})",
                                            record(), relation.birth_date->ToString(),
                                            today.ToString()));
  }
  return Status::Ok();
}

Result<Date> CheckRestriction(const Relation& relation, const NewRestriction& restriction,
                              const std::string& country) {
  const auto record = [&] {
    return TrFormat("restriction on {} (child {})", relation.person_name,
                    relation.child_case_reference);
  };
  Status text = CheckTextNamed([&] { return TrFormat("{}: decision reference", record()); },
                               restriction.decision_reference, true);
  if (!text.ok()) return text;
  text = CheckTextNamed([&] { return TrFormat("{}: reason", record()); }, restriction.reason, true);
  if (!text.ok()) return text;
  if (restriction.valid_to && *restriction.valid_to < restriction.valid_from) {
    return Status::InvalidArgument(
        TrFormat("{}: valid to {} is before valid from {} (expected an end on or after the start)",
                 record(), restriction.valid_to->ToString(), restriction.valid_from.ToString()));
  }
  const Date latest_review = restriction.valid_from.AddMonths(kSwedishRestrictionReviewMonths);
  const Date review = restriction.review_date.value_or(latest_review);
  if (review < restriction.valid_from) {
    return Status::InvalidArgument(
        TrFormat("{}: review date {} is before valid from {} (expected a later date)", record(),
                 review.ToString(), restriction.valid_from.ToString()));
  }
  if (country == "SE" && review > latest_review) {
    return Status::InvalidArgument(TrFormat(
        "{}: review date {} is more than three months after {} (LVU 14 § requires "
        "reconsideration by {} at the latest)",
        record(), review.ToString(), restriction.valid_from.ToString(), latest_review.ToString()));
  }
  return review;
}

Status CheckPlacement(const Child& child, const NewPlacement& placement,
                      const std::vector<Placement>& existing) {
  const auto record = [&] { return TrFormat("placement of child {}", child.case_reference); };
  KINBRIDGE_RETURN_IF_ERROR(CheckTextNamed([&] { return TrFormat("{}: legal code", record()); },
                                           placement.legal_code, false));
  KINBRIDGE_RETURN_IF_ERROR(CheckTextNamed([&] { return TrFormat("{}: caregivers", record()); },
                                           placement.caregivers, false));
  KINBRIDGE_RETURN_IF_ERROR(
      CheckTextNamed([&] { return TrFormat("{}: address", record()); }, placement.address, false));
  if (placement.start < child.birth_date) {
    return Status::InvalidArgument(TrFormat("{}: start {} is before the child's birth date {}",
                                            record(), placement.start.ToString(),
                                            child.birth_date.ToString()));
  }
  if (placement.address_protected && placement.address.empty()) {
    return Status::InvalidArgument(
        TrFormat("{}: the address is marked protected but no address is given", record()));
  }
  for (const Placement& other : existing) {
    if (Overlaps(placement.start, std::nullopt, other.start, other.end)) {
      if (!other.end) {
        return Status::Conflict(TrFormat(
            "{}: start {} overlaps placement {} (from {}, current); end that placement first "
            "with `kinbridge placement end {}`",
            record(), placement.start.ToString(), other.id, other.start.ToString(), other.id));
      }
      return Status::Conflict(TrFormat(
          "{}: start {} overlaps placement {} ({} to {}); a child has one placement at a time "
          "(expected a start on or after {})",
          record(), placement.start.ToString(), other.id, other.start.ToString(),
          other.end->ToString(), other.end->ToString()));
    }
  }
  return Status::Ok();
}

}  // namespace kinbridge::detail
