#include "sim/model/offered_load.h"

#include <gtest/gtest.h>

#include "sim/io/loader.h"

namespace supportsim {
namespace {

// 120/h start in a bot that resolves nothing and escalates 90% to the phone (a repeat: handle
// time x 1.5); the phone resolves half and sends the rest on to tier 2 with context.
constexpr const char* kChain = R"([run]
horizon = "2h"
interval = "1h"
[[segment]]
name = "callers"
arrival_rate = "120/h"
entry = { bot = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "4m" }
[[issue]]
name = "question"
handle_time = { dist = "constant", value = "4m" }
resolve = { phone = 0.5 }
[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "constant", value = "30m" }
escalate_to = "phone"
escalate_share = 0.9
repeat_penalty = 1.5
[[channel]]
name = "phone"
kind = "agents"
escalate_to = "tier2"
context_transfer = true
[[channel]]
name = "tier2"
kind = "agents"
[[group]]
name = "floor"
channels = ["phone", "tier2"]
agents = 7
)";

TEST(OfferedLoadTest, FollowsEscalationsFromEveryChannelKind) {
  const Scenario s = load_scenario_string(kChain, "chain.toml");
  std::vector<ExpectedOffer> offers;
  follow_expected_cases(s, 0, 0, 0, 100, [&](const ExpectedOffer& o) { offers.push_back(o); });
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(s.channels[offers[0].channel].name, "phone");
  EXPECT_DOUBLE_EQ(offers[0].cases, 90);
  EXPECT_DOUBLE_EQ(offers[0].handle_s, 1.5 * 240);
  EXPECT_DOUBLE_EQ(offers[0].delay_s, 1800);
  EXPECT_DOUBLE_EQ(*offers[0].patience_s, 240);
  EXPECT_EQ(s.channels[offers[1].channel].name, "tier2");
  EXPECT_DOUBLE_EQ(offers[1].cases, 45);
  EXPECT_DOUBLE_EQ(offers[1].handle_s, 1.5 * 240);
  EXPECT_DOUBLE_EQ(offers[1].delay_s, 1800 + 360);
}

TEST(OfferedLoadTest, IntervalsCountOffersWhereTheyReachTheChannel) {
  const Scenario s = load_scenario_string(kChain, "chain.toml");
  const std::vector<OfferedLoad> rows = offered_load_by_interval(s, 0, 2 * 3600);
  ASSERT_EQ(rows.size(), 4u);  // 2 intervals x 2 agents channels
  // The bot holds a case for 30 minutes: half an hour rounds to the next interval.
  EXPECT_DOUBLE_EQ(rows[0].cases, 0);
  EXPECT_DOUBLE_EQ(rows[2].cases, 108);  // phone, second hour: 120 x 0.9
  EXPECT_DOUBLE_EQ(rows[2].erlangs, 108 * 360 / 3600.0);
  EXPECT_EQ(rows[2].agents, 7);
  EXPECT_DOUBLE_EQ(rows[3].cases, 54);  // tier2
  // A steady week wraps what comes after its end to its start.
  const std::vector<OfferedLoad> wrapped = offered_load_by_interval(s, 0, 2 * 3600, true);
  EXPECT_DOUBLE_EQ(wrapped[0].cases, 108);
}

TEST(OfferedLoadTest, ADeferredCaseBringsAllItsTouches) {
  // The phone, made a ticket channel with two touches on average and a day's reply between them:
  // twice the work per case, no patience, and tier 2 reached after the touches and the replies.
  std::string text = kChain;
  const std::string phone = "name = \"phone\"\nkind = \"agents\"";
  text.replace(text.find(phone), phone.size(),
               phone +
                   "\nmode = \"deferred\"\ntouches = { dist = \"geometric\", mean = 2 }\n"
                   "reply_delay = \"1d\"");
  const Scenario s = load_scenario_string(text, "chain.toml");
  std::vector<ExpectedOffer> offers;
  follow_expected_cases(s, 0, 0, 0, 100, [&](const ExpectedOffer& o) { offers.push_back(o); });
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_DOUBLE_EQ(offers[0].cases, 90);
  EXPECT_DOUBLE_EQ(offers[0].handle_s, 2 * 1.5 * 240);
  EXPECT_FALSE(offers[0].patience_s);
  EXPECT_DOUBLE_EQ(offers[1].delay_s, 1800 + 2 * 360 + 86400);
}

}  // namespace
}  // namespace supportsim
