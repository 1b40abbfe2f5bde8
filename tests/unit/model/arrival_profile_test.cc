#include "sim/model/arrival_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sim/core/units.h"

namespace supportsim {
namespace {

TEST(ArrivalProfile, FlatProfileGivesTheMeanRate) {
  ArrivalProfile profile(100.0 / kHour, Profile{});
  EXPECT_NEAR(profile.expected_arrivals(0, kWeek), 100 * 24 * 7, 1e-6);
  EXPECT_DOUBLE_EQ(profile.shape_at(12345), 1);
}

TEST(ArrivalProfile, DailyAndWeeklyShapesKeepTheWeeklyMean) {
  Profile p;
  p.daily = {1, 3};  // night, day: 0.5x and 1.5x
  p.weekly = {2, 1, 1, 1, 1, 0.5, 0.5};
  ArrivalProfile profile(10.0 / kHour, p);
  EXPECT_NEAR(profile.expected_arrivals(0, kWeek), 10 * 24 * 7, 1e-6);
  EXPECT_NEAR(profile.shape_at(1 * kHour), 0.5 * 2, 1e-12);                // Monday night
  EXPECT_NEAR(profile.shape_at(5 * kDay + 13 * kHour), 1.5 * 0.5, 1e-12);  // Saturday day
}

TEST(ArrivalProfile, GeneratedArrivalsFollowTheProfile) {
  Profile p;
  p.daily = {0, 1, 3, 0};  // nothing between 00:00-06:00 and 18:00-24:00
  ArrivalProfile profile(60.0 / kHour, p);
  Rng gaps = make_stream(7, 0, "gaps"), busy = make_stream(7, 0, "busy");
  double count[4] = {0, 0, 0, 0};
  double t = 0;
  const double end = 200 * kDay;
  while ((t = profile.next_arrival(t, gaps, busy)) < end)
    ++count[static_cast<int>(std::fmod(t, kDay) / (6 * kHour))];
  EXPECT_EQ(count[0], 0);
  EXPECT_EQ(count[3], 0);
  // Expected 60/h x 24 h x 200 d = 288,000 arrivals split 1:3.
  EXPECT_NEAR(count[1], 72000, 4 * std::sqrt(72000.0));
  EXPECT_NEAR(count[2], 216000, 4 * std::sqrt(216000.0));
}

TEST(ArrivalProfile, BusynessMakesDailyCountsOverDispersed) {
  Profile p;
  p.busyness_cv = 0.3;
  ArrivalProfile profile(100.0 / kHour, p);
  Rng gaps = make_stream(3, 0, "gaps"), busy = make_stream(3, 0, "busy");
  std::vector<double> days(400, 0);
  for (double t = 0; (t = profile.next_arrival(t, gaps, busy)) < 400 * kDay;)
    ++days[static_cast<std::size_t>(t / kDay)];
  double mean = 0, var = 0;
  for (double d : days) mean += d / days.size();
  for (double d : days) var += (d - mean) * (d - mean) / (days.size() - 1);
  // Poisson mixed by a gamma factor: variance = mean + (cv x mean)^2 = 2400 + 518,400.
  EXPECT_NEAR(mean, 2400, 4 * 0.3 * 2400 / std::sqrt(400.0));
  EXPECT_NEAR(std::sqrt(var) / mean, std::sqrt(2400 + 0.09 * 2400 * 2400) / 2400, 0.05);
}

TEST(ArrivalProfile, TinyRatesStopAtTheEndInsteadOfWalkingForever) {
  // 1e-300 arrivals per second: the next one is ~1e292 years away. The walk through the
  // profile stops at the end of the horizon (one week here, 336 half-hour pieces).
  Profile p;
  p.daily.assign(48, 1.0);
  ArrivalProfile profile(1e-300, p, kWeek);
  Rng gaps = make_stream(1, 0, "gaps"), busy = make_stream(1, 0, "busy");
  EXPECT_EQ(profile.next_arrival(0, gaps, busy), std::numeric_limits<double>::infinity());
  EXPECT_EQ(profile.next_event(0, 1e6, 0, gaps, busy), std::numeric_limits<double>::infinity());
  // Arrivals before the end are generated as always.
  ArrivalProfile busy_profile(1.0, p, kWeek);
  const double t = busy_profile.next_arrival(0, gaps, busy);
  EXPECT_GT(t, 0);
  EXPECT_LT(t, 60);
  EXPECT_EQ(busy_profile.next_arrival(kWeek, gaps, busy), std::numeric_limits<double>::infinity());
}

TEST(ArrivalProfile, ExtremeVolumesNormaliseWithoutOverflowOrUnderflow) {
  Profile huge;
  huge.daily = {1e308, 1e308};
  EXPECT_DOUBLE_EQ(ArrivalProfile(1, huge).shape_at(0), 1);
  Profile tiny;
  tiny.daily = {5e-324, 1};
  tiny.weekly = {5e-324, 0, 0, 0, 0, 0, 0};
  const ArrivalProfile profile(1, tiny);
  EXPECT_DOUBLE_EQ(profile.shape_at(13 * kHour), 2 * 7);  // Monday afternoon carries the week
  EXPECT_NEAR(profile.expected_arrivals(0, kWeek), kWeek, 1e-6 * kWeek);
}

}  // namespace
}  // namespace supportsim
