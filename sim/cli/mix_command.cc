// `supportsim mix`: which relationship mix, staffed to target, costs least or earns most
// (sim/experiment/mix.h; README "Automation ratios as decisions").

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "sim/cli/simulation_options.h"
#include "sim/cli/table.h"
#include "sim/core/error.h"
#include "sim/experiment/cluster.h"
#include "sim/experiment/mix.h"
#include "sim/output/mix_files.h"
#include "sim/experiment/staffing.h"
#include "sim/output/sweep.h"
#include "sim/output/atomic_file.h"
#include "sim/output/output_folder.h"
#include "sim/output/staffing_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

struct MixOptions {
  SimulationOptions simulation;
  std::vector<std::string> vary;
  bool zip = false;
  double confidence = 0.95;
  int check_replications = 0;
  int max_repairs = 8;
  int max_simulations = 300;
};

std::size_t metric_index(const std::string& metric) {
  for (std::size_t k = 0; k < kMixMetrics.size(); ++k)
    if (kMixMetrics[k] == metric) return k;
  throw std::logic_error("no mix metric " + metric);
}

// "12345 -678 ±90": the mean, then for points after the first the paired difference.
std::string cell(const MixRow& row, bool first, const std::string& metric, double scale,
                 int digits) {
  const std::size_t k = metric_index(metric);
  const Estimate& e = row.estimates[k];
  if (e.n == 0) return "-";
  std::string text = fmt::format("{:.{}f}", e.mean * scale, digits);
  if (!first && row.versus_first[k]) {
    const Estimate& d = *row.versus_first[k];
    text += fmt::format(" {:+.{}f} ±{:.{}f}", d.mean * scale, digits,
                        (d.ci95_high - d.ci95_low) / 2 * scale, digits);
  }
  return text;
}

void print_mix_table(std::ostream& out, const SweepPlan& plan, const std::vector<MixRow>& rows,
                     const std::string& folder) {
  const Scenario& base = plan.scenarios.front();
  out << fmt::format(
      "mix of \"{}\": {} points, each staffed to the targets, then evaluated on {} replications "
      "of fresh random numbers (seed {}), common to every point\n",
      base.run.name, plan.points.size(), base.run.replications, base.run.seed);
  out << "mean, then the difference from p00 ± half-width of its paired 95% interval (shares in "
         "%, differences in percentage points); CES 1 easy .. 7 hard\n\n";
  struct Column {
    std::string title, metric;
    double scale;
    int digits;
  };
  const std::vector<Column> columns = {{"paid hours", "paid_hours", 1, 0},
                                       {"cost", "cost", 1, 0},
                                       {"cost/case", "cost_per_case", 1, 2},
                                       {"SL", "service_level", 100, 1},
                                       {"aband.", "abandonment", 100, 1},
                                       {"resolved", "resolved_share", 100, 1},
                                       {"CES 1-7", "ces", 1, 2},
                                       {"churned", "churned", 1, 1},
                                       {"margin", "margin", 1, 0}};
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"point"};
  for (const Override& o : plan.points.front().settings) header.push_back(o.key);
  for (const Column& c : columns) header.push_back(c.title);
  header.push_back("targets");
  table.push_back(header);
  for (std::size_t p = 0; p < rows.size(); ++p) {
    std::vector<std::string> line = {plan.points[p].folder.substr(0, 3)};
    for (const Override& o : plan.points[p].settings) line.push_back(o.value);
    for (const Column& c : columns)
      line.push_back(cell(rows[p], p == 0, c.metric, c.scale, c.digits));
    line.push_back(rows[p].meets_targets ? "met" : "MISSED");
    table.push_back(line);
  }
  // The point and the varied keys left-aligned, metrics right-aligned.
  out << aligned_table(table, plan.points.front().settings.size() + 1);
  if (const auto best = best_mix_point(rows)) {
    out << fmt::format(
        "\nbest: {} ({}), the {} among the points that meet their targets\n",
        plan.points[*best].folder.substr(0, 3), plan.points[*best].label(),
        rows[0].estimates[metric_index("revenue")].mean != 0 ? "highest margin" : "lowest cost");
  } else {
    out << "\nno point met its targets after staffing (see each point's staffing/)\n";
  }
  out << "\nresults written to " << folder
      << "/ (mix.csv; per point: staffing/ and the run files)\n";
}

int run_mix_command(const MixOptions& options) {
  // launched_rank() is set only when started as one of several processes.
  if (Cluster::launched_rank())
    throw std::runtime_error(
        "mix runs on one machine (each point's staffing search is sequential); use --jobs");
  std::vector<SweepAxis> axes;
  for (const std::string& vary : options.vary) axes.push_back(parse_vary(vary));
  SweepPlan plan = plan_sweep(axes, options.zip, [&](const std::vector<Override>& settings) {
    SimulationOptions point = options.simulation;
    std::string label;
    for (const Override& o : settings) {
      point.sets.push_back(o.key + "=" + o.value);
      label += (label.empty() ? "" : ", ") + o.key + "=" + o.value;
    }
    Scenario scenario = load_scenario(point);
    if (!options.simulation.quiet) std::cerr << set_shares_text(scenario, label + ": ");
    return scenario;
  });
  for (const Scenario& s : plan.scenarios) check_staffing_input(s);
  const std::string folder = options.simulation.out.empty()
                                 ? "results/" + plan.scenarios[0].run.name + "/mix"
                                 : options.simulation.out;
  OutputFolder output(folder, output_option(options.simulation, folder));
  remove_report(folder);  // like sweep.csv, there only for a finished mix

  // 1. Staff every point; its plan and check go to <point>/staffing/ once the point's run files
  // are in place (a point's folder is written as one set).
  StaffingOptions staffing;
  staffing.confidence = options.confidence;
  staffing.jobs = worker_count(options.simulation);
  staffing.max_simulations = options.max_simulations;
  staffing.check_replications = options.check_replications;
  staffing.max_repairs = options.max_repairs;
  const bool talk = !options.simulation.quiet && standard_error_is_terminal();
  std::vector<bool> meets;
  std::vector<StaffingResult> plans;
  SweepPlan staffed = plan;
  const std::uint64_t seed = mix_evaluation_seed(plan.scenarios[0].run.seed);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    if (talk)
      std::cerr << fmt::format("staffing point {}/{}: {}\n", p + 1, plan.points.size(),
                               plan.points[p].label());
    plans.push_back(plan_staffing(plan.scenarios[p], staffing));
    const StaffingResult& result = plans.back();
    meets.push_back(result.unmet.empty() && result.unrepaired.empty());
    // 2. Evaluated on random numbers that neither the search nor the check used.
    Scenario evaluated = result.planned;
    evaluated.run.seed = seed;
    evaluated.run.replications = plan.scenarios[p].run.replications;
    staffed.scenarios[p] = std::move(evaluated);
  }

  Cluster cluster;
  std::optional<SweepResult> result;
  {
    ProgressLine progress(std::cerr, talk);
    cluster.join();
    result = run_sweep(staffed, folder, worker_count(options.simulation), cluster,
                       [&](const SweepProgress& p) {
                         progress.update(p.points_done, p.points_total, p.points_resumed,
                                         p.replications_done, p.replications_total);
                       });
  }
  for (std::size_t p = 0; p < plans.size(); ++p)
    write_staffing_results(folder + "/" + plan.points[p].folder + "/staffing", plans[p]);
  const std::vector<MixRow> rows = mix_rows(staffed.scenarios, result->outputs, meets);
  const std::string csv = mix_csv(staffed.points, rows);
  AtomicFileSet files;
  files.add(folder + "/mix.csv", csv);
  files.commit();
  if (options.simulation.no_report)
    remove_report(folder);
  else
    write_report(folder, mix_report(folder_reader(folder), {}));
  if (options.simulation.quiet) return 0;
  if (options.simulation.format == "csv")
    std::cout << csv;
  else
    print_mix_table(std::cout, staffed, rows, folder);
  return 0;
}

}  // namespace

void add_mix_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<MixOptions>();
  CLI::App* mix = app.add_subcommand(
      "mix",
      "relationship mixes as decisions: staff every point of --vary to the targets, evaluate "
      "all on common random numbers, write mix.csv and name the best point");
  mix->add_option("scenario", options->simulation.scenario_file,
                  "scenario file (default: the built-in default scenario)");
  mix->add_option("--vary", options->vary,
                  "KEY=V1,V2,... or KEY=FROM:TO:STEP (repeatable), as for sweep; setting one "
                  "share of `entry` or `issues` rescales the others")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  mix->add_flag("--zip", options->zip,
                "take the --vary lists in step instead of every combination");
  mix->add_option("--confidence", options->confidence,
                  "staffing: one-sided confidence a removal must leave every target met with")
      ->check(CLI::Range(0.5, 0.999));
  mix->add_option("--check-replications", options->check_replications,
                  "staffing: fresh replications each plan is checked on (default: replications)")
      ->check(CLI::Range(1, 10000));
  mix->add_option("--max-repairs", options->max_repairs, "staffing: rounds of repair")
      ->check(CLI::Range(0, 100));
  mix->add_option("--max-simulations", options->max_simulations,
                  "staffing: search budget per point")
      ->check(CLI::PositiveNumber);
  add_simulation_options(*mix, options->simulation);
  mix->get_option("--out")->description("output folder (default results/<scenario name>/mix/)");
  mix->callback([&action, options] { action = [options] { return run_mix_command(*options); }; });
}

}  // namespace supportsim
