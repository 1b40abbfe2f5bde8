#pragma once
// Running a scenario given as TOML text through the real pipeline (loader, SimGrid engine in
// forked replications, aggregation), for tests.

#include <string>

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

// A single-queue scenario: Poisson arrivals at `rate` ("1900/h"), exponential handle time
// `aht`, `agents` agents, optional exponential patience, given horizon/warm-up/replications.
std::string single_queue_toml(const std::string& rate, const std::string& aht, int agents,
                              const std::string& patience, const std::string& horizon,
                              const std::string& warmup, int replications);

}  // namespace supportsim::testing
