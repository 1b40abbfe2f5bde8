// `supportsim staff SCENARIO.toml`: the cheapest staffing that meets [targets] on random numbers
// it has never seen, per interval or as rosters of shifts (sim/experiment/staffing.h).

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "sim/cli/commands.h"
#include "sim/cli/default_scenario.h"
#include "sim/cli/progress.h"
#include "sim/cli/simulation_options.h"
#include "sim/cli/table.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/experiment/staffing.h"
#include "sim/io/loader.h"
#include "sim/output/staffing_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

struct StaffOptions {
  SimulationOptions sim;
  double confidence = 0.95;
  int max_simulations = 300;
  int check_replications = 0;
  int max_repairs = 8;
  bool verify_minimal = false;
};

// Loads like every simulating command, with one difference: `staff` replaces the schedule of
// every group it plans, so `--set run.interval=...` must not be refused because the scenario's
// inline schedules were written for another interval. Those are resampled at the new interval
// (through --set, so the loader still checks everything else): exact when the new interval
// divides the old one; it matters only for the groups `staff` does not plan (dedicated teams).
Scenario load_for_staffing(const SimulationOptions& o) {
  std::vector<Override> overrides = option_overrides(o);
  std::optional<double> interval;
  std::vector<Override> without_interval;
  for (const Override& ov : overrides) {
    if (ov.key == "run.interval") {
      std::string_view value = ov.value;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      interval = parse_duration(value);
      continue;
    }
    without_interval.push_back(ov);
  }
  // An unreadable interval, or one that does not divide a day, is the loader's to report.
  if (!interval || !(*interval > 0) || *interval > kDay ||
      std::abs(kDay / *interval - std::round(kDay / *interval)) > 1e-9)
    return load_scenario_with(o, overrides);
  const Scenario before = load_scenario_with(o, without_interval);
  std::vector<Override> resampled;
  for (const Group& g : before.groups) {
    if (g.constant_agents || !g.schedule.csv_file.empty()) continue;
    const long slots = std::lround(g.schedule.period_s / *interval);
    std::string counts = "[";
    for (long i = 0; i < slots; ++i)
      counts +=
          fmt::format("{}{}", i ? ", " : "", g.schedule.at(static_cast<double>(i) * *interval));
    resampled.push_back({"group." + g.name + ".schedule", counts + "]"});
  }
  // Before the user's own --set, so that a --set of a schedule still wins.
  overrides.insert(overrides.begin(), resampled.begin(), resampled.end());
  return load_scenario_with(o, overrides);
}

// "Tue 10:30", with the week number from the second week on: time 0 is Monday 00:00.
std::string clock_text(double t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const long minutes = std::lround(t / kMinute);
  const long day = minutes / (24 * 60);
  const std::string week = day >= 7 ? fmt::format("w{} ", day / 7 + 1) : "";
  return fmt::format("{}{} {:02}:{:02}", week, kDays[day % 7], minutes / 60 % 24, minutes % 60);
}

std::string percent_cell(const RatioEstimate& r, int replications, int decimals) {
  if (!std::isfinite(r.value)) return "-";
  if (replications < 2) return fmt::format("{:.{}f}", 100 * r.value, decimals);
  return fmt::format("{:.{}f}±{:.{}f}", 100 * r.value, decimals,
                     100 * (r.ci95_high - r.ci95_low) / 2, decimals);
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  out << aligned_table(rows);
}

bool any_roster(const StaffingResult& r) {
  return std::any_of(r.rosters.begin(), r.rosters.end(),
                     [](const auto& x) { return x.has_value(); });
}

void print_intervals(std::ostream& out, const StaffingResult& r) {
  const Scenario& s = r.planned;
  const StaffingGrid& grid = r.grid;
  std::vector<int> groups, channels;
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    if (r.plan.planned[g]) groups.push_back(static_cast<int>(g));
  for (std::size_t c = 0; c < s.channels.size(); ++c)
    if (s.channels[c].kind == ChannelKind::kAgents) channels.push_back(static_cast<int>(c));
  const bool rosters = any_roster(r);
  out << fmt::format(
      "agents per group: closed form (Erlang) > per-interval minimum{}; per channel: service "
      "level % and abandonment % of the plan on {} fresh replications (± half-width of the 95% "
      "interval); ! marks a missed target\n",
      rosters ? " > on duty by the roster" : "", r.check_replications);
  std::vector<std::string> header = {"interval"};
  for (int g : groups) header.push_back(s.groups[g].name);
  for (int c : channels) header.push_back(s.channels[c].name + " SL");
  for (int c : channels) header.push_back(s.channels[c].name + " ab");
  std::vector<std::vector<std::string>> rows = {header};
  for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot) {
    const int i = grid.window_index(slot);
    std::vector<std::string> row = {clock_text(grid.start(slot))};
    for (int g : groups) {
      std::string cell =
          fmt::format("{}>{}", r.closed_form.group_agents[g][slot], r.required.agents[g][slot]);
      if (r.rosters[g]) cell += fmt::format(">{}", r.plan.agents[g][slot]);
      row.push_back(cell);
    }
    for (int c : channels) {
      const IntervalOutcome& o = r.evaluation.outcomes[i][c];
      row.push_back(percent_cell(o.service_level, r.check_replications, 0) + (o.meets ? " " : "!"));
    }
    for (int c : channels)
      row.push_back(percent_cell(r.evaluation.outcomes[i][c].abandonment, r.check_replications, 1));
    rows.push_back(std::move(row));
  }
  print_table(out, rows);
  out << "\n";
}

struct Hours {
  double planned = 0, minimum = 0, closed_form = 0;
  double planned_cost = 0, minimum_cost = 0, closed_form_cost = 0;
};

Hours hours_of(const StaffingResult& r, int g) {
  const Scenario& s = r.planned;
  const Group& group = s.groups[g];
  Hours h;
  h.minimum = paid_hours(group, r.grid, r.required.agents[g]);
  h.minimum_cost = h.minimum * group.hourly_cost;
  // The closed form counts agents present; scheduling them takes 1 / (1 - absenteeism) more.
  h.closed_form =
      paid_hours(group, r.grid, r.closed_form.group_agents[g]) / (1 - group.absenteeism);
  h.closed_form_cost = h.closed_form * group.hourly_cost;
  if (r.rosters[g]) {
    h.planned = roster_paid_hours(s, *r.rosters[g], false);
    h.planned_cost = roster_paid_hours(s, *r.rosters[g], true) * group.hourly_cost;
  } else {
    h.planned = h.minimum;
    h.planned_cost = h.minimum_cost;
  }
  return h;
}

std::string solve_text(const GroupRoster& roster, double limit_s) {
  switch (roster.solve) {
    case RosterSolve::kOptimal:
      return fmt::format("optimal in {:.2f} s", roster.solve_s);
    case RosterSolve::kTimeLimit:
      return fmt::format("best found in the {} limit, within {:.1f}% of the optimum",
                         format_duration(limit_s), 100 * roster.gap);
    case RosterSolve::kLpRounded:
      return fmt::format("no integer solution in the {} limit: LP solution rounded up",
                         format_duration(limit_s));
  }
  return "";
}

std::string check_text(const PlanEvaluation& e) {
  const int cells = e.judged_cells();
  const int met = cells - e.failures;
  return fmt::format("{} of {} interval targets met ({:.1f}%)", met, cells,
                     cells > 0 ? 100.0 * met / cells : 100.0);
}

void print_summary(std::ostream& out, const StaffingResult& r, double wall_s,
                   const std::string& folder) {
  const Scenario& s = r.planned;
  const SearchResult& search = r.search;
  std::vector<std::vector<std::string>> rows = {
      {"group", "paid hours planned", "per-interval minimum", "closed form", "cost planned",
       "cost minimum", "cost closed form"}};
  Hours total;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.plan.planned[g]) continue;
    const Hours h = hours_of(r, static_cast<int>(g));
    rows.push_back({s.groups[g].name, fmt::format("{:.0f}", h.planned),
                    fmt::format("{:.0f}", h.minimum), fmt::format("{:.0f}", h.closed_form),
                    fmt::format("{:.0f}", h.planned_cost), fmt::format("{:.0f}", h.minimum_cost),
                    fmt::format("{:.0f}", h.closed_form_cost)});
    total.planned += h.planned, total.minimum += h.minimum, total.closed_form += h.closed_form;
    total.planned_cost += h.planned_cost, total.minimum_cost += h.minimum_cost;
    total.closed_form_cost += h.closed_form_cost;
  }
  rows.push_back(
      {"total", fmt::format("{:.0f}", total.planned), fmt::format("{:.0f}", total.minimum),
       fmt::format("{:.0f}", total.closed_form), fmt::format("{:.0f}", total.planned_cost),
       fmt::format("{:.0f}", total.minimum_cost), fmt::format("{:.0f}", total.closed_form_cost)});
  print_table(out, rows);
  out << fmt::format(
      "\npaid hours over the {} window (warm-up excluded): on duty x (1 - absenteeism) / (1 - "
      "shrinkage){}\n",
      format_duration(s.run.horizon_s),
      any_roster(r) ? "; planned = the rosters' shifts (length - unpaid break)" : "");
  out << fmt::format(
      "search: {} simulations of {} replications (seed {}): {} correcting, {} minimising ({} "
      "single-agent removals tried in batches, {} kept with {:.0f}% confidence){}\n",
      search.simulations, r.search.evaluation.replications, r.search.evaluation.seed,
      search.correction_simulations,
      search.simulations - search.correction_simulations - search.verification_simulations,
      search.removals_tried, search.removals_kept, 100 * r.confidence,
      search.verification_simulations > 0
          ? fmt::format(", {} checking single removals", search.verification_simulations)
          : "");
  out << fmt::format("check on {} fresh replications (seed {}): {} at first", r.check_replications,
                     r.check_seed, check_text(r.first_check));
  if (r.check_rounds > 1)
    out << fmt::format("; {} misses repaired in {} round(s) (+{} agent-intervals): {}",
                       r.repaired_cells, r.check_rounds - 1, r.repaired_agent_slots,
                       check_text(r.evaluation));
  out << "\n";
  if (!r.unrepaired.empty())
    out << fmt::format("{} target(s) still missed after {} repair rounds (shown with !)\n",
                       r.unrepaired.size(), r.check_rounds - 1);
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.rosters[g]) continue;
    const GroupRoster& roster = *r.rosters[g];
    int agents = 0;
    for (const RosterLine& line : roster.lines) agents += line.agents;
    out << fmt::format(
        "roster {}: {} agent shifts a week over {} shift starts; integer program of {} allowed "
        "starts and {} intervals to cover, {}\n",
        s.groups[g].name, agents, roster.lines.size(), roster.variables, roster.constraints,
        solve_text(roster, s.staffing.solver_time_limit_s));
  }
  out << (search.verified_minimal
              ? "minimal: each single-agent removal, simulated alone, is refused\n"
          : search.minimal
              ? "minimal: no agent could be removed in the last pass (removals tried in "
                "batches; --verify-minimal checks them one by one)\n"
              : "not proven minimal: the simulation budget (--max-simulations) or the "
                "tenth pass ended the search\n");
  if (!r.unmet.empty()) {
    out << fmt::format(
        "{} target(s) that agents of the planned groups cannot fix (kept from "
        "getting worse):\n",
        r.unmet.size());
    for (const UnmetTarget& u : r.unmet) {
      const IntervalOutcome& o = r.evaluation.outcomes[u.interval][u.channel];
      out << fmt::format("  {} at {}: service level {:.1f}%, abandonment {:.1f}%\n",
                         s.channels[u.channel].name,
                         clock_text(r.grid.start(r.grid.warmup_slots() + u.interval)),
                         100 * o.service_level.value, 100 * o.abandonment.value);
    }
  }
  out << fmt::format("wall time {:.1f} s; results written to {}/\n", wall_s, folder);
}

nlohmann::ordered_json check_json(const PlanEvaluation& e) {
  const int cells = e.judged_cells();
  return {{"targets", cells},
          {"met", cells - e.failures},
          {"met_share", cells > 0 ? static_cast<double>(cells - e.failures) / cells : 1.0}};
}

std::string summary_json_text(const StaffingResult& r, double wall_s) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  nlohmann::ordered_json j;
  const Scenario& s = r.planned;
  j["scenario"] = s.run.name;
  j["interval_s"] = r.grid.interval_s();
  j["confidence"] = r.confidence;
  j["search"] = {
      {"seed", r.search.evaluation.seed},    {"replications", r.search.evaluation.replications},
      {"simulations", r.search.simulations}, {"removals_kept", r.search.removals_kept},
      {"minimal", r.search.minimal},         {"verified_minimal", r.search.verified_minimal}};
  nlohmann::ordered_json check = {{"seed", r.check_seed},
                                  {"replications", r.check_replications},
                                  {"rounds", r.check_rounds},
                                  {"repaired", r.repaired_cells},
                                  {"repaired_agent_intervals", r.repaired_agent_slots}};
  check["first"] = check_json(r.first_check);
  check["final"] = check_json(r.evaluation);
  j["check"] = std::move(check);
  j["simulations"] = r.simulations();
  j["wall_time_s"] = wall_s;
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.plan.planned[g]) continue;
    const Hours h = hours_of(r, static_cast<int>(g));
    nlohmann::ordered_json group = {{"paid_hours", h.planned},
                                    {"cost", h.planned_cost},
                                    {"minimum_paid_hours", h.minimum},
                                    {"minimum_cost", h.minimum_cost},
                                    {"erlang_paid_hours", h.closed_form},
                                    {"erlang_cost", h.closed_form_cost}};
    if (r.rosters[g]) {
      const GroupRoster& roster = *r.rosters[g];
      nlohmann::ordered_json lines = nlohmann::ordered_json::array();
      for (const RosterLine& line : roster.lines)
        lines.push_back({{"shift", s.staffing.shifts[line.start.shift].name},
                         {"day", kDays[line.start.day]},
                         {"start", format_time_of_day(line.start.start_s)},
                         {"agents", line.agents}});
      group["roster"] = {{"solve", roster.solve == RosterSolve::kOptimal     ? "optimal"
                                   : roster.solve == RosterSolve::kTimeLimit ? "time_limit"
                                                                             : "lp_rounded"},
                         {"gap", roster.gap},
                         {"solve_s", roster.solve_s},
                         {"starts", lines}};
    }
    groups[s.groups[g].name] = std::move(group);
  }
  j["groups"] = std::move(groups);
  nlohmann::ordered_json unmet = nlohmann::ordered_json::array();
  for (const auto* list : {&r.unmet, &r.unrepaired})
    for (const UnmetTarget& u : *list)
      unmet.push_back({{"interval_start_s", r.grid.start(r.grid.warmup_slots() + u.interval)},
                       {"channel", s.channels[u.channel].name}});
  j["unmet"] = std::move(unmet);
  return j.dump(2) + "\n";
}

}  // namespace

void add_staff_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<StaffOptions>();
  CLI::App* cmd = app.add_subcommand(
      "staff",
      "find the cheapest per-interval staffing that meets [targets], write it as schedules");
  cmd->add_option("scenario", o->sim.scenario_file,
                  "scenario file (default: the built-in default scenario)");
  add_simulation_options(*cmd, o->sim);
  cmd->get_option("--out")->description(
      "output folder (default results/<scenario name>/staffing/)");
  cmd->add_option("--confidence", o->confidence,
                  "one-sided confidence a removal must leave every target met with (default "
                  "0.95; 0.5 keeps any removal whose pooled estimate meets)")
      ->check(CLI::Range(0.5, 0.999));
  cmd->add_option("--check-replications", o->check_replications,
                  "fresh replications the final plan is checked on (default: run.replications)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--max-repairs", o->max_repairs,
                  "rounds of repair (+1 agent where the check misses, checked again), default 8")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--max-simulations", o->max_simulations, "search budget (default 300)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--verify-minimal", o->verify_minimal,
                "finally simulate every single-agent removal alone and apply any that the rule "
                "accepts, until none is (one simulation per agent position and sweep)");
  cmd->callback([&action, o] {
    action = [o] {
      const auto started = std::chrono::steady_clock::now();
      const Scenario scenario = load_for_staffing(o->sim);
      if (!o->sim.quiet) std::cerr << set_shares_text(scenario);
      check_staffing_input(scenario);
      std::string folder =
          o->sim.out.empty() ? "results/" + scenario.run.name + "/staffing" : o->sim.out;
      StaffingOptions options;
      options.confidence = o->confidence;
      options.jobs = worker_count(o->sim);
      options.max_simulations = o->max_simulations;
      options.check_replications = o->check_replications;
      options.max_repairs = o->max_repairs;
      // Progress is for a person watching: a terminal only, as for run and sweep.
      if (!o->sim.quiet && standard_error_is_terminal())
        options.progress = [](const std::string& line) { std::cerr << line << "\n"; };
      options.verify_minimal = o->verify_minimal;
      const StaffingResult result = plan_staffing(scenario, options);
      write_staffing_results(folder, result);
      if (o->sim.no_report)
        remove_report(folder);
      else
        write_report(folder, staff_report(folder_reader(folder), &result.planned));
      const double wall_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (o->sim.quiet) return 0;
      if (o->sim.format == "json") {
        std::cout << summary_json_text(result, wall_s);
      } else if (o->sim.format == "csv") {
        std::cout << staffing_csv(result);
      } else {
        const Scenario& s = result.planned;
        std::cout << fmt::format(
            "staffing \"{}\": {} intervals of {} after a {} warm-up; search on {} replications "
            "(seed {}), check on {} fresh ones (seed {})\n",
            s.run.name, result.grid.window_slots(), format_duration(s.run.interval_s),
            format_duration(s.run.warmup_s), result.search.evaluation.replications,
            result.search.evaluation.seed, result.check_replications, result.check_seed);
        print_intervals(std::cout, result);
        print_summary(std::cout, result, wall_s, folder);
      }
      return 0;
    };
  });
}

}  // namespace supportsim
