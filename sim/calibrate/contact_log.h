#pragma once
// Reading a contact log (results/README.md "The contact log"): CSV with a header naming
// columns in any order, one row per channel attempt. Rows are handed over one at a time, so
// memory does not grow with the log.
//
// Every function here can fail on user input: InputError naming the file, line, column (its
// number counted from 1, and its name), what was expected and what was found, e.g.
//   log.csv:17:6: wait_s: expected a number of seconds >= 0, got "abc"
// With skip_bad_rows, a bad row is counted and skipped instead (a bad header still fails).

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace supportsim {

// One row; the views are valid during the callback only. Optional columns that the log does
// not have, or that are empty in this row, are nullopt (names: empty).
struct LogRow {
  long line = 0;
  std::string_view case_id, channel, segment, issue, next_channel;
  double created_local_s = 0;  // wall-clock time as written, seconds after 1970-01-01T00:00
  std::optional<int> utc_offset_s;
  std::optional<double> wait_s, handle_time_s;
  std::optional<bool> abandoned, resolved;
};

struct LogReadOptions {
  bool skip_bad_rows = false;
};

struct LogReadStats {
  long rows = 0;                             // good rows handed over
  long skipped = 0;                          // bad rows (skip_bad_rows)
  std::vector<std::string> errors;           // the first few skipped rows' messages
  std::vector<std::string> columns_present;  // of the optional ones
  std::vector<std::string> ignored_columns;  // not part of the format
};

// Reads `in` (named `file` in messages). Throws InputError on a bad header, or on the first
// bad row unless options.skip_bad_rows. An exception from `on_row` propagates.
LogReadStats read_contact_log(std::istream& in, const std::string& file,
                              const LogReadOptions& options,
                              const std::function<void(const LogRow&)>& on_row);

}  // namespace supportsim
