#pragma once
// Offered load per reporting interval and agents channel, from the scenario alone (no
// simulation): what `validate` prints and what staffing starts from.

#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

struct OfferedLoad {
  double interval_start_s = 0;
  int channel = 0;
  double cases = 0;    // expected entry arrivals in the interval
  double erlangs = 0;  // cases x mean handle time / interval length / concurrency
  int agents = 0;      // on duty at the interval start, groups answering the channel
};

// Rows for the intervals in [from, to), agents channels only; escalations and retries are
// not included (they depend on outcomes).
std::vector<OfferedLoad> offered_load_by_interval(const Scenario& scenario, double from, double to);

}  // namespace supportsim
