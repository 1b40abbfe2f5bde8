#pragma once
// The staffing search of `supportsim staff`: the cheapest per-interval head counts that meet
// every target in simulation, starting from the closed form (staffing_closed_form.h).
//
// Every simulation uses the scenario's seed and replications, so plans are compared on common
// random numbers: a difference between two simulations is the plan's doing, not noise. What
// "meets" means is the TargetRule of staffing_evaluation.h.
//
// 1. Correction. Simulate the plan; where an interval misses a channel's target, add agents in
//    that interval to the groups that carry the channel's closed-form load (max(1, 5%) of their
//    head count; after three misses in a row of the same interval, also in the next interval
//    and in those that 10% or more of its offers reach later by the closed form's flow model,
//    e.g. forum posts escalated after give_up_after);
//    repeat until every interval meets every target. A target that six additions in a row do not
//    move is given up (UnmetTarget) and reported instead of failing the whole plan.
// 2. Minimisation, in passes. A pass tries to remove one agent at every (group, interval)
//    that has one, in batches: positions chosen most expensive group first (paid hourly cost),
//    then largest margin, those of groups that share a channel (a component) at least
//    radius + 2 intervals apart. The batch is simulated as a whole plan; if every target is
//    met the removals are kept. Otherwise each missed (interval, channel) is blamed on one
//    removal: the one of the channel's component that can reach it (from `radius` intervals
//    before to one after: a queue carries forward, and the next interval's agents serve the
//    last arrivals of this one), else the nearest earlier, else the nearest later one. Blamed
//    removals are dropped from the batch (they count as tried) and the rest is simulated again,
//    until it meets or is empty, at most four simulations per batch. Passes repeat until one
//    removes nothing (the plan is then minimal) or ten passes have run.
// 3. With verify_minimal, the strict check below, applying what it finds.
// 4. The result is always the last plan that was simulated as a whole and met every target.
//    `minimal` is true when a whole pass found no agent whose removal (within a batch) kept
//    every target; removable_agents() checks the definition exactly, one simulation per agent.
//
// Common random numbers make this work only as far as a change of staffing changes nothing
// but waits: a removal then affects the intervals near it. Random draws taken in the order of
// events (e.g. resolution draws at the end of sessions from a stream shared by the segment's
// cases) re-deal the sample path after any change, so that every simulation of a new plan
// re-rolls the intervals near their targets; the search stays correct (it only keeps what it
// has simulated) but removes far less, and `minimal` is then mostly a statement about that
// noise. More replications narrow it.

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
  // After minimising, simulate every single-agent removal alone (one simulation per agent
  // position), apply any that keeps every target and sweep again until none does: the plan is
  // then minimal exactly as defined (unless the budget runs out first).
  bool verify_minimal = false;
  // Called after every simulation with a one-line account (optional).
  std::function<void(const std::string&)> progress;
};

// A target that adding agents of the planned groups did not move (six misses in a row with
// no gain in margin, or the carriers at 4 x their closed-form peak + 20): the search gives up
// on it and only requires it not to get worse than `margin` (e.g. customers who abandon while
// waiting for a named agent of a dedicated group, which `staff` does not plan).
struct UnmetTarget {
  int interval = 0;  // window interval
  int channel = 0;
  double margin = 0;
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
  // Misses seen while minimising, by whether a removal of the channel's component could reach
  // them; many out of reach mean the random numbers did not stay in step (see above).
  int misses_in_reach = 0, misses_out_of_reach = 0;
  bool minimal = false;
  bool verified_minimal = false;     // verify_minimal ran to the end
  int verification_simulations = 0;  // of which in that check
  std::vector<UnmetTarget> unmet;    // still missed in `evaluation`
};

// Throws StaffingError when the correction phase does not reach a plan meeting every target
// (but those given up) within max_simulations, std::runtime_error when a replication fails.
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
