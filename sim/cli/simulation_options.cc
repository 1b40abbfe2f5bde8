#include "sim/cli/simulation_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>
#include <limits>
#include <thread>

#include "sim/cli/default_scenario.h"
#include "sim/io/loader.h"

namespace supportsim {

namespace {

// A whole number in [min, max] as typed (checked before CLI11 converts it, so that "-1" is not
// taken modulo 2^64 and a bad value is named without a 309-digit bound).
CLI::Validator whole_number(const char* what, long long min, long long max) {
  return CLI::Validator(
      [what, min, max](std::string& text) -> std::string {
        long long value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max)
          return {};
        return fmt::format("expected {} (a whole number from {} to {}), got {}", what, min, max,
                           text);
      },
      "");
}

}  // namespace

void add_simulation_options(CLI::App& command, SimulationOptions& options) {
  command.add_option("--set", options.sets, "override a scenario key: KEY=VALUE (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_option("--replications", options.replications, "independent replications")
      ->check(whole_number("a number of replications", 1, INT_MAX));
  command.add_option("--seed", options.seed, "master seed")
      ->check(whole_number("a seed", 0, std::numeric_limits<std::int64_t>::max()));
  command.add_option("--out", options.out, "output folder (default results/<scenario name>/)");
  command
      .add_option("--jobs", options.jobs,
                  fmt::format("parallel worker processes, at most {} (default: cores)", kMaxJobs))
      ->check(whole_number("a number of worker processes", 1, kMaxJobs));
  command.add_flag("--quiet", options.quiet, "print nothing on success");
  command.add_flag("--no-report", options.no_report,
                   "do not write report.html (the charts page; `supportsim report DIR` writes it "
                   "later)");
  command.add_option("--format", options.format, "what goes to standard output")
      ->check(CLI::IsMember({"table", "json", "csv"}));
}

std::vector<Override> option_overrides(const SimulationOptions& options) {
  std::vector<Override> overrides;
  for (const std::string& set : options.sets) overrides.push_back(parse_override(set));
  if (options.replications)
    overrides.push_back({"run.replications", std::to_string(*options.replications)});
  if (options.seed) overrides.push_back({"run.seed", std::to_string(*options.seed)});
  return overrides;
}

Scenario load_scenario_with(const SimulationOptions& options,
                            const std::vector<Override>& overrides) {
  if (options.scenario_file.empty())
    return load_scenario_string(default_scenario_toml(), kDefaultScenarioName, overrides);
  return load_scenario_file(options.scenario_file, overrides);
}

Scenario load_scenario(const SimulationOptions& options) {
  return load_scenario_with(options, option_overrides(options));
}

std::string set_shares_text(const Scenario& scenario, std::string_view prefix) {
  std::string text;
  for (const SetShares& set : scenario.set_shares) {
    const Segment& segment = scenario.segments[set.segment];
    const bool entry = set.table == "entry";
    text += fmt::format("{}segment.{}.{}:", prefix, segment.name, set.table);
    const char* separator = " ";
    for (const Share& share : entry ? segment.entry : segment.issues) {
      const std::string& name =
          entry ? scenario.channels[share.index].name : scenario.issues[share.index].name;
      text += fmt::format("{}{} {:.3f}", separator, name, share.share);
      separator = ", ";
    }
    text += "\n";
  }
  return text;
}

int worker_count(const SimulationOptions& options) {
  if (options.jobs > 0) return options.jobs;
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, kMaxJobs);
}

std::string output_folder(const SimulationOptions& options, const Scenario& scenario) {
  return options.out.empty() ? "results/" + scenario.run.name : options.out;
}

std::string output_option(const SimulationOptions& options, const std::string& folder) {
  return options.out.empty() ? "output folder " + folder : "--out " + options.out;
}

}  // namespace supportsim
