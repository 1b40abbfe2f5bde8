#pragma once
// The metrics a scenario's results will hold, known before simulating (e.g. to check a
// `sweep --show` choice before any point runs).

#include <vector>

#include "sim/model/metrics.h"
#include "sim/model/scenario.h"

namespace supportsim {

// The (scope, name, metric) entries compute_metrics gives for `scenario`, in its order, computed
// from an empty replication sized as the engine sizes its per-entity counts (interval and
// daily rows are left empty; values are meaningless).
std::vector<MetricValue> metric_catalogue(const Scenario& scenario);

}  // namespace supportsim
