#pragma once
// What a sweep writes besides each point's `run` result files (results/README.md "Sweeps"):
// `replications.csv` in every point folder (the per-replication metric values, from which a
// resumed sweep recomputes paired differences without simulating again) and `sweep.csv` at the
// top, one row per (point, scope, name, metric) with the point's estimate and its paired
// difference from point 0.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/replicate.h"
#include "sim/experiment/sweep_points.h"
#include "sim/experiment/sweep_results.h"

namespace supportsim {

// `replication,scope,name,metric,value`, replications in the order given, metrics in
// compute_metrics order. Values are written in the shortest form that reads back exactly;
// undefined (NaN) values are empty.
std::string replications_csv(const std::vector<ReplicationOutput>& outputs);

// Reads replications.csv back into outputs holding only `replication` and `metrics`, exactly
// as written. nullopt when the text is not a complete replications.csv (wrong header, a
// malformed row, or replications whose metric lists differ), so the caller can recompute.
std::optional<std::vector<ReplicationOutput>> parse_replications_csv(std::string_view text);

// sweep.csv: the varied keys as leading columns (each point's values as given), then
// point (the point's folder name),scope,name,metric,mean,ci95_low,ci95_high,stdev,
// diff_mean,diff_ci95_low,diff_ci95_high. Undefined values are empty.
std::string sweep_csv(const std::vector<SweepPoint>& points, const std::vector<SweepRow>& rows);

// The same content as JSON: {"points": [{"point", "folder", "settings": {key: value},
// "<scope>": ...}]}, each metric as {"mean", "ci95", "stdev", "diff": {"mean", "ci95"}}.
std::string sweep_json(const std::vector<SweepPoint>& points, const std::vector<SweepRow>& rows);

}  // namespace supportsim
