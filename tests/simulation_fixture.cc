#include "tests/simulation_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"

namespace supportsim::testing {

const Estimate& Simulated::operator()(const std::string& scope, const std::string& name,
                                      const std::string& metric) const {
  const MetricSummary* m = summary.find(scope, name, metric);
  if (!m || !m->defined)
    throw std::runtime_error("metric not reported: " + scope + "/" + name + "/" + metric);
  return m->estimate;
}

Simulated simulate(const std::string& toml, int jobs) {
  Simulated s{load_scenario_string(toml, "test.toml"), {}};
  s.summary =
      summarize(s.scenario, run_replications(s.scenario, 0, s.scenario.run.replications, jobs));
  return s;
}

MetricMap metric_map(const ReplicationOutput& output) {
  MetricMap m;
  for (const auto& v : output.metrics) m[v.scope + "/" + v.name + "/" + v.metric] = v.value;
  return m;
}

std::vector<MetricMap> metric_maps(const std::vector<ReplicationOutput>& outputs) {
  std::vector<MetricMap> maps;
  for (const auto& o : outputs) maps.push_back(metric_map(o));
  return maps;
}

void expect_near_theory(const Estimate& e, double theory, double resolution,
                        const std::string& what, double k) {
  const double se = e.stdev / std::sqrt(static_cast<double>(e.n));
  std::printf("  %-22s simulated %.5g +/- %.3g (%g se), theory %.5g, difference %+.2f%%\n",
              what.c_str(), e.mean, k * se, k, theory,
              theory != 0 ? 100 * (e.mean - theory) / theory : 0.0);
  EXPECT_LE(std::abs(e.mean - theory), k * se + 1e-9)
      << what << ": simulated " << e.mean << " (se " << se << "), theory " << theory;
  EXPECT_LE(k * se, resolution) << what << ": not enough volume to tell a wrong model";
}

void expect_near_theory(const std::vector<double>& per_replication, double theory,
                        double resolution, const std::string& what, double k) {
  expect_near_theory(estimate(per_replication), theory, resolution, what, k);
}

std::string single_queue_toml(const std::string& rate, const std::string& aht, int agents,
                              const std::string& patience, const std::string& horizon,
                              const std::string& warmup, int replications) {
  return fmt::format(
      R"(
[run]
horizon = "{}"
warmup = "{}"
replications = {}
[targets]
answer_within = "20s"
[[segment]]
name = "callers"
arrival_rate = "{}"
entry = {{ phone = 1.0 }}
issues = {{ question = 1.0 }}
{}
[[issue]]
name = "question"
handle_time = {{ dist = "exponential", mean = "{}" }}
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = {}
)",
      horizon, warmup, replications, rate,
      patience.empty()
          ? std::string()
          : fmt::format("patience = {{ dist = \"exponential\", mean = \"{}\" }}", patience),
      aht, agents);
}

}  // namespace supportsim::testing
