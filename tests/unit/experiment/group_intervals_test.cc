// Per-group interval figures (group_intervals.csv): each group's on-duty and busy agent time by
// interval adds up to its whole-window figures, so the occupancy heatmap by group and the
// groups table tell the same story.

#include <gtest/gtest.h>

#include <cmath>

#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/io/loader.h"
#include "sim/output/result_writer.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

// A phone team of 3 around the clock; a chat team of 2 (two chats each) from 08:00 to 20:00.
const char* kTwoTeams = R"([run]
horizon = "1d"
interval = "1h"
replications = 2
[[segment]]
name = "customers"
arrival_rate = "30/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "5m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "chat"
kind = "agents"
concurrency = 2
[[group]]
name = "phone_team"
channels = ["phone"]
agents = 3
[[group]]
name = "chat_team"
channels = ["chat"]
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0]
)";

TEST(GroupIntervals, AddUpToEachGroupsWholeWindow) {
  const Scenario s = load_scenario_string(kTwoTeams, "two_teams.toml");
  const auto outputs = run_replications(s, 0, s.run.replications, 2);
  for (const ReplicationOutput& o : outputs) {
    const testing::MetricMap m = testing::metric_map(o);
    ASSERT_EQ(o.group_intervals.size(), 24u);
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      double busy = 0, on_duty = 0;
      for (const auto& row : o.group_intervals)
        busy += row[g].busy_capacity_s, on_duty += row[g].on_duty_agent_s;
      const std::string name = "groups/" + s.groups[g].name + "/";
      EXPECT_NEAR(on_duty / 3600, m.at(name + "agent_hours"), 1e-9);
      EXPECT_NEAR(busy / on_duty, m.at(name + "occupancy"), 1e-9);
    }
  }
  const Summary summary = summarize(s, outputs);
  ASSERT_EQ(summary.group_intervals.size(), 48u);
  for (const GroupIntervalRow& row : summary.group_intervals) {
    const int hour = static_cast<int>(row.interval_start_s / 3600);
    if (row.group == "phone_team") {
      EXPECT_NEAR(row.agents_on_duty, 3, 0.05) << hour;
    }
    // Agents going off at 20:00 finish the chats they hold: a little of 20:00 is on duty.
    if (row.group == "chat_team" && hour == 20) {
      EXPECT_LT(row.agents_on_duty, 0.5);
    }
    if (row.group == "chat_team" && (hour < 8 || hour > 20)) {
      EXPECT_EQ(row.agents_on_duty, 0) << hour;
      EXPECT_TRUE(std::isnan(row.occupancy)) << hour;
    }
  }
  const std::string csv = group_intervals_csv(summary);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "interval_start_s,group,agents_on_duty,occupancy");
}

}  // namespace
}  // namespace supportsim
