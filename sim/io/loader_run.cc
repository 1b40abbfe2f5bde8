// [run]: the run's name, length, replications, seed, reporting interval and work limits.

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string_view>
#include <utility>

#include "sim/core/limits.h"
#include "sim/core/units.h"
#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 14> kRunKeys = {"name",
                                                       "horizon",
                                                       "warmup",
                                                       "replications",
                                                       "seed",
                                                       "interval",
                                                       "drain_limit",
                                                       "monthly_discount_rate",
                                                       "max_cases",
                                                       "max_agents",
                                                       "max_customers",
                                                       "max_intervals",
                                                       "max_interval_rows",
                                                       "max_open_cases"};

}  // namespace

void ScenarioBuilder::read_run() {
  static const toml::table kEmpty;
  const KeyPath path = KeyPath::table("run");
  const toml::node* node = root_.get("run");
  TableReader r(node ? read_table(*node, path, "a table [run]", source_) : kEmpty, path, source_);
  r.check_keys(kRunKeys);
  RunConfig& run = scenario_.run;

  if (const toml::node* name = r.find("name")) {
    run.name = read_name(*name, r.path("name"), source_);
  } else {
    run.name = fs::path(source_.name).stem().string();
    if (run.name.empty()) run.name = "scenario";
  }
  const toml::node& horizon = r.require("horizon", "a duration, e.g. \"8h\"");
  run.horizon_s = read_duration(horizon, r.path("horizon"), source_);
  if (!(run.horizon_s > 0)) {
    fail(horizon, r.path("horizon"), "must be greater than 0, got " + value_text(horizon), source_);
  }
  run.warmup_s = r.duration("warmup").value_or(run.warmup_s);
  run.replications =
      static_cast<int>(r.integer("replications", 1, kMaxReplications).value_or(run.replications));
  run.seed = static_cast<std::uint64_t>(
      r.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(run.seed));
  if (const toml::node* interval = r.find("interval")) {
    run.interval_s = read_duration(*interval, r.path("interval"), source_);
    const double per_day = kDay / run.interval_s;
    if (run.interval_s > 0 && run.interval_s < kMinIntervalS) {
      fail(*interval, r.path("interval"), "must be at least 1s, got " + value_text(*interval),
           source_);
    }
    if (!(run.interval_s > 0) || run.interval_s > kDay ||
        std::abs(per_day - std::round(per_day)) > 1e-9) {
      fail(*interval, r.path("interval"),
           "must divide a day evenly (e.g. \"15m\", \"30m\", \"1h\"), got " + value_text(*interval),
           source_);
    }
  }
  run.drain_limit_s = r.duration("drain_limit").value_or(run.drain_limit_s);
  run.monthly_discount_rate =
      r.unit_interval("monthly_discount_rate", "rate").value_or(run.monthly_discount_rate);
  WorkLimits& limits = run.limits;
  for (auto [key, limit] :
       {std::pair{"max_cases", &limits.max_cases}, std::pair{"max_agents", &limits.max_agents},
        std::pair{"max_customers", &limits.max_customers},
        std::pair{"max_intervals", &limits.max_intervals},
        std::pair{"max_interval_rows", &limits.max_interval_rows},
        std::pair{"max_open_cases", &limits.max_open_cases}}) {
    if (auto value = r.integer(key, 1, std::numeric_limits<std::int64_t>::max()))
      *limit = static_cast<double>(*value);
  }
}

}  // namespace io

}  // namespace supportsim
