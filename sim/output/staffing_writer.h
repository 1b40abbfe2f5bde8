#pragma once
// The result files of `supportsim staff` (results/README.md "Staffing"), written
// atomically into one folder:
//   staffing.csv           one row per (slot, planned group), warm-up slots included
//   schedule_<group>.csv   the plan of one group (`interval_start_s,agents`, one row per slot):
//                          the on-duty count of its roster, or its per-interval count
//   roster.csv             with shift templates: `group,shift,day,start,end,agents`
//   scenario.toml          the scenario with the schedules applied, named <name>_staffed, with
//                          the out-of-sample check's seed and replications; it refers to the
//                          schedule files by their bare names, so the folder can be moved, and
//                          `supportsim run` of it reproduces the figures below
//   summary.json, summary.csv, intervals.csv, daily.csv   what `run` of that scenario writes
//                          (the check's simulation)

#include <string>

#include "sim/experiment/staffing.h"
#include "sim/model/scenario.h"

namespace supportsim {

// `interval_start_s,group,agents,paid_agents,service_level,abandonment,required,on_duty`, then
// the extension columns `channel,erlang_agents,service_level_ci95_low,service_level_ci95_high,
// abandonment_ci95_low,abandonment_ci95_high`. `agents` and `on_duty` are the counts written to
// the schedule (the roster's on-duty count, or the per-interval count), `required` the
// per-interval minimum, `paid_agents` agents x (1 - absenteeism) / (1 - shrinkage). The
// achieved figures are those of the out-of-sample check, for the group's binding channel in the
// interval (its agents channel with offers that is nearest to missing a target), named in
// `channel`; empty in warm-up slots and when no channel had offers.
std::string staffing_csv(const StaffingResult& result);

// `interval_start_s,agents`, one row per slot (read back by io::read_schedule_csv).
std::string schedule_csv(const StaffingGrid& grid, const std::vector<int>& agents);

// `group,shift,day,start,end,agents`: one row per shift start with agents, by group, day, start
// and template; `start`/`end` are "HH:MM", `end` counting on past 24:00 when the shift ends
// after midnight ("22:00" to "30:00"). Only the header when no group is rostered.
std::string roster_csv(const StaffingResult& result);

// The planned scenario as written to scenario.toml (run.name gets the suffix `_staffed`).
Scenario staffed_scenario(const StaffingResult& result);

// Writes every file above into `folder`. Throws std::runtime_error on an I/O failure.
void write_staffing_results(const std::string& folder, const StaffingResult& result);

}  // namespace supportsim
