#include <iostream>
#include <memory>

#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "sim/cli/report.h"
#include "sim/cli/simulation_options.h"
#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/io/output_folder.h"
#include "sim/io/result_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {

void add_run_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<SimulationOptions>();
  CLI::App* run = app.add_subcommand("run", "simulate all replications and write result files");
  run->add_option("scenario", options->scenario_file,
                  "scenario file (default: the built-in default scenario)");
  add_simulation_options(*run, *options);
  run->callback([&action, options] {
    action = [options] {
      const Scenario scenario = load_scenario(*options);
      if (!options->quiet) std::cerr << set_shares_text(scenario);
      const std::string folder = output_folder(*options, scenario);
      // Checked and taken before simulating: a folder that cannot take the results costs
      // nothing, and no other command writes into it meanwhile.
      const OutputFolder output(folder, output_option(*options, folder));
      std::vector<ReplicationOutput> outputs;
      {
        ProgressLine progress(std::cerr, !options->quiet && standard_error_is_terminal());
        outputs =
            run_replications(scenario, 0, scenario.run.replications, worker_count(*options),
                             [&](int done, int total) { progress.update(0, 0, 0, done, total); });
      }
      const Summary summary = summarize(scenario, outputs);
      // The page is made from the very files written with it, and swapped in with them.
      FolderFiles files = run_result_files(scenario, summary);
      if (!options->no_report)
        files.push_back({kReportFile, report_html(run_report(files_reader(files), &scenario))});
      replace_folder_files(folder, files, true);
      if (options->no_report) remove_report(folder);
      if (options->quiet) return 0;
      if (options->format == "json")
        std::cout << summary_json(scenario, summary);
      else if (options->format == "csv")
        std::cout << summary_csv(summary);
      else
        print_summary_table(std::cout, scenario, summary, folder);
      return 0;
    };
  });
}

}  // namespace supportsim
