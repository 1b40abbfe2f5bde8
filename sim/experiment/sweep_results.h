#pragma once
// The comparison a sweep (and mix) reports: every point's metric estimates and their paired
// differences from point 0. The files that hold them (sweep.csv, replications.csv) are written
// by sim/output/sweep_files.h.

#include <optional>
#include <vector>

#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

// One row of sweep.csv.
struct SweepRow {
  std::size_t point = 0;
  MetricSummary summary;  // as in the point's summary.csv
  // Paired difference point - point 0 over the replication indices both ran, where the
  // metric is defined in both (paired.h); nullopt when there is no such replication.
  std::optional<Estimate> difference;
};

// Rows for every point and metric, points in order, metrics in each point's order.
// `outputs[p]` holds point p's replications ordered by replication index (metrics suffice).
std::vector<SweepRow> compare_points(const std::vector<Scenario>& scenarios,
                                     const std::vector<std::vector<ReplicationOutput>>& outputs);

}  // namespace supportsim
