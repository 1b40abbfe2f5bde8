#include "tests/simulation_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

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
  s.summary = summarize(s.scenario, run_replications(s.scenario, 0, s.scenario.run.replications, jobs));
  return s;
}

std::string single_queue_toml(const std::string& rate, const std::string& aht, int agents,
                              const std::string& patience, const std::string& horizon,
                              const std::string& warmup, int replications) {
  return fmt::format(R"(
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
                         : fmt::format("patience = {{ dist = \"exponential\", mean = \"{}\" }}",
                                       patience),
                     aht, agents);
}

}  // namespace supportsim::testing
