#pragma once
// A contact log's summary (sim/calibrate/log_summary.h) -> a scenario that reproduces it, and
// every fitted parameter with its 95% interval and the observations behind it (fit.csv). The
// decisions (what is fitted how, what is a placeholder) are in docs/calibration.md.

#include <string>
#include <vector>

#include "sim/calibrate/fitted.h"
#include "sim/calibrate/log_summary.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct CalibrateOptions {
  std::string name = "calibrated";  // run.name of the scenario
  double interval_s = 1800;         // profile slices and run.interval; divides a day
  bool staff_from_log = false;      // weekly schedules from concurrent handling
};

struct FitParameter {
  std::string name;  // e.g. "segment.retail.arrival_rate_per_h"
  Fitted value;
};

// For the fit page: cases per day, observed and as the fitted rate and weekly profile expect
// (busyness is what makes them differ).
struct DailyFit {
  std::string segment;
  std::int64_t day = 0;  // after 1970-01-01
  long observed = 0;
  double fitted = 0;
};
// For the fit page: a handle-time histogram bin of an issue in a channel, the observed share of
// the cell's attempts and the fitted lognormal's probability.
struct HandleBinFit {
  std::string issue, channel;
  double low_s = 0, high_s = 0;
  double observed = 0, fitted = 0;
};

struct Calibration {
  Scenario scenario;
  std::vector<FitParameter> fit;
  std::vector<std::string> notes;  // what the user must know or replace, one line each
  std::vector<DailyFit> daily;
  std::vector<HandleBinFit> handle_bins;  // cells with their own fit (kMinObservations)
  // The window the log observed: from the slice of its first case's first row to the end of
  // the slice of its last case's (local seconds after 1970-01-01), and the days it touches.
  double window_start_s = 0, window_end_s = 0;
  std::int64_t first_day = 0, last_day = 0;
};

// Handle times, resolve shares and patience are fitted for a cell (issue x channel, segment x
// channel) when it has at least this many observations; otherwise the pooled fit is used.
inline constexpr long kMinObservations = 30;

// REQUIRES summary.cases >= 1. The scenario is complete and valid (the caller loads its TOML
// back to make sure).
Calibration calibrate(const LogSummary& summary, const CalibrateOptions& options);

}  // namespace supportsim
