#include "sim/calibrate/log_summary.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "sim/core/civil_time.h"

namespace supportsim {

double handle_bin_low_s(int bin) {
  return std::pow(10.0, static_cast<double>(bin) / kHandleBinsPerDecade);
}

int handle_bin_of(double seconds) {
  if (!(seconds >= 1)) return 0;
  return std::min(kHandleBins - 1, static_cast<int>(std::log10(seconds) * kHandleBinsPerDecade));
}

int NameIndex::of(std::string_view name) {
  auto it = index_.find(std::string(name));
  if (it != index_.end()) return it->second;
  const int i = static_cast<int>(names_.size());
  names_.emplace_back(name);
  index_.emplace(names_.back(), i);
  return i;
}

void LogSummary::grow() {
  const auto S = static_cast<std::size_t>(segments.size());
  const auto I = static_cast<std::size_t>(issues.size());
  const auto C = static_cast<std::size_t>(channels.size());
  while (arrivals.size() < S) arrivals.emplace_back(slices);
  entry.resize(S);
  issue_mix.resize(S);
  patience.resize(S);
  for (std::size_t s = 0; s < S; ++s) {
    entry[s].resize(C);
    issue_mix[s].resize(I);
    patience[s].resize(C);
  }
  handle.resize(I);
  handle_histogram.resize(I);
  served.resize(I);
  resolved.resize(I);
  for (std::size_t i = 0; i < I; ++i) {
    handle[i].resize(C);
    handle_histogram[i].resize(C);
    served[i].resize(C);
    resolved[i].resize(C);
  }
  channel.resize(C);
  if (track_busy)
    for (auto& c : channel) c.busy.resize(static_cast<std::size_t>(7 * slices));
}

std::optional<std::string> LogSummary::add(const LogRow& row) {
  // 64-bit hashes stand for case ids: a collision among a million cases has a chance of
  // about 3e-8, and would merge two journeys.
  const std::uint64_t key = std::hash<std::string_view>{}(row.case_id);
  auto [it, first] = first_row_s_.try_emplace(key, row.created_local_s);
  if (!first && row.created_local_s < it->second)
    return "case \"" + std::string(row.case_id) +
           "\": its rows must be in time order (created_at " +
           format_civil_time(row.created_local_s) + " is before its first row's " +
           format_civil_time(it->second) + ")";

  const int s = segments.of(row.segment.empty() ? kDefaultSegment : row.segment);
  const int i = issues.of(row.issue.empty() ? kDefaultIssue : row.issue);
  const int c = channels.of(row.channel);
  const int next = row.next_channel.empty() ? -1 : channels.of(row.next_channel);
  grow();
  ++rows;
  if (row.utc_offset_s) {
    if (!first_offset_s)
      first_offset_s = row.utc_offset_s;
    else if (*first_offset_s != *row.utc_offset_s)
      mixed_offsets = true;
  }
  has_wait |= row.wait_s.has_value();
  has_handle |= row.handle_time_s.has_value();
  has_abandoned |= row.abandoned.has_value();
  has_resolved |= row.resolved.has_value();

  if (first) {
    ++cases;
    arrivals[s].add(row.created_local_s);
    ++entry[s][c];
    ++issue_mix[s][i];
    const double t = row.created_local_s;
    if (!first_created_s || t < *first_created_s) first_created_s = t;
    if (!last_created_s || t > *last_created_s) last_created_s = t;
  } else {
    ++later_rows;
  }

  ChannelSummary& ch = channel[c];
  ++ch.attempts;
  const bool abandoned = row.abandoned.value_or(false);
  if (row.wait_s && row.abandoned) {
    if (abandoned)
      patience[s][c].add_event(*row.wait_s);
    else
      patience[s][c].add_censored(*row.wait_s);
  }
  if (abandoned) return std::nullopt;
  ++ch.served;
  if (row.handle_time_s && *row.handle_time_s > 0) {
    ++ch.with_handle;
    handle[i][c].add(*row.handle_time_s);
    auto& histogram = handle_histogram[i][c];
    if (histogram.empty()) histogram.assign(kHandleBins, 0);
    ++histogram[static_cast<std::size_t>(handle_bin_of(*row.handle_time_s))];
    if (track_busy) {
      // Spread the session over the weekly slices it covers.
      const double slice_s = 86400.0 / slices;
      double t = row.created_local_s + row.wait_s.value_or(0);
      double left = *row.handle_time_s;
      while (left > 0) {
        const double index = std::floor(t / slice_s);
        const double in_slice = std::min(left, (index + 1) * slice_s - t);
        const auto day = static_cast<std::int64_t>(std::floor(t / 86400));
        const auto slice = static_cast<std::int64_t>(index) - day * slices;
        ch.busy[static_cast<std::size_t>(weekday_of(day) * slices + slice)] += in_slice;
        t += in_slice;
        left -= in_slice;
      }
    }
  }
  if (row.resolved) {
    ++served[i][c];
    if (*row.resolved) {
      ++resolved[i][c];
    } else {
      ++ch.unresolved;
      if (next >= 0) ++ch.next[next];
    }
  }
  return std::nullopt;
}

}  // namespace supportsim
