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

// Fits the counts over the whole days first_day .. last_day (days without cases count as 0).
// The weekly profile is taken from weekdays the window holds (a weekday it does not hold gets
// 1); the daily profile from all days together. REQUIRES first_day <= last_day.
ArrivalFit fit_arrivals(const ArrivalCounts& counts, std::int64_t first_day, std::int64_t last_day);

}  // namespace supportsim
