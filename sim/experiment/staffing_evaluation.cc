#include "sim/experiment/staffing_evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/statistics.h"
#include "sim/experiment/replicate.h"

namespace supportsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Equal counts give ratios that are exact in decimal but not in binary (8 / 10 vs 0.8).
constexpr double kTolerance = 1e-9;

}  // namespace

RatioEstimate pooled_ratio(const std::vector<double>& y, const std::vector<double>& x) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double sum_y = 0, sum_x = 0;
  for (std::size_t r = 0; r < x.size(); ++r) sum_y += y[r], sum_x += x[r];
  if (sum_x <= 0) return {nan, nan, nan};
  const double ratio = sum_y / sum_x;
  const std::size_t n = x.size();
  if (n < 2) return {ratio, ratio, ratio};
  double squares = 0;
  for (std::size_t r = 0; r < n; ++r) squares += std::pow(y[r] - ratio * x[r], 2);
  const double mean_x = sum_x / static_cast<double>(n);
  const double se =
      std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n)) / mean_x;
  const double half = student_t_975(static_cast<double>(n - 1)) * se;
  return {ratio, std::max(0.0, ratio - half), std::min(1.0, ratio + half)};
}

PlanEvaluation judge(const Scenario& s, const std::vector<ReplicationOutput>& outputs,
                     TargetRule rule) {
  PlanEvaluation eval;
  eval.summary = summarize(s, outputs);
  if (outputs.empty()) return eval;
  const std::size_t intervals = outputs.front().intervals.size();
  const std::size_t n = outputs.size();
  for (std::size_t i = 0; i < intervals; ++i) {
    std::vector<IntervalOutcome> row(s.channels.size());
    for (std::size_t c = 0; c < s.channels.size(); ++c) {
      IntervalOutcome& o = row[c];
      o.margin = kInfinity;
      if (s.channels[c].kind != ChannelKind::kAgents) continue;
      std::vector<double> offered(n), within(n), abandoned(n);
      for (std::size_t r = 0; r < n; ++r) {
        const QueueCounts& q = outputs[r].intervals[i][c].queue;
        offered[r] = q.offered, within[r] = q.answered_within, abandoned[r] = q.abandoned;
        o.offered += q.offered / static_cast<double>(n);
      }
      o.service_level = pooled_ratio(within, offered);
      o.abandonment = pooled_ratio(abandoned, offered);
      if (o.offered <= 0) continue;
      const ServiceTarget& target = s.targets.for_channel(static_cast<int>(c));
      const bool by_mean = rule == TargetRule::kMean;
      const double sl = by_mean ? o.service_level.value : o.service_level.ci95_low;
      const double ab = by_mean ? o.abandonment.value : o.abandonment.ci95_high;
      o.margin = sl - target.service_level;
      if (target.max_abandonment) o.margin = std::min(o.margin, *target.max_abandonment - ab);
      o.meets = o.margin >= -kTolerance;
      if (!o.meets) ++eval.failures;
    }
    eval.outcomes.push_back(std::move(row));
  }
  return eval;
}

PlanEvaluation evaluate_plan(const Scenario& scenario, TargetRule rule, int jobs) {
  return judge(scenario, run_replications(scenario, 0, scenario.run.replications, jobs), rule);
}

}  // namespace supportsim
