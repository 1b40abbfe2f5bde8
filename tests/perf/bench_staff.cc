// Benchmark (not a test): `supportsim staff` on the built-in default organisation over its week,
// per interval and with a roster of typical shift templates, e.g.
//   build/tests/bench_staff [--jobs 2] [--replications 10] [--set KEY=VALUE]...
// Prints wall time, simulations, paid hours planned / per-interval minimum / closed form, the
// integer program's solve time, and how the plan does on random numbers neither the search nor
// its check used (share of interval targets met with 20 replications under another seed).

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/cli/default_scenario.h"
#include "sim/experiment/staffing.h"
#include "sim/io/loader.h"

namespace {

using namespace supportsim;

// Day, evening and night shifts every day, and part-time four-hour shifts on weekdays.
const char* kShifts = R"(
[staffing]
solver_time_limit = "10s"
[[staffing.shift]]
name = "day"
length = "8h30m"
start_every = "1h"
earliest = "06:00"
latest = "13:00"
unpaid_break = "30m"
[[staffing.shift]]
name = "evening"
length = "8h30m"
start_every = "1h"
earliest = "13:00"
latest = "16:00"
unpaid_break = "30m"
hourly_cost_factor = 1.1
[[staffing.shift]]
name = "night"
length = "8h"
starts = ["21:00", "22:00", "23:00"]
hourly_cost_factor = 1.25
[[staffing.shift]]
name = "part_time"
length = "4h"
start_every = "1h"
earliest = "08:00"
latest = "18:00"
days = "Mon-Fri"
)";

struct Totals {
  double planned = 0, minimum = 0, closed_form = 0;
};

Totals totals(const StaffingResult& r) {
  Totals t;
  const Scenario& s = r.planned;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.plan.planned[g]) continue;
    const Group& group = s.groups[g];
    const double minimum = paid_hours(group, r.grid, r.required.agents[g]);
    t.minimum += minimum;
    t.closed_form +=
        paid_hours(group, r.grid, r.closed_form.group_agents[g]) / (1 - group.absenteeism);
    t.planned += r.rosters[g] ? roster_paid_hours(s, *r.rosters[g], false) : minimum;
  }
  return t;
}

double met_share(const PlanEvaluation& e) {
  const int cells = e.judged_cells();
  return cells > 0 ? 1.0 - static_cast<double>(e.failures) / cells : 1.0;
}

void bench(const char* label, const Scenario& scenario, int jobs) {
  StaffingOptions o;
  o.jobs = jobs;
  const auto start = std::chrono::steady_clock::now();
  std::fflush(stdout);  // replications are forked: nothing buffered may be copied into them
  const StaffingResult r = plan_staffing(scenario, o);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const Totals t = totals(r);
  std::printf("%s\n", label);
  std::printf("  wall time %.1f s, %d simulations of %d replications (%d search, %d check)\n", wall,
              r.simulations(), scenario.run.replications, r.search.simulations, r.check_rounds);
  std::printf(
      "  paid hours over the week: planned %.0f, per-interval minimum %.0f, closed form %.0f\n",
      t.planned, t.minimum, t.closed_form);
  std::printf("  check: %.1f%% of interval targets met at first, %.1f%% as written (%d repaired)\n",
              100 * met_share(r.first_check), 100 * met_share(r.evaluation), r.repaired_cells);
  for (const auto& roster : r.rosters)
    if (roster)
      std::printf("  roster %s: %d starts x %d intervals, %s in %.3f s, %.0f paid hours\n",
                  scenario.groups[roster->group].name.c_str(), roster->variables,
                  roster->constraints,
                  roster->solve == RosterSolve::kOptimal     ? "optimal"
                  : roster->solve == RosterSolve::kTimeLimit ? "time limit"
                                                             : "LP rounded",
                  roster->solve_s, roster->paid_hours);
  std::fflush(stdout);
  const PlanEvaluation fresh = evaluate_plan(r.planned, 20260101, 20, 0.5, jobs);
  std::printf("  on a seed neither used (20 replications): %.1f%% of interval targets met\n",
              100 * met_share(fresh));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 2;
  std::vector<Override> overrides;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--jobs") jobs = std::stoi(argv[i + 1]);
    if (option == "--replications") overrides.push_back({"run.replications", argv[i + 1]});
    if (option == "--set") overrides.push_back(parse_override(argv[i + 1]));
  }
  const std::string base(default_scenario_toml());
  const Scenario plain = load_scenario_string(base, kDefaultScenarioName, overrides);
  bench("default organisation, one week, per-interval plan", plain, jobs);
  const Scenario shifts = load_scenario_string(base + kShifts, kDefaultScenarioName, overrides);
  bench("default organisation, one week, rosters of shifts", shifts, jobs);
  return 0;
}
