#pragma once
// fit.csv of `supportsim calibrate` (results/README.md): every fitted parameter with its 95%
// interval and the number of observations behind it.

#include <string>
#include <vector>

#include "sim/calibrate/calibration.h"

namespace supportsim {

// Header `parameter,estimate,ci95_low,ci95_high,n`, one row per parameter in `fit` order.
std::string fit_csv(const std::vector<FitParameter>& fit);

}  // namespace supportsim
