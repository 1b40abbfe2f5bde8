// Real sweeps through the library (loader, forked replications, files): common random numbers
// make paired intervals narrow, invalid points refuse the sweep, and a rerun resumes.

#include "sim/output/sweep.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "sim/core/error.h"
#include "sim/experiment/paired.h"
#include "tests/simulation_fixture.h"
#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

SweepPlan plan(const std::string& toml, const std::vector<std::string>& vary, bool zip = false) {
  std::vector<SweepAxis> axes;
  for (const std::string& v : vary) axes.push_back(parse_vary(v));
  return plan_sweep(axes, zip, [&](const std::vector<Override>& settings) {
    return load_scenario_string(toml, "queue.toml", settings);
  });
}

std::vector<double> values_of(const std::vector<ReplicationOutput>& outputs,
                              const std::string& scope, const std::string& name,
                              const std::string& metric) {
  std::vector<double> out;
  for (const ReplicationOutput& o : outputs)
    for (const MetricValue& m : o.metrics)
      if (m.scope == scope && m.name == name && m.metric == metric) out.push_back(m.value);
  return out;
}

const SweepRow& row_of(const SweepResult& result, std::size_t point, const std::string& scope,
                       const std::string& name, const std::string& metric) {
  for (const SweepRow& row : result.rows)
    if (row.point == point && row.summary.scope == scope && row.summary.name == name &&
        row.summary.metric == metric)
      return row;
  throw std::runtime_error("no row " + metric);
}

// Every file under `dir`: relative path -> (content, modification time).
std::map<std::string, std::pair<std::string, fs::file_time_type>> snapshot(const std::string& dir) {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), dir).string()] = {read_file(entry.path().string()),
                                                         entry.last_write_time()};
  return files;
}

// 9 erlangs on 10 or 11 agents, 8 hours: the waiting time swings a lot from one replication to
// the next, mostly with the arrivals and handle times that both points share.
const std::string kQueue = testing::single_queue_toml("90/h", "6m", 10, "5m", "8h", "1h", 12);

TEST(SweepTest, CommonRandomNumbersMakeThePairedIntervalNarrower) {
  const std::string dir = testing::scratch_dir("crn");
  const SweepPlan p = plan(kQueue, {"group.agents.agents=10,11"});
  Cluster alone;
  const auto result = run_sweep(p, dir, 2, alone);
  ASSERT_TRUE(result);
  for (const char* metric : {"mean_wait_s", "service_level"}) {
    const auto base = values_of(result->outputs[0], "channels", "phone", metric);
    const auto more = values_of(result->outputs[1], "channels", "phone", metric);
    ASSERT_EQ(base.size(), 12u);
    const auto paired = paired_difference(more, base);
    const auto unpaired = unpaired_difference(more, base);
    ASSERT_TRUE(paired && unpaired);
    const double paired_width = paired->ci95_high - paired->ci95_low;
    const double unpaired_width = unpaired->ci95_high - unpaired->ci95_low;
    EXPECT_LT(paired_width, unpaired_width / 2) << metric;
    // The difference is significant with pairing, and sweep.csv reports the paired one.
    EXPECT_TRUE(paired->ci95_high < 0 || paired->ci95_low > 0) << metric;
    const SweepRow& row = row_of(*result, 1, "channels", "phone", metric);
    ASSERT_TRUE(row.difference);
    EXPECT_EQ(row.difference->ci95_low, paired->ci95_low);
    EXPECT_EQ(row.difference->ci95_high, paired->ci95_high);
  }
  // Same arrivals in both points: the case counts are identical, replication by replication.
  EXPECT_EQ(values_of(result->outputs[0], "overall", "overall", "cases"),
            values_of(result->outputs[1], "overall", "overall", "cases"));
}

TEST(SweepTest, AnInvalidPointRefusesTheWholeSweepBeforeAnythingRuns) {
  try {
    plan(kQueue, {"group.agents.agents=10,-1,12"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "point 1 (group.agents.agents=-1): group \"agents\" agents: must not be "
                 "negative, got -1");
  }
  try {
    plan(kQueue, {"group.agents.agents=10,11", "run.horizon=8h,8"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "point 1 (group.agents.agents=10, run.horizon=8): run.horizon: duration needs a "
                 "unit (write e.g. \"20s\", \"5m\", \"1.5h\"), got 8");
  }
}

TEST(SweepTest, EveryKindOfOverrideReachesItsPoint) {
  const std::string two_channels = R"([run]
horizon = "1h"
replications = 1
[[segment]]
name = "web"
arrival_rate = "60/h"
entry = { phone = 0.5, chat = 0.5 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "chat"
kind = "agents"
[[group]]
name = "team"
channels = ["phone", "chat"]
agents = 5
)";
  const SweepPlan p = plan(
      two_channels,
      {"segment.web.entry.phone=0.5,0.2",  // member of an array of tables, into an inline table
       "segment.web.entry.chat=0.5,0.8",
       "issue.question.handle_time={ dist = \"exponential\", mean = \"4m\" },"
       "{ dist = \"constant\", value = \"3m\" }",  // a whole distribution
       "run.horizon=1h,2h"},                       // a plain table
      /*zip=*/true);
  ASSERT_EQ(p.scenarios.size(), 2u);
  const Scenario& s = p.scenarios[1];
  EXPECT_EQ(s.segments[0].entry[0].share, 0.2);
  EXPECT_EQ(s.segments[0].entry[1].share, 0.8);
  EXPECT_EQ(s.issues[0].handle_time.mean(), 180);
  EXPECT_EQ(s.run.horizon_s, 7200);
  EXPECT_EQ(p.scenarios[0].issues[0].handle_time.mean(), 240);
  EXPECT_EQ(p.points[1].folder,
            "p01_segment.web.entry.phone=0.2_segment.web.entry.chat=0.8_issue.question.handle_tim");
}

TEST(SweepTest, ARerunSkipsFinishedPointsAndRecomputesNothingElse) {
  const std::string dir = testing::scratch_dir("resume");
  const std::string toml = testing::single_queue_toml("90/h", "6m", 10, "5m", "2h", "0s", 3);
  const SweepPlan p = plan(toml, {"group.agents.agents=10,11,12"});
  Cluster alone;
  const auto first = run_sweep(p, dir, 2, alone);
  ASSERT_TRUE(first);
  const auto before = snapshot(dir);
  EXPECT_EQ(before.count("sweep.csv"), 1u);
  EXPECT_EQ(before.count("p01_group.agents.agents=11/replications.csv"), 1u);

  // Interrupted while point 1 was being written: its folder is still a hidden partial one.
  const std::string partial = dir + "/.p01_group.agents.agents=11.new.12345";
  fs::rename(dir + "/p01_group.agents.agents=11", partial);
  fs::remove(partial + "/summary.json");
  fs::remove(dir + "/sweep.csv");
  std::vector<SweepProgress> reports;
  const auto second =
      run_sweep(p, dir, 2, alone, [&](const SweepProgress& r) { reports.push_back(r); });
  ASSERT_TRUE(second);
  EXPECT_EQ(second->resumed, (std::vector<bool>{true, false, true}));
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.front().points_done, 2);
  EXPECT_EQ(reports.front().points_resumed, 2);
  EXPECT_EQ(reports.back().replications_total, 3);  // only point 1 was simulated
  EXPECT_EQ(reports.back().replications_done, 3);
  EXPECT_EQ(reports.back().points_done, 3);

  const auto after = snapshot(dir);
  ASSERT_EQ(after.size(), before.size());  // the partial folder is gone
  for (const auto& [path, file] : before) {
    ASSERT_EQ(after.count(path), 1u) << path;
    EXPECT_EQ(after.at(path).first, file.first) << path;  // identical to the uninterrupted run
    if (path.starts_with("p00") || path.starts_with("p02")) {
      EXPECT_EQ(after.at(path).second, file.second) << path << " was rewritten";
    }
  }

  // A different scenario (more replications) is not mistaken for a finished point.
  const SweepPlan more = plan(toml, {"group.agents.agents=10,11,12", "run.replications=4"});
  EXPECT_FALSE(load_finished_point(dir + "/p00_group.agents.agents=10", more.scenarios[0]));
  EXPECT_TRUE(load_finished_point(dir + "/p00_group.agents.agents=10", p.scenarios[0]));
}

}  // namespace
}  // namespace supportsim
