// `supportsim report DIR`: writes DIR/report.html again from the result files in DIR.

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/io/loader.h"
#include "sim/output/output_folder.h"
#include "sim/output/report_page.h"

namespace supportsim {
namespace {

struct ReportOptions {
  std::string folder;
  std::vector<std::string> show;
  bool quiet = false;
};

int run_report_command(const ReportOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(options.folder, error))
    throw InputError(options.folder + ": expected a results folder, got " +
                     (fs::exists(options.folder, error) ? "a file" : "nothing by that name"));
  // No other command writes into the folder meanwhile.
  const OutputFolder output(options.folder, options.folder);
  const ReadResultFile read = folder_reader(options.folder);
  // The targets drawn on the service-level chart come from the folder's resolved scenario.
  std::optional<Scenario> scenario;
  const fs::path toml = fs::path(options.folder) / "scenario.toml";
  if (!read("sweep.csv") && fs::is_regular_file(toml, error)) {
    try {
      scenario = load_scenario_file(toml.string());
    } catch (const InputError& e) {
      if (!options.quiet)
        std::cerr << "supportsim: drawing no targets, scenario.toml does not load: " << e.what()
                  << "\n";
    }
  }
  write_report(options.folder, folder_report(read, scenario ? &*scenario : nullptr, options.show));
  if (!options.quiet)
    std::cout << "report written to " << (fs::path(options.folder) / kReportFile).string() << "\n";
  return 0;
}

}  // namespace

void add_report_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand(
      "report", "write report.html again from the result files of a run, sweep or staff folder");
  report->add_option("folder", options->folder, "the results folder")->required();
  report
      ->add_option("--show", options->show,
                   "sweeps: a metric to chart, overall.<metric> or <scope>.<name>.<metric> "
                   "(repeatable; default: service levels, resolved share, cost)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  report->add_flag("--quiet", options->quiet, "print nothing on success");
  report->callback(
      [&action, options] { action = [options] { return run_report_command(*options); }; });
}

}  // namespace supportsim
