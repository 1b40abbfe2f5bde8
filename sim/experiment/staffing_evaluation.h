#pragma once
// One simulation of a staffing plan, judged against the planner's targets interval by interval.
//
// Figures follow intervals.csv: cases count in the interval where they arrive; per interval
// and agents channel the service level is answered within answer_within / offered, the
// abandonment abandoned / offered and the occupancy busy / on-duty agent time, pooled over
// replications (sums of numerators over sums of denominators), so `supportsim run` of the
// planned scenario prints the same numbers. Their standard error is that of a ratio estimator
// over replications (delta method: the stdev of y_r - R x_r over sqrt(n), divided by the mean
// of x); the 95% interval is the Student-t one, clipped to [0, 1]; with one replication both
// are the point itself.
//
// Target kinds, each judged per (interval, agents channel) into a margin (how far inside the
// target; negative: missed):
//   service level  [targets] service_level within answer_within (per channel overrides);
//   abandonment    [targets] max_abandonment, when given;
//   occupancy      the strictest `max_occupancy` of the planned groups answering the channel;
//   first response deferred channels, instead of the two above: the share of the day's
//                  entries with a first response within first_response_within, against
//                  first_response_level (per channel overrides), judged per day;
//   resolution     deferred channels with resolve_within: the share of the day's entries
//                  resolved within it, against resolve_level, judged per day.
// Every margin is computed twice: from the pooled estimate (`margin`, the mean rule) and from
// its one-sided confidence bound at `confidence` (`bound_margin`: the estimate minus t SE for a
// floor, plus t SE for a ceiling, t the Student-t quantile with n - 1 degrees of freedom).
// An interval with no offered case meets every target.
//
// A target judged over a day charges its margin to every interval of that day with entries, so
// that the search and the check add (and remove) agents across the day: a backlog can be worked
// at any hour of it. Days are counted from the start of the statistics window, entries by the
// interval where the case entered the channel, as in intervals.csv.

#include <cstdint>
#include <vector>

#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct RatioEstimate {
  double value = 0;  // NaN when the denominator is 0
  double ci95_low = 0, ci95_high = 0;
  double se = 0;  // standard error (0 with one replication)
};

enum class TargetKind {
  kNone,
  kServiceLevel,
  kAbandonment,
  kOccupancy,
  kFirstResponse,
  kResolution
};

struct IntervalOutcome {
  double offered = 0;  // mean per replication (deferred channels: entries)
  RatioEstimate service_level, abandonment, occupancy;
  // Deferred channels: the first-response and resolution levels of the interval's whole day
  // (resolution NaN without resolve_within).
  RatioEstimate first_response, resolution;
  // The smallest margin over the target kinds: by the pooled estimate, and by its one-sided
  // confidence bound. +infinity with no offers or on channels that are not agents channels.
  double margin = 0;
  double bound_margin = 0;
  TargetKind binding = TargetKind::kNone;  // the kind of `margin`
  bool meets = true;                       // margin >= 0 (with a rounding tolerance)
  bool meets_confidently = true;           // bound_margin >= 0 (same tolerance)
  // The same pooled figures, bit for bit (common random numbers left this cell alone).
  bool same_figures(const IntervalOutcome& o) const;
};

struct PlanEvaluation {
  // [window interval][channel]; rows of channels that are not `agents` always meet.
  std::vector<std::vector<IntervalOutcome>> outcomes;
  Summary summary;  // everything `run` reports, for the result files
  std::uint64_t seed = 0;
  int replications = 0;
  int failures = 0;  // (interval, channel) cells that miss by the mean rule
  bool all_met() const { return failures == 0; }
  // Cells with offers (the intervals a target applies to) and those meeting by the mean rule.
  int judged_cells() const;
};

// Runs `replications` replications of `scenario` under master seed `seed` (jobs worker
// processes) and judges them with `confidence` (in [0.5, 1); 0.5 makes both margins equal).
// Throws std::runtime_error if a replication fails.
PlanEvaluation evaluate_plan(const Scenario& scenario, std::uint64_t seed, int replications,
                             double confidence, int jobs);

// The same judgement from replication outputs already at hand.
PlanEvaluation judge(const Scenario& scenario, const std::vector<ReplicationOutput>& outputs,
                     double confidence);

// The pooled ratio sum(numerators) / sum(denominators) with its interval (see above).
RatioEstimate pooled_ratio(const std::vector<double>& numerators,
                           const std::vector<double>& denominators);

// The occupancy cap of agents channel `channel`: the smallest max_occupancy of the planned
// (not dedicated) groups answering it; none when no such group has one.
std::optional<double> occupancy_cap(const Scenario& scenario, int channel);

// The master seed of the out-of-sample check of a plan searched under `seed`: a stream of its
// own (no replication of any search under `seed` uses it), kept within the range a scenario's
// `run.seed` accepts so that the staffed scenario can carry it.
std::uint64_t check_seed(std::uint64_t seed);

}  // namespace supportsim
