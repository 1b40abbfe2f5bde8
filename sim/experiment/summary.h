#pragma once
// Aggregation of replications into what is reported (results/README.md): per metric the mean,
// Student-t 95% interval and stdev over replications, and the interval table.

#include <string>
#include <vector>

#include "sim/core/statistics.h"
#include "sim/experiment/replicate.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct MetricSummary {
  std::string scope, name, metric;
  Estimate estimate;     // over the replications where the metric is defined
  bool defined = false;  // false when no replication defines it (e.g. ASA with nobody answered)
};

// One row of intervals.csv. Ratios are pooled over replications (sum of numerators over sum
// of denominators), counts are means per replication.
struct IntervalRow {
  double interval_start_s = 0;
  std::string channel;
  double offered = 0, answered = 0, abandoned = 0;
  double service_level = 0, asa_s = 0, agents_on_duty = 0, occupancy = 0;
  double backlog = 0;  // deferred channels: cases in the backlog at the end; NaN for live ones
  // Deferred channels (NaN for live ones): cases entering the channel in the interval, and those
  // of them with a first response within first_response_within; means per replication.
  double entries = 0, first_responses_within = 0;
};

// One row of daily.csv: a population segment's day, means over replications.
struct DailyRow {
  double day_start_s = 0;
  std::string segment;
  double active_customers = 0;  // mean over the day
  double acquired = 0, churned = 0, baseline_churned = 0, cases = 0, revenue = 0;
};

// One row of group_intervals.csv: a group's agents on duty (mean) and occupancy (pooled) in
// one reporting interval.
struct GroupIntervalRow {
  double interval_start_s = 0;
  std::string group;
  double agents_on_duty = 0, occupancy = 0;
};

struct Summary {
  int replications = 0;
  std::vector<MetricSummary> metrics;
  std::vector<IntervalRow> intervals;
  std::vector<GroupIntervalRow> group_intervals;  // empty when the outputs do not carry them
  std::vector<DailyRow> daily;

  // The summary of (scope, name, metric), or nullptr.
  const MetricSummary* find(const std::string& scope, const std::string& name,
                            const std::string& metric) const;
};

Summary summarize(const Scenario& scenario, const std::vector<ReplicationOutput>& outputs);

}  // namespace supportsim
