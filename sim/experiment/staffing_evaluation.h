#pragma once
// One simulation of a staffing plan, judged against `[targets]` interval by interval.
//
// Figures follow intervals.csv: cases count in the interval where they arrive; per interval
// and agents channel the service level is answered within answer_within / offered and the
// abandonment abandoned / offered, pooled over replications (sums of numerators over sums of
// denominators), so `supportsim run` of the planned scenario prints the same numbers. Their
// 95% interval is the Student-t interval of a ratio estimator over replications (delta
// method: the standard error of sum(y) / sum(x) is the stdev of y_r - R x_r over sqrt(n)
// times the mean of x), clipped to [0, 1]; with one replication it is the point itself.
//
// An interval with no offered case meets its targets. Otherwise, by `TargetRule`:
//   kMean  the pooled service level >= target and pooled abandonment <= max_abandonment;
//   kCi95  the same with the interval's lower (service level) and upper (abandonment) ends.

#include <vector>

#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

enum class TargetRule { kMean, kCi95 };

struct RatioEstimate {
  double value = 0;  // NaN when nothing was offered
  double ci95_low = 0, ci95_high = 0;
};

struct IntervalOutcome {
  double offered = 0;  // mean per replication
  RatioEstimate service_level, abandonment;
  bool meets = true;
  // How far inside its targets the interval is (the smaller of the service level over its
  // target and, when a ceiling is given, the abandonment under it); +infinity with no offers.
  double margin = 0;
};

struct PlanEvaluation {
  // [window interval][channel]; rows of channels that are not `agents` always meet.
  std::vector<std::vector<IntervalOutcome>> outcomes;
  Summary summary;  // everything `run` reports, for the result files
  int failures = 0;
  bool all_met() const { return failures == 0; }
};

// Runs the scenario's replications (seed and count from `scenario.run`, so every call uses the
// same random numbers) with `jobs` worker processes. Throws std::runtime_error if a
// replication fails.
PlanEvaluation evaluate_plan(const Scenario& scenario, TargetRule rule, int jobs);

// The same judgement from replication outputs already at hand.
PlanEvaluation judge(const Scenario& scenario, const std::vector<ReplicationOutput>& outputs,
                     TargetRule rule);

// The pooled ratio sum(numerators) / sum(denominators) with its interval (see above).
RatioEstimate pooled_ratio(const std::vector<double>& numerators,
                           const std::vector<double>& denominators);

}  // namespace supportsim
