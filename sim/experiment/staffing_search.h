#pragma once
// The staffing search of `supportsim staff`: per-interval head counts that meet every target in
// simulation, starting from the closed form (staffing_closed_form.h), with as few agents as the
// evidence allows. The out-of-sample check, repairs and rosters that follow are in staffing.h.
//
// Every simulation uses the scenario's seed and replications, so plans are compared on common
// random numbers: a difference between two simulations is the plan's doing, not noise. But the
// figures of one simulation still carry sampling noise, and a search that keeps whatever passes
// on its own random numbers plans that noise (a removal that passes by luck stays). So the
// search is asymmetric (staffing_evaluation.h for the margins):
//
// 1. Start: the closed form per group and slot, divided by 1 - absenteeism (rounded up), at
//    most the group's max_agents.
// 2. Correction. Simulate the plan; where an interval misses a channel's target by the pooled
//    estimate (the mean rule), add agents in that interval to the groups that carry the
//    channel's closed-form load (max(1, 5%) of their head count; after three misses in a row of
//    the same interval, also in the next interval and in those that 10% or more of its offers
//    reach later by the closed form's flow model, e.g. forum posts escalated after
//    give_up_after); repeat until every interval meets every target. A target that six
//    additions in a row do not move is given up (UnmetTarget) and reported instead of failing
//    the whole plan.
// 3. Minimisation, in passes. A pass tries to remove one agent at every (group, interval) that
//    has one, in batches: positions chosen most expensive group first (paid hourly cost), then
//    largest margin, those of groups that share a channel (a component) at least radius + 2
//    intervals apart. The batch is simulated as a whole plan and kept only if every interval
//    still meets its targets by the mean rule AND every interval whose figures the removals
//    changed meets them by the one-sided `confidence` bound (estimate - t SE >= target): a
//    removal must leave the target met with a margin larger than the sampling noise, not by
//    luck. Otherwise each failing (interval, channel) is blamed on one removal: the one of the
//    channel's component that can reach it (from `radius` intervals before to one after), else
//    the nearest earlier, else the nearest later one. Blamed removals are dropped from the
//    batch (they count as tried) and the rest is simulated again, until it is kept or empty, at
//    most four simulations per batch. Passes repeat until one removes nothing (the plan is then
//    minimal under this rule) or ten passes have run.
// 4. With verify_minimal, every single-agent removal simulated alone under the same rule.
// 5. The result is the last plan that was simulated as a whole and accepted.
//
// Common random numbers make minimisation work only as far as a change of staffing changes
// nothing but waits. Draws that depend on what happened before (service churn changing who is
// still a customer, retries) re-deal the sample path after any change, so that every interval
// then counts as changed and must meet the confidence bound: the search then removes little and
// the plan stays near the corrected closed form. More replications narrow the bound.

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
  // One-sided confidence a removal must leave every changed interval's targets met with;
  // 0.5 keeps any removal whose pooled estimate meets (plans the noise).
  double confidence = 0.95;
  int jobs = 1;               // worker processes per simulation
  int max_simulations = 300;  // search budget; minimisation stops early (minimal = false)
  // Intervals a removal's effect is followed forward; 0: one hour's worth (at least 1).
  int radius = 0;
  // After minimising, simulate every single-agent removal alone (one simulation per agent
  // position), apply any that the rule accepts and sweep again until none is.
  bool verify_minimal = false;
  // Out-of-sample check (staffing.h): replications, 0 = the scenario's; and how many rounds of
  // repair (+1 agent where a target is missed, re-checked) at most.
  int check_replications = 0;
  int max_repairs = 8;
  // Called after every simulation with a one-line account (optional).
  std::function<void(const std::string&)> progress;
};

// A target that adding agents of the planned groups did not move (six misses in a row with
// no gain in margin, or the carriers at their limit): the search gives up on it and only
// requires it not to get worse than `margin` (e.g. customers who abandon while waiting for a
// named agent of a dedicated group, which `staff` does not plan).
struct UnmetTarget {
  int interval = 0;  // window interval
  int channel = 0;
  double margin = 0;
};

struct SearchResult {
  StaffingGrid grid;
  ClosedFormStaffing closed_form;
  StaffingPlan start;         // the closed-form start (scheduled agents)
  StaffingPlan plan;          // the last accepted plan
  PlanEvaluation evaluation;  // its simulation on the search's random numbers
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
  std::vector<UnmetTarget> excused;  // given up in the correction phase
};

// Throws StaffingError when the correction phase does not reach a plan meeting every target
// (but those given up) within max_simulations, std::runtime_error when a replication fails.
SearchResult search_staffing(const Scenario& scenario, const StaffingOptions& options);

// The closed-form start: for each planned group and slot, the closed form / (1 - absenteeism),
// rounded up, at most max_agents.
StaffingPlan closed_form_start(const Scenario& scenario, const StaffingGrid& grid,
                               const ClosedFormStaffing& closed_form);

// The groups to add agents to when channel c misses: the planned groups carrying its
// closed-form load, else every planned group answering it.
std::vector<int> carrier_groups(const Scenario& scenario, const ClosedFormStaffing& closed_form,
                                int channel);

// Where the agents are that serve the cases of channel c counted in window interval i: i
// itself, the next interval (what i leaves waiting), and the intervals that at least 10% of its
// offers are expected to reach later (escalations after a forum's give-up time, say).
std::vector<int> serving_intervals(const StaffingGrid& grid, const ClosedFormStaffing& closed_form,
                                   int interval, int channel);

// The most agents the search puts in a slot of group g: max_agents, else 4 x the closed-form
// peak + 20 (a guard against targets that agents cannot reach).
int agent_limit(const Scenario& scenario, const ClosedFormStaffing& closed_form, int group);

struct AgentPosition {
  int group = 0;
  int slot = 0;  // grid slot (window slots only are tried)
};

// Every single-agent removal from `plan` that, simulated alone on the search's random numbers,
// the minimisation rule accepts against `evaluation` (the simulation of `plan`). Empty: the plan
// is minimal under that rule. Costs one simulation per (planned group, window interval) with
// agents; `simulations` (optional) receives the count.
std::vector<AgentPosition> removable_agents(const Scenario& scenario, const SearchResult& result,
                                            const StaffingOptions& options,
                                            int* simulations = nullptr);

}  // namespace supportsim
