// `supportsim staff SCENARIO.toml`: the cheapest per-interval staffing that meets [targets]
// (SPEC.md §1, §3; the search is described in sim/experiment/staffing_search.h).

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
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/experiment/staffing_search.h"
#include "sim/io/loader.h"
#include "sim/io/staffing_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

struct StaffOptions {
  SimulationOptions sim;
  std::string meet = "mean";
  int max_simulations = 300;
  bool verify_minimal = false;
};

Scenario load(const std::vector<Override>& overrides, const SimulationOptions& o) {
  if (o.scenario_file.empty())
    return load_scenario_string(default_scenario_toml(), kDefaultScenarioName, overrides);
  return load_scenario_file(o.scenario_file, overrides);
}

// Loads like every simulating command, with one difference: `staff` replaces the schedule of
// every group it plans, so `--set run.interval=...` must not be refused because the scenario's
// inline schedules were written for another interval. Those are resampled at the new interval
// (through --set, so the loader still checks everything else): exact when the new interval
// divides the old one; it matters only for the groups `staff` does not plan (dedicated teams).
Scenario load_for_staffing(const SimulationOptions& o) {
  std::vector<Override> overrides;
  for (const std::string& set : o.sets) overrides.push_back(parse_override(set));
  if (o.replications) overrides.push_back({"run.replications", std::to_string(*o.replications)});
  if (o.seed) overrides.push_back({"run.seed", std::to_string(*o.seed)});
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
    return load(overrides, o);
  const Scenario before = load(without_interval, o);
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
  return load(overrides, o);
}

// "Tue 10:30", with the week number from the second week on: time 0 is Monday 00:00.
std::string clock_text(double t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const long minutes = std::lround(t / kMinute);
  const long day = minutes / (24 * 60);
  const std::string week = day >= 7 ? fmt::format("w{} ", day / 7 + 1) : "";
  return fmt::format("{}{} {:02}:{:02}", week, kDays[day % 7], minutes / 60 % 24, minutes % 60);
}

struct GroupCost {
  double agent_hours = 0, paid_hours = 0, cost = 0;
};

// Hours over the statistics window (as `run` reports them), from a head count per slot.
GroupCost cost_of(const Group& group, const StaffingGrid& grid, const std::vector<int>& agents) {
  GroupCost c;
  for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot)
    c.agent_hours += agents[slot] * (grid.end(slot) - grid.start(slot)) / kHour;
  c.paid_hours = c.agent_hours / (1 - group.shrinkage);
  c.cost = c.paid_hours * group.hourly_cost;
  return c;
}

std::string percent_cell(const RatioEstimate& r, int replications, int decimals) {
  if (!std::isfinite(r.value)) return "-";
  if (replications < 2) return fmt::format("{:.{}f}", 100 * r.value, decimals);
  return fmt::format("{:.{}f}±{:.{}f}", 100 * r.value, decimals,
                     100 * (r.ci95_high - r.ci95_low) / 2, decimals);
}

void print_intervals(std::ostream& out, const StaffingResult& r, TargetRule rule) {
  const Scenario& s = r.planned;
  const StaffingGrid& grid = r.grid;
  std::vector<int> groups, channels;
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    if (r.plan.planned[g]) groups.push_back(static_cast<int>(g));
  for (std::size_t c = 0; c < s.channels.size(); ++c)
    if (s.channels[c].kind == ChannelKind::kAgents) channels.push_back(static_cast<int>(c));

  out << fmt::format(
      "agents per group: closed form (Erlang) > planned; per channel: service level % and "
      "abandonment % achieved in simulation ({}, ± half-width of the 95% interval); "
      "! marks a missed target\n",
      rule == TargetRule::kMean ? "targets met by the mean over replications"
                                : "targets met by the 95% interval bound");
  std::vector<std::string> header = {"interval"};
  for (int g : groups) header.push_back(s.groups[g].name);
  for (int c : channels) header.push_back(s.channels[c].name + " SL");
  for (int c : channels) header.push_back(s.channels[c].name + " ab");
  std::vector<std::vector<std::string>> rows = {header};
  for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot) {
    const int i = grid.window_index(slot);
    std::vector<std::string> row = {clock_text(grid.start(slot))};
    for (int g : groups)
      row.push_back(
          fmt::format("{}>{}", r.closed_form.group_agents[g][slot], r.plan.agents[g][slot]));
    for (int c : channels) {
      const IntervalOutcome& o = r.evaluation.outcomes[i][c];
      row.push_back(percent_cell(o.service_level, s.run.replications, 0) + (o.meets ? " " : "!"));
    }
    for (int c : channels)
      row.push_back(percent_cell(r.evaluation.outcomes[i][c].abandonment, s.run.replications, 1));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t k = 0; k < row.size(); ++k) widths[k] = std::max(widths[k], row[k].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t k = 0; k < row.size(); ++k)
      line += k == 0 ? fmt::format("{:<{}}", row[k], widths[k])
                     : fmt::format("  {:>{}}", row[k], widths[k]);
    out << line << "\n";
  }
  out << "\n";
}

void print_summary(std::ostream& out, const StaffingResult& r, double wall_s,
                   const std::string& folder) {
  const Scenario& s = r.planned;
  std::vector<std::vector<std::string>> rows = {
      {"group", "agent hours", "paid hours", "cost", "Erlang paid hours", "Erlang cost"}};
  GroupCost total, erlang_total;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.plan.planned[g]) continue;
    const GroupCost plan = cost_of(s.groups[g], r.grid, r.plan.agents[g]);
    const GroupCost erlang = cost_of(s.groups[g], r.grid, r.closed_form.group_agents[g]);
    rows.push_back({s.groups[g].name, fmt::format("{:.0f}", plan.agent_hours),
                    fmt::format("{:.0f}", plan.paid_hours), fmt::format("{:.0f}", plan.cost),
                    fmt::format("{:.0f}", erlang.paid_hours), fmt::format("{:.0f}", erlang.cost)});
    total.agent_hours += plan.agent_hours, total.paid_hours += plan.paid_hours;
    total.cost += plan.cost;
    erlang_total.paid_hours += erlang.paid_hours, erlang_total.cost += erlang.cost;
  }
  rows.push_back({"total", fmt::format("{:.0f}", total.agent_hours),
                  fmt::format("{:.0f}", total.paid_hours), fmt::format("{:.0f}", total.cost),
                  fmt::format("{:.0f}", erlang_total.paid_hours),
                  fmt::format("{:.0f}", erlang_total.cost)});
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (std::size_t k = 0; k < row.size(); ++k) widths[k] = std::max(widths[k], row[k].size());
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t k = 0; k < row.size(); ++k)
      line += k == 0 ? fmt::format("{:<{}}", row[k], widths[k])
                     : fmt::format("  {:>{}}", row[k], widths[k]);
    out << line << "\n";
  }
  out << fmt::format(
      "\nhours and cost over the {} window (warm-up excluded); paid = on duty / (1 - shrinkage)\n",
      format_duration(s.run.horizon_s));
  out << fmt::format(
      "{} simulations of {} replications: {} correcting, {} minimising ({} single-agent removals "
      "tried in batches, {} kept){}; wall time {:.1f} s\n",
      r.simulations, s.run.replications, r.correction_simulations,
      r.simulations - r.correction_simulations - r.verification_simulations, r.removals_tried,
      r.removals_kept,
      r.verification_simulations > 0
          ? fmt::format(", {} checking single removals", r.verification_simulations)
          : "",
      wall_s);
  out << (r.verified_minimal
              ? "minimal: each single-agent removal, simulated alone, misses a target\n"
          : r.minimal ? "minimal: no agent could be removed in the last pass (removals tried in "
                        "batches; --verify-minimal checks them one by one)\n"
                      : "not proven minimal: the simulation budget (--max-simulations) or the "
                        "tenth pass ended the search\n");
  if (r.misses_out_of_reach > r.misses_in_reach) {
    out << fmt::format(
        "note: {} of the {} misses seen while minimising were out of reach of every removal: "
        "plans do not share their random numbers beyond the first change (draws taken in event "
        "order), so minimising is limited by noise; more replications help (README, Staffing)\n",
        r.misses_out_of_reach, r.misses_in_reach + r.misses_out_of_reach);
  }
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
  out << "results written to " << folder << "/\n";
}

std::string summary_json_text(const StaffingResult& r, double wall_s, TargetRule rule) {
  nlohmann::ordered_json j;
  const Scenario& s = r.planned;
  j["scenario"] = s.run.name;
  j["interval_s"] = r.grid.interval_s();
  j["rule"] = rule == TargetRule::kMean ? "mean" : "ci95";
  j["replications"] = s.run.replications;
  j["simulations"] = r.simulations;
  j["minimal"] = r.minimal;
  j["verified_minimal"] = r.verified_minimal;
  j["wall_time_s"] = wall_s;
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!r.plan.planned[g]) continue;
    const GroupCost plan = cost_of(s.groups[g], r.grid, r.plan.agents[g]);
    const GroupCost erlang = cost_of(s.groups[g], r.grid, r.closed_form.group_agents[g]);
    groups[s.groups[g].name] = {{"agent_hours", plan.agent_hours},
                                {"paid_hours", plan.paid_hours},
                                {"cost", plan.cost},
                                {"erlang_paid_hours", erlang.paid_hours},
                                {"erlang_cost", erlang.cost}};
  }
  j["groups"] = std::move(groups);
  nlohmann::ordered_json unmet = nlohmann::ordered_json::array();
  for (const UnmetTarget& u : r.unmet)
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
  cmd->add_option("--meet", o->meet,
                  "when an interval meets a target: by the mean over replications (default) or "
                  "by the 95% interval bound")
      ->check(CLI::IsMember({"mean", "ci95"}));
  cmd->add_option("--max-simulations", o->max_simulations, "simulation budget (default 300)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--verify-minimal", o->verify_minimal,
                "finally simulate every single-agent removal alone and apply any that keeps every "
                "target, until none does (one simulation per agent position and sweep)");
  cmd->callback([&action, o] {
    action = [o] {
      const auto started = std::chrono::steady_clock::now();
      const Scenario scenario = load_for_staffing(o->sim);
      if (!o->sim.quiet) std::cerr << set_shares_text(scenario);
      std::string folder =
          o->sim.out.empty() ? "results/" + scenario.run.name + "/staffing" : o->sim.out;
      StaffingOptions options;
      options.rule = o->meet == "ci95" ? TargetRule::kCi95 : TargetRule::kMean;
      options.jobs = worker_count(o->sim);
      options.max_simulations = o->max_simulations;
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
        std::cout << summary_json_text(result, wall_s, options.rule);
      } else if (o->sim.format == "csv") {
        std::cout << staffing_csv(result);
      } else {
        const Scenario& s = result.planned;
        std::cout << fmt::format(
            "staffing \"{}\": {} intervals of {} after a {} warm-up, {} replications, seed {}\n",
            s.run.name, result.grid.window_slots(), format_duration(s.run.interval_s),
            format_duration(s.run.warmup_s), s.run.replications, s.run.seed);
        print_intervals(std::cout, result, options.rule);
        print_summary(std::cout, result, wall_s, folder);
      }
      return 0;
    };
  });
}

}  // namespace supportsim
