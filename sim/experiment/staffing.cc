#include "sim/experiment/staffing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/analytic/erlang.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/experiment/staffing_repair.h"

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

namespace {

// The result so far after the search (step 1 of staffing.h): the required counts are the
// search's plan, the check's seed and replications chosen, no roster solved yet.
StaffingResult searched(const Scenario& s, const StaffingOptions& o) {
  StaffingResult result;
  result.confidence = o.confidence;
  result.search = search_staffing(s, o);
  result.grid = result.search.grid;
  result.closed_form = result.search.closed_form;
  result.required = result.search.plan;
  result.week = week_grid(s);
  result.check_seed = check_seed(s.run.seed);
  result.check_replications = o.check_replications > 0 ? o.check_replications : s.run.replications;
  result.rosters.assign(s.groups.size(), std::nullopt);
  return result;
}

// The plan as written (step 2): rosters over the required counts where templates apply, solved
// again only when a group's requirement changed; the required counts elsewhere.
StaffingPlan plan_as_written(const Scenario& s, StaffingResult& result) {
  const StaffingGrid& grid = result.grid;
  StaffingPlan plan = result.required;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const std::vector<int> usable = usable_shifts(s, static_cast<int>(g));
    if (!plan.planned[g] || usable.empty()) continue;
    const std::vector<int> need = week_requirement(grid, result.week, result.required.agents[g]);
    if (!result.rosters[g] || result.rosters[g]->required != need) {
      try {
        GroupRoster roster = solve_roster(s.staffing.shifts, usable, result.week, need,
                                          s.groups[g].max_agents, s.staffing.solver_time_limit_s);
        roster.group = static_cast<int>(g);
        result.rosters[g] = std::move(roster);
      } catch (const RosterError& e) {
        uncoverable(s, static_cast<int>(g), e);
      }
    }
    for (int slot = 0; slot < grid.slots(); ++slot)
      plan.agents[g][slot] = result.rosters[g]->on_duty[week_index(grid, result.week, slot)];
  }
  return plan;
}

// The check and its repairs (step 3): until a check misses nothing repairable, or after
// max_repairs rounds of repair.
void check_and_repair(const Scenario& s, const StaffingOptions& o, StaffingResult& result) {
  RepairRounds rounds(s, result);
  for (int round = 0;; ++round) {
    result.plan = plan_as_written(s, result);
    PlanEvaluation check = evaluate_plan(apply_plan(s, result.grid, result.plan), result.check_seed,
                                         result.check_replications, o.confidence, o.jobs);
    ++result.check_rounds;
    if (round == 0) result.first_check = check;
    const std::vector<CheckCell> misses = rounds.misses(result, check);
    if (o.progress)
      o.progress(fmt::format(
          "checking on {} fresh replications (seed {}): {} of {} targets "
          "missed",
          result.check_replications, result.check_seed, misses.size(), check.judged_cells()));
    result.evaluation = std::move(check);
    const std::vector<CheckCell> repairable = rounds.repairable(misses, result.evaluation);
    if (repairable.empty() || round == o.max_repairs) {
      for (const auto& [i, c] : misses)
        result.unrepaired.push_back({i, c, result.evaluation.outcomes[i][c].margin});
      return;
    }
    rounds.repair(repairable, result);
  }
}

}  // namespace

StaffingResult plan_staffing(const Scenario& s, const StaffingOptions& o) {
  check_staffing_input(s);
  StaffingResult result = searched(s, o);
  check_and_repair(s, o, result);
  // Step 4: the figures and the scenario written are the last check's.
  for (const UnmetTarget& u : result.search.excused)
    if (!result.evaluation.outcomes[u.interval][u.channel].meets) result.unmet.push_back(u);
  Scenario checked = s;
  checked.run.seed = result.check_seed;
  checked.run.replications = result.check_replications;
  result.planned = apply_plan(checked, result.grid, result.plan);
  return result;
}

}  // namespace supportsim
