#pragma once
// The files of `supportsim calibrate`'s fit folder (results/README.md): fit.csv, every fitted
// parameter with its 95% interval and the number of observations behind it, and the observed
// against fitted rows the fit page (report.html) draws.

#include <string>
#include <vector>

#include "sim/calibrate/calibration.h"

namespace supportsim {

// Header `parameter,estimate,ci95_low,ci95_high,n`, one row per parameter in `fit` order.
std::string fit_csv(const std::vector<FitParameter>& fit);

// fit_daily.csv: `segment,date,weekday,observed,fitted`, cases per day of the log's window.
std::string fit_daily_csv(const std::vector<DailyFit>& daily);

// fit_handle_times.csv: `issue,channel,bin_low_s,bin_high_s,observed,fitted`, the handle-time
// histogram (shares of the cell's attempts) and the fitted lognormal's share of each bin.
std::string fit_handle_times_csv(const std::vector<HandleBinFit>& bins);

}  // namespace supportsim
