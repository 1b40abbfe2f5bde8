#pragma once
// Running a scenario given as TOML text through the real pipeline (loader, SimGrid engine in
// forked replications, aggregation), for tests.

#include <map>
#include <string>
#include <vector>

#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim::testing {

struct Simulated {
  Scenario scenario;
  Summary summary;
  // The estimate of (scope, name, metric); fails the test if missing or undefined.
  const Estimate& operator()(const std::string& scope, const std::string& name,
                             const std::string& metric) const;
};

Simulated simulate(const std::string& toml, int jobs = 2);

// One replication's metrics by "scope/name/metric".
using MetricMap = std::map<std::string, double>;
MetricMap metric_map(const ReplicationOutput& output);
std::vector<MetricMap> metric_maps(const std::vector<ReplicationOutput>& outputs);

// Statistical assertions against theory: the mean lies within `k` standard errors of `theory`,
// and k standard errors are at most `resolution` (in the metric's units), so the check has the
// power to tell a wrong model. `what` names the quantity in failure messages.
void expect_near_theory(const Estimate& e, double theory, double resolution,
                        const std::string& what, double k = 3);
void expect_near_theory(const std::vector<double>& per_replication, double theory,
                        double resolution, const std::string& what, double k = 4);

// A single-queue scenario: Poisson arrivals at `rate` ("1900/h"), exponential handle time
// `aht`, `agents` agents, optional exponential patience, given horizon/warm-up/replications.
std::string single_queue_toml(const std::string& rate, const std::string& aht, int agents,
                              const std::string& patience, const std::string& horizon,
                              const std::string& warmup, int replications);

}  // namespace supportsim::testing
