#pragma once
// How much a scenario asks of a run, estimated from the scenario alone before anything is
// simulated, to compare with its work limits (sim/core/limits.h, RunConfig::limits). Expected
// values, not bounds: a run may simulate somewhat more cases than estimated (busy days, the
// profile's peaks in a run shorter than a week).

#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

struct WorkEstimate {
  // Expected cases of one replication per segment, over warm-up and horizon: the mean arrival
  // rate (a population: contact_rate x the population expected from customers, acquisition and
  // baseline churn) times the span.
  std::vector<double> segment_cases;
  double cases = 0;  // all segments, all replications
  // Agent seats per group: its largest head count x the sessions one of its agents holds at
  // once (the largest concurrency of its channels).
  std::vector<double> group_seats;
  double seats = 0;  // all groups, one replication
  // SimGrid actors of one replication: the seats, one per segment, one per channel that is not
  // an agents channel, and three (timer, schedule, controller).
  double actors = 0;
  // Customers per segment that one replication keeps: at the start plus expected acquisitions
  // over warm-up and horizon (0 for open arrivals).
  std::vector<double> segment_customers;
  double customers = 0;  // all segments
  // Reporting intervals from time 0 through warm-up, horizon and drain limit (shift changes
  // and proactive turns happen at most once per interval).
  double intervals = 0;
  // Interval rows kept: intervals in the horizon x channels x replications.
  double interval_rows = 0;
};

WorkEstimate estimate_work(const Scenario& scenario);

}  // namespace supportsim
