// `supportsim staff` end to end: the files it writes, `run` of the staffed scenario reproducing
// the achieved figures, input errors writing nothing, and a new interval for a scenario whose
// inline schedules were written for another.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

// A morning ramp in four hourly intervals with an hourly inline schedule (24 entries).
const char* kMorning = R"([run]
name = "morning"
horizon = "4h"
warmup = "1h"
interval = "1h"
replications = 5
[targets]
service_level = 0.8
max_abandonment = 0.1
[profile]
daily = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 1.0, 1.5, 2.0, 2.0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.2,
         1.0, 0.8, 0.6, 0.4, 0.3, 0.2]
[[segment]]
name = "callers"
arrival_rate = "60/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "4m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
schedule = [1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1, 1]
hourly_cost = 40
shrinkage = 0.25
)";

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

class StaffCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/morning.toml";
    write_file(scenario_, kMorning);
  }
  std::string dir_, scenario_;
};

TEST_F(StaffCliTest, WritesThePlanAndRunOfTheStaffedScenarioReproducesIt) {
  const std::string out = dir_ + "/plan";
  const auto r = run_supportsim({"staff", scenario_, "--out", out, "--jobs", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  for (const char* f : {"staffing.csv", "schedule_agents.csv", "scenario.toml", "summary.json",
                        "summary.csv", "intervals.csv", "daily.csv"})
    EXPECT_TRUE(fs::exists(out + "/" + f)) << f;
  EXPECT_NE(r.out.find("paid hours"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Mon 01:00"), std::string::npos) << r.out;
  // Standard error is a file here, not a terminal: no progress lines.
  EXPECT_EQ(r.err, "");

  const auto staffing = csv_rows(read_file(out + "/staffing.csv"));
  ASSERT_GE(staffing.size(), 2u);
  EXPECT_EQ(staffing[0][0] + "," + staffing[0][1] + "," + staffing[0][2] + "," + staffing[0][3] +
                "," + staffing[0][4] + "," + staffing[0][5],
            "interval_start_s,group,agents,paid_agents,service_level,abandonment");
  ASSERT_EQ(staffing.size(), 1u + 5u);  // one warm-up slot and four window slots
  const auto schedule = csv_rows(read_file(out + "/schedule_agents.csv"));
  ASSERT_EQ(schedule.size(), staffing.size());
  for (std::size_t i = 1; i < staffing.size(); ++i) {
    EXPECT_EQ(schedule[i][0], staffing[i][0]);
    EXPECT_EQ(schedule[i][1], staffing[i][2]);
    EXPECT_DOUBLE_EQ(std::stod(staffing[i][3]), std::stod(staffing[i][2]) / 0.75);
  }

  // The staffed scenario, run from where staff wrote it, gives the same interval figures.
  const auto again = run_supportsim({"run", out + "/scenario.toml", "--out", dir_ + "/run"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  std::map<std::string, std::vector<std::string>> by_start;
  for (const auto& row : csv_rows(read_file(dir_ + "/run/intervals.csv"))) by_start[row[0]] = row;
  int compared = 0;
  for (std::size_t i = 2; i < staffing.size(); ++i) {  // window rows
    const auto& run_row = by_start.at(staffing[i][0]);
    EXPECT_EQ(run_row[5], staffing[i][4]) << "service level at " << staffing[i][0];
    const double offered = std::stod(run_row[2]), abandoned = std::stod(run_row[4]);
    EXPECT_NEAR(abandoned / offered, std::stod(staffing[i][5]), 1e-12);
    ++compared;
  }
  EXPECT_EQ(compared, 4);
}

TEST_F(StaffCliTest, HelpNamesTheStaffingFolder) {
  const auto r = run_supportsim({"staff", "--help"});
  ASSERT_EQ(r.exit_status, 0);
  EXPECT_NE(r.out.find("default results/<scenario name>/staffing/"), std::string::npos) << r.out;
}

TEST_F(StaffCliTest, FormatCsvPrintsStaffingCsv) {
  const auto r =
      run_supportsim({"staff", scenario_, "--out", dir_ + "/plan", "--format", "csv", "--quiet"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const auto shown =
      run_supportsim({"staff", scenario_, "--out", dir_ + "/plan2", "--format", "csv"});
  ASSERT_EQ(shown.exit_status, 0) << shown.err;
  EXPECT_EQ(shown.out, read_file(dir_ + "/plan2/staffing.csv"));
}

TEST_F(StaffCliTest, InputErrorsExitTwoAndWriteNothing) {
  const std::string out = dir_ + "/plan";
  const auto r = run_supportsim({"staff", scenario_, "--out", out, "--set", "run.horizon=4"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("run.horizon"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  const auto bad_interval =
      run_supportsim({"staff", scenario_, "--out", out, "--set", "run.interval=7m"});
  EXPECT_EQ(bad_interval.exit_status, 2);
  EXPECT_NE(bad_interval.err.find("must divide a day evenly"), std::string::npos)
      << bad_interval.err;
  EXPECT_FALSE(fs::exists(out));
  const auto bad_option = run_supportsim({"staff", scenario_, "--out", out, "--confidence", "0.2"});
  EXPECT_EQ(bad_option.exit_status, 2);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(StaffCliTest, ANewIntervalReplacesInlineSchedulesWrittenForAnother) {
  // `run` refuses the 24 hourly entries with 30-minute intervals; `staff` plans them anew.
  const auto refused = run_supportsim({"validate", scenario_, "--set", "run.interval=30m"});
  EXPECT_EQ(refused.exit_status, 2);
  const std::string out = dir_ + "/plan";
  const auto r = run_supportsim({"staff", scenario_, "--out", out, "--set", "run.interval=30m"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto schedule = csv_rows(read_file(out + "/schedule_agents.csv"));
  ASSERT_EQ(schedule.size(), 1u + 2u + 8u);  // two warm-up and eight window half-hours
  EXPECT_EQ(schedule[2][0], "1800");
  EXPECT_NE(read_file(out + "/scenario.toml").find("interval = \"30m\""), std::string::npos);
}

// Shift templates for kMorning (Monday 00:00-05:00 simulated): four-hour shifts starting on
// the hour from 00:00 to 04:00, or two-hour ones at 00:00 and 02:00 at a higher rate.
const char* kShifts = R"(
[staffing]
solver_time_limit = "5s"
[[staffing.shift]]
name = "four"
length = "4h"
start_every = "1h"
earliest = "00:00"
latest = "04:00"
[[staffing.shift]]
name = "two"
length = "2h"
starts = ["00:00", "02:00"]
days = "Mon"
hourly_cost_factor = 1.3
)";

TEST_F(StaffCliTest, ShiftTemplatesGiveARosterThatCoversTheRequirement) {
  write_file(scenario_, std::string(kMorning) + kShifts);
  const std::string out = dir_ + "/plan";
  const auto r = run_supportsim({"staff", scenario_, "--out", out, "--jobs", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("roster agents:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("per-interval minimum"), std::string::npos) << r.out;

  const auto roster = csv_rows(read_file(out + "/roster.csv"));
  ASSERT_GE(roster.size(), 2u);
  EXPECT_EQ(roster[0],
            (std::vector<std::string>{"group", "shift", "day", "start", "end", "agents"}));
  for (std::size_t i = 1; i < roster.size(); ++i) {
    const auto& row = roster[i];
    EXPECT_EQ(row[0], "agents");
    if (row[1] == "two") {
      EXPECT_EQ(row[2], "Mon");
      EXPECT_TRUE(row[3] == "00:00" || row[3] == "02:00") << row[3];
    } else {
      ASSERT_EQ(row[1], "four");
      EXPECT_TRUE(row[3] >= "00:00" && row[3] <= "04:00" && row[3].substr(3) == "00") << row[3];
    }
    EXPECT_GT(std::stoi(row[5]), 0);
  }

  // staffing.csv: on duty (what the schedule holds) covers the per-interval requirement.
  const auto staffing = csv_rows(read_file(out + "/staffing.csv"));
  ASSERT_EQ(staffing[0][6], "required");
  ASSERT_EQ(staffing[0][7], "on_duty");
  const auto schedule = csv_rows(read_file(out + "/schedule_agents.csv"));
  ASSERT_EQ(schedule.size(), staffing.size());
  for (std::size_t i = 1; i < staffing.size(); ++i) {
    EXPECT_GE(std::stoi(staffing[i][7]), std::stoi(staffing[i][6])) << "row " << i;
    EXPECT_EQ(staffing[i][2], staffing[i][7]);
    EXPECT_EQ(schedule[i][1], staffing[i][7]);
  }
  // The staffed scenario keeps the templates and reproduces the checked figures.
  EXPECT_NE(read_file(out + "/scenario.toml").find("[[staffing.shift]]"), std::string::npos);
  const auto again = run_supportsim({"run", out + "/scenario.toml", "--out", dir_ + "/run"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  std::map<std::string, std::vector<std::string>> by_start;
  for (const auto& row : csv_rows(read_file(dir_ + "/run/intervals.csv"))) by_start[row[0]] = row;
  for (std::size_t i = 2; i < staffing.size(); ++i)
    EXPECT_EQ(by_start.at(staffing[i][0])[5], staffing[i][4]) << "at " << staffing[i][0];
}

TEST_F(StaffCliTest, TemplatesThatCannotCoverAnIntervalAreAnInputError) {
  // Only an afternoon shift: nobody would answer the morning.
  std::string text = std::string(kMorning) + R"(
[staffing]
[[staffing.shift]]
name = "afternoon"
length = "4h"
starts = ["12:00"]
)";
  write_file(scenario_, text);
  const std::string out = dir_ + "/plan";
  const auto r = run_supportsim({"staff", scenario_, "--out", out});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.err, scenario_ +
                       ":32:1: staffing.shift: expected templates that put on duty every agent "
                       "group \"agents\" needs, got none on duty at Mon 00:00 (closed form: 3 "
                       "agents)\n");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(StaffCliTest, StartsOutsideTheDayAndACapBelowTheLoadAreInputErrors) {
  write_file(scenario_, std::string(kMorning) + R"(
[staffing]
[[staffing.shift]]
name = "late"
length = "4h"
starts = ["24:30"]
)");
  const std::string out = dir_ + "/plan";
  const auto late = run_supportsim({"staff", scenario_, "--out", out});
  EXPECT_EQ(late.exit_status, 2);
  EXPECT_EQ(late.err, scenario_ +
                          ":36:11: staffing.shift \"late\" starts: expected a time of day "
                          "\"HH:MM\" from \"00:00\" to \"23:59\", got \"24:30\"\n");
  EXPECT_FALSE(fs::exists(out));

  write_file(scenario_, kMorning);
  const auto capped =
      run_supportsim({"staff", scenario_, "--out", out, "--set", "group.agents.max_agents=2"});
  EXPECT_EQ(capped.exit_status, 2);
  EXPECT_NE(capped.err.find("--set group.agents.max_agents=2: group \"agents\" max_agents: "
                            "expected at least"),
            std::string::npos)
      << capped.err;
  EXPECT_NE(capped.err.find("got 2"), std::string::npos) << capped.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace supportsim
