#pragma once
// The repair rounds of `supportsim staff`'s out-of-sample check (staffing.h, step 3): which
// (interval, channel) cells of a check count as missed, which of those are still worth
// repairing, and the agents a round adds to the required counts. The rounds themselves (solve
// the rosters, simulate, repair) are run by plan_staffing.

#include <set>
#include <utility>
#include <vector>

#include "sim/experiment/staffing.h"

namespace supportsim {

// A cell of a check: (window interval, channel).
using CheckCell = std::pair<int, int>;

// What the rounds remember from one check to the next: how many times in a row each cell was
// missed and its margin when that run of misses began, so that a cell repairs cannot move is
// given up rather than repaired forever.
class RepairRounds {
 public:
  // `result`: after the search, before the first check.
  RepairRounds(const Scenario& scenario, const StaffingResult& result);

  // The cells that `check`, the simulation of result.plan, counts as missed (targets the
  // search gave up on excepted). Call once per check: it extends or ends each cell's run.
  std::vector<CheckCell> misses(const StaffingResult& result, const PlanEvaluation& check);

  // Of this check's `misses`, those not given up.
  std::vector<CheckCell> repairable(const std::vector<CheckCell>& misses,
                                    const PlanEvaluation& check);

  // Raises result.required where the `repairable` cells need agents (the warm-up slots follow
  // their window slots); counts the repair in result.
  void repair(const std::vector<CheckCell>& repairable, StaffingResult& result) const;

 private:
  const Scenario& s_;
  std::set<CheckCell> excused_;
  std::vector<int> agent_limit_;                   // [group]
  std::vector<std::vector<int>> missed_in_row_;    // [interval][channel]
  std::vector<std::vector<double>> first_margin_;  // [interval][channel]
  std::set<CheckCell> given_up_;
};

}  // namespace supportsim
