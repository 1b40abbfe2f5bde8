#include "sim/experiment/staffing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/analytic/erlang.h"
#include "sim/core/error.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

std::string group_path(const Scenario& s, int g) { return "group \"" + s.groups[g].name + "\""; }

WeekGrid week_grid(const Scenario& s) {
  return {s.run.interval_s, std::fmod(s.run.warmup_s, s.run.interval_s)};
}

// The week interval of a grid slot (by its middle: the first warm-up slot may be short).
int week_index(const StaffingGrid& grid, const WeekGrid& week, int slot) {
  return week.index_of((grid.start(slot) + grid.end(slot)) / 2);
}

// A group's per-slot counts as a weekly requirement: the largest count at each time of week.
std::vector<int> week_requirement(const StaffingGrid& grid, const WeekGrid& week,
                                  const std::vector<int>& counts) {
  std::vector<int> required(week.intervals(), 0);
  for (int slot = 0; slot < grid.slots(); ++slot) {
    int& r = required[week_index(grid, week, slot)];
    r = std::max(r, counts[slot]);
  }
  return required;
}

[[noreturn]] void uncoverable(const Scenario& s, int g, const RosterError& e) {
  throw InputError(fmt::format(
      "{}: staffing.shift: expected templates that put on duty every agent {} needs, got {}",
      s.location_of("staffing"), group_path(s, g), e.what()));
}

}  // namespace

std::vector<int> usable_shifts(const Scenario& s, int g) {
  std::vector<int> usable;
  if (s.groups[g].dedicated_to) return usable;
  for (std::size_t k = 0; k < s.staffing.shifts.size(); ++k) {
    const auto& groups = s.staffing.shifts[k].groups;
    if (groups.empty() || std::find(groups.begin(), groups.end(), g) != groups.end())
      usable.push_back(static_cast<int>(k));
  }
  return usable;
}

void check_staffing_input(const Scenario& s) {
  const StaffingGrid grid(s.run);
  const std::vector<bool> planned = plannable_groups(s);
  const ClosedFormStaffing cf = closed_form_staffing(s, grid, planned);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!planned[g]) continue;
    const Group& group = s.groups[g];
    const std::string path = group_path(s, static_cast<int>(g));
    for (int slot = 0; slot < grid.slots(); ++slot) {
      const int need = cf.group_agents[g][slot];
      if (need > kMaxServers)
        throw InputError(fmt::format(
            "{}: {}: expected a load the closed forms can size (at most {} agents), got more at "
            "{}",
            s.location_of(path), path, kMaxServers, week_time_text(grid.start(slot))));
      if (group.max_agents && need > *group.max_agents)
        throw InputError(fmt::format(
            "{}: {} max_agents: expected at least {} seats for the load at {} (closed form, {} "
            "occupancy cap), got {}",
            s.location_of(path + " max_agents"), path, need, week_time_text(grid.start(slot)),
            group.max_occupancy ? fmt::format("{:.0f}%", 100 * *group.max_occupancy) : "no",
            *group.max_agents));
    }
  }
  const StaffingPlan start = closed_form_start(s, grid, cf);
  const WeekGrid week = week_grid(s);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const std::vector<int> usable = usable_shifts(s, static_cast<int>(g));
    if (!planned[g] || usable.empty()) continue;
    const std::vector<int> required = week_requirement(grid, week, start.agents[g]);
    const int k = uncovered_interval(s.staffing.shifts, usable, week, required);
    if (k >= 0)
      uncoverable(s, static_cast<int>(g),
                  RosterError(fmt::format("none on duty at {} (closed form: {} agents)",
                                          week_time_text(week.start(k)), required[k]),
                              k));
  }
}

double paid_hours(const Group& group, const StaffingGrid& grid, const std::vector<int>& agents) {
  double hours = 0;
  for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot)
    hours += agents[slot] * (grid.end(slot) - grid.start(slot)) / kHour;
  return hours * (1 - group.absenteeism) / (1 - group.shrinkage);
}

double roster_paid_hours(const Scenario& s, const GroupRoster& roster, bool weighted) {
  const double from = s.run.warmup_s, to = s.run.warmup_s + s.run.horizon_s;
  double hours = 0;
  for (const RosterLine& line : roster.lines) {
    const ShiftTemplate& shift = s.staffing.shifts[line.start.shift];
    const double first = line.start.week_start_s();
    const double length = shift.length_s;
    const auto weeks_before = static_cast<long>(std::floor((from - first - length) / kWeek));
    const auto weeks_after = static_cast<long>(std::ceil((to - first) / kWeek));
    for (long m = weeks_before; m <= weeks_after; ++m) {
      const double a = first + static_cast<double>(m) * kWeek;
      const double inside = std::min(to, a + length) - std::max(from, a);
      if (inside <= 0) continue;
      hours += line.agents * shift.paid_hours() * inside / length *
               (weighted ? shift.hourly_cost_factor : 1.0);
    }
  }
  const Group& group = s.groups[roster.group];
  return hours * (1 - group.absenteeism) / (1 - group.shrinkage);
}

StaffingResult plan_staffing(const Scenario& s, const StaffingOptions& o) {
  check_staffing_input(s);
  StaffingResult result;
  result.confidence = o.confidence;
  result.search = search_staffing(s, o);
  const StaffingGrid& grid = result.search.grid;
  result.grid = grid;
  result.closed_form = result.search.closed_form;
  result.required = result.search.plan;
  result.week = week_grid(s);
  result.check_seed = check_seed(s.run.seed);
  result.check_replications = o.check_replications > 0 ? o.check_replications : s.run.replications;
  const std::size_t groups = s.groups.size();
  result.rosters.assign(groups, std::nullopt);

  std::set<std::pair<int, int>> excused;
  for (const UnmetTarget& u : result.search.excused) excused.insert({u.interval, u.channel});
  std::vector<int> limits;
  for (std::size_t g = 0; g < groups; ++g)
    limits.push_back(agent_limit(s, result.closed_form, static_cast<int>(g)));

  // The plan as written: rosters over the required counts where templates apply (solved
  // again only when a group's requirement changed).
  auto build_plan = [&] {
    StaffingPlan plan = result.required;
    for (std::size_t g = 0; g < groups; ++g) {
      const std::vector<int> usable = usable_shifts(s, static_cast<int>(g));
      if (!plan.planned[g] || usable.empty()) continue;
      const std::vector<int> need = week_requirement(grid, result.week, result.required.agents[g]);
      if (result.rosters[g] && result.rosters[g]->required == need) {
        for (int slot = 0; slot < grid.slots(); ++slot)
          plan.agents[g][slot] = result.rosters[g]->on_duty[week_index(grid, result.week, slot)];
        continue;
      }
      try {
        GroupRoster roster = solve_roster(s.staffing.shifts, usable, result.week, need,
                                          s.groups[g].max_agents, s.staffing.solver_time_limit_s);
        roster.group = static_cast<int>(g);
        for (int slot = 0; slot < grid.slots(); ++slot)
          plan.agents[g][slot] = roster.on_duty[week_index(grid, result.week, slot)];
        result.rosters[g] = std::move(roster);
      } catch (const RosterError& e) {
        uncoverable(s, static_cast<int>(g), e);
      }
    }
    return plan;
  };

  const int intervals = grid.window_slots();
  std::vector<std::vector<int>> missed_in_row(intervals, std::vector<int>(s.channels.size(), 0));
  std::vector<std::vector<double>> first_margin(intervals,
                                                std::vector<double>(s.channels.size(), 0));
  std::set<std::pair<int, int>> given_up;
  for (int round = 0;; ++round) {
    result.plan = build_plan();
    PlanEvaluation eval = evaluate_plan(apply_plan(s, grid, result.plan), result.check_seed,
                                        result.check_replications, o.confidence, o.jobs);
    ++result.check_rounds;
    if (round == 0) result.first_check = eval;
    // An interval below the closed form in the plan as written must keep the confidence
    // margin on the fresh replications too: a removal stands only when two independent sets of
    // random numbers both say that it is safe. Any other interval must meet its targets there.
    auto reduced = [&](int i, int c) {
      const int slot = grid.warmup_slots() + i;
      for (int g : carrier_groups(s, result.closed_form, c))
        if (result.plan.agents[g][slot] < result.search.start.agents[g][slot]) return true;
      return false;
    };
    std::vector<std::pair<int, int>> misses;
    for (int i = 0; i < intervals; ++i)
      for (std::size_t c = 0; c < s.channels.size(); ++c) {
        const IntervalOutcome& out = eval.outcomes[i][c];
        const bool miss =
            (!out.meets || (!out.meets_confidently && reduced(i, static_cast<int>(c)))) &&
            !excused.count({i, static_cast<int>(c)});
        missed_in_row[i][c] = miss ? missed_in_row[i][c] + 1 : 0;
        if (miss) misses.emplace_back(i, static_cast<int>(c));
      }
    if (o.progress)
      o.progress(fmt::format(
          "checking on {} fresh replications (seed {}): {} of {} targets "
          "missed",
          result.check_replications, result.check_seed, misses.size(), eval.judged_cells()));
    result.evaluation = std::move(eval);
    // A cell that three repairs in a row did not move is beyond what agents of the planned
    // groups fix; it is reported, not repaired further.
    std::vector<std::pair<int, int>> repairable;
    for (const auto& [i, c] : misses) {
      const double margin = result.evaluation.outcomes[i][c].margin;
      if (missed_in_row[i][c] == 1) first_margin[i][c] = margin;
      if (missed_in_row[i][c] > 3 && margin <= first_margin[i][c] + 1e-9) given_up.insert({i, c});
      if (!given_up.count({i, c})) repairable.emplace_back(i, c);
    }
    if (repairable.empty() || round == o.max_repairs) {
      for (const auto& [i, c] : misses)
        result.unrepaired.push_back({i, c, result.evaluation.outcomes[i][c].margin});
      break;
    }
    result.repaired_cells += static_cast<int>(repairable.size());
    // +1 agent over what is on duty now (a roster may already put more than the required
    // count there); a cell missed twice in a row also gets one where its cases are served
    // later (the next interval, and where escalations reach).
    std::vector<std::vector<bool>> add(groups, std::vector<bool>(intervals, false));
    for (const auto& [i, c] : repairable)
      for (int g : carrier_groups(s, result.closed_form, c)) {
        add[g][i] = true;
        if (missed_in_row[i][c] >= 2)
          for (int j : serving_intervals(grid, result.closed_form, i, c)) add[g][j] = true;
      }
    for (std::size_t g = 0; g < groups; ++g)
      for (int i = 0; i < intervals; ++i) {
        if (!add[g][i]) continue;
        const int slot = grid.warmup_slots() + i;
        int& need = result.required.agents[g][slot];
        const int before = need;
        need = std::min(limits[g], std::max(need, result.plan.agents[g][slot]) + 1);
        result.repaired_agent_slots += need - before;
      }
    sync_warmup(grid, result.required);
  }

  for (const UnmetTarget& u : result.search.excused)
    if (!result.evaluation.outcomes[u.interval][u.channel].meets) result.unmet.push_back(u);
  Scenario checked = s;
  checked.run.seed = result.check_seed;
  checked.run.replications = result.check_replications;
  result.planned = apply_plan(checked, grid, result.plan);
  return result;
}

}  // namespace supportsim
