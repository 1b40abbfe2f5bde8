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
  const ArrivalFit f = fit_arrivals(counts, kMonday * 86400.0, (kMonday + 14) * 86400.0);
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
  const ArrivalFit f = fit_arrivals(counts, kMonday * 86400.0, (kMonday + 8) * 86400.0);
  EXPECT_NEAR(f.busyness_cv.estimate, std::sqrt(680.0 / 14400), 1e-12);
  EXPECT_LT(f.busyness_cv.low, f.busyness_cv.estimate);
  EXPECT_GT(f.busyness_cv.high, f.busyness_cv.estimate);
  // Days without cases count (Tuesday to Sunday of the first week: 0): the mean over the
  // week is Monday's 120 a day over 7 days.
  EXPECT_NEAR(f.rate_per_s.estimate, 120.0 / 7 / 86400, 1e-15);
}

TEST(ArrivalFit, AWindowMayBeginAndEndWithinADay) {
  // Monday 12:00 to Tuesday 12:00, 4 slices of 6 h, 10 cases in each slice observed: the
  // daily profile is flat and the rate is 40 a day, though the window touches two days.
  ArrivalCounts counts(4);
  const double start = kMonday * 86400.0 + 12 * 3600;
  for (int slice = 0; slice < 4; ++slice)
    for (int i = 0; i < 10; ++i) counts.add(start + slice * 6 * 3600 + i);
  const ArrivalFit f = fit_arrivals(counts, start, start + 86400);
  EXPECT_NEAR(f.rate_per_s.estimate, 40.0 / 86400, 1e-15);
  for (const Fitted& d : f.daily) EXPECT_NEAR(d.estimate, 1, 1e-12);
  EXPECT_NEAR(f.weekly[0].estimate, 1, 1e-12);  // Monday and Tuesday alike
  EXPECT_NEAR(f.weekly[1].estimate, 1, 1e-12);
  EXPECT_DOUBLE_EQ(f.weekly[2].estimate, 1);  // not observed
  EXPECT_EQ(f.weekly[2].n, 0);
  EXPECT_NEAR(observed_share_of_day(kMonday, start, start + 86400, std::vector<double>(4, 1)), 0.5,
              1e-12);
}

}  // namespace
}  // namespace supportsim
