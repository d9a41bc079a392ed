// Child: a child in care, or a left-behind child, whose case kinbridge holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/national_id.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class ChildStatus { kOpen, kClosed };
KINBRIDGE_API std::string_view ChildStatusName(ChildStatus status);  // "open", "closed"

// What a worker supplies when registering a child.
struct NewChild {
  std::string name;  // as the child's family writes it; required, UTF-8
  Date birth_date;
  // Optional national id as written ("20170314-2384", "341003201603150016"); validated, and
  // its birth date must equal birth_date.
  std::optional<std::string> national_id;
  // Default: inferred from the national id's form.
  std::optional<NationalIdScheme> national_id_scheme;
  std::vector<std::string> languages;  // language codes: "sv", "zh", "ar"
  std::string school;
  bool protected_identity = false;  // skyddade personuppgifter / 身份信息保护
  // The worker (OS account) responsible for the child. Default: the acting worker, who must
  // then be a social worker or supervisor.
  std::string responsible_account;
};

// A change to a registered child: only the fields that are set change.
struct ChildChanges {
  std::optional<std::string> name;
  std::optional<Date> birth_date;
  // Set to an empty string to remove the national id.
  std::optional<std::string> national_id;
  std::optional<NationalIdScheme> national_id_scheme;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::string> school;
  std::optional<bool> protected_identity;
  // Default: no check. When set, the edit is refused as a conflict if the child's version
  // differs, so that two workers editing the same child never overwrite each other silently.
  std::optional<std::int64_t> expected_version;
};

struct Child {
  std::int64_t id = 0;
  std::string uuid;
  std::string case_reference;  // "VAR-2026-0042": per municipality and year, never reused
  std::string name;
  Date birth_date;
  std::optional<NationalId> national_id;
  std::vector<std::string> languages;
  std::string school;
  bool protected_identity = false;
  ChildStatus status = ChildStatus::kOpen;
  std::optional<Date> closed_on;
  std::string close_reason;
  std::int64_t version = 1;  // increases with every change
  std::string created_at;    // UTC, "2026-11-29T17:03:00Z"
  std::string updated_at;
  // The child has protected identity and the acting worker is not responsible for the child:
  // name, national id, school and languages are empty, birth date is 1970-01-01. Only the case
  // reference identifies the child.
  bool identity_hidden = false;
};

// Which children a listing returns. Default: open children, in order of registration.
struct ChildQuery {
  std::optional<ChildStatus> status = ChildStatus::kOpen;  // empty: all
  std::string name_contains;                               // case-sensitive substring
};

KINBRIDGE_NAMESPACE_END
