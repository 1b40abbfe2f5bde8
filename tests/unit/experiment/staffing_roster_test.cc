// Rosters from shift templates: the integer program covers every interval's requirement, uses
// only the starts and days the templates allow, wraps past midnight and past Sunday midnight,
// takes breaks out of coverage, costs least (checked against enumeration on a small case), and
// refuses what the templates cannot cover.

#include "sim/experiment/staffing_roster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "sim/core/units.h"

namespace supportsim {
namespace {

ShiftTemplate shift(const std::string& name, double hours, std::vector<double> start_hours,
                    std::string days = "") {
  ShiftTemplate t;
  t.name = name;
  t.length_s = hours * kHour;
  for (double h : start_hours) t.starts_s.push_back(h * kHour);
  if (days == "Mon-Fri") t.days = {true, true, true, true, true, false, false};
  if (days == "Mon") t.days = {true, false, false, false, false, false, false};
  return t;
}

// A weekday requirement in half-hours: 2 agents 07:00-09:00, 5 agents 09:00-17:00, 3 agents
// 17:00-20:00, nobody otherwise; weekends need 1 agent 09:00-17:00.
std::vector<int> weekday_requirement(const WeekGrid& grid) {
  std::vector<int> required(grid.intervals(), 0);
  for (int k = 0; k < grid.intervals(); ++k) {
    const double t = grid.start(k);
    const int day = static_cast<int>(t / kDay);
    const double hour = std::fmod(t, kDay) / kHour;
    if (day >= 5) {
      required[k] = hour >= 9 && hour < 17 ? 1 : 0;
    } else {
      required[k] = hour >= 7 && hour < 9     ? 2
                    : hour >= 9 && hour < 17  ? 5
                    : hour >= 17 && hour < 20 ? 3
                                              : 0;
    }
  }
  return required;
}

void expect_covers(const GroupRoster& roster, const std::vector<int>& required) {
  for (std::size_t k = 0; k < required.size(); ++k)
    EXPECT_GE(roster.on_duty[k], required[k]) << "interval " << k;
}

TEST(Roster, CoversEveryIntervalWithAllowedStartsOnly) {
  const WeekGrid grid{1800, 0};
  std::vector<ShiftTemplate> shifts = {shift("early", 8.5, {6, 7, 7.5}, "Mon-Fri"),
                                       shift("late", 8.5, {11, 12, 13}, "Mon-Fri"),
                                       shift("weekend", 8, {9})};
  shifts[0].unpaid_break_s = 1800;
  shifts[1].unpaid_break_s = 1800;
  const std::vector<int> required = weekday_requirement(grid);
  const GroupRoster r = solve_roster(shifts, {0, 1, 2}, grid, required, std::nullopt, 10);
  EXPECT_EQ(r.solve, RosterSolve::kOptimal);
  expect_covers(r, required);
  ASSERT_FALSE(r.lines.empty());
  for (const RosterLine& line : r.lines) {
    const ShiftTemplate& t = shifts[line.start.shift];
    EXPECT_TRUE(t.days[line.start.day]) << t.name << " on day " << line.start.day;
    EXPECT_NE(std::find(t.starts_s.begin(), t.starts_s.end(), line.start.start_s), t.starts_s.end())
        << t.name << " at " << line.start.start_s;
    EXPECT_GT(line.agents, 0);
  }
  // Paid hours: 8 per early or late shift (8.5 h less the unpaid half hour), 8 per weekend one.
  double paid = 0;
  for (const RosterLine& line : r.lines) paid += line.agents * 8.0;
  EXPECT_DOUBLE_EQ(r.paid_hours, paid);
  EXPECT_EQ(r.variables, 5 * 3 + 5 * 3 + 7 * 1);
}

TEST(Roster, TheBreakIsTakenAtTheIntervalBoundaryNearestTheMiddle) {
  ShiftTemplate t = shift("day", 9, {8});
  t.unpaid_break_s = 3600;
  const WeekGrid hourly{3600, 0};
  // 08:00-12:00 and 13:00-17:00 on duty: the 12:00 hour is the break.
  const double pause = roster_break_start(t, 8 * kHour, hourly);
  EXPECT_DOUBLE_EQ(pause, 12 * kHour);
  EXPECT_DOUBLE_EQ(on_duty_share(t, 8 * kHour, pause, 11 * kHour, 12 * kHour), 1.0);
  EXPECT_DOUBLE_EQ(on_duty_share(t, 8 * kHour, pause, 12 * kHour, 13 * kHour), 0.0);
  EXPECT_DOUBLE_EQ(on_duty_share(t, 8 * kHour, pause, 12.5 * kHour, 13.5 * kHour), 0.5);
  EXPECT_DOUBLE_EQ(t.paid_hours(), 8);
  // A 30-minute break in an 8h30m shift from 06:00: the middle is 10:00, on the grid.
  ShiftTemplate half = shift("half", 8.5, {6});
  half.unpaid_break_s = 1800;
  EXPECT_DOUBLE_EQ(roster_break_start(half, 6 * kHour, WeekGrid{1800, 0}), 10 * kHour);
  // A 9-hour shift with a 30-minute break: the middle (12:15) moves to a boundary.
  ShiftTemplate odd = shift("odd", 9, {8});
  odd.paid_break_s = 1800;
  const double snapped = roster_break_start(odd, 8 * kHour, WeekGrid{1800, 0});
  EXPECT_TRUE(snapped == 12 * kHour || snapped == 12.5 * kHour) << snapped;
  // Nothing needed, nothing rostered.
  EXPECT_TRUE(solve_roster({half}, {0}, WeekGrid{1800, 0},
                           std::vector<int>(WeekGrid{1800, 0}.intervals(), 0), std::nullopt, 10)
                  .lines.empty());
  // In half-hours only the half-hour of the break is lost.
  std::vector<int> need(WeekGrid{1800, 0}.intervals(), 0);
  need[12] = 1;  // Monday 06:00-06:30
  const GroupRoster r = solve_roster({half}, {0}, WeekGrid{1800, 0}, need, std::nullopt, 10);
  ASSERT_EQ(r.lines.size(), 1u);
  int covered = 0;
  for (int on : r.on_duty) covered += on;
  EXPECT_EQ(covered, 16);       // 8h30m less the 30-minute break, in half-hours
  EXPECT_EQ(r.on_duty[20], 0);  // 10:00-10:30
}

TEST(Roster, ShiftsWrapPastMidnightAndPastSundayIntoMonday) {
  const WeekGrid grid{3600, 0};
  const ShiftTemplate night = shift("night", 8, {22});
  // Sunday 22:00 to Monday 06:00 of the repeating week.
  const double sunday_22 = 6 * kDay + 22 * kHour;
  const double no_break = roster_break_start(night, sunday_22, grid);
  EXPECT_DOUBLE_EQ(on_duty_share(night, sunday_22, no_break, 23 * kHour + 6 * kDay, kWeek), 1.0);
  EXPECT_DOUBLE_EQ(on_duty_share(night, sunday_22, no_break, 0, kHour), 1.0);
  EXPECT_DOUBLE_EQ(on_duty_share(night, sunday_22, no_break, 5 * kHour, 6 * kHour), 1.0);
  EXPECT_DOUBLE_EQ(on_duty_share(night, sunday_22, no_break, 6 * kHour, 7 * kHour), 0.0);
  // Monday 00:00-06:00 needs 3: only the Sunday 22:00 start covers it.
  std::vector<int> required(grid.intervals(), 0);
  for (int k = 0; k < 6; ++k) required[k] = 3;
  const GroupRoster r = solve_roster({night}, {0}, grid, required, std::nullopt, 10);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].start.day, 6);
  EXPECT_EQ(r.lines[0].agents, 3);
  EXPECT_EQ(r.on_duty[grid.index_of(6 * kDay + 23 * kHour)], 3);
  expect_covers(r, required);
}

TEST(Roster, CostsLeastAgainstEnumeration) {
  // One Monday in hours; three templates of different lengths and cost factors, two starts
  // each: 6 variables, small enough to enumerate 0..4 agents each.
  const WeekGrid grid{3600, 0};
  std::vector<ShiftTemplate> shifts = {shift("long", 8, {6, 9}, "Mon"),
                                       shift("short", 4, {10, 14}, "Mon"),
                                       shift("evening", 6, {12, 16}, "Mon")};
  shifts[1].hourly_cost_factor = 1.1;
  shifts[2].hourly_cost_factor = 1.25;
  std::vector<int> required(grid.intervals(), 0);
  const int profile[] = {0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 4, 3, 3, 4, 4, 3, 2, 2, 1, 1, 0, 0, 0};
  for (int h = 0; h < 24; ++h) required[h] = profile[h];
  const GroupRoster r = solve_roster(shifts, {0, 1, 2}, grid, required, std::nullopt, 10);
  ASSERT_EQ(r.solve, RosterSolve::kOptimal);
  expect_covers(r, required);

  const std::vector<ShiftStart> starts = shift_starts(shifts, {0, 1, 2});
  ASSERT_EQ(starts.size(), 6u);
  double best = 1e18;
  std::vector<int> x(starts.size(), 0);
  std::function<void(std::size_t)> enumerate = [&](std::size_t j) {
    if (j == starts.size()) {
      std::vector<double> cover(24, 0);
      double cost = 0;
      for (std::size_t i = 0; i < starts.size(); ++i) {
        const ShiftTemplate& t = shifts[starts[i].shift];
        const double start = starts[i].week_start_s();
        cost += x[i] * t.paid_hours() * t.hourly_cost_factor;
        for (int h = 0; h < 24; ++h)
          cover[h] += x[i] * std::floor(on_duty_share(t, start, roster_break_start(t, start, grid),
                                                      h * kHour, (h + 1) * kHour) +
                                        1e-9);
      }
      for (int h = 0; h < 24; ++h)
        if (cover[h] + 1e-9 < required[h]) return;
      best = std::min(best, cost);
      return;
    }
    for (x[j] = 0; x[j] <= 4; ++x[j]) enumerate(j + 1);
  };
  enumerate(0);
  EXPECT_NEAR(r.weighted_paid_hours, best, 1e-9);
}

TEST(Roster, UncoveredIntervalsAndSeatCapsAreRefused) {
  const WeekGrid grid{3600, 0};
  std::vector<int> required(grid.intervals(), 0);
  required[3] = 1;  // Monday 03:00: no template starts early enough
  const std::vector<ShiftTemplate> shifts = {shift("day", 8, {8, 9})};
  EXPECT_EQ(uncovered_interval(shifts, {0}, grid, required), 3);
  try {
    solve_roster(shifts, {0}, grid, required, std::nullopt, 10);
    FAIL() << "expected a RosterError";
  } catch (const RosterError& e) {
    EXPECT_EQ(e.interval(), 3);
    EXPECT_NE(std::string(e.what()).find("Mon 03:00"), std::string::npos) << e.what();
  }
  required[3] = 0;
  required[10] = 6;
  EXPECT_THROW(solve_roster(shifts, {0}, grid, required, 5, 10), RosterError);
  // With a seat cap that holds, no interval has more on duty than the cap.
  const GroupRoster r = solve_roster(shifts, {0}, grid, required, 6, 10);
  for (int on : r.on_duty) EXPECT_LE(on, 6);
}

TEST(Roster, WeekGridFollowsTheWarmUpOffset) {
  const WeekGrid grid{3600, 900};  // intervals start at a quarter past
  EXPECT_EQ(grid.index_of(900), 0);
  EXPECT_EQ(grid.index_of(899), grid.intervals() - 1);  // Sunday 23:15 - Monday 00:15
  EXPECT_EQ(grid.index_of(kWeek + 3600 + 900), 1);
  EXPECT_EQ(week_time_text(6 * kDay + 23 * kHour + 15 * kMinute), "Sun 23:15");
}

}  // namespace
}  // namespace supportsim
