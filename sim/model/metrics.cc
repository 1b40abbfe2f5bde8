#include "sim/model/metrics.h"

#include <cmath>
#include <limits>

#include "sim/core/units.h"

namespace supportsim {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kUndefined;
}

class MetricSink {
 public:
  MetricSink(std::vector<MetricValue>& out, std::string scope, std::string name)
      : out_(out), scope_(std::move(scope)), name_(std::move(name)) {}
  void add(const char* metric, double value) { out_.push_back({scope_, name_, metric, value}); }

 private:
  std::vector<MetricValue>& out_;
  std::string scope_, name_;
};

void add_queue_metrics(MetricSink& sink, const QueueCounts& q) {
  sink.add("offered", q.offered);
  sink.add("answered", q.answered);
  sink.add("abandoned", q.abandoned);
  sink.add("abandonment", ratio(q.abandoned, q.offered));
  sink.add("wait_prob", ratio(q.waited, q.offered));
  sink.add("asa_s", ratio(q.wait_answered_s, q.answered));
  sink.add("mean_wait_s", ratio(q.wait_all_s, q.offered));
  sink.add("service_level", ratio(q.answered_within, q.offered));
}

void add_case_metrics(MetricSink& sink, const CaseCounts& c, double cost) {
  sink.add("cases", c.cases);
  sink.add("resolved_share", ratio(c.resolved, c.cases));
  sink.add("fcr", ratio(c.first_contact_resolved, c.cases));
  sink.add("handoffs_per_case", ratio(c.handoffs, c.cases));
  sink.add("repeats_per_case", ratio(c.repeats, c.cases));
  sink.add("returns_per_case", ratio(c.returns, c.cases));
  sink.add("recontacts_per_case", ratio(c.recontacts, c.cases));
  const bool any = c.resolution_time.count() > 0;
  sink.add("resolution_time_mean_s", ratio(c.resolution_time_sum_s, c.resolved));
  sink.add("resolution_time_p50_s", any ? c.resolution_time.quantile(0.50) : kUndefined);
  sink.add("resolution_time_p90_s", any ? c.resolution_time.quantile(0.90) : kUndefined);
  sink.add("resolution_time_p99_s", any ? c.resolution_time.quantile(0.99) : kUndefined);
  sink.add("time_to_end_p90_s",
           c.time_to_end.count() > 0 ? c.time_to_end.quantile(0.90) : kUndefined);
  sink.add("unresolved", c.unresolved + c.open_at_end);
  sink.add("unresolved_share", ratio(c.unresolved + c.open_at_end, c.cases));
  sink.add("open_at_end", c.open_at_end);
  sink.add("cost", cost);
  sink.add("cost_per_case", ratio(cost, c.cases));
  sink.add("cost_per_resolved_case", ratio(cost, c.resolved));
  sink.add("ces", ratio(c.effort_sum, c.ended));
  sink.add("churn_risk", ratio(c.churn_risk_sum, c.ended));
  sink.add("churned_by_experience", c.churn_by_experience_sum);
}

// Deferred channels: first responses (from the case's entry into the channel to its first
// touch), touches, and the backlog (cases waiting for an agent).
void add_deferred_metrics(MetricSink& sink, const ChannelCounts& c, const ServiceTarget& target,
                          double window_s) {
  const QuantileSketch& times = *c.first_response_time;
  sink.add("first_response_mean_s", ratio(c.first_response_sum_s, c.first_responses));
  sink.add("first_response_p90_s", times.count() > 0 ? times.quantile(0.90) : kUndefined);
  sink.add("first_response_level", ratio(c.first_response_within, c.entries));
  sink.add("resolve_level",
           target.resolve_within_s ? ratio(c.resolved_within, c.entries) : kUndefined);
  sink.add("touches_per_case", ratio(c.sessions, c.entries));
  sink.add("backlog_mean", ratio(c.backlog_s, window_s));
  sink.add("backlog_end", c.backlog_end);
}

void add_callback_metrics(MetricSink& sink, const ChannelCounts& c) {
  sink.add("callbacks", c.callbacks);
  sink.add("callback_wait_mean_s", ratio(c.callback_wait_sum_s, c.callbacks_made));
}

// Customers, churn and money of a population (a population segment, or all of them).
// `revenue` is over the window; CLV (segments only) follows Gupta & Lehmann (2003):
// m x r / (1 + i - r) - acquisition cost, with m the monthly margin per customer (revenue less
// support cost per customer-month) and r the monthly retention (1 - churn_per_month).
void add_population_metrics(MetricSink& sink, const CaseCounts& c, double revenue, double cost,
                            const Segment* segment, double discount_rate) {
  const double customer_months = c.customer_s / kMonth;
  const double lost = c.churned + c.baseline_churned;
  sink.add("churned", c.churned);
  sink.add("baseline_churned", c.baseline_churned);
  sink.add("acquired", c.acquired);
  sink.add("customer_months", customer_months);
  sink.add("churn_per_month", ratio(lost, customer_months));
  sink.add("active_customers_end", c.active_end);
  sink.add("revenue", revenue);
  sink.add("support_cost_per_customer_month", ratio(cost, customer_months));
  if (!segment) return;
  const double retention = customer_months > 0 ? 1 - lost / customer_months : kUndefined;
  const double margin = segment->monthly_revenue - ratio(cost, customer_months);
  sink.add("clv", margin * retention / (1 + discount_rate - retention) - segment->acquisition_cost);
}

// What a channel's use costs: per session, and per resolution (returns included: the vendor
// billed the resolution when it was reported).
double usage_cost(const Channel& channel, double sessions, double resolved) {
  return sessions * channel.cost_per_session + resolved * channel.cost_per_resolution;
}

// `weights` scaled to sum to 1; `fallback` scaled so when they sum to 0, and equal shares when
// both do (a cost is always carried by someone, so segment costs add up to the total).
std::vector<double> shares_of(const std::vector<double>& weights,
                              const std::vector<double>& fallback) {
  for (const auto* w : {&weights, &fallback}) {
    double total = 0;
    for (double x : *w) total += x;
    if (total <= 0) continue;
    std::vector<double> shares;
    for (double x : *w) shares.push_back(x / total);
    return shares;
  }
  return std::vector<double>(weights.size(), 1.0 / static_cast<double>(weights.size()));
}

// Cost of a channel that is neither sessions nor agents: fixed monthly cost over the window
// and moderator hours.
double fixed_cost(const Channel& ch, double window_s) {
  return ch.fixed_cost_per_month * window_s / kMonth +
         ch.moderators * ch.moderator_hourly_cost * window_s / kHour;
}

// What each segment pays (results/README.md "Cost per segment"): the sessions of its cases;
// each channel's fixed costs by its share of the channel's agent time (of its sessions where
// the channel has no agent time); each group's cost by its share of the group's busy time
// (idle time follows busy time), all of it to the segment a group is dedicated to.
std::vector<double> segment_costs(const Scenario& scenario, const ReplicationResult& r) {
  const std::size_t segments = scenario.segments.size();
  std::vector<double> cases, costs(segments, 0);
  for (const CaseCounts& counts : r.segments) cases.push_back(counts.cases);
  for (std::size_t c = 0; c < scenario.channels.size(); ++c) {
    const Channel& ch = scenario.channels[c];
    const ChannelCounts& counts = r.channels[c];
    const std::vector<double> share = shares_of(
        counts.busy_capacity_s > 0 ? counts.segment_busy_capacity_s : counts.segment_sessions,
        cases);
    const double fixed = fixed_cost(ch, r.window_s);
    for (std::size_t s = 0; s < segments; ++s)
      costs[s] +=
          usage_cost(ch, counts.segment_sessions[s], counts.segment_resolved[s]) + fixed * share[s];
  }
  const std::vector<double> agent_costs = group_costs(scenario, r);
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    if (const auto& dedicated = scenario.groups[g].dedicated_to) {
      costs[*dedicated] += agent_costs[g];
      continue;
    }
    const std::vector<double> share = shares_of(r.groups[g].segment_busy_capacity_s, cases);
    for (std::size_t s = 0; s < segments; ++s) costs[s] += agent_costs[g] * share[s];
  }
  return costs;
}

// Busy time of a channel over the agent time available to it (results/README.md, channel
// `occupancy`): each group's on-duty time goes to its channels by its busy time on each (evenly
// if it was never busy). Dedicated groups count only where no general group answers the channel:
// their agents keep their time for their own customers, not for the channel's queue.
struct ChannelCapacity {
  double busy_s = 0, available_s = 0;
};
std::vector<ChannelCapacity> channel_capacities(const Scenario& scenario,
                                                const ReplicationResult& r) {
  std::vector<bool> has_general(scenario.channels.size(), false);
  for (const Group& group : scenario.groups)
    if (!group.dedicated_to)
      for (int c : group.channels) has_general[c] = true;
  std::vector<ChannelCapacity> capacities(scenario.channels.size());
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const Group& group = scenario.groups[g];
    const GroupCounts& counts = r.groups[g];
    for (int c : group.channels) {
      if (group.dedicated_to && has_general[c]) continue;
      const double share = counts.busy_capacity_s > 0
                               ? counts.channel_busy_capacity_s[c] / counts.busy_capacity_s
                               : 1.0 / static_cast<double>(group.channels.size());
      capacities[c].busy_s += counts.channel_busy_capacity_s[c];
      capacities[c].available_s += counts.on_duty_agent_s * share;
    }
  }
  return capacities;
}

}  // namespace

double paid_agent_hours(const Group& group, const GroupCounts& counts) {
  return (counts.on_duty_agent_s + counts.proactive_agent_s) / kHour / (1 - group.shrinkage);
}

std::vector<double> group_costs(const Scenario& scenario, const ReplicationResult& r) {
  std::vector<double> costs;
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const Group& group = scenario.groups[g];
    const double paid_hours = paid_agent_hours(group, r.groups[g]);
    costs.push_back(paid_hours * group.hourly_cost);
  }
  return costs;
}

std::vector<double> channel_costs(const Scenario& scenario, const ReplicationResult& r) {
  std::vector<double> costs;
  for (std::size_t c = 0; c < scenario.channels.size(); ++c) {
    const Channel& ch = scenario.channels[c];
    costs.push_back(usage_cost(ch, r.channels[c].sessions, r.channels[c].resolved) +
                    fixed_cost(ch, r.window_s));
  }
  const std::vector<double> agent_costs = group_costs(scenario, r);
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const Group& group = scenario.groups[g];
    const GroupCounts& counts = r.groups[g];
    for (int c : group.channels) {
      const double share = counts.busy_capacity_s > 0
                               ? counts.channel_busy_capacity_s[c] / counts.busy_capacity_s
                               : 1.0 / group.channels.size();
      costs[c] += agent_costs[g] * share;
    }
  }
  return costs;
}

namespace {

// One channel's metrics: its queue's (agents channels), then what every kind counts, then the
// kind's own.
void add_channel_metrics(std::vector<MetricValue>& out, const Scenario& scenario,
                         const ReplicationResult& r, std::size_t c, const ChannelCapacity& capacity,
                         double cost) {
  const Channel& ch = scenario.channels[c];
  const ChannelCounts& counts = r.channels[c];
  MetricSink sink(out, "channels", ch.name);
  if (ch.kind == ChannelKind::kAgents) {
    const QueueCounts& q = counts.queue;
    add_queue_metrics(sink, q);
    sink.add("service_level_answered", ratio(q.answered_within, q.answered));
    sink.add("service_level_excl_short_abandon",
             ratio(q.answered_within, q.offered - q.abandoned_within));
    sink.add("occupancy", ratio(capacity.busy_s, capacity.available_s));
    sink.add("agent_hours", counts.on_duty_agent_s / kHour);
    sink.add("available_agent_hours", capacity.available_s / kHour);
    sink.add("open_at_end", q.open_at_end);
    if (ch.deferred)
      add_deferred_metrics(sink, counts, scenario.targets.for_channel(static_cast<int>(c)),
                           r.window_s);
    else if (ch.callback_after_s)
      add_callback_metrics(sink, counts);
  }
  sink.add("sessions", counts.sessions);
  sink.add("resolved", counts.resolved);
  sink.add("resolution_rate", ratio(counts.resolved, counts.sessions));
  sink.add("returned", counts.returned);
  sink.add("net_resolution_rate", ratio(counts.resolved - counts.returned, counts.sessions));
  sink.add("escalated", counts.escalated);
  sink.add("ended", counts.ended);
  sink.add("gave_up", counts.gave_up);
  sink.add("ended_abandoned", counts.ended_abandoned);
  switch (ch.kind) {
    case ChannelKind::kAgents:
      break;
    case ChannelKind::kAutomation:
      sink.add("containment", ratio(counts.resolved, counts.sessions));
      sink.add("blocked", counts.blocked);
      break;
    case ChannelKind::kSelfService:
      sink.add("deflection", ratio(counts.resolved, counts.sessions));
      break;
    case ChannelKind::kCommunity:
      sink.add("answered_share", ratio(counts.answered_posts, counts.sessions));
      sink.add("first_answer_mean_s", ratio(counts.first_answer_sum_s, counts.answered_posts));
      break;
  }
  sink.add("cost", cost);
}

void add_group_metrics(std::vector<MetricValue>& out, const Scenario& scenario,
                       const ReplicationResult& r) {
  const std::vector<double> g_costs = group_costs(scenario, r);
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupCounts& counts = r.groups[g];
    MetricSink sink(out, "groups", scenario.groups[g].name);
    // Agents on proactive work are on duty (and paid) but not available to cases.
    const double on_duty_s = counts.on_duty_agent_s + counts.proactive_agent_s;
    sink.add("agents_mean", ratio(on_duty_s, r.window_s));
    sink.add("agent_hours", on_duty_s / kHour);
    sink.add("proactive_hours", counts.proactive_agent_s / kHour);
    sink.add("paid_hours", paid_agent_hours(scenario.groups[g], counts));
    sink.add("occupancy", ratio(counts.busy_capacity_s, counts.on_duty_agent_s));
    sink.add("cost", g_costs[g]);
  }
}

}  // namespace

std::vector<MetricValue> compute_metrics(const Scenario& scenario, const ReplicationResult& r) {
  std::vector<MetricValue> out;
  const std::vector<double> ch_costs = channel_costs(scenario, r);
  double total_cost = 0;
  for (double c : ch_costs) total_cost += c;

  MetricSink overall(out, "overall", "overall");
  add_case_metrics(overall, r.overall, total_cost);
  bool any_population = false;
  double revenue = 0, population_cost = 0;
  const std::vector<double> seg_costs = segment_costs(scenario, r);
  for (std::size_t k = 0; k < scenario.segments.size(); ++k) {
    if (!scenario.segments[k].customers) continue;
    any_population = true;
    revenue += scenario.segments[k].monthly_revenue * r.segments[k].customer_s / kMonth;
    population_cost += seg_costs[k];
  }
  const std::vector<ChannelCapacity> capacities = channel_capacities(scenario, r);
  if (any_population)
    add_population_metrics(overall, r.overall, revenue, population_cost, nullptr,
                           scenario.run.monthly_discount_rate);

  for (std::size_t c = 0; c < scenario.channels.size(); ++c)
    add_channel_metrics(out, scenario, r, c, capacities[c], ch_costs[c]);

  for (std::size_t k = 0; k < scenario.segments.size(); ++k) {
    const Segment& segment = scenario.segments[k];
    MetricSink sink(out, "segments", segment.name);
    add_case_metrics(sink, r.segments[k], seg_costs[k]);
    add_queue_metrics(sink, r.segments[k].queue);
    if (segment.customers)
      add_population_metrics(sink, r.segments[k],
                             segment.monthly_revenue * r.segments[k].customer_s / kMonth,
                             seg_costs[k], &segment, scenario.run.monthly_discount_rate);
  }

  add_group_metrics(out, scenario, r);
  return out;
}

}  // namespace supportsim
