#pragma once
// The small CSV files a scenario may refer to: empirical samples and head-count schedules.
// Both readers throw DataFileError; the loader adds the scenario location and key path.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace supportsim::io {

class DataFileError : public std::runtime_error {
 public:
  // `line` is 1-based; 0 when the problem is the file as a whole (unreadable, empty).
  DataFileError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// One duration in seconds (a number >= 0) per line. Blank lines are skipped, and so is a first
// non-blank line that is not a number (a header). At least one sample.
std::vector<double> read_samples_csv(const std::string& path);

// One count (an integer >= 1) per line, e.g. touches per ticket. Blank lines are skipped, and so
// is a first non-blank line that is not a number (a header). At least one count.
std::vector<int> read_counts_csv(const std::string& path);

// Header `interval_start_s,agents`, then rows of a start time in seconds (the first 0, strictly
// increasing) and a non-negative integer head count. Blank lines are skipped. At least one row.
std::vector<std::pair<double, int>> read_schedule_csv(const std::string& path);

}  // namespace supportsim::io
