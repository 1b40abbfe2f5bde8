#include "sim/experiment/mix.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "sim/core/random.h"
#include "sim/experiment/paired.h"
#include "sim/experiment/sweep_results.h"

namespace supportsim {

const std::vector<std::string> kMixMetrics = {
    "paid_hours",    "staff_cost",  "channel_cost",   "cost", "cost_per_case",
    "service_level", "abandonment", "resolved_share", "fcr",  "ces",
    "churned",       "revenue",     "margin"};

namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double value_of(const std::map<std::string, double>& values, const std::string& key) {
  const auto it = values.find(key);
  return it == values.end() ? kUndefined : it->second;
}

}  // namespace

std::vector<double> mix_metric_values(const Scenario& scenario, const ReplicationOutput& output) {
  std::map<std::string, double> m;  // "scope/name/metric" -> value
  for (const MetricValue& v : output.metrics) m[v.scope + "/" + v.name + "/" + v.metric] = v.value;
  auto get = [&](const std::string& scope, const std::string& name, const std::string& metric) {
    return value_of(m, scope + "/" + name + "/" + metric);
  };
  double paid_hours = 0, staff_cost = 0, channel_cost = 0;
  for (const Group& g : scenario.groups) {
    paid_hours += get("groups", g.name, "paid_hours");
    staff_cost += get("groups", g.name, "cost");
  }
  // Pooled over the live agents channels: counts recovered from each channel's ratios.
  double offered = 0, within = 0, abandoned = 0;
  for (const Channel& ch : scenario.channels) {
    if (ch.kind != ChannelKind::kAgents) {
      channel_cost += get("channels", ch.name, "cost");
      continue;
    }
    const double o = get("channels", ch.name, "offered");
    if (!(o > 0)) continue;
    offered += o;
    within += o * get("channels", ch.name, "service_level");
    abandoned += get("channels", ch.name, "abandoned");
  }
  const double cost = get("overall", "overall", "cost");
  const double revenue = get("overall", "overall", "revenue");
  const std::map<std::string, double> values = {
      {"paid_hours", paid_hours},
      {"staff_cost", staff_cost},
      {"channel_cost", channel_cost},
      {"cost", cost},
      {"cost_per_case", get("overall", "overall", "cost_per_case")},
      {"service_level", offered > 0 ? within / offered : kUndefined},
      {"abandonment", offered > 0 ? abandoned / offered : kUndefined},
      {"resolved_share", get("overall", "overall", "resolved_share")},
      {"fcr", get("overall", "overall", "fcr")},
      {"ces", get("overall", "overall", "ces")},
      {"churned", get("overall", "overall", "churned")},
      {"revenue", revenue},
      {"margin", revenue - cost}};
  std::vector<double> row;
  for (const std::string& metric : kMixMetrics) row.push_back(value_of(values, metric));
  return row;
}

std::vector<MixRow> mix_rows(const std::vector<Scenario>& scenarios,
                             const std::vector<std::vector<ReplicationOutput>>& outputs,
                             const std::vector<bool>& meets_targets) {
  // values[p][metric][replication]
  std::vector<std::vector<std::vector<double>>> values(outputs.size());
  for (std::size_t p = 0; p < outputs.size(); ++p) {
    values[p].assign(kMixMetrics.size(), {});
    for (const ReplicationOutput& output : outputs[p]) {
      const std::vector<double> row = mix_metric_values(scenarios[p], output);
      for (std::size_t k = 0; k < row.size(); ++k) values[p][k].push_back(row[k]);
    }
  }
  std::vector<MixRow> rows;
  for (std::size_t p = 0; p < outputs.size(); ++p) {
    MixRow row;
    row.meets_targets = meets_targets[p];
    for (std::size_t k = 0; k < kMixMetrics.size(); ++k) {
      std::vector<double> defined;
      for (double v : values[p][k])
        if (!std::isnan(v)) defined.push_back(v);
      row.estimates.push_back(estimate(defined));
      row.versus_first.push_back(p == 0 ? std::nullopt
                                        : paired_difference(values[p][k], values[0][k]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<int> best_mix_point(const std::vector<MixRow>& rows) {
  const auto index = [](const std::string& metric) {
    for (std::size_t k = 0; k < kMixMetrics.size(); ++k)
      if (kMixMetrics[k] == metric) return k;
    return kMixMetrics.size();
  };
  const std::size_t revenue = index("revenue"), margin = index("margin"), cost = index("cost");
  bool any_revenue = false;
  for (const MixRow& row : rows) any_revenue |= row.estimates[revenue].mean != 0;
  std::optional<int> best;
  for (std::size_t p = 0; p < rows.size(); ++p) {
    if (!rows[p].meets_targets) continue;
    const auto better = [&](const MixRow& a, const MixRow& b) {
      return any_revenue ? a.estimates[margin].mean > b.estimates[margin].mean
                         : a.estimates[cost].mean < b.estimates[cost].mean;
    };
    if (!best || better(rows[p], rows[*best])) best = static_cast<int>(p);
  }
  return best;
}

std::uint64_t mix_evaluation_seed(std::uint64_t seed) {
  Rng stream = make_stream(seed, 0, "mix evaluation");
  return stream() >> 1;  // run.seed takes 0 .. 2^63 - 1
}

}  // namespace supportsim
