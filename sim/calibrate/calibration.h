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

struct Calibration {
  Scenario scenario;
  std::vector<FitParameter> fit;
  std::vector<std::string> notes;  // what the user must know or replace, one line each
  std::int64_t first_day = 0, days = 0;  // the window: whole days after 1970-01-01
};

// Handle times, resolve shares and patience are fitted for a cell (issue x channel, segment x
// channel) when it has at least this many observations; otherwise the pooled fit is used.
inline constexpr long kMinObservations = 30;

// REQUIRES summary.cases >= 1. The scenario is complete and valid (the caller loads its TOML
// back to make sure).
Calibration calibrate(const LogSummary& summary, const CalibrateOptions& options);

}  // namespace supportsim
