#pragma once
// Expected offered load of the agents channels, from the scenario alone (no simulation): what
// `validate` prints and what the staffing planner starts from.
//
// Load model (expected values): each segment's entry arrivals (sim/model/arrival_profile; for a
// customer population, contact_rate times the population expected from acquisition and baseline
// churn alone), split by entry share and issue, then followed down the `escalate_to` chains of
// every channel kind: a share 1 - resolve (x answer_share for a community) of each attempt moves
// on with `escalate_share`, with handle time multiplied by the leaving channel's
// `repeat_penalty` when it does not transfer context. Service churn, retries after abandonment
// and the escalations that abandonment or full bots change are outcomes of the simulation and
// are left out here (`validate` adds an Erlang A estimate of retries).

#include <functional>
#include <optional>
#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

// Expected offers of one segment and issue reaching one agents channel.
struct ExpectedOffer {
  int channel = 0;      // an agents channel
  int skill = 0;        // the issue's skill
  double cases = 0;     // expected offers
  double handle_s = 0;  // mean handle time of each (repeat penalties applied; a deferred case's
                        // mean touches included)
  std::optional<double> patience_s;  // mean patience of these customers here; none: never
  double delay_s = 0;                // expected time from the case's arrival to this offer
};

// A segment's mean case rate at time t (cases per second, before the profile's shape):
// `arrival_rate` for open arrivals, else contact_rate x the population expected at t from
// `customers`, acquisition and baseline churn.
double expected_case_rate(const Segment& segment, double t);

// Follows `cases` expected cases of `segment` with `issue` that start in `channel`, calling
// `offer` for every agents channel they reach (the entry channel included). Loops are refused by
// the loader; the walk is bounded anyway.
void follow_expected_cases(const Scenario& scenario, int segment, int issue, int channel,
                           double cases, const std::function<void(const ExpectedOffer&)>& offer);

struct OfferedLoad {
  double interval_start_s = 0;
  int channel = 0;
  double cases = 0;           // expected offers in the interval: entry arrivals and escalations
  double erlangs = 0;         // cases x mean handle time / interval length / concurrency
  int agents = 0;             // on duty at the interval start, groups answering the channel
  double abandon_weight = 0;  // sum over the offers of 1 / mean patience (0: none abandon)
};

// Rows for the intervals of run.interval in [from, to), agents channels only, in time then
// channel order. An offer counts in the interval where it is expected to reach the channel (its
// case's arrival plus the expected time spent before); with `wrap` (a steady week: from = 0,
// to = one week), offers expected after `to` count from `from` again.
std::vector<OfferedLoad> offered_load_by_interval(const Scenario& scenario, double from, double to,
                                                  bool wrap = false);

}  // namespace supportsim
