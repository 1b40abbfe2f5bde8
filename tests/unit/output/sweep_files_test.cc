#include "sim/output/sweep_files.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

const double nan = std::nan("");

ReplicationOutput output(int replication, std::vector<double> values) {
  ReplicationOutput o;
  o.replication = replication;
  o.metrics = {{"overall", "overall", "cases", values[0]},
               {"channels", "phone, main", "asa_s", values[1]}};
  return o;
}

TEST(SweepResultsTest, ReplicationsCsvReadsBackExactly) {
  const std::vector<ReplicationOutput> outputs = {
      output(0, {0.1 + 0.2, nan}), output(1, {1e-300, std::numeric_limits<double>::infinity()}),
      output(2, {-0.0, 123456789.123456789})};
  const std::string text = replications_csv(outputs);
  EXPECT_EQ(text.substr(0, text.find('\n', 40)),
            "replication,scope,name,metric,value\n0,overall,overall,cases,0.30000000000000004");
  EXPECT_NE(text.find("0,channels,\"phone, main\",asa_s,\n"), std::string::npos) << text;
  const auto back = parse_replications_csv(text);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 3u);
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_EQ((*back)[r].replication, outputs[r].replication);
    for (std::size_t m = 0; m < 2; ++m) {
      const MetricValue &a = (*back)[r].metrics[m], &b = outputs[r].metrics[m];
      EXPECT_EQ(a.name, b.name);
      if (std::isnan(b.value))
        EXPECT_TRUE(std::isnan(a.value));
      else
        EXPECT_EQ(std::memcmp(&a.value, &b.value, sizeof(double)), 0) << b.value;
    }
  }
  EXPECT_EQ(replications_csv(*back), text);
}

TEST(SweepResultsTest, IncompleteReplicationsCsvIsRefused) {
  const std::string text = replications_csv({output(0, {1, 2}), output(1, {3, 4})});
  EXPECT_FALSE(parse_replications_csv(""));
  EXPECT_FALSE(parse_replications_csv(text.substr(0, text.size() - 1)));  // cut mid-line
  EXPECT_FALSE(parse_replications_csv(text.substr(0, text.rfind('\n', text.size() - 2) + 1)));
  EXPECT_FALSE(parse_replications_csv("replication,scope,name,metric\n"));
  EXPECT_FALSE(parse_replications_csv(text + "2,overall,overall,cases,x\n"));
  EXPECT_TRUE(parse_replications_csv(text));
}

TEST(SweepResultsTest, DifferencesArePairedByReplicationFromPointZero) {
  const Scenario scenario = load_scenario_string(
      testing::single_queue_toml("60/h", "5m", 6, "", "1h", "0s", 3), "x.toml");
  const std::vector<std::vector<ReplicationOutput>> outputs = {
      {output(0, {10, 1}), output(1, {20, 2}), output(2, {30, nan})},
      {output(0, {12, 2}), output(1, {21, 2}), output(2, {33, 5})}};
  const auto rows = compare_points({scenario, scenario}, outputs);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].point, 0u);
  ASSERT_TRUE(rows[0].difference);
  EXPECT_EQ(rows[0].difference->mean, 0);
  EXPECT_EQ(rows[2].point, 1u);
  EXPECT_EQ(rows[2].summary.metric, "cases");
  EXPECT_DOUBLE_EQ(rows[2].summary.estimate.mean, 22);
  EXPECT_DOUBLE_EQ(rows[2].difference->mean, 2);  // d = {2, 1, 3}
  EXPECT_DOUBLE_EQ(rows[2].difference->stdev, 1);
  EXPECT_EQ(rows[3].difference->n, 2u);  // replication 2 undefined at point 0
  EXPECT_DOUBLE_EQ(rows[3].difference->mean, 0.5);

  std::vector<SweepPoint> points = expand_points({parse_vary("group.agents.agents=6,7")}, false);
  const std::string csv = sweep_csv(points, rows);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "group.agents.agents,point,scope,name,metric,mean,ci95_low,ci95_high,stdev,diff_mean,"
            "diff_ci95_low,diff_ci95_high");
  EXPECT_NE(csv.find("\n7,p01_group.agents.agents=7,overall,overall,cases,22,"), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace supportsim
