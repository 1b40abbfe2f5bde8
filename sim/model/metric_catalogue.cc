#include "sim/model/metric_catalogue.h"

namespace supportsim {

std::vector<MetricValue> metric_catalogue(const Scenario& s) {
  ReplicationResult r;
  r.window_s = s.run.horizon_s;
  r.segments.resize(s.segments.size());
  r.channels.resize(s.channels.size());
  for (ChannelCounts& ch : r.channels) {
    ch.segment_sessions.assign(s.segments.size(), 0);
    ch.segment_busy_capacity_s.assign(s.segments.size(), 0);
  }
  r.groups.resize(s.groups.size());
  for (GroupCounts& g : r.groups) g.channel_busy_capacity_s.assign(s.channels.size(), 0);
  return compute_metrics(s, r);
}

}  // namespace supportsim
