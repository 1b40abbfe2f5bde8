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
  // Two shares of one table set together: taken as given (they sum to 1).
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

// Shares move together: one member set, the others rescaled in proportion.
constexpr std::string_view kFiveChannels = R"([run]
horizon = "8h"

[[segment]]
name = "consumer"
arrival_rate = "100/h"
entry = { help = 0.4, bot = 0.2, community = 0.05, chat = 0.2, phone = 0.15 }
issues = { billing = 0.5, tech = 0.5 }

[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }

[[issue]]
name = "tech"
handle_time = { dist = "exponential", mean = "5m" }

[[issue]]
name = "login"
handle_time = { dist = "exponential", mean = "5m" }

[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "constant", value = "3m" }

[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "constant", value = "3m" }

[[channel]]
name = "community"
kind = "community"
answer_share = 0.9
first_answer = { dist = "exponential", mean = "1h" }
give_up_after = "1d"

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

std::vector<double> shares(const std::vector<Share>& list) {
  std::vector<double> out;
  for (const Share& s : list) out.push_back(s.share);
  return out;
}

TEST(OverridesTest, OneShareSetRescalesTheOthersInProportion) {
  const struct {
    std::vector<std::string> sets;
    std::vector<double> entry;  // help, bot, community, phone, chat (channel order)
  } rows[] = {
      {{}, {0.4, 0.2, 0.05, 0.15, 0.2}},
      // The others (0.8) make room for 0.4: each x 0.6 / 0.8.
      {{"segment.consumer.entry.bot=0.4"}, {0.3, 0.4, 0.0375, 0.1125, 0.15}},
      {{"segment.consumer.entry.bot=0"}, {0.5, 0, 0.0625, 0.1875, 0.25}},
      {{"segment.consumer.entry.bot=1"}, {0, 1, 0, 0, 0}},
      {{"segment.consumer.entry.bot=0.2"}, {0.4, 0.2, 0.05, 0.15, 0.2}},  // unchanged
      // Set twice: the last wins, and it is one member.
      {{"segment.consumer.entry.bot=0.9", "segment.consumer.entry.bot=0.6"},
       {0.2, 0.6, 0.025, 0.075, 0.1}},
      // Several set together are taken as given when they and the others sum to 1.
      {{"segment.consumer.entry.bot=0.3", "segment.consumer.entry.help=0.3"},
       {0.3, 0.3, 0.05, 0.15, 0.2}},
  };
  for (const auto& row : rows) {
    std::vector<Override> overrides;
    for (const std::string& set : row.sets) overrides.push_back(parse_override(set));
    const Scenario s = load_scenario_string(kFiveChannels, "x.toml", overrides);
    const std::vector<double> got = shares(s.segments[0].entry);
    ASSERT_EQ(got.size(), row.entry.size());
    double sum = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_NEAR(got[i], row.entry[i], 1e-12) << row.sets.size() << " sets, member " << i;
      sum += got[i];
    }
    EXPECT_NEAR(sum, 1, 1e-12);
    EXPECT_EQ(s.set_shares.size(), row.sets.empty() ? 0u : 1u);
  }
}

TEST(OverridesTest, SettingANewMemberAddsIt) {
  const Scenario s = load({"segment.consumer.issues.login=0.25"}, kFiveChannels);
  EXPECT_EQ(shares(s.segments[0].issues), (std::vector<double>{0.375, 0.375, 0.25}));
  ASSERT_EQ(s.set_shares.size(), 1u);
  EXPECT_EQ(s.set_shares[0].segment, 0);
  EXPECT_EQ(s.set_shares[0].table, "issues");
  // The resolved shares are what the written scenario stores.
  EXPECT_NE(scenario_to_toml(s).find("issues = { billing = 0.375, tech = 0.375, login = 0.25 }"),
            std::string::npos);
}

TEST(OverridesTest, SharesThatCannotBeRescaled) {
  std::string text(kScenario);
  text.replace(text.find("phone = 0.7, chat = 0.3"), 23, "phone = 1, chat = 0");
  try {
    load({"segment.consumer.entry.phone=0.6"}, text);
    FAIL() << "rescaled shares that are all 0";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "--set segment.consumer.entry.phone=0.6: segment \"consumer\" entry: cannot "
                 "rescale the other shares to make room for phone = 0.6: they are all 0 "
                 "(expected shares summing to 1, got 0.6)");
  }
  EXPECT_EQ(load_error({"segment.consumer.entry.phone=0.5", "segment.consumer.entry.chat=0.4"}),
            "--set segment.consumer.entry.chat=0.4: segment \"consumer\" entry: expected shares "
            "summing to 1 when several are set together (phone, chat: the others are not "
            "rescaled), got 0.9");
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
