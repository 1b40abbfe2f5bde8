// The real `supportsim` binary end to end: commands, result files, exit statuses, and that bad
// input writes nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::source_path;
using testing::write_file;

const char* const kSmall = testing::kSmallScenario;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, kSmall);
  }
  std::string dir_, scenario_;
};

TEST_F(CliTest, RunWritesTheFourResultFiles) {
  const auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/out"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  for (const char* f : {"summary.json", "summary.csv", "intervals.csv", "scenario.toml"})
    EXPECT_TRUE(fs::exists(dir_ + "/out/" + f)) << f;
  const auto summary = nlohmann::json::parse(read_file(dir_ + "/out/summary.json"));
  EXPECT_EQ(summary["tool"], "supportsim");
  EXPECT_EQ(summary["replications"], 3);
  EXPECT_EQ(summary["scenario"]["name"], "small");
  EXPECT_EQ(summary["horizon_s"], 4 * 3600.0);
  const auto& sl = summary["channels"]["phone"]["service_level"];
  EXPECT_LE(sl["ci95"][0].get<double>(), sl["mean"].get<double>());
  EXPECT_GE(sl["ci95"][1].get<double>(), sl["mean"].get<double>());
  EXPECT_TRUE(summary["groups"]["agents"].contains("occupancy"));
  EXPECT_TRUE(summary["segments"]["callers"].contains("abandonment"));
  EXPECT_TRUE(summary["overall"].contains("cost_per_resolved_case"));
  EXPECT_EQ(read_file(dir_ + "/out/summary.csv").substr(0, 50),
            "scope,name,metric,mean,ci95_low,ci95_high,stdev\nov");
  const std::string intervals_start =
      "interval_start_s,channel,offered,answered,abandoned,service_level,asa_s,"
      "agents_on_duty,occupancy\n0,phone,";
  EXPECT_EQ(read_file(dir_ + "/out/intervals.csv").substr(0, intervals_start.size()),
            intervals_start);
  EXPECT_NE(r.out.find("service level"), std::string::npos);
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(dir_ + "/out"))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(CliTest, SameSeedGivesByteIdenticalSummaryWhateverTheJobs) {
  ASSERT_EQ(run_supportsim({"run", scenario_, "--jobs", "1", "--out", dir_ + "/a", "--quiet"})
                .exit_status,
            0);
  ASSERT_EQ(run_supportsim({"run", scenario_, "--jobs", "2", "--out", dir_ + "/b", "--quiet"})
                .exit_status,
            0);
  EXPECT_EQ(read_file(dir_ + "/a/summary.json"), read_file(dir_ + "/b/summary.json"));
  EXPECT_EQ(read_file(dir_ + "/a/intervals.csv"), read_file(dir_ + "/b/intervals.csv"));
  ASSERT_EQ(run_supportsim({"run", scenario_, "--seed", "9", "--out", dir_ + "/c", "--quiet"})
                .exit_status,
            0);
  EXPECT_NE(read_file(dir_ + "/a/summary.json"), read_file(dir_ + "/c/summary.json"));
}

TEST_F(CliTest, QuietPrintsNothingAndFormatsPrintTheSummary) {
  auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/q", "--quiet"});
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, "");
  r = run_supportsim({"run", scenario_, "--out", dir_ + "/j", "--format", "json"});
  EXPECT_EQ(r.out, read_file(dir_ + "/j/summary.json"));
  r = run_supportsim({"run", scenario_, "--out", dir_ + "/c", "--format", "csv"});
  EXPECT_EQ(r.out, read_file(dir_ + "/c/summary.csv"));
}

TEST_F(CliTest, SetAndReplicationsAreAppliedAndRecorded) {
  const auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/o", "--quiet", "--set",
                                 "group.agents.agents=12", "--replications", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto summary = nlohmann::json::parse(read_file(dir_ + "/o/summary.json"));
  EXPECT_EQ(summary["replications"], 2);
  EXPECT_DOUBLE_EQ(summary["groups"]["agents"]["agents_mean"]["mean"].get<double>(), 12);
  const std::string resolved = read_file(dir_ + "/o/scenario.toml");
  EXPECT_NE(resolved.find("agents = 12"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("replications = 2"), std::string::npos) << resolved;
}

TEST_F(CliTest, BadScenarioExitsTwoAndWritesNothing) {
  write_file(dir_ + "/bad.toml",
             std::string(kSmall).replace(std::string(kSmall).find("\"4h\""), 4, "4"));
  const auto r = run_supportsim({"run", dir_ + "/bad.toml", "--out", dir_ + "/never"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("bad.toml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run.horizon"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/never"));
}

TEST_F(CliTest, BadOptionsExitTwo) {
  EXPECT_EQ(run_supportsim({"run", scenario_, "--jobs", "zero"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", scenario_, "--format", "xml"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", dir_ + "/missing.toml", "--out", dir_ + "/m"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", scenario_, "--set", "novalue"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"frobnicate"}).exit_status, 2);
  EXPECT_FALSE(fs::exists(dir_ + "/m"));
}

TEST_F(CliTest, ValidatePrintsTheScenarioAndItsLoad) {
  const auto r = run_supportsim({"validate", scenario_});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("scenario \"small\" is valid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("callers: 120/h"), std::string::npos) << r.out;
  // 120/h x 4 min = 8 erlangs against 9 agents in every interval.
  EXPECT_NE(r.out.find("phone               60.0        8.00         9"), std::string::npos)
      << r.out;
}

TEST_F(CliTest, ErlangPrintsClosedFormsAndTheSmallestHeadCount) {
  const auto r = run_supportsim({"erlang", "--rate", "160/h", "--aht", "3m", "--agents", "10"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // C(10, 8 erlangs) = 0.409
  EXPECT_NE(r.out.find("40.9%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("smallest head count"), std::string::npos) << r.out;
  EXPECT_EQ(
      run_supportsim({"erlang", "--rate", "160", "--aht", "3m", "--agents", "10"}).exit_status, 2);
}

TEST_F(CliTest, InitWritesTheDefaultScenarioWhichRuns) {
  ASSERT_EQ(run_supportsim({"init", dir_ + "/start.toml"}).exit_status, 0);
  EXPECT_EQ(read_file(dir_ + "/start.toml"), read_file(source_path("scenarios/default.toml")));
  EXPECT_EQ(run_supportsim({"init"}).out, read_file(source_path("scenarios/default.toml")));
  const auto r = run_supportsim({"validate", dir_ + "/start.toml"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
}

TEST_F(CliTest, EveryExampleScenarioIsValid) {
  for (const auto& entry : fs::directory_iterator(source_path("scenarios"))) {
    if (entry.path().extension() != ".toml") continue;
    const auto r = run_supportsim({"validate", entry.path().string()});
    EXPECT_EQ(r.exit_status, 0) << entry.path() << ": " << r.err;
  }
}

}  // namespace
}  // namespace supportsim
