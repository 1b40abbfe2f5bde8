// Journeys through self-service, bots, communities and agents against their closed forms
// (products of probabilities, Erlang B for a bot's session limit), and dedicated personal
// assistance. Agents are ample here, so queueing does not enter the flows.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "sim/analytic/erlang.h"
#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

std::vector<Metrics> simulate(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "omni.toml");
  return testing::metric_maps(run_replications(s, 0, s.run.replications, 2));
}

// The per-replication value of `f` is within 4 standard errors of `theory`, with the power to
// tell a wrong model (`resolution`).
void expect_rate(const std::vector<Metrics>& reps, const std::function<double(Metrics&)>& f,
                 double theory, double resolution, const char* what) {
  std::vector<double> values;
  for (Metrics m : reps) values.push_back(f(m));
  testing::expect_near_theory(values, theory, resolution, what);
}

// Help centre -> bot -> phone: help centre resolves 20%, 80% of the rest go on to the bot
// (context kept), the bot resolves 50% and hands the rest to phone without context.
const char* kChain = R"(
[run]
horizon = "5d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "600/h"
entry = { help = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { help = 0.2, bot = 0.5 }
[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "exponential", mean = "4m" }
escalate_to = "bot"
escalate_share = 0.8
context_transfer = true
cost_per_session = 0.10
[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "lognormal", mean = "3m", cv = 0.8 }
escalate_to = "phone"
cost_per_session = 0.99
fixed_cost_per_month = 3000
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 60
hourly_cost = 42
)";

TEST(Omnichannel, HelpCentreBotPhoneChainMatchesProductsOfProbabilities) {
  const auto reps = simulate(kChain);
  auto per_case = [](const char* key) {
    return [key](Metrics& m) { return m[key] / m["overall/overall/cases"]; };
  };
  expect_rate(reps, per_case("channels/help/sessions"), 1.0, 1e-9, "help sessions/case");
  expect_rate(reps, per_case("channels/bot/sessions"), 0.8 * 0.8, 0.01, "bot sessions/case");
  expect_rate(reps, per_case("channels/phone/sessions"), 0.8 * 0.8 * 0.5, 0.01,
              "phone sessions/case");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/help/deflection"]; }, 0.2, 0.01, "deflection");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/bot/containment"]; }, 0.5, 0.01, "containment");
  expect_rate(
      reps, [](Metrics& m) { return m["overall/overall/resolved_share"]; }, 0.2 + 0.64 * 0.5 + 0.32,
      0.01, "resolved share");
  expect_rate(
      reps, [](Metrics& m) { return m["overall/overall/fcr"]; }, 0.2, 0.01, "fcr");
  expect_rate(
      reps, [](Metrics& m) { return m["overall/overall/handoffs_per_case"]; }, 0.64 + 0.32, 0.01,
      "handoffs");
  expect_rate(
      reps, [](Metrics& m) { return m["overall/overall/repeats_per_case"]; }, 0.32, 0.01,
      "repeats (bot -> phone only)");
  expect_rate(reps, per_case("channels/help/gave_up"), 0.8 * 0.2, 0.01, "gave up in help centre");
  for (Metrics m : reps) {
    // Every case ends exactly once, in exactly one channel.
    EXPECT_EQ(m["channels/help/ended"] + m["channels/bot/ended"] + m["channels/phone/ended"],
              m["overall/overall/cases"]);
    EXPECT_EQ(m["channels/phone/gave_up"], 0);
    // Cost identities: per session + fixed prorated over 5 days + agents.
    EXPECT_NEAR(m["channels/help/cost"], 0.10 * m["channels/help/sessions"], 1e-6);
    EXPECT_NEAR(m["channels/bot/cost"], 0.99 * m["channels/bot/sessions"] + 3000.0 * 5 / 30, 1e-6);
    EXPECT_NEAR(m["channels/phone/cost"], 60 * 42 * 24 * 5, 1e-6);
    EXPECT_NEAR(m["overall/overall/cost"],
                m["channels/help/cost"] + m["channels/bot/cost"] + m["channels/phone/cost"], 1e-6);
    EXPECT_NEAR(m["segments/web/cost"], m["overall/overall/cost"], 1e-6);
  }
}

TEST(Omnichannel, ForumThenPhoneMatchesClosedForm) {
  // A post is answered with probability 0.9 after an exponential delay (mean 30 min); answers
  // after the 2 h give-up do not count; a timely answer resolves half the time.
  const std::string toml = R"(
[run]
horizon = "5d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "400/h"
entry = { forum = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { forum = 0.5 }
[[channel]]
name = "forum"
kind = "community"
answer_share = 0.9
first_answer = { dist = "exponential", mean = "30m" }
give_up_after = "2h"
moderators = 2
moderator_hourly_cost = 30
escalate_to = "phone"
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 40
)";
  const auto reps = simulate(toml);
  const double in_time = 0.9 * (1 - std::exp(-4.0));
  const double truncated_mean = 1800 - 7200 * std::exp(-4.0) / (1 - std::exp(-4.0));
  expect_rate(
      reps, [](Metrics& m) { return m["channels/forum/answered_share"]; }, in_time, 0.01,
      "answered share");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/forum/first_answer_mean_s"]; }, truncated_mean, 30,
      "first answer mean");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/forum/resolution_rate"]; }, in_time * 0.5, 0.01,
      "forum resolution");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/phone/sessions"] / m["overall/overall/cases"]; },
      1 - in_time * 0.5, 0.01, "phone sessions/case");
  for (Metrics m : reps) EXPECT_NEAR(m["channels/forum/cost"], 2 * 30 * 24 * 5, 1e-6);
}

TEST(Omnichannel, BotSessionLimitBlocksAsErlangB) {
  // A bot with 20 concurrent sessions and 16 erlangs offered is an M/G/20/20 loss system:
  // the share that finds it full is Erlang B(20, 16), whatever the session-time distribution.
  const std::string toml = R"(
[run]
horizon = "5d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "320/h"
entry = { bot = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { bot = 1.0 }
[[channel]]
name = "bot"
kind = "automation"
max_sessions = 20
session_time = { dist = "lognormal", mean = "3m", cv = 1.5 }
escalate_to = "phone"
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 30
)";
  const auto reps = simulate(toml);
  const double blocking = erlang_b(20, 320.0 / 60 * 3);
  expect_rate(
      reps, [](Metrics& m) { return m["channels/bot/blocked"] / m["overall/overall/cases"]; },
      blocking, 0.01, "blocked share");
  expect_rate(
      reps, [](Metrics& m) { return m["overall/overall/handoffs_per_case"]; }, blocking, 0.01,
      "blocked cases are handed off");
  for (Metrics m : reps)
    EXPECT_EQ(m["channels/bot/blocked"], m["channels/phone/sessions"]);  // bot resolves the rest
}

// Answers that were not answers: a bot resolves with p = 0.6, and a resolution fails to hold
// with r = 0.4, bringing the case back to the bot after a while; unresolved cases end there.
// Each bot session leads to another with probability pr, so bot sessions per case are
// 1 / (1 - pr), returns per case pr / (1 - pr), and the net resolution rate p (1 - r).
std::string returns_toml(const std::string& return_to,
                         const std::string& run = "horizon = \"5d\"\nreplications = 8",
                         const std::string& return_after =
                             "{ dist = \"exponential\", mean = "
                             "\"1h\" }") {
  return R"(
[run]
)" + run +
         R"(
[[segment]]
name = "web"
arrival_rate = "600/h"
entry = { bot = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { bot = 0.6 }
[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "exponential", mean = "3m" }
cost_per_session = 0.05
cost_per_resolution = 0.99
return_share = 0.4
return_after = )" +
         return_after + "\n" + return_to;
}

TEST(Omnichannel, ReturnsMatchClosedForms) {
  const double p = 0.6, r = 0.4;
  // The same with return_to given and with the default (the entry mix, here the bot alone).
  for (const std::string return_to : {"return_to = \"bot\"\n", ""}) {
    const auto reps = simulate(returns_toml(return_to));
    auto per_case = [](const char* key) {
      return [key](Metrics& m) { return m[key] / m["overall/overall/cases"]; };
    };
    expect_rate(reps, per_case("channels/bot/sessions"), 1 / (1 - p * r), 0.005,
                "bot sessions per case");
    expect_rate(
        reps, [](Metrics& m) { return m["overall/overall/returns_per_case"]; }, p * r / (1 - p * r),
        0.005, "returns per case");
    expect_rate(
        reps, [](Metrics& m) { return m["channels/bot/net_resolution_rate"]; }, p * (1 - r), 0.005,
        "net resolution rate");
    expect_rate(
        reps, [](Metrics& m) { return m["channels/bot/containment"]; }, p, 0.005,
        "containment counts every resolution");
    expect_rate(
        reps, [](Metrics& m) { return m["overall/overall/fcr"]; }, p * (1 - r), 0.005,
        "first-contact resolutions are those that held");
    expect_rate(
        reps, [](Metrics& m) { return m["overall/overall/resolved_share"]; },
        p * (1 - r) / (1 - p * r), 0.005, "resolutions that held");
    for (Metrics m : reps) {
      // A return is the same case: it ends once, and each return is one more contact.
      EXPECT_EQ(m["channels/bot/ended"], m["overall/overall/cases"]);
      EXPECT_EQ(m["overall/overall/open_at_end"], 0);
      EXPECT_DOUBLE_EQ(m["channels/bot/returned"],
                       m["overall/overall/returns_per_case"] * m["overall/overall/cases"]);
      EXPECT_DOUBLE_EQ(m["overall/overall/handoffs_per_case"],
                       m["overall/overall/returns_per_case"]);
      // Every resolution either held (the case ended resolved) or came back.
      EXPECT_NEAR(m["overall/overall/resolved_share"] * m["overall/overall/cases"],
                  m["channels/bot/resolved"] - m["channels/bot/returned"], 1e-6);
      // Priced per session and per resolution, returned ones included.
      EXPECT_NEAR(m["channels/bot/cost"],
                  0.05 * m["channels/bot/sessions"] + 0.99 * m["channels/bot/resolved"], 1e-6);
      EXPECT_NEAR(m["segments/web/cost"], m["channels/bot/cost"], 1e-6);
    }
  }
}

TEST(Omnichannel, ReturnsToAgentsRedrawTheEntryMix) {
  // Phone resolves everything, 30% of it comes back through the entry mix (phone or the help
  // centre, which resolves nothing and escalates to phone): phone sessions per case
  // 1 / (1 - 0.3), help-centre sessions per case 0.5 x 0.3 / (1 - 0.3).
  const std::string toml = R"(
[run]
horizon = "5d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "200/h"
entry = { phone = 0.5, help = 0.5 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "constant", value = "2m" }
escalate_to = "phone"
context_transfer = true
[[channel]]
name = "phone"
kind = "agents"
return_share = 0.3
return_after = { dist = "constant", value = "1d" }
[[group]]
name = "agents"
channels = ["phone"]
agents = 60
)";
  const auto reps = simulate(toml);
  auto per_case = [](const char* key) {
    return [key](Metrics& m) { return m[key] / m["overall/overall/cases"]; };
  };
  expect_rate(reps, per_case("channels/phone/sessions"), 1 / 0.7, 0.01, "phone sessions/case");
  expect_rate(reps, per_case("channels/help/sessions"), 0.5 + 0.5 * 0.3 / 0.7, 0.01,
              "help-centre sessions/case");
  expect_rate(
      reps, [](Metrics& m) { return m["channels/phone/net_resolution_rate"]; }, 0.7, 0.005,
      "phone net resolution");
  for (Metrics m : reps) {
    EXPECT_EQ(m["overall/overall/resolved_share"], 1);
    // Every case is resolved a day after its last return at the earliest.
    EXPECT_GT(m["overall/overall/resolution_time_mean_s"], 0.3 / 0.7 * 86400 * 0.95);
  }
}

TEST(Omnichannel, DrainLimitEndsCasesWaitingToComeBack) {
  // Half the bot's resolutions come back after 10 days, beyond the 2-day drain limit: the run
  // still ends, and those cases count as open (unresolved) at the end.
  const std::string toml = returns_toml("return_to = \"bot\"\n",
                                        "horizon = \"1d\"\nreplications = 2\ndrain_limit = \"2d\"",
                                        "{ dist = \"constant\", value = \"10d\" }");
  const auto reps = simulate(toml);
  for (Metrics m : reps) {
    EXPECT_GT(m["overall/overall/open_at_end"], 0);
    EXPECT_EQ(m["overall/overall/open_at_end"],
              m["overall/overall/returns_per_case"] * m["overall/overall/cases"]);
    EXPECT_EQ(m["channels/bot/ended"] + m["overall/overall/open_at_end"],
              m["overall/overall/cases"]);
  }
}

// Handle time by channel: billing takes 6 min on the phone and 12 min in chat (x 1.5 in chat
// for its handle_time_factor); tech has only a default of 10 min. Each channel has its own team,
// so busy time per session is the mean handle time there.
std::string handle_time_toml(const std::string& chat_factor) {
  return R"(
[run]
horizon = "3d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "480/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { billing = 0.5, tech = 0.5 }
[[issue]]
name = "billing"
handle_time = { phone = { dist = "exponential", mean = "6m" }, chat = { dist = "lognormal", mean = "12m", cv = 0.8 } }
[[issue]]
name = "tech"
handle_time = { default = { dist = "exponential", mean = "10m" } }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "chat"
kind = "agents"
handle_time_factor = )" +
         chat_factor + R"(
[[group]]
name = "phone_team"
channels = ["phone"]
agents = 50
[[group]]
name = "chat_team"
channels = ["chat"]
agents = 100
)";
}

TEST(Omnichannel, HandleTimeByChannelWithFactor) {
  const auto reps = simulate(handle_time_toml("1.5"));
  auto busy_per_session = [](const char* group, const char* channel) {
    return [group, channel](Metrics& m) {
      const std::string g = std::string("groups/") + group + "/";
      return m[g + "occupancy"] * m[g + "agent_hours"] * 60 /
             m[std::string("channels/") + channel + "/sessions"];
    };
  };
  expect_rate(reps, busy_per_session("phone_team", "phone"), 0.5 * 6 + 0.5 * 10, 0.25,
              "phone minutes per session");
  expect_rate(reps, busy_per_session("chat_team", "chat"), 1.5 * (0.5 * 12 + 0.5 * 10), 0.4,
              "chat minutes per session");
}

TEST(Omnichannel, ChangingOneChannelsHandleTimeLeavesTheOtherAlone) {
  // Each case draws its handle times from its own generator, seeded at birth: slowing chat
  // down changes no phone figure at all (common random numbers).
  const auto before = simulate(handle_time_toml("1.5"));
  const auto after = simulate(handle_time_toml("2.5"));
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    Metrics a = before[i], b = after[i];
    for (const char* key : {"channels/phone/sessions", "channels/phone/asa_s",
                            "groups/phone_team/occupancy", "channels/phone/answered"})
      EXPECT_EQ(a[key], b[key]) << key;
    EXPECT_LT(a["groups/chat_team/occupancy"], b["groups/chat_team/occupancy"]);
  }
}

// Enterprise customers have one named account manager, at work 08:00-20:00 and busy half the
// time; a large general team is always there. While the manager is at work, nobody else may
// answer an enterprise case before backup_after; when the manager is away, the general queue
// takes it at once.
std::string dedicated_toml(const std::string& backup_after) {
  return R"(
[run]
horizon = "4d"
replications = 4
interval = "1h"
[targets.phone]
answer_within = "61s"
[[segment]]
name = "enterprise"
arrival_rate = "6/h"
priority = 1
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[segment]]
name = "consumer"
arrival_rate = "60/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "manager"
channels = ["phone"]
dedicated_to = "enterprise"
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
)" + backup_after +
         R"(
[[group]]
name = "general"
channels = ["phone"]
agents = 20
)";
}

TEST(Omnichannel, DedicatedCustomersWaitForTheirManagerUntilBackup) {
  // Without backup, enterprise cases wait while their manager is busy although the general
  // team is idle: they reach no one else (M/M/1 at 50% in the day: ~40% wait over a minute).
  auto reps = simulate(dedicated_toml(""));
  for (Metrics m : reps) {
    EXPECT_LT(m["segments/enterprise/service_level"], 0.85);
    EXPECT_GT(m["segments/enterprise/asa_s"], 30);
    EXPECT_GT(m["segments/consumer/service_level"], 0.999);
  }
  // With backup after one minute, the idle general team answers every case that waited that
  // long: all enterprise cases are answered within 61 s.
  reps = simulate(dedicated_toml("backup_after = \"1m\""));
  for (Metrics m : reps) {
    EXPECT_DOUBLE_EQ(m["segments/enterprise/service_level"], 1.0);
    EXPECT_GT(m["segments/enterprise/asa_s"], 5);  // some do wait the minute
    EXPECT_GT(m["groups/manager/occupancy"], 0.2);
  }
}

TEST(Omnichannel, DedicatedGroupServesNoOtherSegment) {
  // In the day only the manager is on duty: consumer cases must wait for the evening team
  // even though the manager has time (5 erlangs of consumers would fill them).
  std::string toml = dedicated_toml("backup_after = \"1m\"");
  toml.replace(
      toml.find("agents = 20"), 11,
      "schedule = [9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9]");
  for (Metrics m : simulate(toml)) {
    EXPECT_LT(m["segments/consumer/service_level"], 0.6);
    EXPECT_LT(m["groups/manager/occupancy"], 0.7);  // enterprise alone: ~0.5; with consumers: ~1
  }
}

// A dedicated group without agents (the schedule at zero all day, or no head count at all)
// names nobody: its segment's cases go to the general queue, whether the customers are known
// (a population) or anonymous (open arrivals). The group is listed after the general team, so
// a wrong named agent would be one of the team's.
std::string no_manager_toml(const std::string& enterprise, const std::string& manager) {
  return R"(
[run]
horizon = "2d"
replications = 2
interval = "1h"
[[segment]]
name = "enterprise"
)" + enterprise +
         R"(
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[segment]]
name = "consumer"
arrival_rate = "60/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "general"
channels = ["phone"]
agents = 20
[[group]]
name = "manager"
channels = ["phone"]
dedicated_to = "enterprise"
)" + manager +
         "\n";
}

TEST(Omnichannel, DedicatedGroupWithoutAgentsSendsCasesToTheGeneralQueue) {
  const std::string zero_day =
      "schedule = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";
  for (const std::string& enterprise : {std::string("arrival_rate = \"6/h\""),
                                        std::string("customers = 300\ncontact_rate = \"0.5/d\"")})
    for (const std::string& manager : {zero_day, std::string("agents = 0")}) {
      SCOPED_TRACE(enterprise + " / " + manager);
      // 5.5 erlangs on 20 agents: hardly anyone waits, enterprise customers no more than others.
      for (Metrics m : simulate(no_manager_toml(enterprise, manager))) {
        EXPECT_GT(m["segments/enterprise/answered"], 200);
        EXPECT_LT(m["segments/enterprise/wait_prob"], 0.01);
        EXPECT_EQ(m["groups/manager/agent_hours"], 0);
      }
    }
}

// Two segments: "key" with six dedicated managers (about 5% busy), "mass" on a nine-agent
// team (about 47% busy) through a help centre that resolves half its cases.
std::string two_segments_toml(const std::string& manager_cost) {
  return R"(
[run]
horizon = "2d"
replications = 2
[[segment]]
name = "key"
arrival_rate = "4/h"
entry = { phone = 1.0 }
issues = { q = 1.0 }
[[segment]]
name = "mass"
arrival_rate = "60/h"
entry = { phone = 0.7, help = 0.3 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { help = 0.5 }
[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "constant", value = "2m" }
escalate_to = "phone"
cost_per_session = 0.1
fixed_cost_per_month = 3000
[[channel]]
name = "phone"
kind = "agents"
fixed_cost_per_month = 1000
[[group]]
name = "managers"
channels = ["phone"]
dedicated_to = "key"
agents = 6
hourly_cost = )" +
         manager_cost +
         R"(
[[group]]
name = "team"
channels = ["phone"]
agents = 9
hourly_cost = 40
)";
}

TEST(Omnichannel, ASegmentPaysOnlyForTheAgentTimeItUsed) {
  const auto paid = simulate(two_segments_toml("80"));
  const auto free = simulate(two_segments_toml("0"));
  for (std::size_t r = 0; r < paid.size(); ++r) {
    Metrics p = paid[r], f = free[r];
    EXPECT_GT(p["groups/managers/cost"], 0);
    // The managers' cost is the key segment's alone.
    EXPECT_NEAR(p["segments/mass/cost"], f["segments/mass/cost"], 1e-9 * f["segments/mass/cost"]);
    EXPECT_NEAR(p["segments/key/cost"] - f["segments/key/cost"], p["groups/managers/cost"],
                1e-9 * p["groups/managers/cost"]);
    // Nothing is lost or counted twice.
    EXPECT_NEAR(p["segments/key/cost"] + p["segments/mass/cost"], p["overall/overall/cost"],
                1e-9 * p["overall/overall/cost"]);
    // The team only served mass: all its cost, and the help centre's, are mass's.
    EXPECT_GT(p["segments/mass/cost"], p["groups/team/cost"] + 3000.0 * 2 / 30);
  }
}

TEST(Omnichannel, ChannelOccupancyIsThatOfTheAgentsTheChannelCanDrawOn) {
  // The idle managers keep their time for key customers: phone is as busy as its team.
  for (Metrics m : simulate(two_segments_toml("80"))) {
    EXPECT_GT(m["groups/team/occupancy"], 0.35);
    EXPECT_LT(m["groups/managers/occupancy"], 0.1);
    EXPECT_DOUBLE_EQ(m["channels/phone/occupancy"], m["groups/team/occupancy"]);
    EXPECT_DOUBLE_EQ(m["channels/phone/available_agent_hours"], m["groups/team/agent_hours"]);
  }
}

}  // namespace
}  // namespace supportsim
