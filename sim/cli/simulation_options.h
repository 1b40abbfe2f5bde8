#pragma once
// Options every simulating command takes and how they turn into a Scenario.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/loader.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct SimulationOptions {
  std::string scenario_file;  // empty: the built-in default
  std::vector<std::string> sets;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  std::string out;  // default results/<scenario name>/
  int jobs = 0;     // 0: number of cores
  bool quiet = false;
  bool no_report = false;  // --no-report: no report.html (and none left from before)
  std::string format = "table";
};

void add_simulation_options(CLI::App& command, SimulationOptions& options);

// Loads the scenario with --set, --replications and --seed applied (as overrides, so they show
// in the resolved scenario.toml). Throws InputError.
Scenario load_scenario(const SimulationOptions& options);
// The overrides the options stand for: every --set, then --replications and --seed.
std::vector<Override> option_overrides(const SimulationOptions& options);
// The scenario file of the options (the built-in default without one) under `overrides`.
Scenario load_scenario_with(const SimulationOptions& options,
                            const std::vector<Override>& overrides);

// The share tables that --set (or a --vary point) changed, as resolved: one line each, e.g.
// "segment.consumer.entry: help 0.333, bot 0.400, phone 0.267", each after `prefix`.
std::string set_shares_text(const Scenario& scenario, std::string_view prefix = "");
// Most worker processes --jobs accepts.
inline constexpr int kMaxJobs = 1024;

// Worker processes to use: --jobs, or the number of cores.
int worker_count(const SimulationOptions& options);
// The output folder: --out, or results/<scenario name>.
std::string output_folder(const SimulationOptions& options, const Scenario& scenario);
// How messages name that folder: "--out DIR", or "output folder results/<name>".
std::string output_option(const SimulationOptions& options, const std::string& folder);

}  // namespace supportsim
