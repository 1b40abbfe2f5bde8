// `supportsim run --log` and `supportsim calibrate` end to end: the log format, independence
// from --jobs, a calibrated scenario that validates and runs, and bad logs that write nothing.

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

class CalibrateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, testing::kSmallScenario);
  }
  std::string dir_, scenario_;
};

const std::string kHeader =
    "case_id,created_at,channel,segment,issue,wait_s,handle_time_s,abandoned,resolved,"
    "next_channel\n";

TEST_F(CalibrateCli, RunLogIsReplicationZerosAttemptsWhateverJobs) {
  for (const char* jobs : {"1", "3"}) {
    const auto r = run_supportsim({"run", scenario_, "--quiet", "--jobs", jobs, "--out",
                                   dir_ + "/res" + jobs, "--log", dir_ + "/log" + jobs + ".csv"});
    ASSERT_EQ(r.exit_status, 0) << r.err;
  }
  const std::string log = read_file(dir_ + "/log1.csv");
  EXPECT_EQ(log, read_file(dir_ + "/log3.csv"));
  ASSERT_EQ(log.substr(0, kHeader.size()), kHeader);
  // 120 calls/h for 4 h: about 480 cases, each one attempt in this scenario.
  const auto rows = std::count(log.begin(), log.end(), '\n') - 1;
  EXPECT_GT(rows, 380);
  EXPECT_LT(rows, 580);
  // Simulation time 0 is Monday 2024-01-01 00:00.
  EXPECT_NE(log.find(",2024-01-01T00:"), std::string::npos);
  EXPECT_NE(log.find(",phone,callers,question,"), std::string::npos);
  // A folder is no log file: refused before anything is simulated.
  const auto folder =
      run_supportsim({"run", scenario_, "--quiet", "--out", dir_ + "/res9", "--log", dir_});
  EXPECT_EQ(folder.exit_status, 2);
  EXPECT_NE(folder.err.find("--log " + dir_ + ": is a folder"), std::string::npos) << folder.err;
  EXPECT_FALSE(fs::exists(dir_ + "/res9"));
}

TEST_F(CalibrateCli, CalibratedScenarioValidatesRunsAndRecoversTheRate) {
  ASSERT_EQ(run_supportsim({"run", scenario_, "--quiet", "--set", "run.horizon=2d", "--set",
                            "run.warmup=2h", "--out", dir_ + "/res", "--log", dir_ + "/log.csv"})
                .exit_status,
            0);
  const auto r = run_supportsim({"calibrate", dir_ + "/log.csv", "--out", dir_ + "/fitted.toml",
                                 "--fit-dir", dir_ + "/fit", "--interval", "1h"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // A 2 h warm-up: the log begins on Monday at 02:00, and so does the fitted
  // scenario's statistics window (its own warm-up).
  EXPECT_NE(r.out.find("Window: 2 days from 2024-01-01T02:00 (a Monday) to 2024-01-03T02:00"),
            std::string::npos)
      << r.out;
  EXPECT_NE(read_file(dir_ + "/fitted.toml").find("warmup = \"2h\""), std::string::npos);
  EXPECT_NE(r.out.find("PLACEHOLDER"), std::string::npos);
  const std::string fit = read_file(dir_ + "/fit/fit.csv");
  ASSERT_EQ(fit.substr(0, fit.find('\n')), "parameter,estimate,ci95_low,ci95_high,n");
  // 120/h over two days.
  const auto at = fit.find("segment.callers.arrival_rate_per_h,");
  ASSERT_NE(at, std::string::npos);
  const double rate = std::stod(fit.substr(at + 35));
  EXPECT_NEAR(rate, 120, 8);
  EXPECT_NE(fit.find("segment.callers.patience.phone.exponential_mean_s,"), std::string::npos);
  EXPECT_NE(fit.find("issue.question.handle_time.phone.mean_s,"), std::string::npos);
  const auto validate = run_supportsim({"validate", dir_ + "/fitted.toml"});
  EXPECT_EQ(validate.exit_status, 0) << validate.err;
  const auto run = run_supportsim({"run", dir_ + "/fitted.toml", "--quiet", "--replications", "1",
                                   "--set", "run.horizon=4h", "--out", dir_ + "/again"});
  EXPECT_EQ(run.exit_status, 0) << run.err;

  // --staff-from-log: a weekly schedule (168 hours) from concurrent handling; the log's 9
  // agents at 85% occupancy make at most 11.
  const auto staffed =
      run_supportsim({"calibrate", dir_ + "/log.csv", "--out", dir_ + "/staffed.toml", "--fit-dir",
                      dir_ + "/fit2", "--interval", "1h", "--staff-from-log", "--quiet"});
  ASSERT_EQ(staffed.exit_status, 0) << staffed.err;
  const std::string toml = read_file(dir_ + "/staffed.toml");
  const auto schedule = toml.find("schedule = [");
  ASSERT_NE(schedule, std::string::npos);
  const std::string list = toml.substr(schedule + 12, toml.find(']', schedule) - schedule - 12);
  int entries = 0, most = 0;
  for (std::size_t p = 0; p < list.size();) {
    std::size_t used = 0;
    most = std::max(most, std::stoi(list.substr(p), &used));
    ++entries;
    p += used + 2;
  }
  EXPECT_EQ(entries, 168);
  EXPECT_GE(most, 6);
  EXPECT_LE(most, 11);
  EXPECT_EQ(run_supportsim({"validate", dir_ + "/staffed.toml"}).exit_status, 0);
}

TEST_F(CalibrateCli, BadInputExitsTwoAndWritesNothing) {
  struct Case {
    std::string log;
    std::vector<std::string> extra;
    std::string message;
  } cases[] = {
      {kHeader + "1,2024-01-01T08:00:00,phone,a,q,1.5,60,0,1,\n"
                 "2,2024-01-01T08:01:00,phone,a,q,soon,60,0,1,\n",
       {},
       "log.csv:3:6: wait_s: expected a wait in seconds >= 0, got \"soon\""},
      {kHeader + "1,2024-01-01T08:00:00,phone,a,q,1.5,-60,0,1,\n",
       {},
       "log.csv:2:7: handle_time_s: expected a handle time in seconds >= 0, got \"-60\""},
      {kHeader + "1,Monday,phone,a,q,1.5,60,0,1,\n",
       {},
       "log.csv:2:2: created_at: expected a date (ISO 8601, e.g. 2024-03-04T09:30:00+01:00) or "
       "epoch seconds (not a date (ISO 8601) or epoch seconds), got \"Monday\""},
      {"case_id,channel\n1,phone\n", {}, "log.csv:1: missing required column \"created_at\""},
      {kHeader + "1,2024-01-01T08:05:00,phone,a,q,1.5,60,0,0,chat\n"
                 "1,2024-01-01T08:00:00,chat,a,q,1.5,60,0,1,\n",
       {},
       "log.csv:3: case \"1\": its rows must be in time order"},
      {kHeader + "1,2024-01-01T08:00:00,phone,a,q,1.5,60,0,1,\n",
       {"--interval", "7m"},
       "--interval 7m: expected a duration of at least 1m that divides a day evenly"},
      {kHeader + "1,2024-01-01T08:00:00,phone,a,q,1.5,60,0,1,\n",
       {"--no-such-flag"},
       "--no-such-flag"},
      {kHeader, {}, "log.csv: no rows to calibrate from"},
  };
  for (const Case& c : cases) {
    const std::string dir = dir_ + "/case" + std::to_string(&c - cases);
    write_file(dir + "/log.csv", c.log);
    std::vector<std::string> args = {"calibrate",       dir + "/log.csv", "--out",
                                     dir + "/out.toml", "--fit-dir",      dir + "/fit"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const auto r = run_supportsim(args);
    EXPECT_EQ(r.exit_status, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/out.toml")) << c.message;
    EXPECT_FALSE(fs::exists(dir + "/fit")) << c.message;
  }
}

TEST_F(CalibrateCli, SkipBadRowsCountsAndReportsThem) {
  std::string log = kHeader;
  for (int i = 0; i < 40; ++i)
    log += std::to_string(i) + ",2024-01-01T08:" + (i < 10 ? "0" : "") + std::to_string(i) +
           ":00,phone,a,q," + std::to_string(i % 7) + ",60,0,1,\n";
  log += "x,2024-01-01T09:00:00,phone,a,q,1,sixty,0,1,\n";
  write_file(dir_ + "/log.csv", log);
  const auto r = run_supportsim({"calibrate", dir_ + "/log.csv", "--out", dir_ + "/out.toml",
                                 "--fit-dir", dir_ + "/fit", "--skip-bad-rows"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("Read 40 rows (40 cases)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("skipped 1 bad rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("log.csv:42:7: handle_time_s: expected a handle time in seconds >= 0, "
                       "got \"sixty\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(read_file(dir_ + "/out.toml").find("# NOTE: 1 bad rows skipped"), std::string::npos);
}

}  // namespace
}  // namespace supportsim
