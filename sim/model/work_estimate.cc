#include "sim/model/work_estimate.h"

#include <algorithm>
#include <cmath>

#include "sim/model/offered_load.h"

namespace supportsim {

WorkEstimate estimate_work(const Scenario& s) {
  WorkEstimate w;
  const double span = s.run.warmup_s + s.run.horizon_s;
  const double replications = s.run.replications;
  for (const Segment& segment : s.segments) {
    // The expected population is smooth and monotone: Simpson's rule on a fixed grid is plenty
    // for an estimate.
    constexpr int kSteps = 64;
    double integral = 0;
    for (int i = 0; i <= kSteps; ++i) {
      const double weight = i == 0 || i == kSteps ? 1 : i % 2 == 1 ? 4 : 2;
      integral += weight * expected_case_rate(segment, span * i / kSteps);
    }
    const double cases = integral * span / (3 * kSteps);
    w.segment_cases.push_back(cases);
    w.cases += cases * replications;
    const double customers =
        segment.customers ? *segment.customers + segment.acquisition_per_s * span : 0;
    w.segment_customers.push_back(customers);
    w.customers += customers;
  }
  for (const Group& group : s.groups) {
    int concurrency = 1;
    for (int c : group.channels) concurrency = std::max(concurrency, s.channels[c].concurrency);
    const double seats = static_cast<double>(group.schedule.max_agents()) * concurrency;
    w.group_seats.push_back(seats);
    w.seats += seats;
  }
  w.actors = w.seats + static_cast<double>(s.segments.size()) + 3;
  for (const Channel& channel : s.channels) w.actors += channel.kind != ChannelKind::kAgents;
  w.intervals = std::ceil((span + s.run.drain_limit_s) / s.run.interval_s);
  w.interval_rows = std::ceil(s.run.horizon_s / s.run.interval_s) *
                    static_cast<double>(s.channels.size()) * replications;
  return w;
}

}  // namespace supportsim
