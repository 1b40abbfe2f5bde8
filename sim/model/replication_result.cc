#include "sim/model/replication_result.h"

#include <cmath>

#include "sim/core/units.h"
#include "sim/model/scenario.h"

namespace supportsim {

void QueueCounts::add(const QueueCounts& o) {
  offered += o.offered;
  answered += o.answered;
  abandoned += o.abandoned;
  waited += o.waited;
  answered_within += o.answered_within;
  abandoned_within += o.abandoned_within;
  wait_answered_s += o.wait_answered_s;
  wait_all_s += o.wait_all_s;
  open_at_end += o.open_at_end;
}

ReplicationResult empty_result(const Scenario& scenario) {
  const std::size_t segments = scenario.segments.size(), channels = scenario.channels.size();
  ReplicationResult r;
  r.window_s = scenario.run.horizon_s;
  r.segments.resize(segments);
  r.channels.resize(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    ChannelCounts& ch = r.channels[c];
    if (scenario.channels[c].deferred) ch.first_response_time.emplace();
    ch.segment_sessions.assign(segments, 0);
    ch.segment_busy_capacity_s.assign(segments, 0);
    ch.segment_resolved.assign(segments, 0);
  }
  r.groups.resize(scenario.groups.size());
  for (GroupCounts& g : r.groups) {
    g.channel_busy_capacity_s.assign(channels, 0);
    g.segment_busy_capacity_s.assign(segments, 0);
  }
  const auto intervals =
      static_cast<std::size_t>(std::ceil(scenario.run.horizon_s / scenario.run.interval_s));
  r.intervals.assign(intervals, std::vector<IntervalCounts>(channels));
  r.group_intervals.assign(intervals, std::vector<GroupIntervalCounts>(scenario.groups.size()));
  const auto days = static_cast<std::size_t>(std::ceil(scenario.run.horizon_s / kDay));
  r.daily.assign(days, std::vector<DailyCounts>(segments));
  return r;
}

}  // namespace supportsim
