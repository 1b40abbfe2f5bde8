#include "sim/io/scenario_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sim/io/loader.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

std::string data_dir() {
  return (fs::absolute(fs::path(__FILE__)).parent_path() / "../../data/io").lexically_normal();
}

constexpr std::string_view kMinimal = R"([run]
horizon = "8h"

[[segment]]
name = "smb"
arrival_rate = "100/h"
monthly_revenue = 0.0
acquisition_cost = 0.0
entry = { phone = 0.7, chat = 0.3 }
issues = { billing = 0.6, tech = 0.4 }

[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }

[[issue]]
name = "tech"
handle_time = { dist = "lognormal", mean = "8m", cv = 0.5 }

[[channel]]
name = "phone"
kind = "agents"

[[channel]]
name = "chat"
kind = "agents"

[[group]]
name = "tier1"
channels = ["phone", "chat"]
agents = 10
)";

// Every key of scenarios/README.md that this version supports, and every distribution kind but empirical.
constexpr std::string_view kFull = R"([run]
name = "full"
horizon = "1w"
warmup = "1d"
replications = 3
seed = 42
interval = "1h"
drain_limit = "2d"

[targets]
answer_within = "30s"
service_level = 0.9
max_abandonment = 0.05

[targets."live chat"]
answer_within = "1m"

[profile]
daily = [1, 2, 3.5]
weekly = [1, 1, 1, 1, 1, 0.5, 0.5]
busyness_cv = 0.1

[[segment]]
name = "smb"
arrival_rate = "2000/month"
entry = { phone = 0.25, "live chat" = 0.75 }
issues = { billing = 0.5, tech = 0.5 }
patience = { phone = { dist = "uniform", min = "1m", max = "5m" }, "live chat" = { dist = "weibull", mean = "4m", shape = 0.7 } }
priority = -1
profile = { weekly = [2, 2, 2, 2, 2, 1, 1] }

[[segment]]
name = "vip"
arrival_rate = "0.37/h"
entry = { phone = 1 }
issues = { tech = 1 }
patience = { dist = "gamma", mean = "90s", cv = 1.3 }
priority = 5

[[issue]]
name = "billing"
handle_time = { dist = "constant", value = "4m30s" }
resolve = { phone = 0.9, "live chat" = 0.7 }
skill = "money"

[[issue]]
name = "tech"
handle_time = { phone = { dist = "lognormal", mean = "8m", cv = 0.5 }, "live chat" = { dist = "gamma", mean = "12m", cv = 0.8 } }

[[issue]]
name = "login"
handle_time = { phone = { dist = "constant", value = "3m" }, default = { dist = "exponential", mean = "4m" } }

[[channel]]
name = "phone"
kind = "agents"
cost_per_session = 1.5
cost_per_resolution = 0.25
fixed_cost_per_month = 200
return_share = 0.2
return_after = { dist = "lognormal", mean = "3d", cv = 1.5 }
return_to = "live chat"
retry_share = 0.4
retry_delay = { dist = "exponential", mean = "15m" }
handle_time_factor = 1.25

[[channel]]
name = "live chat"
kind = "agents"
escalate_to = "phone"
escalate_share = 0.6
context_transfer = true
repeat_penalty = 1.35
concurrency = 3
retry_share = 0.1
retry_delay = "10m"

[[group]]
name = "tier1"
channels = ["phone", "live chat"]
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 6, 6, 6, 6, 6, 6, 6, 4, 2, 0, 0, 0, 0, 0]
hourly_cost = 31.25
shrinkage = 0.35
proactive_share = 0.125

[[group]]
name = "specialists"
channels = ["phone"]
skills = ["tech"]
agents = 2
hourly_cost = 45
)";

TEST(ScenarioWriterTest, WritesEveryDefaultInSpecOrder) {
  const Scenario s = load_scenario_string(kMinimal, "scenarios/small.toml");
  EXPECT_EQ(scenario_to_toml(s),
            R"(# The fully resolved scenario: every default written out, overrides applied.

[run]
name = "small"
horizon = "8h"
warmup = "0s"
replications = 10
seed = 1
interval = "30m"
drain_limit = "30d"
monthly_discount_rate = 0.01

[targets]
answer_within = "20s"
service_level = 0.8

[profile]
busyness_cv = 0.0

[[segment]]
name = "smb"
arrival_rate = "100/h"
monthly_revenue = 0.0
acquisition_cost = 0.0
entry = { phone = 0.7, chat = 0.3 }
issues = { billing = 0.6, tech = 0.4 }
priority = 0
recontact_share = 0.0
recontact_after = { dist = "exponential", mean = "2d" }

[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { phone = 1.0, chat = 1.0 }
skill = "billing"

[[issue]]
name = "tech"
handle_time = { dist = "lognormal", mean = "8m", cv = 0.5 }
resolve = { phone = 1.0, chat = 1.0 }
skill = "tech"

[[channel]]
name = "phone"
kind = "agents"
escalate_share = 1.0
context_transfer = false
repeat_penalty = 1.2
cost_per_session = 0.0
cost_per_resolution = 0.0
fixed_cost_per_month = 0.0
return_share = 0.0
return_after = { dist = "exponential", mean = "2d" }
mode = "live"
concurrency = 1
handle_time_factor = 1.0
retry_share = 0.0

[[channel]]
name = "chat"
kind = "agents"
escalate_share = 1.0
context_transfer = false
repeat_penalty = 1.2
cost_per_session = 0.0
cost_per_resolution = 0.0
fixed_cost_per_month = 0.0
return_share = 0.0
return_after = { dist = "exponential", mean = "2d" }
mode = "live"
concurrency = 1
handle_time_factor = 1.0
retry_share = 0.0

[[group]]
name = "tier1"
channels = ["phone", "chat"]
agents = 10
hourly_cost = 0.0
shrinkage = 0.0
proactive_share = 0.0
)");
}

void expect_idempotent(const Scenario& original) {
  const std::string first = scenario_to_toml(original);
  const Scenario reloaded = load_scenario_string(first, "resolved.toml");
  EXPECT_EQ(scenario_to_toml(reloaded), first);
}

TEST(ScenarioWriterTest, RoundTripMinimal) {
  expect_idempotent(load_scenario_string(kMinimal, "x.toml"));
}

TEST(ScenarioWriterTest, RoundTripEveryKey) {
  const Scenario original = load_scenario_string(kFull, "x.toml");
  expect_idempotent(original);
  const Scenario back = load_scenario_string(scenario_to_toml(original), "other.toml");
  // Same meaning, not only same text.
  EXPECT_EQ(back.run.name, "full");
  EXPECT_EQ(back.segments[0].arrival_rate_per_s, original.segments[0].arrival_rate_per_s);
  EXPECT_EQ(back.segments[1].arrival_rate_per_s, original.segments[1].arrival_rate_per_s);
  EXPECT_EQ(back.targets.for_channel(1).answer_within_s, 60);
  EXPECT_EQ(back.targets.for_channel(1).max_abandonment, 0.05);
  EXPECT_EQ(back.issues[1].skill, 1);
  EXPECT_EQ(back.skills, original.skills);
  EXPECT_EQ(back.channels[1].escalate_to, 0);
  EXPECT_EQ(back.channels[1].retry_delay->param_value(), 600);
  EXPECT_EQ(back.groups[0].schedule.steps, original.groups[0].schedule.steps);
  EXPECT_EQ(back.groups[0].schedule.period_s, 86400);
  EXPECT_FALSE(back.groups[0].constant_agents);
  EXPECT_TRUE(back.groups[0].all_skills);
  EXPECT_FALSE(back.groups[1].all_skills);
  EXPECT_EQ(back.segments[0].patience[1]->param_shape(), 0.7);
  EXPECT_EQ(back.segments[1].patience[1]->param_cv(), 1.3);
  EXPECT_EQ(back.segments[0].profile->weekly, original.segments[0].profile->weekly);
  EXPECT_FALSE(back.segments[1].profile);
  // Handle time by channel, returns, per-resolution price, proactive work.
  const Issue& tech = back.issues[1];
  EXPECT_FALSE(tech.has_default_handle_time);
  EXPECT_EQ(tech.handle_time_in(0).param_mean(), 480);
  EXPECT_EQ(tech.handle_time_in(1).kind(), Distribution::Kind::kGamma);
  const Issue& login = back.issues[2];
  EXPECT_TRUE(login.has_default_handle_time);
  EXPECT_EQ(login.handle_time_in(0).param_value(), 180);
  EXPECT_EQ(login.handle_time_in(1).param_mean(), 240);
  EXPECT_EQ(back.mean_handle_s(2, 0), 180 * 1.25);
  const Channel& phone = back.channels[0];
  EXPECT_EQ(phone.handle_time_factor, 1.25);
  EXPECT_EQ(phone.cost_per_resolution, 0.25);
  EXPECT_EQ(phone.return_share, 0.2);
  EXPECT_EQ(phone.return_after.param_cv(), 1.5);
  EXPECT_EQ(phone.return_to, 1);
  EXPECT_FALSE(back.channels[1].return_to);
  EXPECT_EQ(back.channels[1].return_after.param_mean(), 2 * 86400);
  EXPECT_EQ(back.groups[0].proactive_share, 0.125);
}

TEST(ScenarioWriterTest, WritesHandleTimeTablesAndResolvedShares) {
  const std::string toml = scenario_to_toml(load_scenario_string(kFull, "x.toml"));
  EXPECT_NE(toml.find("handle_time = { phone = { dist = \"lognormal\", mean = \"8m\", cv = 0.5 }, "
                      "\"live chat\" = { dist = \"gamma\", mean = \"12m\", cv = 0.8 } }\n"),
            std::string::npos)
      << toml;
  EXPECT_NE(toml.find("handle_time = { phone = { dist = \"constant\", value = \"3m\" }, default = "
                      "{ dist = \"exponential\", mean = \"4m\" } }\n"),
            std::string::npos)
      << toml;
  // A share set with --set is stored with the others as rescaled.
  const Scenario set = load_scenario_string(kFull, "x.toml", {{"segment.smb.issues.tech", "0.8"}});
  EXPECT_NE(scenario_to_toml(set).find("issues = { billing = 0.2, tech = 0.8 }\n"),
            std::string::npos);
}

TEST(ScenarioWriterTest, QuotesNamesThatAreNotBareKeys) {
  const std::string toml = scenario_to_toml(load_scenario_string(kFull, "x.toml"));
  EXPECT_NE(toml.find("entry = { phone = 0.25, \"live chat\" = 0.75 }\n"), std::string::npos);
  EXPECT_NE(toml.find("[targets.\"live chat\"]\n"), std::string::npos);
  EXPECT_NE(toml.find("patience = { dist = \"gamma\", mean = \"1m30s\", cv = 1.3 }\n"),
            std::string::npos);
}

TEST(ScenarioWriterTest, RoundTripFilesAsAbsolutePaths) {
  const Scenario original = load_scenario_file(data_dir() + "/with_files.toml");
  const std::string toml = scenario_to_toml(original);
  EXPECT_NE(toml.find("schedule = \"" + data_dir() + "/schedule_tier1.csv\"\n"), std::string::npos);
  EXPECT_NE(toml.find("file = \"" + data_dir() + "/handle_times.csv\""), std::string::npos);
  // Loads from anywhere, whatever the base folder.
  const Scenario back = load_scenario_string(toml, "elsewhere.toml", {}, "/");
  EXPECT_EQ(scenario_to_toml(back), toml);
  EXPECT_EQ(back.groups[0].schedule.at(5000), 5);
}

TEST(ScenarioWriterTest, RoundTripWeeklySchedule) {
  std::string text(kMinimal);
  std::string week = "schedule = [";
  for (int i = 0; i < 7 * 48; ++i) week += (i > 0 ? ", " : "") + std::to_string(i % 5);
  text.replace(text.find("agents = 10"), 11, week + "]");
  const Scenario original = load_scenario_string(text, "x.toml");
  EXPECT_EQ(original.groups[0].schedule.period_s, 7 * 86400);
  expect_idempotent(original);
}

TEST(ScenarioWriterTest, RoundTripDeferredWorkCallbacksAndRecontacts) {
  const std::string text = std::string(kMinimal) + R"(
[[channel]]
name = "email"
kind = "agents"
mode = "deferred"
touches = { dist = "geometric", mean = 1.8 }
reply_delay = { dist = "lognormal", mean = "6h", cv = 1.2 }

[[channel]]
name = "portal"
kind = "agents"
mode = "deferred"
touches = { dist = "empirical", file = "touches.csv" }
reply_delay = "1d"

[[group]]
name = "back office"
channels = ["email", "portal"]
agents = 3
deferred_first = true

[targets]
first_response_within = "8h"

[targets.email]
resolve_within = "3d"
resolve_level = 0.75

[targets.phone]
answer_within = "30s"
)";
  std::string edited = text;
  edited.replace(edited.find("kind = \"agents\""), 15,
                 "kind = \"agents\"\ncallback_after = \"2m\"\ncallback_share = 0.4");
  edited.replace(edited.find("issues = { billing = 0.6, tech = 0.4 }"), 38,
                 "issues = { billing = 0.6, tech = 0.4 }\nrecontact_share = 0.3\n"
                 "recontact_after = { dist = \"exponential\", mean = \"3d\" }");
  const Scenario original = load_scenario_string(edited, "x.toml", {}, data_dir());
  expect_idempotent(original);
  const std::string toml = scenario_to_toml(original);
  for (const char* line :
       {"mode = \"deferred\"\nconcurrency = 1\nhandle_time_factor = 1.0\n"
        "touches = { dist = \"geometric\", mean = 1.8 }\n"
        "reply_delay = { dist = \"lognormal\", mean = \"6h\", cv = 1.2 }\n",
        "mode = \"live\"\nconcurrency = 1\nhandle_time_factor = 1.0\nretry_share = 0.0\n"
        "callback_after = \"2m\"\ncallback_share = 0.4\ncallback_connect = \"30s\"\n",
        "recontact_share = 0.3\nrecontact_after = { dist = \"exponential\", mean = \"3d\" }\n",
        "proactive_share = 0.0\ndeferred_first = true\n",
        "[targets]\nanswer_within = \"20s\"\nservice_level = 0.8\nfirst_response_within = \"8h\"\n"
        "first_response_level = 0.9\nresolve_level = 0.9\n",
        "[targets.phone]\nanswer_within = \"30s\"\nservice_level = 0.8\n\n",
        "first_response_within = \"8h\"\nfirst_response_level = 0.9\nresolve_within = \"3d\"\n"
        "resolve_level = 0.75\n"})
    EXPECT_NE(toml.find(line), std::string::npos) << line << "\nnot in\n" << toml;
  EXPECT_NE(toml.find("file = \"" + data_dir() + "/touches.csv\""), std::string::npos);
  const Scenario back = load_scenario_string(toml, "elsewhere.toml", {}, "/");
  const Channel& portal = back.channels[3];
  EXPECT_TRUE(portal.deferred);
  EXPECT_EQ(portal.touches.kind(), CountDistribution::Kind::kEmpirical);
  EXPECT_EQ(portal.touches.counts(), (std::vector<int>{1, 1, 2, 4}));
  EXPECT_EQ(portal.touches.mean(), 2);
  EXPECT_EQ(back.channels[0].callback_share, 0.4);
  EXPECT_EQ(back.segments[0].recontact_share, 0.3);
  EXPECT_EQ(back.targets.for_channel(2).first_response_within(), 8 * 3600);
  EXPECT_EQ(back.targets.for_channel(2).resolve_within_s, 3 * 86400);
  EXPECT_EQ(back.targets.for_channel(3).resolve_within_s, std::nullopt);
  EXPECT_TRUE(back.groups[1].deferred_first);
}

}  // namespace
}  // namespace supportsim
