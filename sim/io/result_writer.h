#pragma once
// The result files of `supportsim run` (SPEC.md §3, results/README.md): summary.json,
// summary.csv, intervals.csv, daily.csv and scenario.toml, written atomically into one folder.

#include <string>

#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

std::string summary_json(const Scenario& scenario, const Summary& summary);
std::string summary_csv(const Summary& summary);
std::string intervals_csv(const Summary& summary);
// Population segments only; just the header when there are none.
std::string daily_csv(const Summary& summary);

// Writes the files into `folder`. Throws std::runtime_error on an I/O failure.
void write_run_results(const std::string& folder, const Scenario& scenario, const Summary& summary);

}  // namespace supportsim
