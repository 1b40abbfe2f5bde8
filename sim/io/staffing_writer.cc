#include "sim/io/staffing_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/core/units.h"
#include "sim/io/atomic_file.h"
#include "sim/io/result_writer.h"
#include "sim/io/scenario_writer.h"

namespace supportsim {
namespace {

// Shortest text that reads back as the same double; empty for an undefined value.
std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : ""; }

// The group's agents channel with offers that is nearest to missing a target, or -1.
int binding_channel(const Scenario& s, const PlanEvaluation& eval, int group, int interval) {
  int chosen = -1;
  for (int c : s.groups[group].channels) {
    const IntervalOutcome& o = eval.outcomes[interval][c];
    if (!(o.offered > 0)) continue;
    if (chosen < 0 || o.margin < eval.outcomes[interval][chosen].margin) chosen = c;
  }
  return chosen;
}

}  // namespace

std::string staffing_csv(const StaffingResult& r) {
  const Scenario& s = r.planned;
  const StaffingGrid& grid = r.grid;
  std::string out =
      "interval_start_s,group,agents,paid_agents,service_level,abandonment,required,on_duty,"
      "channel,erlang_agents,service_level_ci95_low,service_level_ci95_high,abandonment_ci95_low,"
      "abandonment_ci95_high\n";
  for (int slot = 0; slot < grid.slots(); ++slot)
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      if (!r.plan.planned[g]) continue;
      const Group& group = s.groups[g];
      const int agents = r.plan.agents[g][slot];
      out += fmt::format("{},{},{},{},", csv_number(grid.start(slot)), group.name, agents,
                         csv_number(agents * (1 - group.absenteeism) / (1 - group.shrinkage)));
      const int c = grid.in_window(slot) ? binding_channel(s, r.evaluation, static_cast<int>(g),
                                                           grid.window_index(slot))
                                         : -1;
      const std::string counts = fmt::format("{},{}", r.required.agents[g][slot], agents);
      const std::string erlang = fmt::format("{}", r.closed_form.group_agents[g][slot]);
      if (c < 0) {
        out += fmt::format(",,{},,{},,,,\n", counts, erlang);
        continue;
      }
      const IntervalOutcome& o = r.evaluation.outcomes[grid.window_index(slot)][c];
      // A deferred channel's service is its day's first-response level.
      const RatioEstimate& level = s.channels[c].deferred ? o.first_response : o.service_level;
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csv_number(level.value),
                         csv_number(o.abandonment.value), counts, s.channels[c].name, erlang,
                         csv_number(level.ci95_low), csv_number(level.ci95_high),
                         csv_number(o.abandonment.ci95_low), csv_number(o.abandonment.ci95_high));
    }
  return out;
}

std::string roster_csv(const StaffingResult& r) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const Scenario& s = r.planned;
  std::string out = "group,shift,day,start,end,agents\n";
  for (const auto& roster : r.rosters) {
    if (!roster) continue;
    for (const RosterLine& line : roster->lines) {
      const ShiftTemplate& shift = s.staffing.shifts[line.start.shift];
      out += fmt::format("{},{},{},{},{},{}\n", s.groups[roster->group].name, shift.name,
                         kDays[line.start.day], format_time_of_day(line.start.start_s),
                         format_time_of_day(line.start.start_s + shift.length_s), line.agents);
    }
  }
  return out;
}

std::string schedule_csv(const StaffingGrid& grid, const std::vector<int>& agents) {
  std::string out = "interval_start_s,agents\n";
  for (int slot = 0; slot < grid.slots(); ++slot)
    out += fmt::format("{},{}\n", csv_number(grid.start(slot)), agents[slot]);
  return out;
}

Scenario staffed_scenario(const StaffingResult& result) {
  Scenario s = result.planned;
  s.run.name += "_staffed";
  return s;
}

void write_staffing_results(const std::string& folder, const StaffingResult& result) {
  namespace fs = std::filesystem;
  const Scenario staffed = staffed_scenario(result);
  const Summary& summary = result.evaluation.summary;
  AtomicFileSet files;
  auto path = [&](const std::string& name) { return (fs::path(folder) / name).string(); };
  files.add(path("staffing.csv"), staffing_csv(result));
  if (std::any_of(result.rosters.begin(), result.rosters.end(),
                  [](const auto& roster) { return roster.has_value(); }))
    files.add(path("roster.csv"), roster_csv(result));
  for (std::size_t g = 0; g < staffed.groups.size(); ++g)
    if (result.plan.planned[g])
      files.add(path(schedule_file_name(staffed.groups[g].name)),
                schedule_csv(result.grid, result.plan.agents[g]));
  files.add(path("scenario.toml"), scenario_to_toml(staffed));
  files.add(path("summary.json"), summary_json(staffed, summary));
  files.add(path("summary.csv"), summary_csv(summary));
  files.add(path("intervals.csv"), intervals_csv(summary));
  files.add(path("group_intervals.csv"), group_intervals_csv(summary));
  files.add(path("daily.csv"), daily_csv(summary));
  files.commit();
}

}  // namespace supportsim
