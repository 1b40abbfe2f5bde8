// The closed-form start of the staffing search: expected load per slot (entry arrivals and
// escalation chains), Erlang C / A head counts with concurrency, the split between groups;
// and the ratio interval used to judge simulated intervals.

#include "sim/experiment/staffing_closed_form.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/analytic/erlang.h"
#include "sim/core/statistics.h"
#include "sim/experiment/staffing_evaluation.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace {

const char* kEscalation = R"([run]
horizon = "2h"
interval = "1h"
[targets]
answer_within = "20s"
service_level = 0.8
[targets.tier2]
answer_within = "1m"
service_level = 0.7
[[segment]]
name = "callers"
arrival_rate = "120/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { billing = 1.0 }
patience = { phone = { dist = "exponential", mean = "4m" } }
[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { phone = 0.75, chat = 0.5, tier2 = 1.0 }
[[channel]]
name = "phone"
kind = "agents"
escalate_to = "tier2"
repeat_penalty = 1.5
[[channel]]
name = "chat"
kind = "agents"
concurrency = 2
escalate_to = "tier2"
escalate_share = 0.5
context_transfer = true
[[channel]]
name = "tier2"
kind = "agents"
[[group]]
name = "front"
channels = ["phone", "chat"]
agents = 10
[[group]]
name = "experts"
channels = ["tier2"]
agents = 2
)";

TEST(StaffingClosedForm, LoadFollowsEscalationChains) {
  const Scenario s = load_scenario_string(kEscalation, "esc.toml");
  const StaffingGrid grid(s.run);
  const ClosedFormStaffing cf = closed_form_staffing(s, grid, plannable_groups(s));
  ASSERT_EQ(cf.load.size(), 2u);
  const SlotLoad& phone = cf.load[0][0][0];
  const SlotLoad& chat = cf.load[0][1][0];
  const SlotLoad& tier2 = cf.load[0][2][0];
  EXPECT_NEAR(phone.cases, 60, 1e-9);
  EXPECT_NEAR(phone.work_s, 60 * 300, 1e-6);
  EXPECT_NEAR(phone.abandon_weight, 60 / 240.0, 1e-12);
  EXPECT_NEAR(chat.cases, 60, 1e-9);
  EXPECT_EQ(chat.abandon_weight, 0);
  // tier2: 60 x 0.25 from phone (handle x 1.5, no context) + 60 x 0.5 x 0.5 from chat.
  EXPECT_NEAR(tier2.cases, 15 + 15, 1e-9);
  EXPECT_NEAR(tier2.work_s, 15 * 300 * 1.5 + 15 * 300, 1e-6);
}

TEST(StaffingClosedForm, HeadCountsAreErlangAOrCWithConcurrency) {
  const Scenario s = load_scenario_string(kEscalation, "esc.toml");
  const StaffingGrid grid(s.run);
  const ClosedFormStaffing cf = closed_form_staffing(s, grid, plannable_groups(s));
  const double rate = 60 / 3600.0;
  const int phone = smallest_agents(rate, 300, 20, 0.8, std::nullopt, 240.0);  // Erlang A
  const int chat_servers = smallest_agents(rate, 300, 20, 0.8, std::nullopt, std::nullopt);
  const int chat = (chat_servers + 1) / 2;  // two sessions per agent
  const int tier2 = smallest_agents(30 / 3600.0, 375, 60, 0.7, std::nullopt, std::nullopt);
  EXPECT_EQ(cf.channel_agents[0][0], phone);
  EXPECT_EQ(cf.channel_agents[0][1], chat);
  EXPECT_EQ(cf.channel_agents[0][2], tier2);
  // A group answering two channels gets the sum (as separate queues).
  EXPECT_EQ(cf.group_agents[0][0], phone + chat);
  EXPECT_EQ(cf.group_agents[1][1], tier2);
  EXPECT_TRUE(cf.carries[0][0]);
  EXPECT_FALSE(cf.carries[2][0]);
}

TEST(StaffingClosedForm, NoLoadNeedsNobody) {
  SlotLoad none;
  EXPECT_EQ(closed_form_agents(none, 1800, ServiceTarget{}, 1), 0);
}

TEST(StaffingClosedForm, EachSkillGoesToTheFirstListedGroupWithIt) {
  const char* toml = R"([run]
horizon = "1h"
interval = "1h"
[[segment]]
name = "callers"
arrival_rate = "100/h"
entry = { phone = 1.0 }
issues = { billing = 0.5, tech = 0.5 }
[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "4m" }
[[issue]]
name = "tech"
handle_time = { dist = "exponential", mean = "8m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "billing_team"
channels = ["phone"]
skills = ["billing"]
agents = 1
[[group]]
name = "everyone"
channels = ["phone"]
agents = 1
[[group]]
name = "spare"
channels = ["phone"]
agents = 1
)";
  const Scenario s = load_scenario_string(toml, "skills.toml");
  const ClosedFormStaffing cf = closed_form_staffing(s, StaffingGrid(s.run), plannable_groups(s));
  const double rate = 50 / 3600.0;
  EXPECT_EQ(cf.group_agents[0][0], smallest_agents(rate, 240, 20, 0.8, std::nullopt, std::nullopt));
  EXPECT_EQ(cf.group_agents[1][0], smallest_agents(rate, 480, 20, 0.8, std::nullopt, std::nullopt));
  EXPECT_EQ(cf.group_agents[2][0], 0);
  EXPECT_FALSE(cf.carries[0][2]);
}

TEST(StaffingEvaluation, PooledRatioAndItsInterval) {
  // Equal denominators: the interval is the Student-t interval of the per-replication ratios.
  const RatioEstimate r = pooled_ratio({8, 6, 7}, {10, 10, 10});
  EXPECT_DOUBLE_EQ(r.value, 0.7);
  const double half = student_t_975(2) * 0.1 / std::sqrt(3.0);
  EXPECT_NEAR(r.ci95_low, 0.7 - half, 1e-12);
  EXPECT_NEAR(r.ci95_high, 0.7 + half, 1e-12);
  // Pooled, not averaged: 1/1 and 0/9 give 0.1, not 0.5.
  EXPECT_DOUBLE_EQ(pooled_ratio({1, 0}, {1, 9}).value, 0.1);
  // Nothing offered: undefined; one replication: the point itself.
  EXPECT_TRUE(std::isnan(pooled_ratio({0, 0}, {0, 0}).value));
  const RatioEstimate one = pooled_ratio({3}, {4});
  EXPECT_EQ(one.ci95_low, 0.75);
  EXPECT_EQ(one.ci95_high, 0.75);
}

}  // namespace
}  // namespace supportsim
