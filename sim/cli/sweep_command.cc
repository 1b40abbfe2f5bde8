// `supportsim sweep`: what-ifs over one scenario, README "What-if sweeps".

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "sim/cli/rank_failure.h"
#include "sim/cli/simulation_options.h"
#include "sim/cli/table.h"
#include "sim/core/error.h"
#include "sim/experiment/cluster.h"
#include "sim/output/sweep.h"
#include "sim/output/output_folder.h"
#include "sim/model/metric_catalogue.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

struct SweepOptions {
  SimulationOptions simulation;
  std::vector<std::string> vary;
  bool zip = false;
  std::vector<std::string> show;
};

// A metric shown in the table on screen: `--show overall.cost`, `--show channels.phone.asa_s`.
struct Shown {
  std::string scope, name, metric;
  std::string title() const {
    // The effort score's scale is not obvious from its name: say it on every table.
    const std::string shown = metric == "ces" ? "ces 1-7" : metric;
    return scope == "overall" ? shown : name + " " + shown;
  }
};

Shown parse_show(const std::string& text, const Scenario& scenario) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const std::string option = "--show " + text;
  if (parts.size() == 2 && parts[0] == "overall") return {"overall", "overall", parts[1]};
  if (parts.size() != 3 || parts[2].empty()) {
    throw InputError(option +
                     ": expected overall.<metric> or <scope>.<name>.<metric>, e.g. "
                     "overall.cost or channels.phone.service_level");
  }
  std::vector<std::string> names;
  if (parts[0] == "channels") {
    for (const Channel& c : scenario.channels) names.push_back(c.name);
  } else if (parts[0] == "segments") {
    for (const Segment& s : scenario.segments) names.push_back(s.name);
  } else if (parts[0] == "groups") {
    for (const Group& g : scenario.groups) names.push_back(g.name);
  } else if (parts[0] == "overall") {
    names.push_back("overall");
  } else {
    throw InputError(option + ": scope must be one of overall, channels, segments, groups, got \"" +
                     parts[0] + "\"");
  }
  if (std::find(names.begin(), names.end(), parts[1]) == names.end()) {
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "\"" : ", \"") + n + "\"";
    throw InputError(option + ": no " + parts[0].substr(0, parts[0].size() - 1) + " named \"" +
                     parts[1] + "\" (known: " + known + ")");
  }
  return {parts[0], parts[1], parts[2]};
}

// Every --show metric must be one the results will hold: checked before anything is simulated.
void check_shown_metrics(const std::vector<Shown>& shown, const std::vector<std::string>& texts,
                         const Scenario& scenario) {
  const std::vector<MetricValue> known = metric_catalogue(scenario);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const Shown& s = shown[i];
    std::vector<std::string> metrics;
    for (const MetricValue& m : known)
      if (m.scope == s.scope && m.name == s.name) metrics.push_back(m.metric);
    if (std::find(metrics.begin(), metrics.end(), s.metric) != metrics.end()) continue;
    std::string list;
    for (const std::string& m : metrics) list += (list.empty() ? "" : ", ") + m;
    throw InputError("--show " + texts[i] + ": expected a metric of " +
                     (s.scope == "overall" ? std::string("overall") : s.scope + "." + s.name) +
                     " (" + list + "; see results/README.md), got \"" + s.metric + "\"");
  }
}

// Default columns: service level of the agents channels where cases start (at most three),
// then the share of cases resolved and the total cost.
std::vector<Shown> default_shown(const Scenario& scenario) {
  std::vector<Shown> shown;
  std::set<int> entries;
  for (const Segment& s : scenario.segments)
    for (const Share& e : s.entry) entries.insert(e.index);
  for (std::size_t c = 0; c < scenario.channels.size() && shown.size() < 3; ++c) {
    if (scenario.channels[c].kind == ChannelKind::kAgents && entries.count(static_cast<int>(c)))
      shown.push_back({"channels", scenario.channels[c].name, "service_level"});
  }
  shown.push_back({"overall", "overall", "resolved_share"});
  shown.push_back({"overall", "overall", "cost"});
  return shown;
}

bool is_share(const std::string& metric) {
  static const std::set<std::string> kShares = {"service_level",
                                                "service_level_answered",
                                                "service_level_excl_short_abandon",
                                                "abandonment",
                                                "wait_prob",
                                                "occupancy",
                                                "resolution_rate",
                                                "resolved_share",
                                                "fcr",
                                                "containment",
                                                "deflection",
                                                "answered_share"};
  return kShares.count(metric) > 0;
}

// Column titles for the varied keys: the shortest dotted suffix of at least two parts that
// tells the keys apart ("entry.bot" for segment.consumer.entry.bot); sweep.csv has them whole.
std::vector<std::string> key_titles(const std::vector<Override>& settings) {
  auto suffix = [](const std::string& key, int parts) {
    std::size_t at = key.size();
    for (int i = 0; i < parts; ++i) {
      at = key.rfind('.', at == 0 ? 0 : at - 1);
      if (at == std::string::npos) return key;
    }
    return key.substr(at + 1);
  };
  for (int parts = 2;; ++parts) {
    std::vector<std::string> titles;
    for (const Override& o : settings) titles.push_back(suffix(o.key, parts));
    const std::set<std::string> distinct(titles.begin(), titles.end());
    bool whole = true;
    for (std::size_t i = 0; i < settings.size(); ++i) whole = whole && titles[i] == settings[i].key;
    if (distinct.size() == titles.size() || whole) return titles;
  }
}

// A value as a table cell: TOML arrays and inline tables without their spaces and quotes
// (`{dist=lognormal,mean=6m}`), cut to `width` characters.
std::string cell_value(const std::string& value, std::size_t width) {
  std::string text;
  if (!value.empty() && (value.front() == '{' || value.front() == '[')) {
    for (const char c : value)
      if (c != ' ' && c != '"') text += c;
  } else {
    text = value;
  }
  return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

void print_sweep_table(std::ostream& out, const SweepPlan& plan, const SweepResult& result,
                       bool zip, const std::vector<Shown>& shown, const std::string& folder) {
  const Scenario& base = plan.scenarios.front();
  out << fmt::format(
      "sweep of \"{}\": {} point{} x {} replication{}, seed {}; every point on the same random "
      "numbers\n",
      base.run.name, plan.points.size(), plan.points.size() == 1 ? "" : "s", base.run.replications,
      base.run.replications == 1 ? "" : "s", base.run.seed);
  out << fmt::format(
      "mean, then the difference from {} ± half-width of its paired 95% interval over "
      "replications (shares in %, differences in percentage points)\n\n",
      plan.points.front().folder.substr(0, plan.points.front().folder.find('_')));

  // rows[point][column] -> the sweep row, found by (scope, name, metric).
  std::vector<std::vector<const SweepRow*>> cells(plan.points.size(),
                                                  std::vector<const SweepRow*>(shown.size()));
  for (const SweepRow& row : result.rows)
    for (std::size_t c = 0; c < shown.size(); ++c)
      if (row.summary.scope == shown[c].scope && row.summary.name == shown[c].name &&
          row.summary.metric == shown[c].metric)
        cells[row.point][c] = &row;

  // Decimals per column from the size of its means; differences get up to two more, so that a
  // small but non-zero interval does not print as ±0.
  std::vector<int> digits(shown.size()), diff_digits(shown.size());
  for (std::size_t c = 0; c < shown.size(); ++c) {
    const double scale = is_share(shown[c].metric) ? 100 : 1;
    double largest = 0, widest = 0;
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      const SweepRow* row = cells[p][c];
      if (!row || !row->summary.defined) continue;
      largest = std::max(largest, std::abs(row->summary.estimate.mean * scale));
      if (p > 0 && row->difference)
        widest =
            std::max(widest, (row->difference->ci95_high - row->difference->ci95_low) / 2 * scale);
    }
    digits[c] = is_share(shown[c].metric) ? 1
                : largest >= 1000         ? 0
                : largest >= 10           ? 1
                : largest >= 1            ? 2
                                          : 3;
    diff_digits[c] = digits[c];
    while (diff_digits[c] < digits[c] + 2 && widest > 0 &&
           widest * std::pow(10, diff_digits[c]) < 1)
      ++diff_digits[c];
  }

  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"point"};
  // Keys taken in step move together: the first one stands for them (sweep.csv has all).
  const std::vector<std::string> titles = key_titles(plan.points.front().settings);
  const std::size_t keys = zip ? 1 : titles.size();
  if (keys < titles.size()) {
    std::string others;
    for (std::size_t i = 1; i < titles.size(); ++i) others += (i > 1 ? ", " : "") + titles[i];
    out << fmt::format("{} in step with {} (see sweep.csv)\n\n", others, titles[0]);
  }
  for (std::size_t i = 0; i < keys; ++i) header.push_back(titles[i]);
  for (const Shown& s : shown) header.push_back(s.title());
  table.push_back(header);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::vector<std::string> line = {
        plan.points[p].folder.substr(0, plan.points[p].folder.find('_')) +
        (result.resumed[p] ? "*" : "")};
    for (std::size_t i = 0; i < keys; ++i)
      line.push_back(cell_value(plan.points[p].settings[i].value, 40));
    for (std::size_t c = 0; c < shown.size(); ++c) {
      const SweepRow* row = cells[p][c];
      if (!row || !row->summary.defined) {
        line.push_back("-");
        continue;
      }
      const bool share = is_share(shown[c].metric);
      const double scale = share ? 100 : 1;
      std::string text =
          fmt::format("{:.{}f}{}", row->summary.estimate.mean * scale, digits[c], share ? "%" : "");
      if (p > 0 && row->difference) {
        const Estimate& d = *row->difference;
        text += fmt::format(" {:+.{}f} ±{:.{}f}", d.mean * scale, diff_digits[c],
                            (d.ci95_high - d.ci95_low) / 2 * scale, diff_digits[c]);
      }
      line.push_back(text);
    }
    table.push_back(line);
  }
  out << aligned_table(table, keys + 1);  // point and keys left-aligned, metrics right-aligned
  int resumed = 0;
  for (const bool r : result.resumed) resumed += r ? 1 : 0;
  if (resumed > 0)
    out << fmt::format("\n* read back from an earlier run ({} of {} points)\n", resumed,
                       plan.points.size());
  out << "\nresults written to " << folder << "/ (sweep.csv, one folder per point)\n";
}

int run_sweep_command(const SweepOptions& options) {
  // Every rank checks its input first; only rank 0 reports an error (all ranks see the same).
  const auto launched = Cluster::launched_rank();
  const bool root = !launched || *launched == 0;
  SweepPlan plan;
  std::vector<Shown> shown;
  try {
    std::vector<SweepAxis> axes;
    for (const std::string& vary : options.vary) axes.push_back(parse_vary(vary));
    plan = plan_sweep(axes, options.zip, [&](const std::vector<Override>& settings) {
      SimulationOptions point = options.simulation;
      std::string label;
      for (const Override& o : settings) {
        point.sets.push_back(o.key + "=" + o.value);
        label += (label.empty() ? "" : ", ") + o.key + "=" + o.value;
      }
      Scenario scenario = load_scenario(point);
      if (root && !options.simulation.quiet) std::cerr << set_shares_text(scenario, label + ": ");
      return scenario;
    });
    for (const std::string& s : options.show) shown.push_back(parse_show(s, plan.scenarios[0]));
    check_shown_metrics(shown, options.show, plan.scenarios[0]);
  } catch (const InputError&) {
    if (!root) return 2;
    throw;
  }
  if (shown.empty()) shown = default_shown(plan.scenarios[0]);
  const std::string folder = options.simulation.out.empty()
                                 ? "results/" + plan.scenarios[0].run.name + "/sweep"
                                 : options.simulation.out;

  Cluster cluster;
  std::optional<SweepResult> result;
  std::optional<OutputFolder> output;
  {
    ProgressLine progress(std::cerr,
                          root && !options.simulation.quiet && standard_error_is_terminal());
    try {
      cluster.join();
      // Rank 0 alone writes: it checks and takes the folder before anything is simulated.
      if (cluster.is_root()) {
        output.emplace(folder, output_option(options.simulation, folder));
        // Like sweep.csv, the page is there only for a finished sweep.
        remove_report(folder);
      }
      result = run_sweep(plan, folder, worker_count(options.simulation), cluster,
                         [&](const SweepProgress& p) {
                           progress.update(p.points_done, p.points_total, p.points_resumed,
                                           p.replications_done, p.replications_total);
                         });
    } catch (const std::exception& e) {
      on_rank_failure(e, cluster, progress);
      throw;
    }
  }
  if (result && !options.simulation.no_report) {
    std::vector<std::string> charted;
    for (const Shown& s : shown)
      charted.push_back(s.scope == "overall" ? "overall." + s.metric
                                             : s.scope + "." + s.name + "." + s.metric);
    write_report(folder, sweep_report(folder_reader(folder), charted));
  }
  if (!result || options.simulation.quiet) return 0;
  const std::string& format = options.simulation.format;
  if (format == "csv") {
    std::cout << sweep_csv(plan.points, result->rows);
  } else if (format == "json") {
    std::cout << sweep_json(plan.points, result->rows);
  } else {
    print_sweep_table(std::cout, plan, *result, options.zip, shown, folder);
  }
  return 0;
}

}  // namespace

void add_sweep_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "what-ifs: simulate every point of --vary lists (a grid, or in step with --zip) on common "
      "random numbers; one result folder per point and sweep.csv with differences from the "
      "first point");
  sweep->add_option("scenario", options->simulation.scenario_file,
                    "scenario file (default: the built-in default scenario)");
  sweep
      ->add_option("--vary", options->vary,
                   "KEY=V1,V2,...: values of a scenario key to try (repeatable); commas inside "
                   "[...], {...} and quotes do not split")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sweep->add_flag("--zip", options->zip,
                  "take the --vary lists in step (equal lengths) instead of every combination");
  sweep
      ->add_option("--show", options->show,
                   "metric for the table on screen, e.g. overall.cost or "
                   "channels.phone.service_level (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  add_simulation_options(*sweep, options->simulation);
  sweep->get_option("--out")->description("output folder (default results/<scenario name>/sweep/)");
  sweep->callback(
      [&action, options] { action = [options] { return run_sweep_command(*options); }; });
}

}  // namespace supportsim
