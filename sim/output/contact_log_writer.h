#pragma once
// `run --log FILE.csv`: a replication's attempts as a contact log (results/README.md), the
// format `supportsim calibrate` reads, so that a simulated log can be calibrated back.

#include <string>
#include <vector>

#include "sim/model/attempt_record.h"
#include "sim/model/scenario.h"

namespace supportsim {

// The CSV text: a header of kContactLogColumns, then one row per attempt ordered by the time it
// began (ties by case), created_at as local ISO 8601 dates from kLogEpochDays (simulation time 0,
// a Monday 00:00), waits and handle times in seconds to the millisecond. `records` is taken by
// value because it is sorted.
std::string contact_log_csv(const Scenario& scenario, std::vector<AttemptRecord> records);

}  // namespace supportsim
