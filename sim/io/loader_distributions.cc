// Distribution tables (durations and counts), and the data files they and CSV schedules name.

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.h"
#include "sim/io/data_files.h"
#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace fs = std::filesystem;

namespace {

struct DistributionKeys {
  std::string_view name;
  Distribution::Kind kind;
  std::array<std::string_view, 3> keys;  // "dist" and the parameters ("" when fewer)
};
constexpr std::array<DistributionKeys, 7> kDistributions = {{
    {"exponential", Distribution::Kind::kExponential, {"dist", "mean", ""}},
    {"lognormal", Distribution::Kind::kLognormal, {"dist", "mean", "cv"}},
    {"gamma", Distribution::Kind::kGamma, {"dist", "mean", "cv"}},
    {"weibull", Distribution::Kind::kWeibull, {"dist", "mean", "shape"}},
    {"uniform", Distribution::Kind::kUniform, {"dist", "min", "max"}},
    {"constant", Distribution::Kind::kConstant, {"dist", "value", ""}},
    {"empirical", Distribution::Kind::kEmpirical, {"dist", "file", ""}},
}};

}  // namespace

Distribution ScenarioBuilder::read_distribution(const toml::node& node, const KeyPath& path) const {
  TableReader r(read_table(node, path, kDistributionHint, source_), path, source_);
  std::vector<std::string> names;
  for (const DistributionKeys& d : kDistributions) names.emplace_back(d.name);
  const toml::node& dist_node = r.require("dist", "one of " + list_quoted(names));
  const std::string dist = read_string(dist_node, r.path("dist"), source_);
  const auto spec = std::find_if(kDistributions.begin(), kDistributions.end(),
                                 [&](const DistributionKeys& d) { return d.name == dist; });
  if (spec == kDistributions.end()) {
    std::string message = "expected one of " + list_quoted(names) + ", got " + quote(dist);
    if (auto near = closest(dist, names)) message += " (did you mean " + quote(*near) + "?)";
    fail(dist_node, r.path("dist"), message, source_);
  }
  const auto used = std::find(spec->keys.begin(), spec->keys.end(), std::string_view());
  r.check_keys(std::span<const std::string_view>(spec->keys.begin(), used));

  const auto duration = [&](std::string_view key) {
    return read_duration(r.require(key, kDurationHint), r.path(key), source_);
  };
  const auto number = [&](std::string_view key) {
    return read_number(r.require(key, "a number, e.g. 0.5"), r.path(key), source_);
  };
  try {
    switch (spec->kind) {
      case Distribution::Kind::kExponential:
        return Distribution::exponential(duration("mean"));
      case Distribution::Kind::kLognormal:
        return Distribution::lognormal(duration("mean"), number("cv"));
      case Distribution::Kind::kGamma:
        return Distribution::gamma(duration("mean"), number("cv"));
      case Distribution::Kind::kWeibull:
        return Distribution::weibull(duration("mean"), number("shape"));
      case Distribution::Kind::kUniform:
        return Distribution::uniform(duration("min"), duration("max"));
      case Distribution::Kind::kConstant:
        return Distribution::constant(duration("value"));
      case Distribution::Kind::kEmpirical:
        break;
    }
  } catch (const std::invalid_argument& error) {
    r.fail_here(error.what());
  }
  const toml::node& file_node = r.require("file", "a CSV path, one duration in seconds per line");
  const std::string file = read_string(file_node, r.path("file"), source_);
  const DataPath data = resolve_path(file);
  std::vector<double> samples;
  try {
    samples = read_samples_csv(data.shown);
  } catch (const DataFileError& error) {
    data_file_failure(error, data, file_node, r.path("file"));
  }
  return Distribution::empirical(data.stored, std::move(samples));
}

Distribution ScenarioBuilder::read_duration_or_distribution(const toml::node& node,
                                                            const KeyPath& path) const {
  if (node.is_table()) return read_distribution(node, path);
  if (node.is_string() || node.is_integer() || node.is_floating_point()) {
    return Distribution::constant(read_duration(node, path, source_));
  }
  fail(node, path,
       "expected a duration like \"10m\" or " + std::string(kDistributionHint) + ", got " +
           describe(node),
       source_);
}

// A count: an integer >= 1, or { dist = "constant", value = N }, { dist = "geometric",
// mean = x }, { dist = "empirical", file = "counts.csv" }.
CountDistribution ScenarioBuilder::read_count_distribution(const toml::node& node,
                                                           const KeyPath& path) const {
  constexpr std::string_view kHint =
      "a count distribution like { dist = \"geometric\", mean = 2 } or an integer count";
  if (node.is_integer())
    return CountDistribution::constant(
        static_cast<int>(read_integer(node, path, 1, INT_MAX, source_)));
  if (!node.is_table())
    fail(node, path, "expected " + std::string(kHint) + ", got " + describe(node), source_);
  TableReader r(*node.as_table(), path, source_);
  const std::vector<std::string> names = {"constant", "geometric", "empirical"};
  const toml::node& dist_node = r.require("dist", "one of " + list_quoted(names));
  const std::string dist = read_string(dist_node, r.path("dist"), source_);
  if (std::find(names.begin(), names.end(), dist) == names.end()) {
    std::string message =
        "expected a count distribution, one of " + list_quoted(names) + ", got " + quote(dist);
    if (auto near = closest(dist, names)) message += " (did you mean " + quote(*near) + "?)";
    fail(dist_node, r.path("dist"), message, source_);
  }
  if (dist == "constant") {
    r.check_keys(std::array<std::string_view, 2>{"dist", "value"});
    const toml::node& value = r.require("value", "an integer count >= 1");
    return CountDistribution::constant(
        static_cast<int>(read_integer(value, r.path("value"), 1, INT_MAX, source_)));
  }
  if (dist == "geometric") {
    r.check_keys(std::array<std::string_view, 2>{"dist", "mean"});
    const toml::node& mean = r.require("mean", "a mean count >= 1, e.g. 2");
    const double value = read_number(mean, r.path("mean"), source_);
    if (!(value >= 1) || !std::isfinite(value))
      fail(mean, r.path("mean"), "expected a mean count >= 1, got " + value_text(mean), source_);
    return CountDistribution::geometric(value);
  }
  r.check_keys(std::array<std::string_view, 2>{"dist", "file"});
  const toml::node& file_node =
      r.require("file", "a CSV path, one count (an integer >= 1) per line");
  const DataPath data = resolve_path(read_string(file_node, r.path("file"), source_));
  std::vector<int> counts;
  try {
    counts = read_counts_csv(data.shown);
  } catch (const DataFileError& error) {
    data_file_failure(error, data, file_node, r.path("file"));
  }
  return CountDistribution::empirical(data.stored, std::move(counts));
}

// A table of per-channel distributions holds only tables; anything else is read as one
// distribution, so that a misspelt `dist` is reported as such.
bool ScenarioBuilder::per_channel_table(const toml::table& table) {
  return !table.empty() && !table.contains("dist") &&
         std::all_of(table.begin(), table.end(),
                     [](const auto& entry) { return entry.second.is_table(); });
}

DataPath ScenarioBuilder::resolve_path(const std::string& file) const {
  const fs::path given(file);
  const fs::path shown =
      (given.is_absolute() ? given : fs::path(base_dir_) / given).lexically_normal();
  return {shown.string(), fs::absolute(shown).lexically_normal().string()};
}

[[noreturn]] void ScenarioBuilder::data_file_failure(const DataFileError& error,
                                                     const DataPath& data, const toml::node& at,
                                                     const KeyPath& path) const {
  if (error.line() > 0) {
    throw InputError(data.shown + ":" + std::to_string(error.line()) + ": " + path.text() + ": " +
                     error.what());
  }
  fail(at, path, data.shown + ": " + error.what(), source_);
}

}  // namespace io

}  // namespace supportsim
