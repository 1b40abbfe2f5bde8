// The staffing search and its out-of-sample check on small cases whose random numbers stay in
// step across plans (no escalation, no retry): stationary Erlang C queues where the plan must
// be the exact smallest head count, a time-varying day where every interval must meet its
// target on fresh random numbers and the plan must be minimal under the search's rule, two
// groups with overlapping skills planned jointly, absenteeism and an occupancy cap.

#include <gtest/gtest.h>

#include <optional>

#include "sim/analytic/erlang.h"
#include "sim/experiment/staffing.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace {

StaffingOptions options(bool verify = false) {
  StaffingOptions o;
  o.jobs = 2;
  o.max_simulations = 200;
  o.verify_minimal = verify;
  return o;
}

// Every interval meets on the search's random numbers and on the check's fresh ones.
void expect_every_interval_meets(const StaffingResult& r) {
  ASSERT_TRUE(r.search.evaluation.all_met());
  ASSERT_TRUE(r.evaluation.all_met());
  for (const auto& row : r.evaluation.outcomes)
    for (const IntervalOutcome& o : row) EXPECT_TRUE(o.meets);
  EXPECT_NE(r.evaluation.seed, r.search.evaluation.seed);
}

// 3 erlangs (60/h x 3 min), target 87% within 20 s: Erlang C gives 81.1% with 5 agents and
// 92.9% with 6, both about four 95% half-widths away from the target with 30 replications
// of 2-hour intervals, so the simulation cannot mistake one for the other.
const char* kStationary = R"([run]
horizon = "12h"
warmup = "2h"
interval = "2h"
replications = 30
[targets]
answer_within = "20s"
service_level = 0.87
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
name = "agents"
channels = ["phone"]
agents = 1
hourly_cost = 40
shrinkage = 0.3
)";

TEST(StaffingSearch, StationaryErlangCPlanIsTheExactSmallestHeadCount) {
  const int exact = smallest_agents(60 / 3600.0, 180, 20, 0.87, std::nullopt, std::nullopt);
  ASSERT_EQ(exact, 6);
  const Scenario s = load_scenario_string(kStationary, "stationary.toml");
  const StaffingResult r = plan_staffing(s, options());
  expect_every_interval_meets(r);
  EXPECT_TRUE(r.search.minimal);
  for (int slot = 0; slot < r.grid.slots(); ++slot) {
    EXPECT_EQ(r.closed_form.group_agents[0][slot], exact) << "slot " << slot;
    EXPECT_EQ(r.plan.agents[0][slot], exact) << "slot " << slot;
  }
  // The figures are those of exactly this plan.
  EXPECT_EQ(r.planned.groups[0].schedule.at(s.run.warmup_s), exact);
}

// A morning: from 02:00 the rate climbs from 16/h to 144/h (hourly profile), customers abandon
// (Erlang A start) and the target also caps abandonment.
const char* kDay = R"([run]
horizon = "10h"
warmup = "2h"
interval = "1h"
replications = 20
[targets]
answer_within = "20s"
service_level = 0.8
max_abandonment = 0.05
[profile]
daily = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.7, 1.8, 1.5, 1.2, 1.4, 1.2, 0.9, 0.6,
         0.3, 0.2, 0.2, 0.2, 0.2, 0.2]
[[segment]]
name = "callers"
arrival_rate = "80/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "3m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 1
hourly_cost = 40
)";

TEST(StaffingSearch, TimeVaryingPlanMeetsEveryIntervalAndIsMinimal) {
  const Scenario s = load_scenario_string(kDay, "day.toml");
  const StaffingResult r = plan_staffing(s, options());
  expect_every_interval_meets(r);
  EXPECT_TRUE(r.search.minimal);
  // The plan follows the load: more agents at 11:00 than at 02:00.
  EXPECT_GT(r.plan.agents[0][r.grid.warmup_slots() + 9],
            r.plan.agents[0][r.grid.warmup_slots()] + 5);
  // The definition, checked independently: the rule accepts no single removal of the search's
  // plan.
  int simulations = 0;
  EXPECT_TRUE(removable_agents(s, r.search, options(), &simulations).empty());
  EXPECT_GT(simulations, 0);
}

// One queue, two issues; billing specialists (cheap) and all-rounders (dearer, every skill).
const char* kMultiSkill = R"([run]
horizon = "8h"
warmup = "1h"
interval = "2h"
replications = 20
[targets]
answer_within = "30s"
service_level = 0.8
[[segment]]
name = "callers"
arrival_rate = "90/h"
entry = { phone = 1.0 }
issues = { billing = 0.6, tech = 0.4 }
patience = { dist = "exponential", mean = "5m" }
[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "4m" }
[[issue]]
name = "tech"
handle_time = { dist = "exponential", mean = "6m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "billing_team"
channels = ["phone"]
skills = ["billing"]
agents = 1
hourly_cost = 40
[[group]]
name = "all_round"
channels = ["phone"]
agents = 1
hourly_cost = 60
)";

TEST(StaffingSearch, GroupsWithOverlappingSkillsArePlannedJointly) {
  const Scenario s = load_scenario_string(kMultiSkill, "multi.toml");
  const StaffingResult r = plan_staffing(s, options(true));
  expect_every_interval_meets(r);
  EXPECT_TRUE(r.search.verified_minimal);
  // Both groups staff every interval, and no agent of either can go (verify_minimal tried
  // each single removal alone).
  for (int slot = r.grid.warmup_slots(); slot < r.grid.slots(); ++slot) {
    EXPECT_GT(r.plan.agents[0][slot], 0);
    EXPECT_GT(r.plan.agents[1][slot], 0);
  }
  // Pooling needs no more than the closed form's separate queues.
  const StaffingPlan separate{r.plan.planned, r.closed_form.group_agents};
  EXPECT_LE(r.plan.total_window_agents(r.grid), separate.total_window_agents(r.grid));
}

TEST(StaffingSearch, NoPlanWithinTheBudgetIsAnErrorNotAPartialPlan) {
  // With a tight target, the closed form, interval by interval, leaves a queue to the next
  // interval on the ramp-up and misses; a budget of one simulation leaves no room to correct it.
  const Scenario s = load_scenario_string(
      kDay, "day.toml", {{"targets.service_level", "0.97"}, {"targets.answer_within", "5s"}});
  StaffingOptions o = options();
  o.max_simulations = 1;
  try {
    search_staffing(s, o);
    FAIL() << "expected a StaffingError";
  } catch (const StaffingError& e) {
    EXPECT_NE(std::string(e.what()).find("within 1 simulations"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace supportsim

namespace supportsim {
namespace {

// A group losing 25% of its agent-days: the plan schedules enough that the agents present meet
// the target, and the absent are not paid.
TEST(StaffingSearch, AbsenteeismIsScheduledForAndNotPaid) {
  const Scenario s = load_scenario_string(kStationary, "absent.toml",
                                          {{"group.agents.absenteeism", "0.25"},
                                           {"run.horizon", "1d"},
                                           {"run.interval", "4h"},
                                           {"run.replications", "20"}});
  const StaffingResult r = plan_staffing(s, options());
  expect_every_interval_meets(r);
  for (int slot = r.grid.warmup_slots(); slot < r.grid.slots(); ++slot)
    EXPECT_GE(r.plan.agents[0][slot], 8) << "slot " << slot;  // 6 / (1 - 0.25)
  // On-duty (paid) hours are about 75% of the scheduled ones.
  const double scheduled_hours = r.plan.total_window_agents(r.grid) * 4.0;
  const MetricSummary* hours = r.evaluation.summary.find("groups", "agents", "agent_hours");
  ASSERT_NE(hours, nullptr);
  const double on_duty_hours = hours->estimate.mean;
  EXPECT_NEAR(on_duty_hours / scheduled_hours, 0.75, 0.12);  // about 160 agent-days
}

// An occupancy cap the service level alone would not need: 3 erlangs at a 50% target need
// about 4 agents, a 60% cap needs 5.
TEST(StaffingSearch, NeverPlansAboveTheOccupancyCap) {
  const Scenario s = load_scenario_string(kStationary, "capped.toml",
                                          {{"targets.service_level", "0.5"},
                                           {"group.agents.max_occupancy", "0.6"},
                                           {"run.replications", "20"}});
  const StaffingResult r = plan_staffing(s, options());
  expect_every_interval_meets(r);
  for (int slot = 0; slot < r.grid.slots(); ++slot)
    EXPECT_GE(r.closed_form.group_agents[0][slot], 5) << "slot " << slot;
  for (const auto& row : r.evaluation.outcomes)
    EXPECT_LE(row[0].occupancy.value, 0.6) << row[0].occupancy.value;
}

}  // namespace
}  // namespace supportsim
