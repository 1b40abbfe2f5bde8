// `supportsim calibrate LOG.csv`: a scenario that reproduces a contact log, and fit.csv
// (docs/calibration.md). Everything is read and fitted before anything is written: a bad log
// writes nothing (exit 2).

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "sim/calibrate/calibration.h"
#include "sim/calibrate/contact_log.h"
#include "sim/calibrate/log_summary.h"
#include "sim/cli/commands.h"
#include "sim/core/civil_time.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/atomic_file.h"
#include "sim/io/loader.h"
#include "sim/output/output_folder.h"
#include "sim/io/scenario_writer.h"
#include "sim/output/fit_report.h"
#include "sim/output/fit_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

struct CalibrateCommandOptions {
  std::string log;
  std::string out;      // default: <log stem>.toml
  std::string fit_dir;  // default: results/<scenario name>/calibration
  std::string interval = "30m";
  bool skip_bad_rows = false;
  bool staff_from_log = false;
  bool quiet = false;
  bool no_report = false;
};

std::string name_from(const fs::path& file) {
  std::string name = file.stem().string();
  for (char& c : name)
    if (c == '.' || c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = '_';
  if (name.size() > kMaxNameLength) name.resize(kMaxNameLength);
  return name.empty() ? "calibrated" : name;
}

std::string header_comment(const CalibrateCommandOptions& o, const Calibration& c,
                           const LogSummary& s) {
  std::string text = fmt::format(
      "# Calibrated by `supportsim calibrate` from {} ({} rows, {} cases, {:.4g} days from {}).\n"
      "# Time 0 is Monday 00:00 in the log's local time (the clock times as written{}).\n"
      "# Fitted parameters with their 95% intervals: {}/fit.csv.\n",
      o.log, s.rows, s.cases, (c.window_end_s - c.window_start_s) / 86400,
      format_civil_time(c.window_start_s).substr(0, 16),
      s.first_offset_s ? fmt::format(", UTC offset {:+.2f} h", *s.first_offset_s / 3600.0) : "",
      o.fit_dir);
  for (const std::string& note : c.notes) text += "# NOTE: " + note + "\n";
  return text + "\n";
}

int run_calibrate(CalibrateCommandOptions o) {
  std::string why;
  const auto interval = parse_duration(o.interval, &why);
  if (!interval || *interval < 60 || std::fmod(86400.0, *interval) != 0)
    throw InputError("--interval " + o.interval +
                     ": expected a duration of at least 1m that divides a day evenly (\"15m\", "
                     "\"30m\", \"1h\")" +
                     (why.empty() ? "" : ", " + why));
  std::ifstream in(o.log, std::ios::binary);
  if (!in || fs::is_directory(o.log))
    throw InputError(o.log + ": cannot read the contact log (no such file, or not readable)");
  if (o.out.empty()) o.out = fs::path(o.log).stem().string() + ".toml";
  if (fs::is_directory(o.out))
    throw InputError("--out " + o.out + ": is a folder, expected the scenario file to write");
  CalibrateOptions options;
  options.name = name_from(o.out);
  options.interval_s = *interval;
  options.staff_from_log = o.staff_from_log;
  if (o.fit_dir.empty()) o.fit_dir = "results/" + options.name + "/calibration";

  const auto started = std::chrono::steady_clock::now();
  LogSummary summary(static_cast<int>(std::lround(86400.0 / *interval)), o.staff_from_log);
  std::vector<char> buffer(1 << 20);
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  long contradicting = 0;
  std::vector<std::string> contradictions;
  LogReadStats stats = read_contact_log(in, o.log, {o.skip_bad_rows}, [&](const LogRow& row) {
    if (auto problem = summary.add(row)) {
      const std::string message = o.log + ":" + std::to_string(row.line) + ": " + *problem;
      if (!o.skip_bad_rows) throw InputError(message);
      ++contradicting;
      if (contradictions.size() < 5) contradictions.push_back(message);
    }
  });
  stats.rows -= contradicting;
  stats.skipped += contradicting;
  for (auto& m : contradictions)
    if (stats.errors.size() < 5) stats.errors.push_back(std::move(m));
  if (summary.cases == 0)
    throw InputError(o.log + ": no rows to calibrate from" +
                     (stats.skipped ? fmt::format(" ({} bad rows skipped)", stats.skipped) : ""));

  Calibration calibration = calibrate(summary, options);
  if (stats.skipped)
    calibration.notes.push_back(
        fmt::format("{} bad rows skipped (--skip-bad-rows)", stats.skipped));
  if (summary.mixed_offsets)
    calibration.notes.push_back(
        "the log's UTC offsets vary (daylight saving?): days and hours "
        "are taken as the clock times written");
  const std::string toml =
      header_comment(o, calibration, summary) + scenario_to_toml(calibration.scenario);
  // The written scenario must load as it is (a failure here is a bug, not the user's input).
  try {
    load_scenario_string(toml, o.out);
  } catch (const InputError& e) {
    throw std::runtime_error(std::string("calibrate wrote a scenario that does not load: ") +
                             e.what());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  OutputFolder fit_folder(o.fit_dir, "--fit-dir " + o.fit_dir);
  AtomicFileSet scenario_file;
  scenario_file.add(o.out, toml);
  FolderFiles files = {{"fit.csv", fit_csv(calibration.fit)},
                       {"fit_daily.csv", fit_daily_csv(calibration.daily)},
                       {"fit_handle_times.csv", fit_handle_times_csv(calibration.handle_bins)}};
  // The page is made from the very files written with it, and swapped in with them.
  if (!o.no_report) files.push_back({kReportFile, report_html(fit_report(files_reader(files)))});
  replace_folder_files(o.fit_dir, files, true);
  if (o.no_report) remove_report(o.fit_dir);
  scenario_file.commit();

  if (o.quiet) return 0;
  std::cout << fmt::format("Read {} rows ({} cases) of {} in {:.1f} s", stats.rows, summary.cases,
                           o.log, seconds);
  if (stats.skipped) std::cout << fmt::format(", skipped {} bad rows", stats.skipped);
  std::cout << ".\n";
  for (const std::string& e : stats.errors) std::cout << "  skipped: " << e << "\n";
  if (!stats.ignored_columns.empty()) {
    std::cout << "Ignored columns:";
    for (const auto& c : stats.ignored_columns) std::cout << " " << c;
    std::cout << "\n";
  }
  std::cout << fmt::format(
      "Window: {:.4g} days from {} (a {}) to {}; the week starts Monday 00:00 in the log's "
      "local time.\n",
      (calibration.window_end_s - calibration.window_start_s) / 86400,
      format_civil_time(calibration.window_start_s).substr(0, 16),
      std::array<const char*, 7>{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                 "Sunday"}[weekday_of(calibration.first_day)],
      format_civil_time(calibration.window_end_s).substr(0, 16));
  std::cout << "\n  segment            cases/h  busyness_cv  entry\n";
  for (const Segment& seg : calibration.scenario.segments) {
    std::string entry;
    for (const Share& sh : seg.entry)
      entry += fmt::format("{}{} {:.3f}", entry.empty() ? "" : ", ",
                           calibration.scenario.channels[sh.index].name, sh.share);
    std::cout << fmt::format("  {:<18} {:>7.2f}  {:>11.3f}  {}\n", seg.name,
                             seg.arrival_rate_per_s * 3600, seg.profile->busyness_cv, entry);
  }
  std::cout << "\n";
  for (const std::string& note : calibration.notes) std::cout << "Note: " << note << "\n";
  std::cout << "Wrote " << o.out << " and " << o.fit_dir << "/fit.csv (" << calibration.fit.size()
            << " parameters)" << (o.no_report ? "" : ", the fit page " + o.fit_dir + "/report.html")
            << ".\n"
            << "Next: supportsim validate " << o.out << "; supportsim run " << o.out << "\n";
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<CalibrateCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "fit a scenario to a contact log (one row per channel attempt)");
  cmd->add_option("log", o->log, "the contact log, CSV (results/README.md)")->required();
  cmd->add_option("--out", o->out, "scenario file to write (default: <log stem>.toml)");
  cmd->add_option("--fit-dir", o->fit_dir,
                  "folder for fit.csv and the fit page report.html (default: "
                  "results/<scenario name>/calibration)");
  cmd->add_option("--interval", o->interval,
                  "width of the daily profile's slices and the scenario's run.interval")
      ->capture_default_str();
  cmd->add_flag("--skip-bad-rows", o->skip_bad_rows,
                "skip (and count) rows that cannot be read instead of stopping");
  cmd->add_flag("--staff-from-log", o->staff_from_log,
                "weekly schedules from the log's concurrent handling instead of placeholders");
  cmd->add_flag("--quiet", o->quiet, "print nothing on success");
  cmd->add_flag("--no-report", o->no_report,
                "write no report.html in the fit folder (and remove one left from before)");
  cmd->callback([&action, o] { action = [o] { return run_calibrate(*o); }; });
}

}  // namespace supportsim
