// Exchange: children, relations and placements moved in from an older system as CSV files
// (import), and out of kinbridge in the same columns (export), so that an export imports again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class RecordKind { kChildren, kRelations, kPlacements };
// "children", "relations", "placements"
KINBRIDGE_API std::string_view RecordKindName(RecordKind kind);
KINBRIDGE_API Result<RecordKind> ParseRecordKind(std::string_view text);

// The columns of a kind's CSV file, in the order export writes them. Import accepts them in any
// order, written as here or as the CLI option ("birth-date", "--birth-date"); unknown columns
// are refused. docs/cli.md describes each column.
KINBRIDGE_API const std::vector<std::string>& ExchangeColumns(RecordKind kind);

// One CSV file to import: RFC 4180 (quoted fields may hold commas, quotes written twice, line
// breaks), UTF-8 with or without a byte-order mark, LF or CRLF line ends, a header row first.
struct ImportFile {
  RecordKind kind = RecordKind::kChildren;
  std::string name;  // names the file in messages, e.g. its path
  std::string text;
};

struct ImportRequest {
  // Imported children first, then relations, then placements, whatever the order here: a
  // relation or placement names its child by the `external_id` the children file gave it (in
  // this same import), or by the case reference or uuid of a child already registered.
  std::vector<ImportFile> files;
  // Check every row as the import would, then write nothing. Default: write.
  bool dry_run = false;
  // Import the rows that pass and leave out the rejected ones. Default: one rejected row means
  // nothing is written.
  bool skip_invalid = false;
  // Called after each row with the rows done and the rows in all files. Default: none.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// A row that was not imported, and why.
struct RejectedRow {
  std::string file;
  std::size_t line = 0;  // the line of the file where the row starts (the header is line 1)
  std::string column;    // the column at fault; empty when the row as a whole is
  std::string value;     // the value in that column, as written
  std::string reason;    // in the user's language
};

// A record made by the import (or that would be made, on a dry run).
struct ImportedRecord {
  RecordKind kind = RecordKind::kChildren;
  std::string file;
  std::size_t line = 0;
  std::string external_id;     // children: the file's external_id (may be empty)
  std::string case_reference;  // the child's case reference (on a dry run: as it would be)
  std::int64_t id = 0;         // relation or placement id; 0 for children and when not written
};

struct ImportResult {
  bool dry_run = false;
  bool written = false;  // the import was committed
  std::size_t rows = 0;  // data rows read in all files
  std::vector<ImportedRecord> imported;
  std::vector<RejectedRow> rejected;
};

KINBRIDGE_NAMESPACE_END
