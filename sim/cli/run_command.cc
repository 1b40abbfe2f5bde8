#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "sim/cli/rank_failure.h"
#include "sim/cli/report.h"
#include "sim/cli/simulation_options.h"
#include "sim/core/error.h"
#include "sim/experiment/attempt_recording.h"
#include "sim/experiment/cluster.h"
#include "sim/experiment/distributed.h"
#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/output/atomic_file.h"
#include "sim/output/contact_log_writer.h"
#include "sim/output/output_folder.h"
#include "sim/output/result_writer.h"
#include "sim/output/report_page.h"

namespace supportsim {

namespace {

int run_run_command(const SimulationOptions& options, const std::string& log_file) {
  // Under `mpirun -n K`, every rank checks its input first and rank 0 alone reports an error;
  // the replications are then shared among the ranks and rank 0 alone writes (cluster.h).
  const auto launched = Cluster::launched_rank();
  const bool root = !launched || *launched == 0;
  Scenario scenario;
  try {
    scenario = load_scenario(options);
  } catch (const InputError&) {
    if (!root) return 2;
    throw;
  }
  if (!log_file.empty() && std::filesystem::is_directory(log_file)) {
    if (!root) return 2;
    throw InputError("--log " + log_file + ": is a folder, expected the CSV file to write");
  }
  if (root && !options.quiet) std::cerr << set_shares_text(scenario);
  const std::string folder = output_folder(options, scenario);
  // Checked and taken before simulating: a folder that cannot take the results costs nothing,
  // and no other command writes into it meanwhile. Alone, that is before any MPI call, so that a
  // bad --out is an input error (exit 2) as usual.
  std::optional<OutputFolder> output;
  if (!launched) output.emplace(folder, output_option(options, folder));
  Cluster cluster;
  std::map<int, ReplicationOutput> done;
  {
    ProgressLine progress(std::cerr, root && !options.quiet && standard_error_is_terminal());
    try {
      cluster.join();
      if (cluster.is_root() && !output) output.emplace(folder, output_option(options, folder));
      std::vector<ReplicationTask> tasks;
      for (int i = 0; i < scenario.run.replications; ++i) tasks.push_back({&scenario, i});
      run_tasks_on(cluster, tasks, worker_count(options), [&](std::size_t, ReplicationOutput&& o) {
        done.emplace(o.replication, std::move(o));
        progress.update(0, 0, 0, static_cast<int>(done.size()), scenario.run.replications);
      });
    } catch (const std::exception& e) {
      on_rank_failure(e, cluster, progress);
      throw;
    }
  }
  if (!cluster.is_root()) return 0;
  std::vector<ReplicationOutput> outputs;
  for (auto& [index, o] : done) outputs.push_back(std::move(o));
  const Summary summary = summarize(scenario, outputs);
  // The page is made from the very files written with it, and swapped in with them.
  FolderFiles files = run_result_files(scenario, summary);
  if (!options.no_report)
    files.push_back({kReportFile, report_html(run_report(files_reader(files), &scenario))});
  // `--log`: replication 0 once more, tracing its attempts (the same run: deterministic).
  AtomicFileSet log;
  if (!log_file.empty()) log.add(log_file, contact_log_csv(scenario, record_attempts(scenario, 0)));
  replace_folder_files(folder, files, true);
  log.commit();
  if (options.no_report) remove_report(folder);
  if (options.quiet) return 0;
  if (options.format == "json")
    std::cout << summary_json(scenario, summary);
  else if (options.format == "csv")
    std::cout << summary_csv(summary);
  else
    print_summary_table(std::cout, scenario, summary, folder);
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<SimulationOptions>();
  auto log_file = std::make_shared<std::string>();
  CLI::App* run = app.add_subcommand("run", "simulate all replications and write result files");
  run->add_option("scenario", options->scenario_file,
                  "scenario file (default: the built-in default scenario)");
  add_simulation_options(*run, *options);
  run->add_option("--log", *log_file,
                  "also write replication 0's attempts to this CSV file (a contact log, the "
                  "format `calibrate` reads)");
  run->callback([&action, options, log_file] {
    action = [options, log_file] { return run_run_command(*options, *log_file); };
  });
}

}  // namespace supportsim
