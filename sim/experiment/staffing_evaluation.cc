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
         same(abandonment.value, o.abandonment.value) && same(occupancy.value, o.occupancy.value) &&
         same(first_response.value, o.first_response.value) &&
         same(resolution.value, o.resolution.value);
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

namespace {

// Takes margin `m` of `kind` into outcome `o` if it is the smallest so far.
void take(IntervalOutcome& o, Margin m, TargetKind kind) {
  if (m.mean < o.margin) o.margin = m.mean, o.binding = kind;
  o.bound_margin = std::min(o.bound_margin, m.bound);
}

// Per-interval figures of channel c in window interval i: offers (entries for a deferred
// channel), service level, abandonment, occupancy, and the margins of the targets judged per
// interval.
IntervalOutcome judge_interval(const Scenario& s, const std::vector<ReplicationOutput>& outputs,
                               std::size_t i, std::size_t c, std::optional<double> cap,
                               double t) {
  IntervalOutcome o;
  o.margin = o.bound_margin = kInfinity;
  const std::size_t n = outputs.size();
  const bool deferred = s.channels[c].deferred;
  std::vector<double> offered(n), within(n), abandoned(n), busy(n), on_duty(n);
  for (std::size_t r = 0; r < n; ++r) {
    const IntervalCounts& counts = outputs[r].intervals[i][c];
    const QueueCounts& q = counts.queue;
    offered[r] = q.offered, within[r] = q.answered_within, abandoned[r] = q.abandoned;
    busy[r] = counts.busy_capacity_s, on_duty[r] = counts.on_duty_agent_s;
    o.offered += (deferred ? counts.entries : q.offered) / static_cast<double>(n);
  }
  o.service_level = pooled_ratio(within, offered);
  o.abandonment = pooled_ratio(abandoned, offered);
  o.occupancy = pooled_ratio(busy, on_duty);
  if (o.offered <= 0) return o;
  const ServiceTarget& target = s.targets.for_channel(static_cast<int>(c));
  if (!deferred) {
    take(o, floor_margin(o.service_level, target.service_level, t), TargetKind::kServiceLevel);
    if (target.max_abandonment)
      take(o, ceiling_margin(o.abandonment, *target.max_abandonment, t),
           TargetKind::kAbandonment);
  }
  if (cap && std::isfinite(o.occupancy.value))
    take(o, ceiling_margin(o.occupancy, *cap, t), TargetKind::kOccupancy);
  return o;
}

// The day-level targets of deferred channel c: each day's first-response (and resolution)
// level over its entries, charged to every interval of the day with entries.
void judge_deferred_days(const Scenario& s, const std::vector<ReplicationOutput>& outputs,
                         std::size_t c, double t,
                         std::vector<std::vector<IntervalOutcome>>& outcomes) {
  const ServiceTarget& target = s.targets.for_channel(static_cast<int>(c));
  const std::size_t n = outputs.size(), intervals = outcomes.size();
  auto day_of = [&](std::size_t i) {
    return static_cast<std::size_t>(std::floor(static_cast<double>(i) * s.run.interval_s / 86400));
  };
  for (std::size_t first = 0; first < intervals;) {
    std::size_t end = first;
    while (end < intervals && day_of(end) == day_of(first)) ++end;
    std::vector<double> entries(n, 0), responded(n, 0), resolved(n, 0);
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t i = first; i < end; ++i) {
        const IntervalCounts& counts = outputs[r].intervals[i][c];
        entries[r] += counts.entries;
        responded[r] += counts.first_response_within;
        resolved[r] += counts.resolved_within;
      }
    const RatioEstimate first_response = pooled_ratio(responded, entries);
    const RatioEstimate resolution =
        target.resolve_within_s ? pooled_ratio(resolved, entries) : RatioEstimate{};
    for (std::size_t i = first; i < end; ++i) {
      IntervalOutcome& o = outcomes[i][c];
      o.first_response = first_response;
      if (target.resolve_within_s) o.resolution = resolution;
      else o.resolution.value = std::numeric_limits<double>::quiet_NaN();
      if (o.offered <= 0) continue;
      take(o, floor_margin(first_response, target.first_response_share(), t),
           TargetKind::kFirstResponse);
      if (target.resolve_within_s)
        take(o, floor_margin(resolution, target.resolve_share(), t), TargetKind::kResolution);
    }
    first = end;
  }
}

}  // namespace

PlanEvaluation judge(const Scenario& s, const std::vector<ReplicationOutput>& outputs,
                     double confidence) {
  PlanEvaluation eval;
  eval.summary = summarize(s, outputs);
  eval.seed = s.run.seed;
  eval.replications = static_cast<int>(outputs.size());
  if (outputs.empty()) return eval;
  const std::size_t intervals = outputs.front().intervals.size();
  const std::size_t channels = s.channels.size();
  const double t = t_multiplier(confidence, outputs.size());
  std::vector<std::optional<double>> caps;
  for (std::size_t c = 0; c < channels; ++c) caps.push_back(occupancy_cap(s, static_cast<int>(c)));
  eval.outcomes.assign(intervals, std::vector<IntervalOutcome>(channels));
  for (std::size_t i = 0; i < intervals; ++i)
    for (std::size_t c = 0; c < channels; ++c) {
      IntervalOutcome& o = eval.outcomes[i][c];
      if (s.channels[c].kind == ChannelKind::kAgents)
        o = judge_interval(s, outputs, i, c, caps[c], t);
      else
        o.margin = o.bound_margin = kInfinity;
    }
  for (std::size_t c = 0; c < channels; ++c)
    if (s.channels[c].kind == ChannelKind::kAgents && s.channels[c].deferred)
      judge_deferred_days(s, outputs, c, t, eval.outcomes);
  for (auto& row : eval.outcomes)
    for (IntervalOutcome& o : row) {
      o.meets = o.margin >= -kTolerance;
      o.meets_confidently = o.bound_margin >= -kTolerance;
      if (!o.meets) ++eval.failures;
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
