#pragma once
// The shape of a staffing plan (`supportsim staff`, docs/cli.md and §3): a time grid of staffing
// slots over the whole simulated span, and a head count per planned group and slot.
//
// Slots are `run.interval` long and aligned on the statistics window: window slot i is
// [warmup + i w, warmup + (i + 1) w) and is reported as interval i of intervals.csv; the warm-up
// before it is cut into slots counted back from the window start (the first one may be shorter
// when the warm-up is not a whole number of intervals). A plan's head count in the last window
// slot also holds through the drain after the horizon (a CSV schedule does not repeat).
//
// Warm-up slots are not measured, so they are not searched: each copies the window slot with
// the same time of week (else the same time of day), so that the window starts from the queue
// the plan itself would leave; a warm-up slot with no such window slot (a window shorter than a
// day) keeps its closed-form head count.

#include <string>
#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

class StaffingGrid {
 public:
  StaffingGrid() : StaffingGrid(RunConfig{}) {}
  explicit StaffingGrid(const RunConfig& run);

  int slots() const { return warmup_slots_ + window_slots_; }
  int warmup_slots() const { return warmup_slots_; }
  int window_slots() const { return window_slots_; }
  double interval_s() const { return interval_s_; }
  // Slot s covers [start(s), end(s)); window slot i is slot warmup_slots() + i.
  double start(int slot) const;
  double end(int slot) const;
  bool in_window(int slot) const { return slot >= warmup_slots_; }
  int window_index(int slot) const { return slot - warmup_slots_; }
  // The window slot a warm-up slot copies (same time of week, else of day), or -1.
  int linked_slot(int slot) const;

 private:
  double interval_s_, warmup_s_, window_end_s_;
  int warmup_slots_ = 0, window_slots_ = 0;
};

// Head counts of the groups being planned. Groups that are not planned (dedicated account
// teams, whose size is a number of named agents rather than a queue's capacity) keep the
// scenario's schedule.
struct StaffingPlan {
  std::vector<bool> planned;             // [group]
  std::vector<std::vector<int>> agents;  // [group][slot]; empty for groups not planned

  int total_window_agents(const StaffingGrid& grid) const;
};

// Which groups `staff` plans: every group but dedicated ones.
std::vector<bool> plannable_groups(const Scenario& scenario);

// Copies each window slot's head count into the warm-up slots linked to it.
void sync_warmup(const StaffingGrid& grid, StaffingPlan& plan);

// The scenario with every planned group's schedule replaced by its plan: one step per slot,
// repeating as a CSV schedule does (Schedule::repeat_rows), recorded as the CSV file
// `schedule_<group>.csv` (what the writer puts next to the scenario it writes), so that
// scenario_to_toml refers to that file. REQUIRES the plan to have a row of grid.slots() counts for
// every planned group.
Scenario apply_plan(const Scenario& scenario, const StaffingGrid& grid, const StaffingPlan& plan);

// The file name of a group's schedule: `schedule_<group>.csv`.
std::string schedule_file_name(const std::string& group);

}  // namespace supportsim
