// The events of a replication: the ContactCentre methods declared under "Events" in
// contact_centre.h. The agenda hands each event here when SimGrid's clock reaches it, in
// maestro (sim/engine/agenda.h); nothing happens once the replication has ended.

#include <algorithm>
#include <cmath>
#include <simgrid/s4u/Engine.hpp>

#include "sim/core/units.h"
#include "sim/engine/contact_centre.h"

namespace supportsim {

void ContactCentre::on_event(const AgendaEvent& e) {
  if (ended()) return;
  switch (e.kind) {
    case kArrival:
      arrive(e.index, e.when);
      break;
    case kPopulation:
      if (populations_[e.index].generation == e.generation) population_event(e.index, e.when);
      break;
    case kReplan:
      if (populations_[e.index].generation == e.generation) plan_population(e.index, e.when);
      break;
    case kSessionEnd:
      if (Slot& slot = slots_[e.index]; slot.current) end_session(slot, e.when);
      break;
    case kServiceEnd:
      end_service_sessions(e.index, e.when);
      break;
    case kShiftChange:
      change_shifts(e.when);
      break;
    case kHorizon:
      reach_horizon();
      break;
    case kDrainLimit:
      pool_.abandon_expired(e.when, *this);
      end_replication(e.when);
      break;
    case kTimer:
      timer_.run(e.index);
      break;
  }
}

void ContactCentre::start() {
  const double now = simgrid::s4u::Engine::get_clock();
  for (int s = 0; s < static_cast<int>(scenario_.segments.size()); ++s) {
    if (scenario_.segments[s].customers)
      plan_population(s, now);
    else
      schedule_arrival(s, now);
  }
  if (has_shift_changes_) schedule_shift_change(now);
  agenda_.schedule(window_end_, kHorizon, 0);
}

void ContactCentre::schedule_arrival(int segment, double after) {
  const double t =
      profiles_[segment].next_arrival(after, streams_[segment].gaps, streams_[segment].busyness);
  if (t >= window_end_) return;  // arrivals stop at the end of the horizon
  agenda_.schedule(t, kArrival, segment);
}

void ContactCentre::arrive(int segment, double now) {
  if (case_limit_reached()) {
    stop_overloaded(now);
    return;
  }
  offer(new_case(segment, now), now);
  schedule_arrival(segment, now);
}

void ContactCentre::plan_population(int segment, double now) {
  const Segment& seg = scenario_.segments[segment];
  Population& population = populations_[segment];
  const double churn_hazard = -std::log1p(-seg.baseline_churn) / kMonth;
  const double n = static_cast<double>(population.active.size());
  const double when =
      profiles_[segment].next_event(now, n, seg.acquisition_per_s + churn_hazard * n,
                                    streams_[segment].gaps, streams_[segment].busyness);
  const std::uint32_t generation = ++population.generation;
  // Nothing more before the end of the horizon: unless service churn changes the rates (and
  // plans again), the population is done.
  if (when >= window_end_) return;
  agenda_.schedule(when, kPopulation, segment, generation);
}

void ContactCentre::population_event(int segment, double when) {
  const Segment& seg = scenario_.segments[segment];
  Population& population = populations_[segment];
  ArrivalProfile& profile = profiles_[segment];  // per-customer contact rate and its shape
  SegmentStreams& streams = streams_[segment];
  const double churn_hazard = -std::log1p(-seg.baseline_churn) / kMonth;
  const double n = static_cast<double>(population.active.size());
  const double contacts = n * profile.busy_rate_at(when, streams.busyness);
  const double u =
      uniform01(streams.population) * (contacts + seg.acquisition_per_s + churn_hazard * n);
  if (u < contacts) {
    if (case_limit_reached()) {
      stop_overloaded(when);
      return;
    }
    Case& c = new_case(segment, when);
    c.customer = population.active[std::min<std::size_t>(
        population.active.size() - 1,
        static_cast<std::size_t>(uniform01(streams.population) * population.active.size()))];
    offer(c, when);
  } else if (u < contacts + seg.acquisition_per_s) {
    add_customer(segment, when);
  } else {
    const std::int64_t id = population.active[std::min<std::size_t>(
        population.active.size() - 1,
        static_cast<std::size_t>(uniform01(streams.population) * population.active.size()))];
    remove_customer(segment, id, when);
    if (in_window(when)) {
      ++result_.segments[segment].baseline_churned;
      ++result_.overall.baseline_churned;
      ++result_.daily[day_of(when)][segment].baseline_churned;
    }
  }
  plan_population(segment, when);
}

void ContactCentre::end_service_sessions(int channel, double now) {
  // Every session ending by now, in (end, start order): ends at the same time share one pass.
  ServiceChannel& service = service_[channel];
  while (!service.ends.empty() && service.ends.top().when <= now) {
    const PendingEnd end = service.ends.top();
    service.ends.pop();
    --service.active;
    after_attempt(*end.c, end.resolved, now);
  }
}

void ContactCentre::schedule_shift_change(double now) {
  double next = next_proactive_turn(now);
  for (const Group& g : scenario_.groups) {
    next = std::min(next, g.schedule.next_change_after(now));
    // Absence is drawn per day: who is present may change at midnight.
    if (g.absenteeism > 0) next = std::min(next, (std::floor(now / kDay + 1e-9) + 1) * kDay);
  }
  if (next == kNever) return;
  agenda_.schedule(next, kShiftChange, 0);
}

void ContactCentre::change_shifts(double now) {
  for (std::size_t g = 0; g < scenario_.groups.size(); ++g)
    apply_schedule(static_cast<int>(g), now);
  rotate_proactive(now);
  schedule_shift_change(now);
}

void ContactCentre::reach_horizon() {
  arrivals_over_ = true;
  for (std::size_t k = 0; k < populations_.size(); ++k) {
    if (!scenario_.segments[k].customers) continue;
    advance_population(static_cast<int>(k), window_end_);
    const double active = static_cast<double>(populations_[k].active.size());
    result_.segments[k].active_end = active;
    result_.overall.active_end += active;
  }
  if (open_counted_ == 0) {
    end_replication(window_end_);
    return;
  }
  // Cases still waiting at the drain limit whose patience ran out were not noticed lazily in
  // time: they abandoned, they are not open. The drain ends earlier when the last counted case
  // ends (end_case).
  const double limit = scenario_.run.drain_limit_s;
  if (limit > 0) {
    agenda_.schedule(window_end_ + limit, kDrainLimit, 0);
    return;
  }
  pool_.abandon_expired(window_end_, *this);
  end_replication(window_end_);
}

void ContactCentre::end_replication(double now) {
  if (ended()) return;
  ended_at_ = now;
  events_.stop();
}

}  // namespace supportsim
