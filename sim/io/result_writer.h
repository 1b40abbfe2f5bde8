#pragma once
// The result files of `supportsim run` (results/README.md): summary.json, summary.csv,
// intervals.csv, daily.csv and scenario.toml, written as one set into one folder.

#include <string>

#include "sim/experiment/summary.h"
#include "sim/io/atomic_file.h"
#include "sim/model/scenario.h"

namespace supportsim {

std::string summary_json(const Scenario& scenario, const Summary& summary);
std::string summary_csv(const Summary& summary);
std::string intervals_csv(const Summary& summary);
std::string group_intervals_csv(const Summary& summary);
// Population segments only; just the header when there are none.
std::string daily_csv(const Summary& summary);

// The files above, by name.
FolderFiles run_result_files(const Scenario& scenario, const Summary& summary);

// Writes the files into `folder` as one set (replace_folder_files): a reader sees the earlier
// set or this one, never a mix; other entries of the folder are kept. REQUIRES the folder's
// OutputFolder lock. Throws std::runtime_error on an I/O failure, leaving the earlier set.
void write_run_results(const std::string& folder, const Scenario& scenario, const Summary& summary);

}  // namespace supportsim
