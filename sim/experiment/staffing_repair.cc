#include "sim/experiment/staffing_repair.h"

#include <algorithm>

namespace supportsim {

RepairRounds::RepairRounds(const Scenario& scenario, const StaffingResult& result)
    : s_(scenario),
      missed_in_row_(result.grid.window_slots(), std::vector<int>(scenario.channels.size(), 0)),
      first_margin_(result.grid.window_slots(), std::vector<double>(scenario.channels.size(), 0)) {
  for (const UnmetTarget& u : result.search.excused) excused_.insert({u.interval, u.channel});
  for (std::size_t g = 0; g < s_.groups.size(); ++g)
    agent_limit_.push_back(agent_limit(s_, result.closed_form, static_cast<int>(g)));
}

std::vector<CheckCell> RepairRounds::misses(const StaffingResult& result,
                                            const PlanEvaluation& check) {
  const StaffingGrid& grid = result.grid;
  // An interval below the closed form in the plan as written must keep the confidence
  // margin on the fresh replications too: a removal stands only when two independent sets of
  // random numbers both say that it is safe. Any other interval must meet its targets there.
  auto reduced = [&](int i, int c) {
    const int slot = grid.warmup_slots() + i;
    for (int g : carrier_groups(s_, result.closed_form, c))
      if (result.plan.agents[g][slot] < result.search.start.agents[g][slot]) return true;
    return false;
  };
  std::vector<CheckCell> missed;
  for (int i = 0; i < grid.window_slots(); ++i)
    for (std::size_t c = 0; c < s_.channels.size(); ++c) {
      const IntervalOutcome& out = check.outcomes[i][c];
      const bool miss =
          (!out.meets || (!out.meets_confidently && reduced(i, static_cast<int>(c)))) &&
          !excused_.count({i, static_cast<int>(c)});
      missed_in_row_[i][c] = miss ? missed_in_row_[i][c] + 1 : 0;
      if (miss) missed.emplace_back(i, static_cast<int>(c));
    }
  return missed;
}

std::vector<CheckCell> RepairRounds::repairable(const std::vector<CheckCell>& misses,
                                                const PlanEvaluation& check) {
  // A cell that three repairs in a row did not move is beyond what agents of the planned
  // groups fix; it is reported, not repaired further.
  std::vector<CheckCell> cells;
  for (const auto& [i, c] : misses) {
    const double margin = check.outcomes[i][c].margin;
    if (missed_in_row_[i][c] == 1) first_margin_[i][c] = margin;
    if (missed_in_row_[i][c] > 3 && margin <= first_margin_[i][c] + 1e-9) given_up_.insert({i, c});
    if (!given_up_.count({i, c})) cells.emplace_back(i, c);
  }
  return cells;
}

void RepairRounds::repair(const std::vector<CheckCell>& repairable, StaffingResult& result) const {
  const StaffingGrid& grid = result.grid;
  const int intervals = grid.window_slots();
  result.repaired_cells += static_cast<int>(repairable.size());
  // +1 agent over what is on duty now (a roster may already put more than the required
  // count there); a cell missed twice in a row also gets one where its cases are served
  // later (the next interval, and where escalations reach).
  std::vector<std::vector<bool>> add(s_.groups.size(), std::vector<bool>(intervals, false));
  for (const auto& [i, c] : repairable)
    for (int g : carrier_groups(s_, result.closed_form, c)) {
      add[g][i] = true;
      if (missed_in_row_[i][c] >= 2)
        for (int j : serving_intervals(grid, result.closed_form, i, c)) add[g][j] = true;
    }
  for (std::size_t g = 0; g < s_.groups.size(); ++g)
    for (int i = 0; i < intervals; ++i) {
      if (!add[g][i]) continue;
      const int slot = grid.warmup_slots() + i;
      int& need = result.required.agents[g][slot];
      const int before = need;
      need = std::min(agent_limit_[g], std::max(need, result.plan.agents[g][slot]) + 1);
      result.repaired_agent_slots += need - before;
    }
  sync_warmup(grid, result.required);
}

}  // namespace supportsim
