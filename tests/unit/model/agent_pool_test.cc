// Routing policy inside agents channels (scenarios/README.md), without SimGrid.

#include "sim/model/agent_pool.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/io/loader.h"

namespace supportsim {
namespace {

// Two groups answer "phone" (first "front", then "back"); "chat" has concurrency 2 and is
// answered by "front" too. Segment "vip" has priority 1.
const char* kScenario = R"(
[run]
horizon = "1h"
[[segment]]
name = "vip"
priority = 1
arrival_rate = "1/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { billing = 1.0 }
[[segment]]
name = "std"
arrival_rate = "1/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { billing = 1.0 }
[[issue]]
name = "billing"
handle_time = { dist = "constant", value = "1m" }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "chat"
kind = "agents"
concurrency = 2
[[group]]
name = "front"
channels = ["phone", "chat"]
agents = 2
[[group]]
name = "back"
channels = ["phone"]
agents = 1
)";

constexpr int kPhone = 0, kChat = 1;

class RecordingHandler : public AbandonHandler {
 public:
  void on_abandon(Case& c) override { abandoned.push_back(c.id); }
  std::vector<std::uint64_t> abandoned;
};

class AgentPoolTest : public ::testing::Test {
 protected:
  AgentPoolTest() : scenario_(load_scenario_string(kScenario, "pool.toml")), pool_(scenario_) {
    for (int a = 0; a < pool_.agent_count(); ++a) pool_.go_on_duty(a, 0);
  }
  Case make_case(std::uint64_t id, int channel, int priority, double deadline = kNever) {
    Case c;
    c.id = id;
    c.channel = channel;
    c.priority = priority;
    c.segment = priority == 1 ? 0 : 1;  // "vip" has priority 1
    c.deadline_s = deadline;
    return c;
  }
  void queue(Case& c, double now) {
    c.queued_at_s = now;
    pool_.enqueue(c);
  }
  Scenario scenario_;
  AgentPool pool_;
  RecordingHandler handler_;
};

TEST_F(AgentPoolTest, AgentsAreNumberedByGroup) {
  EXPECT_EQ(pool_.agent_count(), 3);
  EXPECT_EQ(pool_.first_agent(0), 0);
  EXPECT_EQ(pool_.first_agent(1), 2);
  EXPECT_EQ(pool_.group_of(2), 1);
  EXPECT_EQ(pool_.max_sessions(0), 2);  // two chats at once
  EXPECT_EQ(pool_.max_sessions(2), 1);
  EXPECT_DOUBLE_EQ(pool_.capacity_share(0, kChat), 0.5);
  EXPECT_DOUBLE_EQ(pool_.capacity_share(0, kPhone), 1.0);
}

TEST_F(AgentPoolTest, GroupsInListedOrderThenLongestIdleFirst) {
  // Agent 1 has been idle longer than agent 0.
  pool_.make_available(0, 10);
  pool_.make_available(1, 5);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), 1);
  pool_.start_session(1, kPhone);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), 0);
  pool_.start_session(0, kPhone);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), 2);  // the second group only when the first is full
  pool_.start_session(2, kPhone);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), -1);
}

TEST_F(AgentPoolTest, ConcurrencySharesAnAgentBetweenChatsButNotWithACall) {
  pool_.start_session(0, kChat);
  // Agent 0 has half its capacity left: another chat fits, a call does not.
  pool_.start_session(1, kPhone);
  EXPECT_EQ(pool_.find_agent(kChat, 0, 0), 0);
  pool_.start_session(2, kPhone);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), -1);
  pool_.start_session(0, kChat);
  EXPECT_EQ(pool_.sessions(0), 2);
  EXPECT_EQ(pool_.find_agent(kChat, 0, 0), -1);
}

TEST_F(AgentPoolTest, FreedAgentTakesHighestPriorityThenOldest) {
  for (int a = 0; a < 3; ++a) pool_.start_session(a, kPhone);
  Case old_std = make_case(1, kPhone, 0), new_vip = make_case(2, kPhone, 1),
       newer_vip = make_case(3, kPhone, 1);
  queue(old_std, 1);
  queue(new_vip, 2);
  queue(newer_vip, 3);
  pool_.end_session(2, kPhone);
  EXPECT_EQ(pool_.next_case_for(2, 4, handler_), &new_vip);
  EXPECT_EQ(pool_.next_case_for(2, 4, handler_), &newer_vip);
  EXPECT_EQ(pool_.next_case_for(2, 4, handler_), &old_std);
  EXPECT_EQ(pool_.next_case_for(2, 4, handler_), nullptr);
  EXPECT_EQ(pool_.waiting(), 0u);
}

TEST_F(AgentPoolTest, OldestFirstAcrossChannelsAgentServes) {
  for (int a = 0; a < 3; ++a) pool_.start_session(a, kPhone);
  Case chat = make_case(1, kChat, 0), call = make_case(2, kPhone, 0);
  queue(chat, 1);
  queue(call, 2);
  pool_.end_session(2, kPhone);  // "back" answers phone only
  EXPECT_EQ(pool_.next_case_for(2, 3, handler_), &call);
  pool_.end_session(0, kPhone);
  EXPECT_EQ(pool_.next_case_for(0, 3, handler_), &chat);
}

TEST_F(AgentPoolTest, AgentHoldingAChatIsReservedForAnOlderCall) {
  pool_.start_session(0, kChat);
  pool_.start_session(1, kPhone);
  pool_.start_session(2, kPhone);
  pool_.start_session(0, kChat);
  Case call = make_case(1, kPhone, 0), chat = make_case(2, kChat, 0);
  queue(call, 1);
  queue(chat, 2);
  pool_.end_session(0, kChat);  // half free: the chat would fit, but the call is older
  bool reserved = false;
  EXPECT_EQ(pool_.next_case_for(0, 3, handler_, &reserved), nullptr);
  EXPECT_TRUE(reserved);
  pool_.end_session(0, kChat);  // now wholly free
  EXPECT_EQ(pool_.next_case_for(0, 4, handler_, &reserved), &call);
  EXPECT_FALSE(reserved);
}

TEST_F(AgentPoolTest, ExpiredCasesAreHandedToTheAbandonHandlerOnTheWay) {
  for (int a = 0; a < 3; ++a) pool_.start_session(a, kPhone);
  Case expired = make_case(1, kPhone, 0, /*deadline=*/5), alive = make_case(2, kPhone, 0, 50);
  queue(expired, 1);
  queue(alive, 2);
  pool_.end_session(2, kPhone);
  EXPECT_EQ(pool_.next_case_for(2, 10, handler_), &alive);
  EXPECT_EQ(handler_.abandoned, std::vector<std::uint64_t>{1});
  EXPECT_EQ(expired.queue_token, 0u);
}

TEST_F(AgentPoolTest, WithdrawnCasesAreSkipped) {
  for (int a = 0; a < 3; ++a) pool_.start_session(a, kPhone);
  Case first = make_case(1, kPhone, 0), second = make_case(2, kPhone, 0);
  queue(first, 1);
  queue(second, 2);
  EXPECT_TRUE(pool_.withdraw(first));
  EXPECT_FALSE(pool_.withdraw(first));
  pool_.end_session(2, kPhone);
  EXPECT_EQ(pool_.next_case_for(2, 3, handler_), &second);
  EXPECT_TRUE(handler_.abandoned.empty());
}

TEST_F(AgentPoolTest, BusyAgentLeavingFinishesFirst) {
  pool_.start_session(2, kPhone);
  EXPECT_FALSE(pool_.go_off_duty(2));
  EXPECT_TRUE(pool_.leaving(2));
  EXPECT_TRUE(pool_.on_duty(2));
  pool_.end_session(2, kPhone);
  EXPECT_TRUE(pool_.finish_leaving(2));
  EXPECT_FALSE(pool_.on_duty(2));
  pool_.make_available(2, 1);
  EXPECT_EQ(pool_.find_agent(kPhone, 0, 0), 0);  // agent 2 is not available any more
  EXPECT_TRUE(pool_.go_off_duty(0));             // idle: off at once
}

TEST_F(AgentPoolTest, AnAgentTakesOnlyChannelsItsGroupAnswers) {
  EXPECT_TRUE(pool_.can_take(2, kPhone));
  EXPECT_FALSE(pool_.can_take(2, kChat));  // "back" answers phone only
  EXPECT_TRUE(pool_.can_take(0, kChat));
}

TEST_F(AgentPoolTest, ACaseIsWatchedWhileAnAgentOnDutyMayTakeIt) {
  Case chat = make_case(1, kChat, 0), call = make_case(2, kPhone, 0);
  EXPECT_TRUE(pool_.watched(chat));
  pool_.start_session(0, kPhone);
  EXPECT_FALSE(pool_.go_off_duty(0));  // leaving: takes nothing new
  EXPECT_TRUE(pool_.go_off_duty(1));
  EXPECT_EQ(pool_.active_agents(0), 0);
  EXPECT_FALSE(pool_.watched(chat));  // only "front" answers chat
  EXPECT_TRUE(pool_.watched(call));   // "back" still answers phone
  queue(chat, 1);
  queue(call, 2);
  std::vector<std::uint64_t> unwatched;
  pool_.visit_unwatched(0, [&](Case& c) { unwatched.push_back(c.id); });
  EXPECT_EQ(unwatched, std::vector<std::uint64_t>{1});
  pool_.go_on_duty(0, 3);
  EXPECT_TRUE(pool_.watched(chat));
}

TEST_F(AgentPoolTest, ExpiredCasesAreAbandonedWhenAsked) {
  for (int a = 0; a < 3; ++a) pool_.start_session(a, kPhone);
  Case expired = make_case(1, kPhone, 0, /*deadline=*/5), alive = make_case(2, kPhone, 0, 50);
  queue(alive, 1);
  queue(expired, 2);  // behind a case with patience left: no agent would meet it yet
  pool_.abandon_expired(10, handler_);
  EXPECT_EQ(handler_.abandoned, std::vector<std::uint64_t>{1});
  EXPECT_EQ(pool_.waiting(), 1u);
}
// A blended team answers "phone" (live) and "email" (deferred, a VIP's ticket included);
// "night" takes email first. Chat (concurrency 2) shares "blend" with email.
const char* kBlendedScenario = R"(
[run]
horizon = "1h"
[[segment]]
name = "vip"
priority = 1
arrival_rate = "1/h"
entry = { phone = 0.5, email = 0.5 }
issues = { billing = 1.0 }
[[segment]]
name = "std"
arrival_rate = "1/h"
entry = { phone = 0.4, email = 0.4, chat = 0.2 }
issues = { billing = 1.0 }
[[issue]]
name = "billing"
handle_time = { dist = "constant", value = "1m" }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "email"
kind = "agents"
mode = "deferred"
[[channel]]
name = "chat"
kind = "agents"
concurrency = 2
[[group]]
name = "blend"
channels = ["phone", "email", "chat"]
agents = 1
[[group]]
name = "night"
channels = ["phone", "email"]
agents = 1
deferred_first = true
)";

constexpr int kEmail = 1, kBlendChat = 2;

class BlendedPoolTest : public ::testing::Test {
 protected:
  BlendedPoolTest()
      : scenario_(load_scenario_string(kBlendedScenario, "blend.toml")), pool_(scenario_) {}
  static Case make_case(std::uint64_t id, int channel, int segment, double queued_at) {
    Case c;
    c.id = id;
    c.channel = channel;
    c.segment = segment;
    c.priority = segment == 0 ? 1 : 0;
    c.queued_at_s = queued_at;
    return c;
  }
  Scenario scenario_;
  AgentPool pool_;
  RecordingHandler handler_;
};

TEST_F(BlendedPoolTest, LiveCasesBeforeOlderAndHigherPriorityDeferredWork) {
  Case ticket = make_case(1, kEmail, /*vip*/ 0, 0), call = make_case(2, kPhone, 1, 10);
  pool_.enqueue(ticket);
  pool_.enqueue(call);
  pool_.go_on_duty(0, 20);  // "blend"
  EXPECT_EQ(pool_.next_case_for(0, 20, handler_), &call);
  pool_.start_session(0, kPhone);
  pool_.end_session(0, kPhone);
  EXPECT_EQ(pool_.next_case_for(0, 21, handler_), &ticket);  // no live case left
}

TEST_F(BlendedPoolTest, DeferredFirstGroupTakesTheBacklogFirst) {
  Case ticket = make_case(1, kEmail, 1, 10), call = make_case(2, kPhone, 1, 0);
  pool_.enqueue(call);
  pool_.enqueue(ticket);
  pool_.go_on_duty(1, 20);  // "night"
  EXPECT_EQ(pool_.next_case_for(1, 20, handler_), &ticket);
}

TEST_F(BlendedPoolTest, AnAgentIsNeverHeldBackForDeferredWorkThatDoesNotFit) {
  // The blended agent holds a chat; a waiting ticket needs its whole capacity. It takes nothing
  // and is not reserved (it may take another chat), whereas a waiting call reserves it.
  pool_.go_on_duty(0, 0);
  pool_.start_session(0, kBlendChat);
  Case ticket = make_case(1, kEmail, 1, 1);
  pool_.enqueue(ticket);
  bool reserved = true;
  EXPECT_EQ(pool_.next_case_for(0, 2, handler_, &reserved), nullptr);
  EXPECT_FALSE(reserved);
  Case call = make_case(2, kPhone, 1, 3);
  pool_.enqueue(call);
  EXPECT_EQ(pool_.next_case_for(0, 4, handler_, &reserved), nullptr);
  EXPECT_TRUE(reserved);
}

}  // namespace
}  // namespace supportsim
