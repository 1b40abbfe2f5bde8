#pragma once
// What calibration keeps of a contact log, row by row: counters and running sums per segment,
// issue and channel (sim/calibrate/calibration.h fits them). Memory grows with the names, the
// days and slices of the window and the distinct waits (0.1 s), not with the rows; the one
// thing kept per case is when its first row began (16 bytes and a hash-table slot), needed to
// tell a case's first contact from its later attempts.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/calibrate/arrival_fit.h"
#include "sim/calibrate/contact_log.h"
#include "sim/calibrate/lognormal_fit.h"
#include "sim/calibrate/survival.h"

namespace supportsim {

// Names of the segment and issue when the log has no such column (or leaves it empty).
inline constexpr std::string_view kDefaultSegment = "all";
inline constexpr std::string_view kDefaultIssue = "general";

// Handle-time histograms (for the fit page): log-spaced bins, bin k covering
// [10^(k / kHandleBinsPerDecade), 10^((k + 1) / kHandleBinsPerDecade)) seconds from 1 s to 10^5 s;
// shorter and longer times go to the first and last bin.
inline constexpr int kHandleBinsPerDecade = 8;
inline constexpr int kHandleBins = 5 * kHandleBinsPerDecade;
double handle_bin_low_s(int bin);
int handle_bin_of(double seconds);

// Interned names, in order of first appearance.
class NameIndex {
 public:
  int of(std::string_view name);
  const std::vector<std::string>& names() const { return names_; }
  int size() const { return static_cast<int>(names_.size()); }

 private:
  std::unordered_map<std::string, int> index_;
  std::vector<std::string> names_;
};

struct ChannelSummary {
  long attempts = 0;
  long served = 0;           // not abandoned
  long with_handle = 0;      // served rows with a handle time > 0
  long unresolved = 0;       // served rows with resolved = 0
  std::map<int, long> next;  // escalations by next channel
  // --staff-from-log: agent-seconds of handling per (weekday x slice), Monday first.
  std::vector<double> busy;
};

struct LogSummary {
  // `slices` per day for profiles (and busy time when `track_busy`).
  LogSummary(int slices, bool track_busy) : slices(slices), track_busy(track_busy) {}

  // Adds one row. Returns the problem when the row contradicts earlier ones (a case's rows out
  // of time order), without adding anything; the caller reports it like an unreadable row.
  std::optional<std::string> add(const LogRow& row);

  int slices;
  bool track_busy;
  NameIndex segments, issues, channels;
  std::vector<ArrivalCounts> arrivals;                           // per segment
  std::vector<std::vector<long>> entry;                          // [segment][channel] first rows
  std::vector<std::vector<long>> issue_mix;                      // [segment][issue] first rows
  std::vector<std::vector<LogMoments>> handle;                   // [issue][channel]
  std::vector<std::vector<std::vector<long>>> handle_histogram;  // [issue][channel][bin]
  std::vector<std::vector<CensoredSample>> patience;             // [segment][channel]
  std::vector<std::vector<long>> served, resolved;               // [issue][channel]
  std::vector<ChannelSummary> channel;
  long cases = 0, rows = 0, later_rows = 0;
  std::optional<double> first_created_s, last_created_s;  // of first rows (local)
  std::optional<int> first_offset_s;                      // UTC offset of the first dated row
  bool mixed_offsets = false;
  bool has_wait = false, has_handle = false, has_abandoned = false, has_resolved = false;

 private:
  void grow();
  std::unordered_map<std::uint64_t, double> first_row_s_;  // by hash of case_id
};

}  // namespace supportsim
