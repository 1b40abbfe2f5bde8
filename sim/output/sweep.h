#pragma once
// A what-if sweep (`supportsim sweep`): every point is a variant of one scenario, validated
// before anything is simulated, run over the same seed and replication indices (common random
// numbers, paired.h), and written as a full `run` result in its own sub-folder.
//
// Resume: a point is written into a hidden sibling folder and swapped in once complete
// (replace_folder_files), so a final folder is always complete; a rerun removes what an
// interrupted one left. A rerun finds a point finished when its
// folder holds the result files and a scenario.toml equal to the point's resolved scenario;
// such points are read back (replications.csv), not simulated.
//
// Work list: the (point, replication) pairs of every unfinished point, point by point. With
// `jobs` worker processes per rank and K MPI ranks (cluster.h), rank r runs items r, r + K, ...;
// rank 0 gathers, writes each point as soon as its replications are in, then sweep.csv. The
// files do not depend on `jobs`, on K, or on the order replications end.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/cluster.h"
#include "sim/experiment/replicate.h"
#include "sim/experiment/sweep_points.h"
#include "sim/experiment/sweep_results.h"
#include "sim/output/sweep_files.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct SweepPlan {
  std::vector<SweepPoint> points;
  std::vector<Scenario> scenarios;  // one per point, validated
};

// Expands the axes into points and loads every point's scenario with `load` (which applies the
// point's settings after the command's own overrides). Throws InputError before anything runs:
// the errors of expand_points, or the first point that does not load, as
// "point 3 (group.tier1.agents=-1): group "tier1" agents: must not be negative, got -1" (the
// loader's message, without its "--set KEY=VALUE: " when the point's own setting is at fault).
SweepPlan plan_sweep(const std::vector<SweepAxis>& axes, bool zip,
                     const std::function<Scenario(const std::vector<Override>&)>& load);

struct SweepProgress {
  int points_done = 0;  // finished points, resumed ones included
  int points_total = 0;
  int points_resumed = 0;
  long replications_done = 0;  // simulated in this run
  long replications_total = 0;
};

struct SweepResult {
  // Per point, its replications in index order (metrics only: intervals are dropped once the
  // point's files are written).
  std::vector<std::vector<ReplicationOutput>> outputs;
  std::vector<bool> resumed;   // read back from a previous run, not simulated
  std::vector<SweepRow> rows;  // the content of sweep.csv
};

// Runs the sweep into `folder` (created if needed) and writes sweep.csv there; a sweep.csv
// left by an earlier run is removed first, so one is present only for a finished sweep.
// `on_progress` (optional) is called on rank 0 at the start and after every replication.
// Returns the result on rank 0 and nullopt on other ranks, which write nothing. Throws
// std::runtime_error on a failed replication or an I/O error.
std::optional<SweepResult> run_sweep(
    const SweepPlan& plan, const std::string& folder, int jobs, Cluster& cluster,
    const std::function<void(const SweepProgress&)>& on_progress = {});

// The replications of a point finished by an earlier run in `point_folder` (see above), or
// nullopt when the point must be simulated.
std::optional<std::vector<ReplicationOutput>> load_finished_point(const std::string& point_folder,
                                                                  const Scenario& scenario);

}  // namespace supportsim
