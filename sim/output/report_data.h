#pragma once
// What report.html shows, taken from the files of a results folder (results/README.md): the
// numbers on the page are those of the files, read back as written; the only arithmetic is the
// regrouping the README describes for each chart (offered erlangs, occupancy by weekday-hour).
//
// A builder reads the folder through ReadResultFile, so that a command can hand it the files it
// is about to write (the page is written with them, as one set) and `supportsim report DIR` the
// files on disk. Each chart is a Vega-Lite template (sim/output/report_templates/<id>.vl.json)
// plus the rows it draws, built here.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/scenario.h"
#include "sim/output/csv_table.h"

namespace supportsim {

// The text of a file of the folder by its path relative to the folder ("summary.json",
// "p00_x=1/summary.json"), or nullopt when there is none.
using ReadResultFile = std::function<std::optional<std::string>(const std::string& path)>;

struct ReportChart {
  std::string id;     // the element's data-chart attribute and the template's name
  std::string title;  // plain text
  std::string note;   // how to read it: plain text, a sentence or two
  // The template's named data sets: {"table": [{...}, ...], ...}.
  nlohmann::ordered_json datasets = nlohmann::ordered_json::object();
  // Merged into the template (JSON merge patch), e.g. axis titles that depend on the data.
  nlohmann::ordered_json patch = nlohmann::ordered_json::object();
};

struct ReportContent {
  std::string title;                                       // plain text
  std::vector<std::pair<std::string, std::string>> facts;  // (what, value): what was run
  std::string reading;                                     // how to read the charts
  std::vector<ReportChart> charts;
};

// `supportsim run`: summary.json and intervals.csv. `scenario` is the scenario of the results
// (what scenario.toml holds): it gives the service-level targets, the reporting interval and
// where channels escalate to; without it (nullptr) the page has no target lines.
// Throws InputError naming the file when one is missing or not as results/README.md says.
ReportContent run_report(const ReadResultFile& read, const Scenario* scenario);

// `supportsim staff`: staffing.csv (and roster.csv when present) for the plan, then the run
// charts of the plan's simulation (summary.json, intervals.csv). Throws InputError as above.
ReportContent staff_report(const ReadResultFile& read, const Scenario* scenario);

// `supportsim sweep`: sweep.csv, and the first point's summary.json for what was run. `shown`
// names the metrics charted, as `overall.<metric>` or `<scope>.<name>.<metric>`; empty: the
// service level of the first three channels that have one, resolved share and cost.
// Throws InputError as above, and for a shown metric that sweep.csv does not hold.
ReportContent sweep_report(const ReadResultFile& read, const std::vector<std::string>& shown);

// `supportsim mix`: sweep.csv of the staffed points compared (`shown`, default cost, resolved
// share, CES and churned) and the frontier of cost against churned customers (against the first
// channel's service level without population segments), the best point of mix.csv marked: the
// highest margin among the points that met their targets, or the lowest cost when no point has
// revenue (the rule `mix` prints). Throws InputError as above.
ReportContent mix_report(const ReadResultFile& read, const std::vector<std::string>& shown);

// The `points` chart of any table laid out as sweep.csv is (point, scope, name, metric, mean,
// ci95_low, ci95_high, diff_mean, diff_ci95_low, diff_ci95_high; the varied keys before
// `point`): per shown metric, each point's mean with its 95% interval, and its paired
// difference from the first point with the paired interval. `best_point` (a `point` value, or
// empty) is marked, for commands that pick one. Throws InputError for a shown metric the table
// does not hold.
ReportChart points_chart(const CsvTable& table, const std::vector<std::string>& shown,
                         const std::string& best_point = "");

// The `frontier` chart of a table laid out as sweep.csv is: each point at (its mean of `x`, its
// mean of `y`), both named as in `shown` above (e.g. overall.cost against
// channels.phone.service_level), with their 95% intervals, labelled with the point's settings;
// `best_point` is marked. For `mix`, which picks a best point among candidate mixes. Throws
// InputError for a metric the table does not hold.
ReportChart frontier_chart(const CsvTable& table, const std::string& x, const std::string& y,
                           const std::string& best_point = "");

// The report of whatever the folder holds: fit.csv makes it calibrate's fit page (fit_report.h),
// mix.csv a mix report, sweep.csv a sweep report,
// staffing.csv a staffing report, summary.json a run report. Throws InputError when it holds none
// of them.
ReportContent folder_report(const ReadResultFile& read, const Scenario* scenario,
                            const std::vector<std::string>& shown);

}  // namespace supportsim
