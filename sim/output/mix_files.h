#pragma once
// mix.csv, the table `supportsim mix` writes at the top of its folder (results/README.md).

#include <string>
#include <vector>

#include "sim/experiment/mix.h"
#include "sim/experiment/sweep_points.h"

namespace supportsim {

// mix.csv: the varied keys as leading columns, then `meets_targets` and, per metric, its mean,
// `d_<metric>` (difference from p00) and `d_<metric>_ci95` (half-width of its 95% interval).
std::string mix_csv(const std::vector<SweepPoint>& points, const std::vector<MixRow>& rows);

}  // namespace supportsim
