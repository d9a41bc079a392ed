// Transfer packages: a working method (descriptor, profile, FRAME records, lineage) travelling
// between municipalities as one file, optionally signed with ed25519. Never personal data.
// See docs/transfer.md for the file format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/methods.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"

KINBRIDGE_NAMESPACE_BEGIN

// Which packages a reader accepts. Giving trusted keys also requires a signature.
struct TransferTrust {
  std::vector<std::string> trusted_keys;  // ed25519 public keys, hex or base64
  bool require_signed = false;            // Default: unsigned packages are read
};

// One aggregated outcome (cells under k = 5 are never in a package). See docs/transfer.md for
// the exact definitions.
//   period     a calendar quarter, "2026-Q3"
//   age_band   the children's age at the end of the period: "0-6", "7-13", "14-17", "18+", or
//              "all"
//   indicator  "contact_adherence", "attendance", "fidelity" (shares 0..1), "plans", "children"
//              (counts)
//   n          the number of distinct children behind the cell (at least 5)
struct TransferOutcomeCell {
  std::string period, age_band, indicator;
  double value = 0;
  std::int64_t n = 0;
};

// The smallest number of children an outcome cell may describe.
inline constexpr std::int64_t kOutcomeMinChildren = 5;

// Everything a package holds, and what its header says.
struct TransferPackage {
  int format_version = 0;
  std::string package_sha256, payload_sha256;  // hex
  bool is_signed = false;
  std::string signer_public_key;  // hex; "" when unsigned
  // The method; titles and descriptions in the language the sender used, other fields as
  // MethodDescription has them (plugin file fields are empty: they stay home).
  MethodDescription method;
  std::string title_language;
  std::string profile_json;  // "" unless the method is a profile
  std::string municipality_code, municipality_name, municipality_country;
  std::string created_at, kinbridge_version;
  std::vector<TransferOutcomeCell> outcomes;
};

// Writes a new ed25519 key pair to `key_file` (mode 0600, atomically; refuses to overwrite) and
// returns the public key in hex.
[[nodiscard]] KINBRIDGE_API Result<std::string> GenerateTransferKey(const std::string& key_file);
// Signs a package file in place with the secret key in `key_file`; returns the public key (hex).
[[nodiscard]] KINBRIDGE_API Result<std::string> SignTransferPackage(const std::string& package_file,
                                                                    const std::string& key_file);
// Reads and checks a package (size, header, checksum, signature and trust, then the payload).
// Needs no workspace.
[[nodiscard]] KINBRIDGE_API Result<TransferPackage> ReadTransferPackage(
    const std::string& package_file, const TransferTrust& trust = {});

// What the sending workspace records about a package it wrote.
struct TransferExport {
  std::int64_t id = 0;
  std::string method;  // id@version
  std::string file, package_sha256;
  bool is_signed = false;
  std::string exported_by, exported_at;
};

struct TransferExportOptions {
  std::string method;  // id or id@version
  std::string output_file;
  std::string key_file;  // Default: "" (unsigned)
  // Aggregated outcomes of the method (every version) in this workspace, k = 5 suppressed.
  bool with_outcomes = false;  // Default: none
  // The outcomes' days. Default: the last four complete quarters and the current one up to today.
  std::optional<Date> outcomes_from{}, outcomes_to{};
};

// What `Workspace::ReportMethodOutcomes` compares.
struct MethodOutcomeQuery {
  std::string method;  // id
  // Default: the last four complete quarters and the current one up to today.
  std::optional<Date> from{}, to{};
};

// Whose outcomes one column of the comparison holds.
struct OutcomeSource {
  bool own = false;          // computed live in this workspace; otherwise from an imported package
  std::string municipality;  // "VAR Vara (SE)"
  std::string method;        // id@version; this workspace's own: the id (every version)
  std::string imported_at, package_sha256;  // imported packages only
};

// One line of the comparison: an indicator in a period and age band, one cell per source (empty
// when the source has no such cell: no children, or fewer than five, or suppressed).
struct OutcomeComparisonRow {
  std::string indicator, period, age_band;
  std::vector<std::optional<TransferOutcomeCell>> cells;
};

// This workspace's outcomes of a method beside those of every imported package of the same
// method or one related to it by lineage.
struct MethodOutcomeReport {
  std::string method;
  Date from, to;
  std::vector<std::string> periods;        // the quarters covered, "2026-Q3"
  std::vector<OutcomeSource> sources;      // the first is this workspace's own
  std::vector<OutcomeComparisonRow> rows;  // by indicator, period and age band
};

// A method registered from a package in the receiving workspace.
struct ImportedMethod {
  std::int64_t id = 0;
  std::string method;  // id@version
  std::string title;
  std::vector<std::string> chain;
  std::vector<FrameChange> frame;
  std::string from_municipality;  // "VAR Vara (SE)"
  std::string package_sha256, signer_public_key;
  std::string imported_by, imported_at;
  std::int64_t outcome_cells = 0;  // aggregated outcomes that came with it
};

KINBRIDGE_NAMESPACE_END
