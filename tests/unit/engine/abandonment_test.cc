// A customer abandons at the moment their patience ends, whoever is or is not on duty: with
// nobody to answer, after a schedule drops to zero, when a named agent leaves, and at the drain
// limit.

#include <gtest/gtest.h>

#include <string>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

std::vector<Metrics> simulate(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "abandonment.toml");
  return testing::metric_maps(run_replications(s, 0, s.run.replications, 2));
}

TEST(Abandonment, WithNobodyOnDutyEveryCallerLeavesAfterTheirPatience) {
  // Erlang A's callers (mean patience 5 min) and no agent at all: each offer abandons, and the
  // mean wait is the mean patience.
  const auto reps = simulate(testing::single_queue_toml("1900/h", "3m", 0, "5m", "4h", "0s", 4));
  std::vector<double> waits;
  for (Metrics m : reps) {
    EXPECT_GT(m["channels/phone/offered"], 7000);
    EXPECT_EQ(m["channels/phone/abandonment"], 1.0);
    EXPECT_EQ(m["channels/phone/open_at_end"], 0);
    EXPECT_EQ(m["overall/overall/unresolved_share"], 1.0);
    EXPECT_LT(m["overall/overall/time_to_end_p90_s"], 3600);  // not the 30-day drain limit
    waits.push_back(m["channels/phone/mean_wait_s"]);
  }
  testing::expect_near_theory(waits, 300, 20, "mean wait");
}

// 60 calls an hour of 5 minutes, patience 1 to 10 minutes; the horizon ends at 21:00 and open
// cases are followed for 2 hours.
std::string evening_toml(const std::string& groups) {
  return R"(
[run]
horizon = "21h"
replications = 2
interval = "1h"
drain_limit = "2h"
[[segment]]
name = "key"
arrival_rate = "60/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
patience = { dist = "uniform", min = "1m", max = "10m" }
[[issue]]
name = "q"
handle_time = { dist = "constant", value = "5m" }
[[channel]]
name = "phone"
kind = "agents"
)" + groups;
}

void expect_no_case_open_beyond_patience(const std::vector<Metrics>& reps) {
  for (Metrics m : reps) {
    EXPECT_GT(m["channels/phone/abandoned"], 30);
    EXPECT_EQ(m["overall/overall/open_at_end"], 0);
    EXPECT_EQ(m["channels/phone/offered"],
              m["channels/phone/answered"] + m["channels/phone/abandoned"]);
  }
}

TEST(Abandonment, AScheduleDroppingToZeroLeavesNoCaseOpenBeyondPatience) {
  // From 20:00 nobody is on duty until 08:00: the evening's callers leave by 21:10, so none is
  // still open at the drain limit (23:00).
  expect_no_case_open_beyond_patience(simulate(evening_toml(R"(
[[group]]
name = "team"
channels = ["phone"]
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0]
)")));
}

TEST(Abandonment, CustomersOfANamedAgentWhoLeftDoNotWaitForThem) {
  // One manager for the whole segment, at work 08:00-20:00 and overloaded: customers waiting in
  // their personal queue when they leave, and those arriving after, have nobody to wait for.
  expect_no_case_open_beyond_patience(simulate(evening_toml(R"(
[[group]]
name = "manager"
channels = ["phone"]
dedicated_to = "key"
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
)")));
}

TEST(Abandonment, CasesWhosePatienceRanOutAreNotOpenAtTheDrainLimit) {
  // One agent taking an hour per case looks at the queue once an hour; the drain limit comes
  // 20 minutes after the horizon, when every waiting caller's 10 minutes have run out.
  const auto reps = simulate(R"(
[run]
horizon = "150m"
replications = 2
drain_limit = "20m"
[[segment]]
name = "s"
arrival_rate = "30/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
patience = { dist = "constant", value = "10m" }
[[issue]]
name = "q"
handle_time = { dist = "constant", value = "1h" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "g"
channels = ["phone"]
agents = 1
)");
  for (Metrics m : reps) {
    EXPECT_GT(m["channels/phone/abandoned"], 50);
    EXPECT_EQ(m["channels/phone/open_at_end"], 0);
    EXPECT_EQ(m["channels/phone/offered"],
              m["channels/phone/answered"] + m["channels/phone/abandoned"]);
  }
}

TEST(Abandonment, AZeroDrainLimitEndsTheRunAtTheHorizon) {
  // Callers patient for ten hours queue behind one agent taking an hour each: with no drain,
  // those still waiting or in service at the horizon are open at the end.
  const auto reps = simulate(R"(
[run]
horizon = "150m"
replications = 2
drain_limit = "0s"
[[segment]]
name = "s"
arrival_rate = "30/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
patience = { dist = "constant", value = "10h" }
[[issue]]
name = "q"
handle_time = { dist = "constant", value = "1h" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "g"
channels = ["phone"]
agents = 1
)");
  for (Metrics m : reps) {
    EXPECT_GT(m["channels/phone/open_at_end"], 40);
    EXPECT_EQ(m["overall/overall/open_at_end"], m["overall/overall/cases"] - 2);
  }
}

}  // namespace
}  // namespace supportsim
