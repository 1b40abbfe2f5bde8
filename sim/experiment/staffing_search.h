#pragma once
// The staffing search of `supportsim staff`: the cheapest per-interval head counts that meet
// every target in simulation, starting from the closed form (staffing_closed_form.h).
//
// Every simulation uses the scenario's seed and replications, so plans are compared on common
// random numbers: a difference between two simulations is the plan's doing, not noise. What
// "meets" means is the TargetRule of staffing_evaluation.h.
//
// 1. Correction. Simulate the plan; where an interval misses a channel's target, add agents in
//    that interval to the groups that carry the channel's closed-form load (1, then 2, 4, ...
//    while the same interval keeps missing); repeat until every interval meets every target.
// 2. Minimisation. Remove one agent in a batch of (group, interval) positions at once, chosen
//    most expensive group first (paid hourly cost), then largest margin; positions of groups
//    that share a channel (a component) are at least radius + 2 intervals apart, so each
//    interval that then misses a target can be blamed on the one removal that can reach it
//    (same component, from `radius` intervals before to one interval after: a queue carries
//    forward, and the agents of the next interval serve the last arrivals of this one).
//    Removals blamed for a miss are put back and marked essential; the rest are kept. A miss
//    that no removal of the batch can reach is blamed on the nearest earlier one. When no
//    position is left to try, the plan is simulated once more as a whole; if that misses
//    (removals kept in different batches can add up), the kept removals nearest to the miss
//    are put back one by one until it meets.
// 3. The result is the last plan that was simulated as a whole and met every target.
//    `minimal` is true when the search ended because every agent of that plan was tried and
//    its removal made a target miss (nearby, by the blame rule above); removable_agents()
//    checks the definition exactly, one simulation per agent position.

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/experiment/staffing_closed_form.h"
#include "sim/experiment/staffing_evaluation.h"
#include "sim/experiment/staffing_plan.h"
#include "sim/model/scenario.h"

namespace supportsim {

// No plan that meets every target was found (e.g. within the simulation budget).
class StaffingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StaffingOptions {
  TargetRule rule = TargetRule::kMean;
  int jobs = 1;               // worker processes per simulation
  int max_simulations = 300;  // budget; minimisation stops early (minimal = false) when spent
  // Intervals a removal's effect is followed forward; 0: one hour's worth (at least 1).
  int radius = 0;
  // Called after every simulation with a one-line account (optional).
  std::function<void(const std::string&)> progress;
};

struct StaffingResult {
  StaffingGrid grid;
  ClosedFormStaffing closed_form;
  StaffingPlan plan;
  Scenario planned;           // the scenario with the plan applied (apply_plan)
  PlanEvaluation evaluation;  // the simulation of exactly `planned`
  int simulations = 0;
  int correction_simulations = 0;  // of which in the correction phase
  int removals_tried = 0;          // single-agent removals simulated in batches
  int removals_kept = 0;
  bool minimal = false;
};

// Throws StaffingError when the correction phase does not reach a plan meeting every target
// within max_simulations, std::runtime_error when a replication fails.
StaffingResult plan_staffing(const Scenario& scenario, const StaffingOptions& options);

struct AgentPosition {
  int group = 0;
  int slot = 0;  // grid slot (window slots only are tried)
};

// Every single-agent removal from the result's plan, each simulated alone, that still meets
// every target. Empty: the plan is minimal as the issue defines it. Costs one simulation per
// (planned group, window interval) with agents; `simulations` (optional) receives the count.
std::vector<AgentPosition> removable_agents(const Scenario& scenario, const StaffingResult& result,
                                            const StaffingOptions& options,
                                            int* simulations = nullptr);

}  // namespace supportsim
