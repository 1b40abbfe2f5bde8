#pragma once
// `supportsim staff` from end to end: search, rosters, out-of-sample check and repair.
//
// 1. Search (staffing_search.h): the per-interval head counts on the scenario's own seed and
//    replications, every removal kept only with a margin beyond the sampling noise.
// 2. Rosters (staffing_roster.h), for the groups that `[[staffing.shift]]` templates apply to:
//    the per-interval counts, taken over the plan's week (the largest count at each time of
//    week), become the requirement of an integer program over shift starts; the schedule is
//    then the on-duty count the roster gives. Other groups keep the per-interval counts.
// 3. Check (its repair rounds: staffing_repair.h): the plan as it will be written is simulated
//    on `check_replications` fresh replications whose master seed is derived from the
//    scenario's by a stream of its own (check_seed), so that no replication of the search is
//    reused. Every interval and channel that misses a target there by the pooled estimate, or
//    that the plan staffs below the closed-form start and that misses by the confidence bound
//    (a removal must hold on both sets of random numbers), is repaired: +1 agent in that
//    interval for the groups carrying the channel (also in the intervals its cases reach later
//    after three rounds of misses), the roster solved again, the check run again on the same
//    fresh replications; at most max_repairs rounds. Targets the search gave up on are not
//    repaired.
// 4. The figures written (staffing.csv, summary files) are those of the last check, and the
//    staffed scenario carries the check's seed and replications, so that `supportsim run` of it
//    reproduces them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/staffing_roster.h"
#include "sim/experiment/staffing_search.h"

namespace supportsim {

struct StaffingResult {
  double confidence = 0.95;  // StaffingOptions::confidence
  StaffingGrid grid;
  ClosedFormStaffing closed_form;
  SearchResult search;
  // The per-interval minimum: the search's plan plus repairs (staffing.csv `required`).
  StaffingPlan required;
  // What is written and was checked: the rosters' on-duty counts for rostered groups, the
  // required counts for the others (staffing.csv `agents` and `on_duty`).
  StaffingPlan plan;
  WeekGrid week;
  std::vector<std::optional<GroupRoster>> rosters;  // [group]; set for rostered groups
  Scenario planned;  // the scenario with `plan` applied, the check's seed and replications
  std::uint64_t check_seed = 0;
  int check_replications = 0;
  PlanEvaluation first_check;           // the check of the plan before any repair
  PlanEvaluation evaluation;            // the check of `plan` (the figures written)
  int check_rounds = 0;                 // checks run (1 + repair rounds)
  int repaired_cells = 0;               // (interval, channel) misses repaired
  int repaired_agent_slots = 0;         // agents added to `required` by repairs, summed over slots
  std::vector<UnmetTarget> unmet;       // given up by the search, still missed in `evaluation`
  std::vector<UnmetTarget> unrepaired;  // still missed after max_repairs rounds
  int simulations() const { return search.simulations + check_rounds; }
};

// Checks what can be checked before simulating (throws InputError with the location of the key
// at fault, in the loader's format): a load beyond what the closed forms size, a group's
// max_agents below the closed-form need of an interval, shift templates that leave an interval
// with closed-form need of a rostered group uncovered.
void check_staffing_input(const Scenario& scenario);

// Throws StaffingError (no plan within the budget), InputError (the templates cannot cover a
// need found in simulation), std::runtime_error when a replication fails.
StaffingResult plan_staffing(const Scenario& scenario, const StaffingOptions& options);

// Paid hours over the statistics window of per-slot scheduled counts: agent hours x
// (1 - absenteeism) / (1 - shrinkage) (expected: absent agent-days are not paid).
double paid_hours(const Group& group, const StaffingGrid& grid, const std::vector<int>& agents);
// Paid hours over the window of a weekly roster: every shift instance's paid hours (length -
// unpaid_break) for the share of it inside the window, x (1 - absenteeism) / (1 - shrinkage);
// `weighted` multiplies each by its template's hourly_cost_factor (for the cost).
double roster_paid_hours(const Scenario& scenario, const GroupRoster& roster, bool weighted);

// Which templates group g may use (indices into scenario.staffing.shifts); empty: not rostered.
std::vector<int> usable_shifts(const Scenario& scenario, int group);

}  // namespace supportsim
