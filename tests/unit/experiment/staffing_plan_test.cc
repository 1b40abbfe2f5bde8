// Staffing grid, warm-up links, plans applied to scenarios, and the schedule round trip
// (schedule_<group>.csv written, read back by the loader: the same Schedule).

#include "sim/experiment/staffing_plan.h"

#include <gtest/gtest.h>

#include "sim/io/data_files.h"
#include "sim/io/loader.h"
#include "sim/io/scenario_writer.h"
#include "sim/output/staffing_writer.h"
#include "tests/test_support.h"

namespace supportsim {
namespace {

RunConfig run(double warmup_s, double horizon_s, double interval_s) {
  RunConfig r;
  r.warmup_s = warmup_s, r.horizon_s = horizon_s, r.interval_s = interval_s;
  return r;
}

TEST(StaffingGrid, SlotsAreAlignedOnTheWindowStart) {
  const StaffingGrid grid(run(3600, 4 * 3600, 1800));
  EXPECT_EQ(grid.warmup_slots(), 2);
  EXPECT_EQ(grid.window_slots(), 8);
  EXPECT_EQ(grid.start(0), 0);
  EXPECT_EQ(grid.start(2), 3600);
  EXPECT_EQ(grid.end(9), 5 * 3600);
  EXPECT_EQ(grid.window_index(2), 0);
  EXPECT_FALSE(grid.in_window(1));
}

TEST(StaffingGrid, AWarmUpThatIsNotWholeIntervalsStartsWithAShortSlot) {
  const StaffingGrid grid(run(2700, 3600, 1800));  // 45 min of warm-up, 30 min intervals
  ASSERT_EQ(grid.warmup_slots(), 2);
  EXPECT_EQ(grid.start(0), 0);
  EXPECT_EQ(grid.end(0), 900);
  EXPECT_EQ(grid.start(1), 900);
  EXPECT_EQ(grid.start(2), 2700);
}

TEST(StaffingGrid, AHorizonOfAnotherUnitGetsNoSliverSlot) {
  EXPECT_EQ(StaffingGrid(run(0, 7 * 86400, 1800)).window_slots(), 336);
  EXPECT_EQ(StaffingGrid(run(0, 1000, 1800)).window_slots(), 1);  // one partial slot
}

TEST(StaffingGrid, WarmUpSlotsCopyTheSameTimeOfWeekElseOfDay) {
  // One day of warm-up (Monday) before a week: Monday 10:00 copies next Monday 10:00.
  const StaffingGrid week(run(86400, 7 * 86400, 3600));
  EXPECT_EQ(week.linked_slot(10), 24 + 6 * 24 + 10);
  // Two days of window: same time of the first window day.
  const StaffingGrid days(run(86400, 2 * 86400, 3600));
  EXPECT_EQ(days.linked_slot(10), 24 + 10);
  // A window shorter than a day: no link.
  const StaffingGrid short_window(run(3600, 6 * 3600, 1800));
  EXPECT_EQ(short_window.linked_slot(0), -1);
  EXPECT_EQ(short_window.linked_slot(2), 2);  // window slots are themselves
}

const char* kTwoGroups = R"([run]
horizon = "2h"
warmup = "1h"
interval = "30m"
[[segment]]
name = "callers"
arrival_rate = "60/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "day team"
channels = ["phone"]
agents = 3
[[group]]
name = "backup"
channels = ["phone"]
agents = 1
)";

TEST(StaffingPlan, ApplyReplacesEverySchedule) {
  const Scenario s = load_scenario_string(kTwoGroups, "two.toml");
  const StaffingGrid grid(s.run);
  StaffingPlan plan{plannable_groups(s), {{0, 0, 4, 5, 6, 7}, {1, 1, 1, 0, 0, 2}}};
  sync_warmup(grid, plan);  // no window slot shares a time of day with the warm-up here
  const Scenario planned = apply_plan(s, grid, plan);
  const Schedule& day = planned.groups[0].schedule;
  EXPECT_EQ(day.period_s, 86400);  // rows within one day: a daily schedule, as a CSV reads
  EXPECT_EQ(day.csv_file, "schedule_day team.csv");
  EXPECT_EQ(day.at(0), 0);
  EXPECT_EQ(day.at(3600), 4);
  EXPECT_EQ(day.at(3 * 3600 - 1), 7);
  EXPECT_EQ(day.at(20 * 3600), 7);          // the last count holds to the end of the day
  EXPECT_EQ(day.at(30 * 86400 + 3600), 4);  // then the day repeats
  EXPECT_EQ(planned.groups[1].schedule.at(2 * 3600 + 1), 0);
  EXPECT_EQ(plan.total_window_agents(grid), 4 + 5 + 6 + 7 + 1 + 0 + 0 + 2);
}

TEST(StaffingPlan, ScheduleRoundTripThroughCsvAndLoader) {
  const Scenario s = load_scenario_string(kTwoGroups, "two.toml");
  const StaffingGrid grid(s.run);
  const StaffingPlan plan{plannable_groups(s), {{2, 2, 4, 5, 6, 7}, {1, 1, 1, 0, 0, 2}}};
  const Scenario planned = apply_plan(s, grid, plan);
  const std::string dir = testing::scratch_dir("schedule_round_trip");
  for (std::size_t g = 0; g < planned.groups.size(); ++g)
    testing::write_file(dir + "/" + schedule_file_name(planned.groups[g].name),
                        schedule_csv(grid, plan.agents[g]));
  testing::write_file(dir + "/scenario.toml", scenario_to_toml(planned));

  EXPECT_EQ(io::read_schedule_csv(dir + "/schedule_backup.csv"), planned.groups[1].schedule.steps);
  const Scenario loaded = load_scenario_file(dir + "/scenario.toml");
  for (std::size_t g = 0; g < planned.groups.size(); ++g) {
    EXPECT_EQ(loaded.groups[g].schedule.steps, planned.groups[g].schedule.steps);
    EXPECT_EQ(loaded.groups[g].schedule.period_s, planned.groups[g].schedule.period_s);
    EXPECT_EQ(loaded.groups[g].schedule.repeat_from_s, planned.groups[g].schedule.repeat_from_s);
    EXPECT_FALSE(loaded.groups[g].constant_agents);
  }
}

}  // namespace
}  // namespace supportsim
