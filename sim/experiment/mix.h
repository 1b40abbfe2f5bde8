#pragma once
// `supportsim mix`: relationship mixes (automation ratios, entry shares, ...) compared as
// decisions. Each point of a sweep is first staffed to the targets by the staffing planner
// (staffing.h: search, rosters, out-of-sample check and repair), then every staffed point is
// evaluated on one common set of random numbers that neither the search nor the check used, so
// that the differences between points are the mix's doing, with paired intervals.
//
// The comparison is made on a few decision metrics per point (kMixMetrics), computed per
// replication from the replication's metrics, then averaged with Student-t intervals, and
// differenced from the first point over the same replications (paired.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/statistics.h"
#include "sim/experiment/replicate.h"
#include "sim/experiment/sweep_points.h"
#include "sim/model/scenario.h"

namespace supportsim {

// The metrics of mix.csv, in column order (results/README.md "mix.csv").
extern const std::vector<std::string> kMixMetrics;

// One replication's value of every mix metric, in kMixMetrics order (NaN where undefined):
// paid_hours and staff_cost over the groups; channel_cost over the self-service, automation and
// community channels; cost, cost_per_case, resolved_share, fcr, ces, churned, revenue from
// `overall`; service_level and abandonment pooled over the live agents channels (answered within
// the channel's threshold, and abandoned, over offered); margin = revenue - cost.
std::vector<double> mix_metric_values(const Scenario& scenario, const ReplicationOutput& output);

struct MixRow {
  std::vector<Estimate> estimates;                    // per metric, over replications
  std::vector<std::optional<Estimate>> versus_first;  // paired difference from point 0
  bool meets_targets = false;  // the staffing check met every target of the point
};

// Rows for staffed points evaluated by a sweep: outputs[p] holds point p's replications in
// index order, scenarios[p] its staffed scenario.
std::vector<MixRow> mix_rows(const std::vector<Scenario>& scenarios,
                             const std::vector<std::vector<ReplicationOutput>>& outputs,
                             const std::vector<bool>& meets_targets);

// The best point: the highest mean margin among points meeting their targets; when no point has
// revenue, the lowest mean cost among them. nullopt when no point meets its targets.
std::optional<int> best_mix_point(const std::vector<MixRow>& rows);

// The seed every point is evaluated with: derived from the scenario's master seed by a stream of
// its own, so it is neither the staffing search's nor its check's.
std::uint64_t mix_evaluation_seed(std::uint64_t seed);

}  // namespace supportsim
