// Callbacks (virtual hold): callers who accept one keep their place without patience, are called
// back with a longer session, and are answered, never abandoned.

#include <gtest/gtest.h>

#include <string>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

// Erlang A at `rate` on 50 agents, 2 minutes of mean patience, constant 3-minute calls, with
// `callback_keys` on the phone channel.
std::string erlang_a(const std::string& rate, const std::string& callback_keys) {
  std::string toml = testing::single_queue_toml(rate, "3m", 50, "2m", "1d", "0s", 4);
  const std::string handle = "handle_time = { dist = \"exponential\", mean = \"3m\" }";
  toml.replace(toml.find(handle), handle.size(),
               "handle_time = { dist = \"constant\", value = \"3m\" }");
  const std::string kind = "kind = \"agents\"";
  toml.replace(toml.find(kind), kind.size(), kind + "\n" + callback_keys);
  return toml;
}

std::vector<ReplicationOutput> run(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "callbacks.toml");
  return run_replications(s, 0, s.run.replications, 2);
}

TEST(Callbacks, CallersWhoAcceptAreAnsweredNotAbandonedAndCasesAreConserved) {
  // 48 erlangs on 50 agents: callers wait 10 s or more often enough. Without the callback's
  // extra handle time, fewer customers abandon than without callbacks (same callers, same
  // patience: common random numbers).
  const auto with = run(erlang_a(
      "960/h", "callback_after = \"10s\"\ncallback_share = 0.6\ncallback_connect = \"0s\""));
  const auto without = run(erlang_a("960/h", ""));
  for (std::size_t r = 0; r < with.size(); ++r) {
    Metrics m = testing::metric_map(with[r]), base = testing::metric_map(without[r]);
    // Every offer is answered, abandoned or open; callbacks are among the answered.
    EXPECT_EQ(m["channels/phone/offered"], m["channels/phone/answered"] +
                                               m["channels/phone/abandoned"] +
                                               m["channels/phone/open_at_end"]);
    EXPECT_EQ(m["channels/phone/offered"], m["overall/overall/cases"]);
    EXPECT_EQ(m["overall/overall/open_at_end"], 0);
    EXPECT_GT(m["channels/phone/callbacks"], 1000);
    EXPECT_LE(m["channels/phone/callbacks"],
              m["channels/phone/answered"] + m["channels/phone/open_at_end"]);
    EXPECT_LT(m["channels/phone/abandoned"], base["channels/phone/abandoned"]);
    EXPECT_GT(m["channels/phone/callback_wait_mean_s"], 0);
    // Callers who accept stay in the queue: it is longer.
    EXPECT_GT(m["channels/phone/asa_s"], base["channels/phone/asa_s"]);
    EXPECT_EQ(base.count("channels/phone/callbacks"), 0u);
  }
}

TEST(Callbacks, EachCallbackTakesCallbackConnectMoreOfAnAgent) {
  // The default callback_connect is 30 s; calls last exactly 3 minutes.
  const auto outputs = run(erlang_a("960/h", "callback_after = \"10s\"\ncallback_share = 0.6"));
  for (const ReplicationOutput& o : outputs) {
    Metrics m = testing::metric_map(o);
    EXPECT_GT(m["channels/phone/callbacks"], 1000);
    EXPECT_NEAR(o.total_session_capacity_s,
                m["channels/phone/answered"] * 180 + m["channels/phone/callbacks"] * 30, 1e-6);
  }
}

TEST(Callbacks, ACallerWhosePatienceEndsFirstAbandons) {
  // Patience of exactly 1 minute, callbacks offered at 2: nobody is ever called back.
  std::string toml = erlang_a("1100/h", "callback_after = \"2m\"\ncallback_share = 1");
  const std::string patience = "patience = { dist = \"exponential\", mean = \"2m\" }";
  toml.replace(toml.find(patience), patience.size(),
               "patience = { dist = \"constant\", value = \"1m\" }");
  for (const Metrics& m : testing::metric_maps(run(toml))) {
    EXPECT_EQ(m.at("channels/phone/callbacks"), 0);
    EXPECT_GT(m.at("channels/phone/abandoned"), 1000);
  }
}

}  // namespace
}  // namespace supportsim
