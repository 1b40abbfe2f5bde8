#pragma once
// The fit page of `supportsim calibrate` (report.html in the fit folder, results/README.md):
// cases per day observed against fitted, and the handle-time histograms against the fitted
// lognormals, read back from fit.csv, fit_daily.csv and fit_handle_times.csv.

#include "sim/output/report_data.h"

namespace supportsim {

// Throws InputError naming the file when one is missing or not as results/README.md says.
ReportContent fit_report(const ReadResultFile& read);

}  // namespace supportsim
