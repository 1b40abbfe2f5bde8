#include "sim/experiment/staffing_plan.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "sim/core/units.h"

namespace supportsim {
namespace {

// Slot counts are computed with a small tolerance so that a horizon of exactly k intervals
// written in another unit ("1w" of "30m") does not get a spurious sliver slot.
int slots_in(double span, double width) {
  return span <= 0 ? 0 : static_cast<int>(std::ceil(span / width - 1e-9));
}

}  // namespace

StaffingGrid::StaffingGrid(const RunConfig& run)
    : interval_s_(run.interval_s),
      warmup_s_(run.warmup_s),
      window_end_s_(run.warmup_s + run.horizon_s),
      warmup_slots_(slots_in(run.warmup_s, run.interval_s)),
      window_slots_(std::max(1, slots_in(run.horizon_s, run.interval_s))) {}

double StaffingGrid::start(int slot) const {
  return std::max(0.0, warmup_s_ + (slot - warmup_slots_) * interval_s_);
}

double StaffingGrid::end(int slot) const {
  return std::min(window_end_s_, warmup_s_ + (slot - warmup_slots_ + 1) * interval_s_);
}

int StaffingGrid::linked_slot(int slot) const {
  if (in_window(slot)) return slot;
  // The warm-up slot's nominal start (before clipping to 0) plus whole weeks, else whole days,
  // lands on a window slot start exactly when the interval divides a day (the loader's rule).
  for (double period : {kWeek, kDay}) {
    const double per = period / interval_s_;
    const long steps = std::lround(per);
    if (std::abs(per - static_cast<double>(steps)) > 1e-9) continue;
    for (long index = slot - warmup_slots_; index < window_slots_; index += steps)
      if (index >= 0) return warmup_slots_ + static_cast<int>(index);
  }
  return -1;
}

int StaffingPlan::total_window_agents(const StaffingGrid& grid) const {
  int total = 0;
  for (std::size_t g = 0; g < agents.size(); ++g)
    if (planned[g])
      for (int s = grid.warmup_slots(); s < grid.slots(); ++s) total += agents[g][s];
  return total;
}

std::vector<bool> plannable_groups(const Scenario& scenario) {
  std::vector<bool> planned;
  for (const Group& g : scenario.groups) planned.push_back(!g.dedicated_to.has_value());
  return planned;
}

void sync_warmup(const StaffingGrid& grid, StaffingPlan& plan) {
  for (std::size_t g = 0; g < plan.agents.size(); ++g) {
    if (!plan.planned[g]) continue;
    for (int s = 0; s < grid.warmup_slots(); ++s) {
      const int linked = grid.linked_slot(s);
      if (linked >= 0) plan.agents[g][s] = plan.agents[g][linked];
    }
  }
}

std::string schedule_file_name(const std::string& group) { return "schedule_" + group + ".csv"; }

Scenario apply_plan(const Scenario& scenario, const StaffingGrid& grid, const StaffingPlan& plan) {
  Scenario planned = scenario;
  for (std::size_t g = 0; g < planned.groups.size(); ++g) {
    if (!plan.planned[g]) continue;
    assert(static_cast<int>(plan.agents[g].size()) == grid.slots());
    Group& group = planned.groups[g];
    group.schedule = Schedule{};
    for (int s = 0; s < grid.slots(); ++s)
      group.schedule.steps.emplace_back(grid.start(s), plan.agents[g][s]);
    group.schedule.repeat_rows();  // as the loader reads the CSV back
    group.schedule.csv_file = schedule_file_name(group.name);
    group.constant_agents = false;
  }
  return planned;
}

}  // namespace supportsim
