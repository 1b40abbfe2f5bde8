#include "sim/calibrate/contact_log.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <istream>
#include <tuple>
#include <utility>

#include "sim/core/civil_time.h"
#include "sim/core/error.h"
#include "sim/model/attempt_record.h"

namespace supportsim {
namespace {

constexpr std::size_t kKeptErrors = 5;

enum Column {
  kCaseId,
  kCreatedAt,
  kChannel,
  kSegment,
  kIssue,
  kWait,
  kHandle,
  kAbandoned,
  kResolved,
  kNextChannel,
  kColumns
};

// A row that cannot be read: its message without the file and line.
struct BadRow {
  int column;  // 1-based field number, 0 for the row as a whole
  std::string message;
};

// Splits one CSV record into fields (RFC 4180 quoting). A quoted field may hold line breaks:
// then more lines are read from `in`. Returns false at the end of input. `line` counts lines
// read; `first_line` is where the record began.
bool read_record(std::istream& in, std::string& record, std::vector<std::string>& fields,
                 long& line, long& first_line, bool& unclosed_quote) {
  if (!std::getline(in, record)) return false;
  first_line = ++line;
  fields.clear();
  unclosed_quote = false;
  std::string field;
  std::size_t i = 0;
  bool quoted = false, was_quoted = false;
  for (;;) {
    if (i >= record.size()) {
      if (quoted) {
        std::string more;
        if (!std::getline(in, more)) {
          unclosed_quote = true;
          break;
        }
        ++line;
        field += '\n';
        record = std::move(more);
        i = 0;
        continue;
      }
      break;
    }
    const char c = record[i++];
    if (quoted) {
      if (c == '"') {
        if (i < record.size() && record[i] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c != '\r' || i != record.size()) {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text.substr(0, 60)) out += c == '\n' ? ' ' : c;
  if (text.size() > 60) out += "...";
  return out + "\"";
}

std::optional<double> number(std::string_view text) {
  double v = 0;
  const char* begin = text.data();
  if (!text.empty() && text[0] == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<bool> flag(std::string_view text) {
  if (text == "1" || text == "true" || text == "TRUE" || text == "True") return true;
  if (text == "0" || text == "false" || text == "FALSE" || text == "False") return false;
  return std::nullopt;
}

}  // namespace

LogReadStats read_contact_log(std::istream& in, const std::string& file,
                              const LogReadOptions& options,
                              const std::function<void(const LogRow&)>& on_row) {
  LogReadStats stats;
  std::string record;
  std::vector<std::string> fields;
  long line = 0, first_line = 0;
  bool unclosed = false;
  if (!read_record(in, record, fields, line, first_line, unclosed) ||
      (fields.size() == 1 && fields[0].empty()))
    throw InputError(file +
                     ":1: expected a header naming the columns (case_id, created_at, "
                     "channel, ...), got an empty file");
  if (!fields.empty() && fields[0].rfind("\xEF\xBB\xBF", 0) == 0) fields[0].erase(0, 3);  // BOM
  std::array<int, kColumns> where;
  where.fill(-1);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    std::string name = fields[f];
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    int known = -1;
    for (int c = 0; c < kColumns; ++c)
      if (name == kContactLogColumns[c]) known = c;
    if (known < 0) {
      stats.ignored_columns.push_back(name);
      continue;
    }
    if (where[known] >= 0)
      throw InputError(file + ":1:" + std::to_string(f + 1) + ": column \"" + name +
                       "\" appears twice (first as column " + std::to_string(where[known] + 1) +
                       ")");
    where[known] = static_cast<int>(f);
  }
  for (int c = 0; c < kRequiredContactLogColumns; ++c)
    if (where[c] < 0) {
      std::string header;
      for (std::size_t f = 0; f < fields.size(); ++f) header += (f ? "," : "") + fields[f];
      throw InputError(file + ":1: missing required column \"" +
                       std::string(kContactLogColumns[c]) +
                       "\" (required: case_id, created_at, "
                       "channel), got header " +
                       quoted(header));
    }
  for (int c = kRequiredContactLogColumns; c < kColumns; ++c)
    if (where[c] >= 0) stats.columns_present.emplace_back(kContactLogColumns[c]);

  const std::size_t header_fields = fields.size();
  const auto needed = static_cast<std::size_t>(*std::max_element(where.begin(), where.end()) + 1);
  LogRow row;
  auto field = [&](int column) -> std::string_view {
    return where[column] < 0 ? std::string_view() : std::string_view(fields[where[column]]);
  };
  // Parses the current record into `row`; returns the problem, if any.
  auto parse = [&]() -> std::optional<BadRow> {
    if (unclosed) return BadRow{0, "a quoted field is not closed before the end of the file"};
    if (fields.size() < needed)
      return BadRow{0, "expected " + std::to_string(header_fields) +
                           " fields as the header has, got " + std::to_string(fields.size())};
    auto bad = [&](int column, const std::string& expected) {
      return BadRow{where[column] + 1, std::string(kContactLogColumns[column]) + ": expected " +
                                           expected + ", got " + quoted(field(column))};
    };
    row = LogRow{};
    row.line = first_line;
    row.case_id = field(kCaseId);
    if (row.case_id.empty()) return bad(kCaseId, "a case id");
    row.channel = field(kChannel);
    if (row.channel.empty()) return bad(kChannel, "a channel name");
    std::string why;
    const auto created = parse_civil_time(field(kCreatedAt), &why);
    if (!created)
      return bad(
          kCreatedAt,
          "a date (ISO 8601, e.g. 2024-03-04T09:30:00+01:00) or epoch seconds (" + why + ")");
    row.created_local_s = created->local_s;
    row.utc_offset_s = created->offset_s;
    row.segment = field(kSegment);
    row.issue = field(kIssue);
    row.next_channel = field(kNextChannel);
    for (const auto& [column, out, what] :
         {std::tuple{kWait, &row.wait_s, "a wait in seconds >= 0"},
          std::tuple{kHandle, &row.handle_time_s, "a handle time in seconds >= 0"}}) {
      const std::string_view text = field(column);
      if (text.empty()) continue;
      const auto v = number(text);
      if (!v || *v < 0) return bad(column, what);
      *out = *v;
    }
    for (const auto& [column, out] :
         {std::pair{kAbandoned, &row.abandoned}, std::pair{kResolved, &row.resolved}}) {
      const std::string_view text = field(column);
      if (text.empty()) continue;
      const auto v = flag(text);
      if (!v) return bad(column, "0 or 1");
      *out = *v;
    }
    return std::nullopt;
  };

  while (read_record(in, record, fields, line, first_line, unclosed)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (auto problem = parse()) {
      std::string message = file + ":" + std::to_string(first_line) +
                            (problem->column ? ":" + std::to_string(problem->column) : "") + ": " +
                            problem->message;
      if (!options.skip_bad_rows) throw InputError(message);
      ++stats.skipped;
      if (stats.errors.size() < kKeptErrors) stats.errors.push_back(std::move(message));
      continue;
    }
    on_row(row);
    ++stats.rows;
  }
  return stats;
}

}  // namespace supportsim
