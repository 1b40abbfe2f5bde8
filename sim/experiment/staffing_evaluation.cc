#include "sim/experiment/staffing_evaluation.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "sim/core/random.h"
#include "sim/core/statistics.h"
#include "sim/experiment/replicate.h"

namespace supportsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Equal counts give ratios that are exact in decimal but not in binary (8 / 10 vs 0.8).
constexpr double kTolerance = 1e-9;

// The one-sided Student-t quantile for `confidence` with n - 1 degrees of freedom; 0 for the
// mean rule or a single replication.
double t_multiplier(double confidence, std::size_t n) {
  if (confidence <= 0.5 || n < 2) return 0;
  const boost::math::students_t t(static_cast<double>(n - 1));
  return boost::math::quantile(t, confidence);
}

// A target that the pooled value must reach (floor) or stay under (ceiling).
struct Margin {
  double mean, bound;
};
Margin floor_margin(const RatioEstimate& r, double target, double t) {
  return {r.value - target, r.value - t * r.se - target};
}
Margin ceiling_margin(const RatioEstimate& r, double cap, double t) {
  return {cap - r.value, cap - (r.value + t * r.se)};
}

}  // namespace

bool IntervalOutcome::same_figures(const IntervalOutcome& o) const {
  auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  return same(offered, o.offered) && same(service_level.value, o.service_level.value) &&
         same(abandonment.value, o.abandonment.value) && same(occupancy.value, o.occupancy.value);
}

int PlanEvaluation::judged_cells() const {
  int cells = 0;
  for (const auto& row : outcomes)
    for (const IntervalOutcome& o : row) cells += o.offered > 0;
  return cells;
}

RatioEstimate pooled_ratio(const std::vector<double>& y, const std::vector<double>& x) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double sum_y = 0, sum_x = 0;
  for (std::size_t r = 0; r < x.size(); ++r) sum_y += y[r], sum_x += x[r];
  if (sum_x <= 0) return {nan, nan, nan, nan};
  const double ratio = sum_y / sum_x;
  const std::size_t n = x.size();
  if (n < 2) return {ratio, ratio, ratio, 0};
  double squares = 0;
  for (std::size_t r = 0; r < n; ++r) squares += std::pow(y[r] - ratio * x[r], 2);
  const double mean_x = sum_x / static_cast<double>(n);
  const double se =
      std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n)) / mean_x;
  const double half = student_t_975(static_cast<double>(n - 1)) * se;
  return {ratio, std::max(0.0, ratio - half), std::min(1.0, ratio + half), se};
}

std::optional<double> occupancy_cap(const Scenario& s, int channel) {
  std::optional<double> cap;
  for (const Group& g : s.groups) {
    if (g.dedicated_to || !g.max_occupancy) continue;
    if (std::find(g.channels.begin(), g.channels.end(), channel) == g.channels.end()) continue;
    cap = cap ? std::min(*cap, *g.max_occupancy) : *g.max_occupancy;
  }
  return cap;
}

std::uint64_t check_seed(std::uint64_t seed) {
  Rng stream = make_stream(seed, 0, "staffing check");
  return stream() >> 1;  // run.seed takes 0 .. 2^63 - 1
}

PlanEvaluation judge(const Scenario& s, const std::vector<ReplicationOutput>& outputs,
                     double confidence) {
  PlanEvaluation eval;
  eval.summary = summarize(s, outputs);
  eval.seed = s.run.seed;
  eval.replications = static_cast<int>(outputs.size());
  if (outputs.empty()) return eval;
  const std::size_t intervals = outputs.front().intervals.size();
  const std::size_t n = outputs.size();
  const double t = t_multiplier(confidence, n);
  std::vector<std::optional<double>> caps;
  for (std::size_t c = 0; c < s.channels.size(); ++c)
    caps.push_back(occupancy_cap(s, static_cast<int>(c)));
  for (std::size_t i = 0; i < intervals; ++i) {
    std::vector<IntervalOutcome> row(s.channels.size());
    for (std::size_t c = 0; c < s.channels.size(); ++c) {
      IntervalOutcome& o = row[c];
      o.margin = o.bound_margin = kInfinity;
      if (s.channels[c].kind != ChannelKind::kAgents) continue;
      std::vector<double> offered(n), within(n), abandoned(n), busy(n), on_duty(n);
      for (std::size_t r = 0; r < n; ++r) {
        const IntervalCounts& counts = outputs[r].intervals[i][c];
        const QueueCounts& q = counts.queue;
        offered[r] = q.offered, within[r] = q.answered_within, abandoned[r] = q.abandoned;
        busy[r] = counts.busy_capacity_s, on_duty[r] = counts.on_duty_agent_s;
        o.offered += q.offered / static_cast<double>(n);
      }
      o.service_level = pooled_ratio(within, offered);
      o.abandonment = pooled_ratio(abandoned, offered);
      o.occupancy = pooled_ratio(busy, on_duty);
      if (o.offered <= 0) continue;
      const ServiceTarget& target = s.targets.for_channel(static_cast<int>(c));
      auto take = [&](Margin m, TargetKind kind) {
        if (m.mean < o.margin) o.margin = m.mean, o.binding = kind;
        o.bound_margin = std::min(o.bound_margin, m.bound);
      };
      take(floor_margin(o.service_level, target.service_level, t), TargetKind::kServiceLevel);
      if (target.max_abandonment)
        take(ceiling_margin(o.abandonment, *target.max_abandonment, t), TargetKind::kAbandonment);
      if (caps[c] && std::isfinite(o.occupancy.value))
        take(ceiling_margin(o.occupancy, *caps[c], t), TargetKind::kOccupancy);
      o.meets = o.margin >= -kTolerance;
      o.meets_confidently = o.bound_margin >= -kTolerance;
      if (!o.meets) ++eval.failures;
    }
    eval.outcomes.push_back(std::move(row));
  }
  return eval;
}

PlanEvaluation evaluate_plan(const Scenario& scenario, std::uint64_t seed, int replications,
                             double confidence, int jobs) {
  Scenario s = scenario;
  s.run.seed = seed;
  s.run.replications = replications;
  return judge(s, run_replications(s, 0, replications, jobs), confidence);
}

}  // namespace supportsim
