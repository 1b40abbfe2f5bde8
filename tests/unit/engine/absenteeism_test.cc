// Absenteeism in the engine: whole agent-days lost at the given rate, drawn per replication and
// day (constant within a day, varying between days), absent time neither on duty nor paid,
// deterministic for a seed, and no change at all when the share is 0.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace {

const char* kTeam = R"([run]
horizon = "10d"
interval = "1h"
replications = 4
[[segment]]
name = "callers"
arrival_rate = "10/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "team"
channels = ["phone"]
agents = 20
hourly_cost = 40
)";

TEST(Absenteeism, WholeAgentDaysAreLostAtTheGivenRate) {
  const Scenario s = load_scenario_string(kTeam, "team.toml", {{"group.team.absenteeism", "0.1"}});
  const auto outputs = run_replications(s, 0, s.run.replications, 2);
  double on_duty = 0, scheduled = 0;
  std::set<double> daily_counts;
  for (const ReplicationOutput& o : outputs) {
    for (std::size_t day = 0; day < 10; ++day) {
      // Constant within a day: every hour of the day has the same agents on duty.
      const double first = o.intervals[day * 24][0].on_duty_agent_s;
      for (std::size_t h = 1; h < 24; ++h)
        EXPECT_EQ(o.intervals[day * 24 + h][0].on_duty_agent_s, first) << "day " << day;
      daily_counts.insert(first / 3600);
      on_duty += 24 * first;
      scheduled += 24 * 20 * 3600.0;
    }
  }
  // 800 agent-days: the share present is 0.9 within about 4 standard errors.
  EXPECT_NEAR(on_duty / scheduled, 0.9, 0.045);
  EXPECT_GT(daily_counts.size(), 2u);  // days differ
  for (double present : daily_counts) EXPECT_LE(present, 20);
  // Absent agents are not paid: cost follows the agents on duty.
  for (const ReplicationOutput& o : outputs)
    for (const MetricValue& m : o.metrics)
      if (m.scope == "groups" && m.metric == "agent_hours") {
        EXPECT_LT(m.value, 20 * 240);
      }
}

TEST(Absenteeism, DeterministicAndNoChangeWhenZero) {
  const Scenario with =
      load_scenario_string(kTeam, "team.toml", {{"group.team.absenteeism", "0.2"}});
  const auto a = run_replications(with, 0, 2, 2);
  const auto b = run_replications(with, 0, 2, 1);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r) EXPECT_EQ(serialize(a[r]), serialize(b[r]));
  const Scenario zero = load_scenario_string(kTeam, "team.toml", {{"group.team.absenteeism", "0"}});
  const Scenario none = load_scenario_string(kTeam, "team.toml");
  const auto z = run_replications(zero, 0, 2, 2);
  const auto n = run_replications(none, 0, 2, 2);
  for (std::size_t r = 0; r < z.size(); ++r) EXPECT_EQ(serialize(z[r]), serialize(n[r]));
}

}  // namespace
}  // namespace supportsim
