#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/io/loader.h"
#include "sim/io/scenario_writer.h"

namespace supportsim {
namespace {

constexpr std::string_view kScenario = R"([run]
horizon = "8h"

[[segment]]
name = "consumer"
arrival_rate = "100/h"
entry = { phone = 0.7, chat = 0.3 }
issues = { billing = 1 }

[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }

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

Scenario load(const std::vector<std::string>& sets, std::string_view text = kScenario) {
  std::vector<Override> overrides;
  for (const std::string& set : sets) overrides.push_back(parse_override(set));
  return load_scenario_string(text, "x.toml", overrides);
}

std::string load_error(const std::vector<std::string>& sets) {
  try {
    load(sets);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(loaded without error)";
}

TEST(OverridesTest, StringFallbackForDurations) {
  EXPECT_EQ(load({"run.horizon=2d"}).run.horizon_s, 2 * 86400);
  EXPECT_EQ(load({"run.warmup=30m"}).run.warmup_s, 1800);  // a new key in an existing table
}

TEST(OverridesTest, IntegerFloatBoolean) {
  const Scenario s = load({"run.replications=20", "run.seed=99", "channel.phone.concurrency=2",
                           "channel.chat.context_transfer=true", "group.tier1.agents=42",
                           "group.tier1.shrinkage=0.25"});
  EXPECT_EQ(s.run.replications, 20);
  EXPECT_EQ(s.run.seed, 99u);
  EXPECT_EQ(s.channels[0].concurrency, 2);
  EXPECT_TRUE(s.channels[1].context_transfer);
  EXPECT_EQ(s.groups[0].schedule.at(0), 42);
  EXPECT_EQ(s.groups[0].shrinkage, 0.25);
}

TEST(OverridesTest, ArrayMembersByNameAppliedInOrder) {
  const Scenario s = load({"segment.consumer.entry.phone=0.4", "segment.consumer.entry.chat=0.6"});
  EXPECT_EQ(s.segments[0].entry[0].share, 0.4);
  EXPECT_EQ(s.segments[0].entry[1].share, 0.6);
  // The last of two overrides of one key wins.
  EXPECT_EQ(load({"run.replications=3", "run.replications=4"}).run.replications, 4);
}

TEST(OverridesTest, IntoInlineTable) {
  const Scenario s = load({"issue.billing.handle_time.mean=7m"});
  EXPECT_EQ(s.issues[0].handle_time.param_mean(), 420);
}

TEST(OverridesTest, InlineTableAndArrayValues) {
  const Scenario s = load({"segment.consumer.patience={ dist = \"exponential\", mean = \"3m\" }",
                           "profile.daily=[1, 2, 3]", "group.tier1.skills=[\"billing\"]"});
  ASSERT_TRUE(s.segments[0].patience[1]);
  EXPECT_EQ(s.segments[0].patience[1]->param_mean(), 180);
  EXPECT_EQ(s.profile.daily, (std::vector<double>{1, 2, 3}));  // [profile] created
  EXPECT_FALSE(s.groups[0].all_skills);
}

TEST(OverridesTest, CreatesMissingTables) {
  const Scenario s = load({"targets.chat.answer_within=1m", "targets.service_level=0.9"});
  EXPECT_EQ(s.targets.overall.service_level, 0.9);
  EXPECT_EQ(s.targets.for_channel(1).answer_within_s, 60);
  EXPECT_EQ(s.targets.for_channel(1).service_level, 0.9);
}

TEST(OverridesTest, QuotedValueStaysAString) {
  EXPECT_EQ(load({"run.name=\"2024\""}).run.name, "2024");
  EXPECT_EQ(load({"run.name=q3-plan"}).run.name, "q3-plan");
  EXPECT_EQ(load_error({"run.name=2024"}),
            "--set run.name=2024: run.name: expected a name (a string), got integer 2024");
}

TEST(OverridesTest, AppliedBeforeValidation) {
  std::string broken(kScenario);
  broken.replace(broken.find("\"8h\""), 4, "8");
  EXPECT_EQ(load({"run.horizon=8h"}, broken).run.horizon_s, 8 * 3600);
}

TEST(OverridesTest, ResolvedScenarioShowsOverride) {
  const std::string toml = scenario_to_toml(load({"group.tier1.agents=42"}));
  EXPECT_NE(toml.find("agents = 42\n"), std::string::npos);
}

TEST(OverridesTest, Errors) {
  EXPECT_EQ(load_error({"group.tier9.agents=3"}),
            "--set group.tier9.agents=3: no group named \"tier9\" (did you mean \"tier1\"?)");
  EXPECT_EQ(load_error({"segment.business.priority=1"}),
            "--set segment.business.priority=1: no segment named \"business\" (known segments: "
            "\"consumer\")");
  EXPECT_EQ(load_error({"run..horizon=8h"}),
            "--set run..horizon=8h: expected a dotted key path such as run.horizon or "
            "group.tier1.agents, got \"run..horizon\"");
  EXPECT_EQ(load_error({"group.tier1.agents.day=3"}),
            "--set group.tier1.agents.day=3: group.tier1.agents is integer 10, not a table");
  EXPECT_EQ(load_error({"channel.phone.concurency=2"}),
            "--set channel.phone.concurency=2: channel \"phone\": unknown key \"concurency\" (did "
            "you mean \"concurrency\"?)");
  EXPECT_EQ(load_error({"segment.consumer.entry.phone=1.5"}),
            "--set segment.consumer.entry.phone=1.5: segment \"consumer\" entry.phone: share must "
            "be in [0, 1], got 1.5");
  EXPECT_EQ(load_error({"run.horizon=8"}),
            "--set run.horizon=8: run.horizon: duration needs a unit (write e.g. \"20s\", \"5m\", "
            "\"1.5h\"), got 8");
  EXPECT_EQ(load_error({"issue.billing.handle_time={ dist = \"expo\", mean = \"5m\" }"}),
            "--set issue.billing.handle_time={ dist = \"expo\", mean = \"5m\" }: issue \"billing\" "
            "handle_time.dist: expected one of \"exponential\", \"lognormal\", \"gamma\", "
            "\"weibull\", \"uniform\", \"constant\", \"empirical\", got \"expo\" (did you mean "
            "\"exponential\"?)");
}

}  // namespace
}  // namespace supportsim
