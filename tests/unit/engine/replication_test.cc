// The SimGrid engine end to end on small scenarios: conservation (every case ends exactly once),
// Little's law, shifts, concurrency, retries, escalation, determinism.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

Metrics index(const ReplicationOutput& o) { return testing::metric_map(o); }

// Two tiers with partial resolution, escalation with give-ups, impatient customers who retry,
// a day/night schedule and a chat channel with concurrency: every path of a journey.
const char* kJourneys = R"(
[run]
horizon = "2d"
warmup = "6h"
replications = 4
interval = "1h"
[[segment]]
name = "web"
arrival_rate = "60/h"
entry = { phone = 0.6, chat = 0.4 }
issues = { billing = 0.7, tech = 0.3 }
patience = { dist = "exponential", mean = "2m" }
[[segment]]
name = "vip"
priority = 2
arrival_rate = "10/h"
entry = { phone = 1.0 }
issues = { billing = 0.5, tech = 0.5 }
[[issue]]
name = "billing"
handle_time = { dist = "lognormal", mean = "5m", cv = 1.0 }
resolve = { phone = 0.8, chat = 0.7, tier2 = 0.9 }
[[issue]]
name = "tech"
handle_time = { dist = "gamma", mean = "8m", cv = 0.7 }
resolve = { phone = 0.5, chat = 0.5, tier2 = 0.95 }
[[channel]]
name = "phone"
kind = "agents"
escalate_to = "tier2"
escalate_share = 0.8
retry_share = 0.5
retry_delay = { dist = "exponential", mean = "10m" }
[[channel]]
name = "chat"
kind = "agents"
concurrency = 2
escalate_to = "tier2"
context_transfer = true
[[channel]]
name = "tier2"
kind = "agents"
[[group]]
name = "front"
channels = ["phone", "chat"]
schedule = [2, 2, 2, 2, 2, 2, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2, 2, 2]
hourly_cost = 40
shrinkage = 0.3
[[group]]
name = "tier2"
channels = ["tier2"]
agents = 3
hourly_cost = 70
)";

class JourneyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(load_scenario_string(kJourneys, "journeys.toml"));
    outputs_ = new std::vector<ReplicationOutput>(run_replications(*scenario_, 0, 4, 2));
  }
  static void TearDownTestSuite() {
    delete outputs_;
    delete scenario_;
  }
  static Scenario* scenario_;
  static std::vector<ReplicationOutput>* outputs_;
};
Scenario* JourneyTest::scenario_ = nullptr;
std::vector<ReplicationOutput>* JourneyTest::outputs_ = nullptr;

TEST_F(JourneyTest, EveryCaseEndsExactlyOnce) {
  for (const auto& o : *outputs_) {
    Metrics m = index(o);
    EXPECT_GT(m["overall/overall/cases"], 3000);
    const double resolved = m["overall/overall/resolved_share"] * m["overall/overall/cases"];
    EXPECT_NEAR(resolved + m["overall/overall/unresolved"], m["overall/overall/cases"], 1e-6);
    for (const char* seg : {"web", "vip"}) {
      const std::string s = std::string("segments/") + seg + "/";
      EXPECT_NEAR(m[s + "resolved_share"] * m[s + "cases"] + m[s + "unresolved"], m[s + "cases"],
                  1e-6);
    }
    // Each offer is answered, abandoned or still waiting at the end.
    for (const char* ch : {"phone", "chat", "tier2"}) {
      const std::string c = std::string("channels/") + ch + "/";
      EXPECT_EQ(m[c + "offered"], m[c + "answered"] + m[c + "abandoned"] + m[c + "open_at_end"])
          << ch;
      EXPECT_EQ(m[c + "sessions"], m[c + "answered"]) << ch;
    }
    EXPECT_EQ(m["overall/overall/open_at_end"], 0);  // the drain followed everything to its end
    // Every escalation is an offer to tier 2.
    EXPECT_EQ(m["channels/phone/escalated"] + m["channels/chat/escalated"],
              m["channels/tier2/offered"]);
    // Resolved cases in channels add up to resolved cases.
    EXPECT_NEAR(
        m["channels/phone/resolved"] + m["channels/chat/resolved"] + m["channels/tier2/resolved"],
        m["overall/overall/resolved_share"] * m["overall/overall/cases"], 1e-6);
  }
}

TEST_F(JourneyTest, RetriesOfferAgainAndEscalationsHandOff) {
  Metrics m = index(outputs_->front());
  const double web_phone_cases = m["segments/web/cases"] * 0.6;
  EXPECT_GT(m["channels/phone/abandoned"], 50);
  // Retries come back: more phone offers than cases that entered by phone.
  EXPECT_GT(m["channels/phone/offered"], web_phone_cases + m["segments/vip/cases"]);
  EXPECT_GT(m["overall/overall/handoffs_per_case"], 0.05);
  // Chat transfers context, phone does not: fewer repeats than handoffs.
  EXPECT_GT(m["overall/overall/repeats_per_case"], 0);
  EXPECT_LT(m["overall/overall/repeats_per_case"], m["overall/overall/handoffs_per_case"]);
  EXPECT_LT(m["overall/overall/fcr"], m["overall/overall/resolved_share"]);
}

TEST_F(JourneyTest, BusyTimeIntegralEqualsTheSumOfSessions) {
  // Little's law for the agents: the time-integral of capacity in use equals the sum over
  // sessions of their length x capacity share, measured independently.
  for (const auto& o : *outputs_)
    EXPECT_NEAR(o.total_busy_capacity_s, o.total_session_capacity_s,
                1e-9 * o.total_session_capacity_s);
}

TEST_F(JourneyTest, ScheduleSetsTheHeadCountOnDuty) {
  // The front schedule averages 99/24 = 4.125 agents; agents finishing a call after their
  // shift add a little on top.
  for (const auto& o : *outputs_) {
    Metrics m = index(o);
    EXPECT_GE(m["groups/front/agents_mean"], 4.125 - 1e-9);
    EXPECT_LT(m["groups/front/agents_mean"], 4.2);
    EXPECT_DOUBLE_EQ(m["groups/tier2/agents_mean"], 3);
    // Interval by interval (window starts at 06:00, hourly intervals).
    const auto& intervals = o.intervals;
    EXPECT_DOUBLE_EQ(intervals[0][0].on_duty_agent_s / 3600, 4);  // 06:00-07:00
    EXPECT_DOUBLE_EQ(intervals[3][0].on_duty_agent_s / 3600, 6);  // 09:00-10:00
    EXPECT_GE(intervals[16][0].on_duty_agent_s / 3600, 2);        // 22:00-23:00
  }
}

TEST_F(JourneyTest, CostIdentities) {
  for (const auto& o : *outputs_) {
    Metrics m = index(o);
    // Paid hours = on-duty hours / (1 - shrinkage); cost = paid hours x hourly cost.
    EXPECT_NEAR(m["groups/front/paid_hours"], m["groups/front/agent_hours"] / 0.7, 1e-6);
    EXPECT_NEAR(m["groups/front/cost"], m["groups/front/paid_hours"] * 40, 1e-6);
    EXPECT_NEAR(m["groups/tier2/cost"], 3 * 48 * 70, 1e-6);
    // Channels share out the group costs; overall is their sum, and so is the segments' sum.
    const double channels =
        m["channels/phone/cost"] + m["channels/chat/cost"] + m["channels/tier2/cost"];
    const double groups = m["groups/front/cost"] + m["groups/tier2/cost"];
    EXPECT_NEAR(channels, groups, 1e-6 * groups);
    EXPECT_NEAR(m["overall/overall/cost"], channels, 1e-6 * groups);
    EXPECT_NEAR(m["segments/web/cost"] + m["segments/vip/cost"], channels, 1e-6 * groups);
    EXPECT_NEAR(m["overall/overall/cost_per_case"],
                m["overall/overall/cost"] / m["overall/overall/cases"], 1e-9);
  }
}

TEST_F(JourneyTest, SameSeedSameResultsWhateverTheWorkers) {
  const auto serial = run_replications(*scenario_, 0, 4, 1);
  ASSERT_EQ(serial.size(), outputs_->size());
  for (std::size_t i = 0; i < serial.size(); ++i)
    EXPECT_EQ(serialize(serial[i]), serialize((*outputs_)[i]));
}

TEST(Replication, DifferentSeedsGiveDifferentResults) {
  Scenario a = load_scenario_string(kJourneys, "j.toml", {{"run.horizon", "6h"}});
  Scenario b =
      load_scenario_string(kJourneys, "j.toml", {{"run.horizon", "6h"}, {"run.seed", "2"}});
  EXPECT_NE(serialize(run_replications(a, 0, 1, 1)[0]), serialize(run_replications(b, 0, 1, 1)[0]));
}

TEST(Replication, DrainLimitCountsCasesStillOpenAsUnresolved) {
  // Nobody answers at night: cases arriving just before a night-long gap wait past the drain
  // limit; they are reported open and unresolved, not lost.
  const char* toml = R"(
[run]
horizon = "23h"
replications = 1
interval = "1h"
drain_limit = "30m"
[[segment]]
name = "s"
arrival_rate = "30/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "constant", value = "5m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "g"
channels = ["phone"]
schedule = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0]
)";
  const Scenario s = load_scenario_string(toml, "night.toml");
  Metrics m = index(run_replications(s, 0, 1, 1)[0]);
  EXPECT_GT(m["overall/overall/open_at_end"], 5);
  EXPECT_EQ(m["channels/phone/open_at_end"], m["overall/overall/open_at_end"]);
  EXPECT_NEAR(m["overall/overall/resolved_share"] * m["overall/overall/cases"] +
                  m["overall/overall/unresolved"],
              m["overall/overall/cases"], 1e-9);
}

}  // namespace
}  // namespace supportsim
