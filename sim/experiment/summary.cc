#include "sim/experiment/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/units.h"

namespace supportsim {

const MetricSummary* Summary::find(const std::string& scope, const std::string& name,
                                   const std::string& metric) const {
  for (const auto& m : metrics)
    if (m.scope == scope && m.name == name && m.metric == metric) return &m;
  return nullptr;
}

Summary summarize(const Scenario& scenario, const std::vector<ReplicationOutput>& outputs) {
  Summary summary;
  summary.replications = static_cast<int>(outputs.size());
  if (outputs.empty()) return summary;

  // Every replication lists the same metrics in the same order (compute_metrics).
  const auto& layout = outputs.front().metrics;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    std::vector<double> values;
    for (const auto& o : outputs)
      if (!std::isnan(o.metrics[i].value)) values.push_back(o.metrics[i].value);
    MetricSummary m{layout[i].scope, layout[i].name, layout[i].metric, {}, !values.empty()};
    if (m.defined) m.estimate = estimate(values);
    summary.metrics.push_back(std::move(m));
  }

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(outputs.size());
  const double width = scenario.run.interval_s;
  const std::size_t intervals = outputs.front().intervals.size();
  for (std::size_t i = 0; i < intervals; ++i) {
    const double start = scenario.run.warmup_s + static_cast<double>(i) * width;
    const double length = std::min(width, scenario.run.warmup_s + scenario.run.horizon_s - start);
    for (std::size_t c = 0; c < scenario.channels.size(); ++c) {
      if (scenario.channels[c].kind != ChannelKind::kAgents) continue;
      IntervalCounts pooled;
      for (const auto& o : outputs) {
        pooled.queue.add(o.intervals[i][c].queue);
        pooled.busy_capacity_s += o.intervals[i][c].busy_capacity_s;
        pooled.on_duty_agent_s += o.intervals[i][c].on_duty_agent_s;
        pooled.backlog += o.intervals[i][c].backlog;
        pooled.entries += o.intervals[i][c].entries;
        pooled.first_response_within += o.intervals[i][c].first_response_within;
      }
      const QueueCounts& q = pooled.queue;
      IntervalRow row;
      row.interval_start_s = start;
      row.channel = scenario.channels[c].name;
      row.offered = q.offered / n;
      row.answered = q.answered / n;
      row.abandoned = q.abandoned / n;
      row.service_level = q.offered > 0 ? q.answered_within / q.offered : nan;
      row.asa_s = q.answered > 0 ? q.wait_answered_s / q.answered : nan;
      row.agents_on_duty = pooled.on_duty_agent_s / n / length;
      row.occupancy =
          pooled.on_duty_agent_s > 0 ? pooled.busy_capacity_s / pooled.on_duty_agent_s : nan;
      const bool deferred = scenario.channels[c].deferred;
      row.backlog = deferred ? pooled.backlog / n : nan;
      row.entries = deferred ? pooled.entries / n : nan;
      row.first_responses_within = deferred ? pooled.first_response_within / n : nan;
      summary.intervals.push_back(row);
    }
  }
  // Outputs read back from a finished sweep point carry no per-group intervals.
  const bool groups_known = std::all_of(outputs.begin(), outputs.end(), [&](const auto& o) {
    return o.group_intervals.size() == intervals;
  });
  for (std::size_t i = 0; groups_known && i < intervals; ++i) {
    const double start = scenario.run.warmup_s + static_cast<double>(i) * width;
    const double length = std::min(width, scenario.run.warmup_s + scenario.run.horizon_s - start);
    for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
      double busy = 0, on_duty = 0;
      for (const auto& o : outputs) {
        busy += o.group_intervals[i][g].busy_capacity_s;
        on_duty += o.group_intervals[i][g].on_duty_agent_s;
      }
      summary.group_intervals.push_back(
          {start, scenario.groups[g].name, on_duty / n / length, on_duty > 0 ? busy / on_duty : nan});
    }
  }
  const std::size_t days = outputs.front().daily.size();
  for (std::size_t day = 0; day < days; ++day) {
    const double start = scenario.run.warmup_s + static_cast<double>(day) * kDay;
    const double length = std::min(kDay, scenario.run.warmup_s + scenario.run.horizon_s - start);
    for (std::size_t k = 0; k < scenario.segments.size(); ++k) {
      const Segment& segment = scenario.segments[k];
      if (!segment.customers) continue;
      DailyRow row{start, segment.name};
      for (const auto& o : outputs) {
        const DailyCounts& d = o.daily[day][k];
        row.active_customers += d.customer_s / length / n;
        row.acquired += d.acquired / n;
        row.churned += d.churned / n;
        row.baseline_churned += d.baseline_churned / n;
        row.cases += d.cases / n;
        row.revenue += segment.monthly_revenue * d.customer_s / kMonth / n;
      }
      summary.daily.push_back(row);
    }
  }
  return summary;
}

}  // namespace supportsim
