// Proactive work (Group::proactive_share): agents take turns off cases, the group's proactive
// hours are its share of on-duty time, paid hours stay full, and the agents left serve cases
// exactly as a smaller team would (Erlang C).

#include <gtest/gtest.h>

#include <string>

#include "sim/analytic/erlang.h"
#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

std::vector<Metrics> simulate(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "proactive.toml");
  return testing::metric_maps(run_replications(s, 0, s.run.replications, 2));
}

std::string team_toml(const std::string& rate, const std::string& group_keys,
                      const std::string& run = "horizon = \"8h\"\nreplications = 2") {
  return R"(
[run]
)" + run +
         R"(
[[segment]]
name = "accounts"
arrival_rate = ")" +
         rate + R"("
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "managers"
channels = ["phone"]
hourly_cost = 70
shrinkage = 0.2
)" + group_keys +
         "\n";
}

TEST(ProactiveWork, ProactiveHoursAreTheShareOfOnDutyTimeAndArePaid) {
  // 7 managers, a quarter of their time proactive: 1.75 agents per half-hour on average,
  // 28 agent-intervals (14 h) over 8 h. A manager whose turn comes during a call starts when
  // the call ends, which is late only when nobody is relieved then (the turn grows from 1 to
  // 2 agents): a few minutes at most.
  for (const char* rate : {"1/h", "60/h"}) {
    for (Metrics m : simulate(team_toml(rate, "agents = 7\nproactive_share = 0.25"))) {
      EXPECT_DOUBLE_EQ(m["groups/managers/agent_hours"], 56) << rate;
      EXPECT_NEAR(m["groups/managers/proactive_hours"], 14, 0.1) << rate;
      EXPECT_LE(m["groups/managers/proactive_hours"], 14 + 1e-9) << rate;
      EXPECT_DOUBLE_EQ(m["groups/managers/agents_mean"], 7);
      EXPECT_DOUBLE_EQ(m["groups/managers/paid_hours"], 56 / 0.8);
      EXPECT_NEAR(m["groups/managers/cost"], 70 * 56 / 0.8, 1e-6);
      // The channel sees the agents available to cases; occupancy is over their time.
      EXPECT_NEAR(m["channels/phone/agent_hours"] + m["groups/managers/proactive_hours"], 56, 1e-9);
      EXPECT_NEAR(m["groups/managers/occupancy"], m["channels/phone/occupancy"], 1e-12);
    }
  }
}

TEST(ProactiveWork, NoShareChangesNothing) {
  const auto with = simulate(team_toml("60/h", "agents = 7\nproactive_share = 0"));
  const auto without = simulate(team_toml("60/h", "agents = 7"));
  for (std::size_t i = 0; i < with.size(); ++i) {
    Metrics a = with[i], b = without[i];
    EXPECT_EQ(a["groups/managers/proactive_hours"], 0);
    for (const char* key : {"channels/phone/asa_s", "groups/managers/occupancy",
                            "groups/managers/cost", "channels/phone/sessions"})
      EXPECT_EQ(a[key], b[key]) << key;
  }
}

TEST(ProactiveWork, AgentsLeftForCasesQueueAsTheSmallerTeam) {
  // 10 agents, half of them on proactive work at any time, are an M/M/5 for cases: at 4
  // erlangs, C(5, 4) = 0.554. An agent whose turn comes finishes its case first, and the one
  // it relieves stays on proactive work until then, so 5 agents serve cases throughout.
  const auto reps = simulate(team_toml("80/h", "agents = 10\nproactive_share = 0.5",
                                       "horizon = \"2w\"\nwarmup = \"2h\"\nreplications = 10"));
  const QueueFigures theory = erlang_c_figures(80.0 / 3600, 180, 5, 20);
  auto metric = [](const char* key) { return [key](Metrics& m) { return m[key]; }; };
  auto expect = [&](const char* key, double value, double resolution) {
    std::vector<double> values;
    for (Metrics m : reps) values.push_back(metric(key)(m));
    testing::expect_near_theory(values, value, resolution, key);
  };
  expect("channels/phone/wait_prob", theory.wait_prob, 0.03);
  expect("channels/phone/asa_s", theory.asa_s, 15);  // 6 agents: 25 s
  expect("groups/managers/occupancy", theory.occupancy, 0.02);
  for (Metrics m : reps) {
    EXPECT_NEAR(m["groups/managers/proactive_hours"] / m["groups/managers/agent_hours"], 0.5, 1e-3);
  }
}

TEST(ProactiveWork, OnlyAgentsOnShiftTakeTurns) {
  // Managers work 08:00-20:00 (12 at first, 6 from 14:00): proactive work follows the shifts.
  std::string schedule = "schedule = [";
  for (int h = 0; h < 24; ++h)
    schedule += (h > 0 ? ", " : "") + std::to_string(h < 8 || h >= 20 ? 0 : h < 14 ? 12 : 6);
  schedule += "]";
  const auto reps = simulate(team_toml("30/h", schedule + "\nproactive_share = 0.3",
                                       "horizon = \"2d\"\ninterval = \"1h\"\nreplications = 2"));
  for (Metrics m : reps) {
    EXPECT_NEAR(m["groups/managers/agent_hours"], 2 * (6 * 12 + 6 * 6), 0.5);
    EXPECT_NEAR(m["groups/managers/proactive_hours"] / m["groups/managers/agent_hours"], 0.3, 0.01);
  }
}

}  // namespace
}  // namespace supportsim
