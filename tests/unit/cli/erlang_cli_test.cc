// `supportsim erlang` sizing: published figures, shrinkage, occupancy cap, concurrency, JSON,
// and inputs that must end with exit 2 and a clear message rather than hang.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace supportsim {
namespace {

using testing::run_supportsim;

TEST(ErlangCli, SizesTheTextbookCaseWithoutAgents) {
  // 100 calls per 30 minutes, 3 minutes each, 80% within 20 s: 14 agents (88.8%; 13 give 79.6%).
  const auto r = run_supportsim(
      {"erlang", "--rate", "100/30m", "--aht", "3m", "--target", "0.8", "--within", "20s"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("smallest head count meeting service level 80% within 20s: 14"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("88.8%"), std::string::npos) << r.out;
}

TEST(ErlangCli, ShrinkageGivesTheHeadCountToSchedule) {
  const auto r = run_supportsim(
      {"erlang", "--rate", "100/30m", "--aht", "3m", "--shrinkage", "0.3", "--format", "json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sizing"]["agents"], 14);
  EXPECT_EQ(j["sizing"]["schedule_agents"], 20);  // 14 / 0.7
  EXPECT_EQ(j["model"], "erlang_c");
}

TEST(ErlangCli, NeverSizesAboveTheOccupancyCap) {
  // 1,900 calls/h x 3 min = 95 erlangs; at most 85% occupancy needs at least 112 agents.
  const auto r = run_supportsim(
      {"erlang", "--rate", "1900/h", "--aht", "3m", "--max-occupancy", "0.85", "--format", "json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["sizing"]["agents"].get<int>(), 112);
  EXPECT_LE(j["sizing"]["figures"]["occupancy"].get<double>(), 0.85);
  // Without the cap the service level alone needs fewer.
  const auto uncapped = nlohmann::json::parse(
      run_supportsim({"erlang", "--rate", "1900/h", "--aht", "3m", "--format", "json"}).out);
  EXPECT_LT(uncapped["sizing"]["agents"].get<int>(), 112);
}

TEST(ErlangCli, AbandonmentAndConcurrency) {
  // Abandonment alone needs patience (Erlang A), and sizes without a service level.
  const auto r = run_supportsim({"erlang", "--rate", "100/30m", "--aht", "3m", "--patience", "2m",
                                 "--max-abandonment", "0.05", "--format", "json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["sizing"].contains("target_service_level"));
  EXPECT_LE(j["sizing"]["figures"]["abandonment"].get<double>(), 0.05);
  EXPECT_EQ(j["model"], "erlang_a");
  // Two sessions per agent: 14 servers are 7 agents.
  const auto chat =
      nlohmann::json::parse(run_supportsim({"erlang", "--rate", "100/30m", "--aht", "3m",
                                            "--concurrency", "2", "--format", "json"})
                                .out);
  EXPECT_EQ(chat["sizing"]["agents"], 7);
  EXPECT_EQ(chat["sizing"]["figures"]["servers"], 14);
}

TEST(ErlangCli, HugeAndInvalidInputsEndWithExitTwoAtOnce) {
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--rate", "1e12/h", "--aht", "3m"}, "--rate 1e12/h: expected an offered load of at most"},
      {{"--rate", "100/h", "--aht", "3m", "--agents", "2147483647"},
       "--agents: expected a head count from 1 to 100000, got 2147483647"},
      {{"--rate", "100/h", "--aht", "3m", "--target", "nan"},
       "--target: expected a share in [0, 1), got nan"},
      {{"--rate", "100/h", "--aht", "3m", "--target", "1"},
       "--target: expected a share in [0, 1), got 1"},
      {{"--rate", "100/h", "--aht", "3m", "--max-abandonment", "0.05"},
       "--max-abandonment: expected --patience with it"},
      {{"--rate", "100/h", "--aht", "3m", "--shrinkage", "1"},
       "--shrinkage: expected a share in [0, 1), got 1"},
      {{"--rate", "100/h", "--aht", "3m", "--concurrency", "0"},
       "--concurrency: expected sessions per agent from 1 to 1000, got 0"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"erlang"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_supportsim(args);
    EXPECT_EQ(r.exit_status, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

}  // namespace
}  // namespace supportsim
