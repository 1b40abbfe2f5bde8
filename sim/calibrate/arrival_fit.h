#pragma once
// Arrivals of one segment: counts of new cases per day and per slice of a day, fitted to the
// scenario's model (scenarios/README.md [profile]): a mean rate, times a weekly and a daily
// profile, times a mean-1 gamma factor per day whose cv (busyness_cv) is the day-to-day
// over-dispersion beyond Poisson. Memory: one counter per (day, slice).

#include <cstdint>
#include <map>
#include <vector>

#include "sim/calibrate/fitted.h"

namespace supportsim {

class ArrivalCounts {
 public:
  // `slices` per day (REQUIRES >= 1).
  explicit ArrivalCounts(int slices) : slices_(slices) {}
  // A case created at `local_s` seconds after 1970-01-01T00:00 local time.
  void add(double local_s);
  int slices() const { return slices_; }
  // Per day (days after 1970-01-01) the counts per slice.
  const std::map<std::int64_t, std::vector<long>>& days() const { return days_; }

 private:
  int slices_;
  std::map<std::int64_t, std::vector<long>> days_;
};

// Weekday of a day counted from 1970-01-01 (a Thursday): 0 is Monday.
int weekday_of(std::int64_t day);

struct ArrivalFit {
  Fitted rate_per_s;           // over the window; the interval counts the over-dispersion
  std::vector<Fitted> weekly;  // 7, Monday first, mean 1 over the days of a week
  std::vector<Fitted> daily;   // `slices`, mean 1
  Fitted busyness_cv;          // 0 when the days vary no more than Poisson counts do
  long cases = 0;
};

// Fits the counts observed over [start_s, end_s) (local seconds after 1970-01-01, on slice
// boundaries; slices without cases inside the window count as 0). A window may begin and end
// within a day: each slice's and weekday's rate is its count over the time it was observed.
// The daily profile is the mean count per slice over the days that observed the slice; the
// weekly profile the count per weekday over the days' observed share of their expected volume,
// relative to the mean over the weekdays the window holds (a weekday it does not hold gets 1);
// the rate is the mean of the weekdays' daily rates (the mean over a week, as the scenario
// means it) when the window holds all seven, else the count over the window. Busyness comes
// from the fully observed days only. REQUIRES start_s < end_s.
ArrivalFit fit_arrivals(const ArrivalCounts& counts, double start_s, double end_s);

// For `fitted` per-day expectations: the share of day `day`'s expected volume that the window
// [start_s, end_s) observes, given the daily profile `daily` (mean 1).
double observed_share_of_day(std::int64_t day, double start_s, double end_s,
                             const std::vector<double>& daily);

}  // namespace supportsim
