#pragma once
// Every metric of results/README.md has its one definition here, computed per replication from the
// raw counts (ratios per replication first, docs/statistics.md). Undefined ratios (no denominator,
// e.g. ASA of a channel that answered nobody) are NaN and are left out of the aggregation.

#include <string>
#include <vector>

#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct MetricValue {
  std::string scope;   // "overall", "channels", "segments", "groups"
  std::string name;    // channel/segment/group name; "overall" for the overall scope
  std::string metric;  // exact name (results/README.md)
  double value = 0;
};

// In a fixed order: overall, then channels, segments, groups in scenario order.
std::vector<MetricValue> compute_metrics(const Scenario& scenario, const ReplicationResult& r);

// Paid hours of a group: its on-duty hours, proactive work included, / (1 - shrinkage).
double paid_agent_hours(const Group& group, const GroupCounts& counts);
// Cost of each group over the window: paid hours x hourly cost.
std::vector<double> group_costs(const Scenario& scenario, const ReplicationResult& r);
// Cost of each channel: its sessions and resolutions, its fixed monthly cost prorated over the
// window, its moderators' hours over the window (community), and the agent cost of the groups
// answering it, split by the busy time they spent on each channel.
std::vector<double> channel_costs(const Scenario& scenario, const ReplicationResult& r);

}  // namespace supportsim
