// `supportsim sweep` end to end: point folders and sweep.csv, identity with `run`, any --jobs,
// refusal of invalid sweeps, resume, output formats.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

const char* const kSmall = testing::kSmallScenario;

// Every file under `dir` by relative path.
std::map<std::string, std::string> files_under(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), dir).string()] = read_file(entry.path().string());
  return files;
}

std::size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

class SweepCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, kSmall);
  }
  std::string dir_, scenario_;
};

TEST_F(SweepCliTest, GridWritesAResultFolderPerPointAndSweepCsv) {
  const auto r = run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,10", "--vary",
                                 "segment.callers.patience={ dist = \"exponential\", "
                                 "mean = \"3m\" },{ dist = \"constant\", value = \"2m\" }",
                                 "--out", dir_ + "/out", "--jobs", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.err, "");  // no progress line: standard error is not a terminal
  const std::vector<std::string> folders = {
      "p00_group.agents.agents=8_segment.callers.patience=dist=exponential_mean=3m",
      "p01_group.agents.agents=8_segment.callers.patience=dist=constant_value=2m",
      "p02_group.agents.agents=10_segment.callers.patience=dist=exponential_mean=3m",
      "p03_group.agents.agents=10_segment.callers.patience=dist=constant_value=2m"};
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_ + "/out")) {
    ++entries;
    EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
    EXPECT_EQ(entry.path().string().find(".new."), std::string::npos) << entry.path();
  }
  EXPECT_EQ(entries, folders.size() + 2);  // and sweep.csv, report.html
  for (const std::string& f : folders)
    for (const char* file :
         {"summary.json", "summary.csv", "intervals.csv", "scenario.toml", "replications.csv"})
      EXPECT_TRUE(fs::exists(dir_ + "/out/" + f + "/" + file)) << f << "/" << file;
  // Each point's resolved scenario carries its values.
  const std::string resolved = read_file(dir_ + "/out/" + folders[3] + "/scenario.toml");
  EXPECT_NE(resolved.find("agents = 10"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("\"constant\""), std::string::npos) << resolved;

  const std::string csv = read_file(dir_ + "/out/sweep.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "group.agents.agents,segment.callers.patience,point,scope,name,metric,mean,ci95_low,"
            "ci95_high,stdev,diff_mean,diff_ci95_low,diff_ci95_high");
  const std::size_t metrics = lines(read_file(dir_ + "/out/" + folders[0] + "/summary.csv")) - 1;
  EXPECT_EQ(lines(csv), 1 + 4 * metrics);
  EXPECT_NE(csv.find("\n10,\"{ dist = \"\"constant\"\", value = \"\"2m\"\" }\"," + folders[3] +
                     ",groups,agents,agents_mean,10,10,10,0,2,2,2\n"),
            std::string::npos)
      << csv;
  // Keys are titled by their shortest distinguishing suffix.
  EXPECT_NE(r.out.find("point  agents.agents  callers.patience"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("p03    10"), std::string::npos) << r.out;
}

TEST_F(SweepCliTest, ZipTakesListsInStep) {
  const auto r =
      run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,9,10", "--vary",
                      "run.horizon=2h,3h,4h", "--zip", "--out", dir_ + "/out"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // Keys in step: the first stands for the others in the table.
  EXPECT_NE(r.out.find("run.horizon in step with agents.agents (see sweep.csv)\n\n"
                       "point  agents.agents  "),
            std::string::npos)
      << r.out;
  for (const char* f :
       {"p00_group.agents.agents=8_run.horizon=2h", "p01_group.agents.agents=9_run.horizon=3h",
        "p02_group.agents.agents=10_run.horizon=4h"})
    EXPECT_TRUE(fs::exists(dir_ + "/out/" + f + "/summary.json")) << f;
}

TEST_F(SweepCliTest, APointIsTheRunOfItsScenarioAndJobsChangeNothing) {
  const auto quiet = run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,10",
                                     "--out", dir_ + "/one", "--jobs", "1", "--quiet"});
  ASSERT_EQ(quiet.exit_status, 0) << quiet.err;
  EXPECT_EQ(quiet.out + quiet.err, "");
  ASSERT_EQ(run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,10", "--out",
                            dir_ + "/two", "--jobs", "2", "--quiet"})
                .exit_status,
            0);
  EXPECT_EQ(files_under(dir_ + "/one"), files_under(dir_ + "/two"));
  ASSERT_EQ(run_supportsim({"run", scenario_, "--set", "group.agents.agents=10", "--out",
                            dir_ + "/run", "--quiet"})
                .exit_status,
            0);
  for (const char* file : {"summary.json", "summary.csv", "intervals.csv", "scenario.toml"})
    EXPECT_EQ(read_file(dir_ + "/one/p01_group.agents.agents=10/" + file),
              read_file(dir_ + "/run/" + file))
        << file;
}

TEST_F(SweepCliTest, InvalidSweepsExitTwoAndWriteNothing) {
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"--vary", "group.agents.agents=8,-1,10"},
       "point 1 (group.agents.agents=-1): group \"agents\" agents: must not be negative, got -1\n"},
      {{"--vary", "group.agnets.agents=8,9"},
       "point 0 (group.agnets.agents=8): no group named \"agnets\" (did you mean \"agents\"?)\n"},
      {{"--vary", "group.agents.agents=8,9", "--vary", "run.horizon=1h", "--zip"},
       "--zip: the --vary lists must have equal lengths, got 2 values for group.agents.agents "
       "and 1 for run.horizon\n"},
      {{"--vary", "group.agents.agents"},
       "--vary group.agents.agents: expected KEY=V1,V2,..., e.g. --vary "
       "group.tier1.agents=40,42,44\n"},
      {{"--vary", "group.agents.agents=8", "--set", "run.horizon=4"},
       "point 0 (group.agents.agents=8): --set run.horizon=4: run.horizon: duration needs a unit "
       "(write e.g. \"20s\", \"5m\", \"1.5h\"), got 4\n"},
      {{"--vary", "group.agents.agents=8", "--show", "channels.fone.service_level"},
       "--show channels.fone.service_level: no channel named \"fone\" (known: \"phone\")\n"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"sweep", scenario_, "--out", dir_ + "/never"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_supportsim(args);
    EXPECT_EQ(r.exit_status, 2) << c.message;
    EXPECT_EQ(r.err, c.message);
    EXPECT_FALSE(fs::exists(dir_ + "/never")) << c.message;
  }
  EXPECT_EQ(run_supportsim({"sweep", scenario_, "--out", dir_ + "/never"}).exit_status, 2);
  EXPECT_FALSE(fs::exists(dir_ + "/never"));
}

TEST_F(SweepCliTest, AnUnknownShownMetricExitsTwoBeforeSimulating) {
  const auto r = run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,9", "--show",
                                 "overall.nonexistent", "--out", dir_ + "/never"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err.rfind("--show overall.nonexistent: expected a metric of overall (cases, ", 0), 0u)
      << r.err;
  EXPECT_NE(r.err.find("got \"nonexistent\""), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/never"));
  const auto channel =
      run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8", "--show",
                      "channels.phone.containment", "--out", dir_ + "/never"});
  EXPECT_EQ(channel.exit_status, 2);
  EXPECT_NE(channel.err.find("expected a metric of channels.phone ("), std::string::npos)
      << channel.err;
  EXPECT_FALSE(fs::exists(dir_ + "/never"));
}

TEST_F(SweepCliTest, RerunWithTheSameArgumentsResumes) {
  const std::vector<std::string> args = {
      "sweep", scenario_, "--vary", "group.agents.agents=8,9,10", "--out", dir_ + "/out"};
  ASSERT_EQ(run_supportsim(args).exit_status, 0);
  const auto complete = files_under(dir_ + "/out");
  fs::remove_all(dir_ + "/out/p02_group.agents.agents=10");
  const auto r = run_supportsim(args);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("p00*"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("p02*"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("* read back from an earlier run (2 of 3 points)"), std::string::npos);
  EXPECT_EQ(files_under(dir_ + "/out"), complete);
}

TEST_F(SweepCliTest, FormatsPrintSweepCsvOrJson) {
  auto r = run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,9", "--out",
                           dir_ + "/c", "--format", "csv"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, read_file(dir_ + "/c/sweep.csv"));
  r = run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,9", "--out", dir_ + "/j",
                      "--format", "json"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["points"].size(), 2u);
  EXPECT_EQ(j["points"][1]["settings"]["group.agents.agents"], "9");
  EXPECT_EQ(j["points"][1]["groups"]["agents"]["agents_mean"]["diff"]["mean"], 1.0);
}

}  // namespace
}  // namespace supportsim
