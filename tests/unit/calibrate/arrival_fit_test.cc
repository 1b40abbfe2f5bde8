// Arrival rate, weekly and daily profiles and busyness from counts made by hand.

#include "sim/calibrate/arrival_fit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/core/civil_time.h"

namespace supportsim {
namespace {

const std::int64_t kMonday = days_from_civil(2024, 1, 1);

TEST(ArrivalFit, WeekdaysCountFromMonday) {
  EXPECT_EQ(weekday_of(kMonday), 0);
  EXPECT_EQ(weekday_of(0), 3);  // 1970-01-01 was a Thursday
  EXPECT_EQ(weekday_of(kMonday + 6), 6);
  EXPECT_EQ(weekday_of(-1), 2);
}

TEST(ArrivalFit, RateProfilesAndNoBusynessForIdenticalWeeks) {
  // Two weeks; every weekday 10 cases, Saturday and Sunday 4: 6 in the morning slice, 4 in the
  // afternoon slice (2 slices a day), weekends 2 and 2.
  ArrivalCounts counts(2);
  for (int week = 0; week < 2; ++week)
    for (int d = 0; d < 7; ++d) {
      const double day_s = static_cast<double>(kMonday + week * 7 + d) * 86400;
      const bool weekend = d >= 5;
      for (int i = 0; i < (weekend ? 2 : 6); ++i) counts.add(day_s + 3600 + i);
      for (int i = 0; i < (weekend ? 2 : 4); ++i) counts.add(day_s + 13 * 3600 + i);
    }
  const ArrivalFit f = fit_arrivals(counts, kMonday, kMonday + 13);
  EXPECT_EQ(f.cases, 2 * 58);
  EXPECT_NEAR(f.rate_per_s.estimate, 116.0 / (14 * 86400), 1e-15);
  // Weekly: weekdays 10 / (58 / 7), weekend 4 / (58 / 7).
  EXPECT_NEAR(f.weekly[0].estimate, 70.0 / 58, 1e-12);
  EXPECT_NEAR(f.weekly[6].estimate, 28.0 / 58, 1e-12);
  EXPECT_EQ(f.weekly[0].n, 20);
  // Daily: morning 2 x (5 x 6 + 2 x 2) = 68 of 116, as a factor of the mean 58.
  EXPECT_NEAR(f.daily[0].estimate, 68.0 / 58, 1e-12);
  EXPECT_NEAR(f.daily[1].estimate, 48.0 / 58, 1e-12);
  // Identical days vary less than Poisson: no busyness.
  EXPECT_DOUBLE_EQ(f.busyness_cv.estimate, 0);
}

TEST(ArrivalFit, BusynessIsTheOverDispersionBeyondPoisson) {
  // Two Mondays with 100 and 140 cases (one slice): mean 120, variance 800, so
  // cv^2 = (800 - 120) / 120^2.
  ArrivalCounts counts(1);
  for (int i = 0; i < 100; ++i) counts.add(static_cast<double>(kMonday) * 86400 + i);
  for (int i = 0; i < 140; ++i) counts.add(static_cast<double>(kMonday + 7) * 86400 + i);
  const ArrivalFit f = fit_arrivals(counts, kMonday, kMonday + 7);
  EXPECT_NEAR(f.busyness_cv.estimate, std::sqrt(680.0 / 14400), 1e-12);
  EXPECT_LT(f.busyness_cv.low, f.busyness_cv.estimate);
  EXPECT_GT(f.busyness_cv.high, f.busyness_cv.estimate);
  // Days without cases count (Tuesday to Sunday of the first week: 0).
  EXPECT_NEAR(f.rate_per_s.estimate, 240.0 / (8 * 86400), 1e-15);
}

}  // namespace
}  // namespace supportsim
