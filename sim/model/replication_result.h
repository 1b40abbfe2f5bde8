#pragma once
// What one replication measured: raw counts and time integrals over the statistics window,
// indexed like the Scenario's vectors. Metrics (ratios, costs) are derived from these in
// sim/model/metrics.h, so every figure has one definition.

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/statistics.h"

namespace supportsim {

// Queue counts of the offers (queue entries, retries included) of counted cases.
struct QueueCounts {
  double offered = 0;
  double answered = 0;
  double abandoned = 0;
  double waited = 0;            // offers that waited > 0
  double answered_within = 0;   // answered with wait <= answer_within
  double abandoned_within = 0;  // abandoned with wait <= answer_within
  double wait_answered_s = 0;   // sum of waits of answered offers
  double wait_all_s = 0;        // sum of waits of all ended offers (abandoners to abandonment)
  double open_at_end = 0;       // still waiting at the drain limit
  void add(const QueueCounts& other);
};

struct ChannelCounts {
  QueueCounts queue;
  double sessions = 0;  // attempts that started (agent answered, article read, bot chat)
  double resolved = 0;
  double returned = 0;  // resolutions that did not hold: the case came (or will come) back
  double escalated = 0;
  double ended = 0;                      // cases whose journey ended in this channel
  double gave_up = 0;                    // of which unresolved
  double ended_abandoned = 0;            // of which by abandoning this channel's queue
  double blocked = 0;                    // automation: cases that found every session taken
  double answered_posts = 0;             // community: posts answered before give_up_after
  double first_answer_sum_s = 0;         // community: sum of their first-answer delays
  double busy_capacity_s = 0;            // agent capacity in use by this channel, inside the window
  double on_duty_agent_s = 0;            // on-duty time of agents of groups answering this channel
  std::vector<double> segment_sessions;  // per segment
  std::vector<double> segment_resolved;  // per segment
  std::vector<double> segment_busy_capacity_s;  // per segment
  // Deferred channels (Channel::deferred), of counted cases unless said otherwise.
  double entries = 0;                                 // cases entering the channel (not each touch)
  double first_responses = 0;                         // entries whose first touch started
  double first_response_sum_s = 0;                    // from the entry to the first touch
  double first_response_within = 0;                   // within the channel's first_response_within
  std::optional<QuantileSketch> first_response_time;  // set for deferred channels only
  double resolved_within = 0;  // entries ended resolved here within resolve_within of arrival
  double backlog_s = 0;        // integral over the window of the cases in the backlog (all cases)
  double backlog_end = 0;      // cases in the backlog at the end of the window (all cases)
  // Callbacks (live channels with callback_after).
  double callbacks = 0;            // offers that accepted a callback
  double callbacks_made = 0;       // of which an agent called back
  double callback_wait_sum_s = 0;  // from accepting the callback to the agent's call
};

struct GroupCounts {
  double on_duty_agent_s = 0;    // on duty and available to cases (leaving agents included)
  double proactive_agent_s = 0;  // on duty, on proactive work (Group::proactive_share)
  double busy_capacity_s = 0;
  std::vector<double> channel_busy_capacity_s;  // per channel, to allocate cost
  std::vector<double> segment_busy_capacity_s;  // per segment, to allocate cost
};

struct CaseCounts {
  double cases = 0;
  double resolved = 0;
  double unresolved = 0;   // ended without resolution (gave up, abandoned, no escalation)
  double open_at_end = 0;  // still open at the drain limit (also unresolved in metrics)
  double first_contact_resolved = 0;
  double handoffs = 0;
  double repeats = 0;
  double returns = 0;  // resolutions that did not hold
  double recontacts =
      0;  // unresolved ends that came (or will come) back (Segment::recontact_share)
  double resolution_time_sum_s = 0;
  QuantileSketch resolution_time;
  QuantileSketch time_to_end;  // arrival to the end of every case (open ones: to the drain limit)
  QueueCounts queue;           // queue counts of this scope's cases in agents channels
  double churn_risk_sum = 0;   // sum over ended cases of the churn rule's probability
  double churn_by_experience_sum = 0;  // same, less the probability after a perfect contact
  double effort_sum = 0;               // sum over ended cases of the customer-effort score
  double ended = 0;                    // cases that ended (resolved or not)
  // Customer population (population segments; overall: their sums).
  double churned = 0;           // customers lost through service (cases counted here)
  double baseline_churned = 0;  // lost for other reasons, inside the window
  double acquired = 0;          // inside the window
  double customer_s = 0;        // integral of active customers over the window
  double active_end = 0;        // active customers at the end of the window
};

// One day of a segment's population, inside the window.
struct DailyCounts {
  double customer_s = 0;
  double acquired = 0;
  double churned = 0;
  double baseline_churned = 0;
  double cases = 0;
};

struct IntervalCounts {
  QueueCounts queue;
  double busy_capacity_s = 0;
  double on_duty_agent_s = 0;
  double backlog = 0;  // deferred channels: cases in the backlog at the interval's end
  // Deferred channels, by the interval where the case arrived (what a planner meeting
  // first-response and resolution targets per day adds up): entries into the channel, those
  // with a first response within first_response_within, those resolved within resolve_within.
  double entries = 0;
  double first_response_within = 0;
  double resolved_within = 0;
};

// A group's agent time in one reporting interval (inside the window).
struct GroupIntervalCounts {
  double busy_capacity_s = 0;  // agent capacity in use, all channels
  double on_duty_agent_s = 0;  // agents on duty (proactive work left out)
};

struct ReplicationResult {
  int replication = 0;
  double window_s = 0;  // horizon: length of the statistics window
  CaseCounts overall;
  std::vector<CaseCounts> segments;
  std::vector<ChannelCounts> channels;
  std::vector<GroupCounts> groups;
  std::vector<std::vector<IntervalCounts>> intervals;  // [interval][channel]
  std::vector<std::vector<GroupIntervalCounts>> group_intervals;  // [interval][group]
  std::vector<std::vector<DailyCounts>> daily;         // [day][segment]
  // Engine diagnostics (not metrics): SimGrid events (kernel timers) set, cases created (all,
  // incl. warm-up).
  double simgrid_waits = 0;
  double cases_created = 0;
  double total_busy_capacity_s = 0;     // whole run, from time integrals
  double total_session_capacity_s = 0;  // whole run, sum over sessions of duration x capacity
};

// An empty result with every per-segment, per-channel, per-group, per-interval and per-day
// vector sized for `scenario` (which the engine fills in; the metric catalogue reads as is).
struct Scenario;
ReplicationResult empty_result(const Scenario& scenario);

}  // namespace supportsim
