#include "sim/model/metric_catalogue.h"

#include <gtest/gtest.h>

#include "sim/cli/default_scenario.h"
#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace {

// The catalogue must name exactly what a simulated replication reports: `sweep --show` is
// checked against it before anything runs. The default scenario has every channel kind,
// populations and a dedicated group.
TEST(MetricCatalogueTest, NamesWhatASimulatedReplicationReports) {
  const Scenario s = load_scenario_string(
      default_scenario_toml(), kDefaultScenarioName,
      {{"run.horizon", "2h"}, {"run.warmup", "0s"}, {"run.replications", "1"}});
  const std::vector<ReplicationOutput> outputs = run_replications(s, 0, 1, 1);
  ASSERT_EQ(outputs.size(), 1u);
  const std::vector<MetricValue> known = metric_catalogue(s);
  ASSERT_EQ(known.size(), outputs[0].metrics.size());
  for (std::size_t i = 0; i < known.size(); ++i) {
    EXPECT_EQ(known[i].scope, outputs[0].metrics[i].scope) << i;
    EXPECT_EQ(known[i].name, outputs[0].metrics[i].name) << i;
    EXPECT_EQ(known[i].metric, outputs[0].metrics[i].metric) << i;
  }
}

}  // namespace
}  // namespace supportsim
