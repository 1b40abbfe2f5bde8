// The bounds of sim/core/limits.h as the loader applies them: values a run cannot represent and
// work it cannot finish or hold are input errors, named at their key, before anything runs.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "sim/io/loader.h"
#include "sim/io/scenario_writer.h"
#include "sim/model/work_estimate.h"
#include "tests/unit/io/loader_fixture.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

using loader_fixture::data_dir;
using loader_fixture::edited;
using loader_fixture::kMinimal;
using loader_fixture::load_error;

struct LimitRow {
  const char* name;
  const char* from;  // text of kMinimal to replace; "" appends
  const char* to;
  const char* expected;
  std::vector<const char*> sets = {};  // --set options
};

const LimitRow kRows[] = {
    // Representable values.
    {"horizon_100000_weeks", "horizon = \"8h\"", "horizon = \"100000w\"",
     "x.toml:2:11: run.horizon: expected a duration of at most \"1e9s\" (about 31 years), got "
     "\"100000w\""},
    {"warmup_1e15_seconds", "horizon = \"8h\"", "horizon = \"8h\"\nwarmup = \"1e15s\"",
     "x.toml:3:10: run.warmup: expected a duration of at most \"1e9s\" (about 31 years), got "
     "\"1e15s\""},
    {"constant_handle_time_1e308s", "{ dist = \"exponential\", mean = \"5m\" }",
     "{ dist = \"constant\", value = \"1e308s\" }",
     "x.toml:12:44: issue \"billing\" handle_time.value: expected a duration of at most "
     "\"1e9s\" (about 31 years), got \"1e308s\""},
    {"empirical_sample_1e308", "{ dist = \"exponential\", mean = \"5m\" }",
     "{ dist = \"empirical\", file = \"huge_samples.csv\" }",
     "$DATA/huge_samples.csv:3: issue \"billing\" handle_time.file: durations must be at most "
     "1e9 seconds (about 31 years), got 1e+308"},
    {"lognormal_cv_1e155", "cv = 0.5", "cv = 1e155",
     "x.toml:16:15: issue \"tech\" handle_time: cv must be in [0.001, 1000] (use a constant "
     "below), got 1e+155"},
    {"rate_1e_minus_12_per_hour", "arrival_rate = \"100/h\"", "arrival_rate = \"1e-12/h\"",
     "x.toml:6:16: segment \"smb\" arrival_rate: expected a rate of 0 or at least \"1e-9/s\" "
     "(about 0.0026/month), got \"1e-12/h\""},
    {"rate_1e300_per_hour", "arrival_rate = \"100/h\"", "arrival_rate = \"1e300/h\"",
     "x.toml:6:16: segment \"smb\" arrival_rate: expected a rate of at most \"1e9/s\", got "
     "\"1e300/h\""},
    {"busyness_cv_1e_minus_160", "", "[profile]\nbusyness_cv = 1e-160\n",
     "x.toml:31:15: profile.busyness_cv: expected 0 or a coefficient of variation in [0.001, "
     "1000], got 1e-160"},
    {"hourly_cost_1e308", "agents = 10", "agents = 10\nhourly_cost = 1e308",
     "x.toml:30:15: group \"tier1\" hourly_cost: expected an amount of at most 1e12, got 1e+308"},
    {"churn_weight_1e308", "", "[churn]\nw_wait = 1e308\n",
     "x.toml:31:10: churn.w_wait: expected a weight in [-1000, 1000], got 1e+308"},
    {"repeat_penalty_huge", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nrepeat_penalty = 1e300",
     "x.toml:25:18: channel \"chat\" repeat_penalty: must be at most 1000 (a handle-time "
     "multiplier), got 1e+300"},
    {"concurrency_int_max", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nconcurrency = 2147483647",
     "x.toml:25:15: channel \"chat\" concurrency: must be at most 1000, got 2147483647"},
    {"replications_million", "horizon = \"8h\"", "horizon = \"8h\"\nreplications = 1000000",
     "x.toml:3:16: run.replications: must be at most 100000, got 1000000"},
    {"interval_one_millisecond", "horizon = \"8h\"", "horizon = \"8h\"\ninterval = \"0.001s\"",
     "x.toml:3:12: run.interval: must be at least 1s, got \"0.001s\""},
    // Work.
    {"interval_one_second_too_many", "horizon = \"8h\"", "horizon = \"8h\"\ninterval = \"1s\"",
     "x.toml:3:12: run.interval: expected at most 200000 reporting intervals (warm-up + horizon "
     "+ drain limit) (run.max_intervals; raise it in [run] for a bigger run), got 2.62e+06 "
     "intervals of 1s"},
    {"rate_1e7_per_hour", "arrival_rate = \"100/h\"", "arrival_rate = \"1e7/h\"",
     "x.toml:6:16: segment \"smb\" arrival_rate: expected at most 100000000 expected cases in "
     "all replications (run.max_cases; raise it in [run] for a bigger run), got about 8e+08 (10 "
     "replications of warm-up + horizon 8h; this segment 8e+07 each)"},
    {"customers_1e8", "arrival_rate = \"100/h\"",
     "customers = 100000000\ncontact_rate = \"0.1/month\"",
     "x.toml:6:13: segment \"smb\" customers: expected at most 10000000 customers in one "
     "replication (run.max_customers; raise it in [run] for a bigger run), got about 1e+08 (this "
     "segment 100000000 at the start, 1e+08 with acquisitions)"},
    {"agents_1e8", "agents = 10", "agents = 100000000",
     "x.toml:29:10: group \"tier1\" agents: expected at most 20000 agent seats (head count x "
     "concurrency, all groups) (run.max_agents; raise it in [run] for a bigger run), got "
     "100000000 (this group 100000000)"},
    {"agents_int_max", "agents = 10", "agents = 2147483647",
     "x.toml:29:10: group \"tier1\" agents: expected at most 20000 agent seats (head count x "
     "concurrency, all groups) (run.max_agents; raise it in [run] for a bigger run), got "
     "2147483647 (this group 2147483647)"},
    {"agents_times_concurrency",
     "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nconcurrency = 1000",
     "--set group.tier1.agents=30: group \"tier1\" agents: expected at most 20000 agent seats "
     "(head count x "
     "concurrency, all groups) (run.max_agents; raise it in [run] for a bigger run), got 30000 "
     "(this group 30000)",
     {"group.tier1.agents=30"}},
    {"interval_rows", "horizon = \"8h\"",
     "horizon = \"8h\"\ninterval = \"1m\"\nreplications = 10000",
     "x.toml:3:12: run.interval: expected at most 5000000 interval rows (horizon intervals x "
     "channels x replications) (run.max_interval_rows; raise it in [run] for a bigger run), got "
     "9.6e+06"},
    {"limit_not_an_integer", "horizon = \"8h\"", "horizon = \"8h\"\nmax_cases = 1e10",
     "x.toml:3:13: run.max_cases: expected an integer, got float 1e+10"},
    {"limit_zero", "horizon = \"8h\"", "horizon = \"8h\"\nmax_open_cases = 0",
     "x.toml:3:18: run.max_open_cases: must be at least 1, got 0"},
};

class LoaderLimitTest : public ::testing::TestWithParam<LimitRow> {};

TEST_P(LoaderLimitTest, ExactMessage) {
  const LimitRow& row = GetParam();
  std::vector<Override> overrides;
  for (const char* set : row.sets) overrides.push_back(parse_override(set));
  std::string expected = row.expected;
  if (const std::size_t at = expected.find("$DATA"); at != std::string::npos) {
    expected.replace(at, 5, data_dir());
  }
  EXPECT_EQ(load_error(edited(row.from, row.to), overrides), expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, LoaderLimitTest, ::testing::ValuesIn(kRows),
                         [](const auto& row_info) { return std::string(row_info.param.name); });

TEST(LoaderLimits, RaisedLimitsLetTheWorkThroughAndAreWrittenBack) {
  const std::string huge = edited("agents = 10", "agents = 25000");
  EXPECT_NE(load_error(huge), "(loaded without error)");
  const Scenario s = load_scenario_string(huge, "x.toml", {{"run.max_agents", "30000"}});
  EXPECT_EQ(s.run.limits.max_agents, 30000);
  const std::string written = scenario_to_toml(s);
  EXPECT_NE(written.find("max_agents = 30000\n"), std::string::npos) << written;
  // The written scenario loads as it is; limits left at their defaults are not written.
  EXPECT_EQ(load_scenario_string(written, "y.toml").run.limits.max_agents, 30000);
  EXPECT_EQ(written.find("max_cases"), std::string::npos);
}

TEST(LoaderLimits, ExtremeButRepresentableValuesLoad) {
  // Volumes normalise by their largest first: neither 1e308 + 1e308 nor 5e-324 is a problem.
  for (const char* profile :
       {"[profile]\ndaily = [1e308, 1e308]\n",
        "[profile]\ndaily = [5e-324, 1]\nweekly = [5e-324, 0, 0, 0, 0, 0, 0]\n"})
    EXPECT_EQ(load_error(edited("", profile)), "(loaded without error)") << profile;
  EXPECT_EQ(
      load_error(edited(
          "horizon = \"8h\"",
          "horizon = \"1e9s\"\nreplications = 1\nmax_intervals = 1000000\nmax_cases = 1000000000")),
      "(loaded without error)");
  EXPECT_EQ(load_error(edited("arrival_rate = \"100/h\"", "arrival_rate = \"1e-9/s\"")),
            "(loaded without error)");
  EXPECT_EQ(load_error(edited("arrival_rate = \"100/h\"", "arrival_rate = \"0/h\"")),
            "(loaded without error)");
}

TEST(LoaderLimits, ScenarioFilesAreReadUpToALimit) {
  try {
    load_scenario_file("/dev/zero");
    FAIL() << "loaded /dev/zero";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "/dev/zero: expected a scenario file of at most 16 MiB, got more");
  }
  EXPECT_EQ(load_error(edited("agents = 10", "schedule = \"/dev/zero\"")),
            "x.toml:29:12: group \"tier1\" schedule: /dev/zero: expected a CSV file, got a "
            "device, pipe or socket");
}

TEST(WorkEstimate, CountsCasesSeatsCustomersAndIntervals) {
  const Scenario s = load_scenario_string(
      edited("horizon = \"8h\"", "horizon = \"1d\"\nwarmup = \"1d\"\nreplications = 3"), "x.toml");
  const WorkEstimate w = estimate_work(s);
  ASSERT_EQ(w.segment_cases.size(), 1u);
  EXPECT_NEAR(w.segment_cases[0], 100 * 48, 1e-6);
  EXPECT_NEAR(w.cases, 3 * 100 * 48, 1e-6);
  EXPECT_EQ(w.seats, 10);
  EXPECT_EQ(w.actors, 10 + 1 + 3);
  EXPECT_EQ(w.customers, 0);
  EXPECT_EQ(w.intervals, (2 + 30) * 48);
  EXPECT_EQ(w.interval_rows, 48 * 2 * 3);

  // A population grows with acquisitions: 1000 + 30/day x 2 days, contacts over its mean.
  const Scenario p = load_scenario_string(
      edited("arrival_rate = \"100/h\"",
             "customers = 1000\ncontact_rate = \"1/d\"\nacquisition = \"30/d\"")
          .replace(0, 20, "[run]\nhorizon = \"2d\""),
      "x.toml");
  const WorkEstimate pw = estimate_work(p);
  EXPECT_NEAR(pw.customers, 1060, 1e-6);
  EXPECT_NEAR(pw.segment_cases[0], 1000 * 2 + 30 * 2 * 2 / 2.0, 1e-6);
}

}  // namespace
}  // namespace supportsim
