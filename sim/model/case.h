#pragma once
// A case is one customer issue walking its journey (docs/model.md). Cases are plain data owned
// by the replication's CasePool; actors pass pointers to them, never copies.

#include <cstdint>
#include <limits>

#include "sim/core/random.h"

namespace supportsim {

inline constexpr double kNever = std::numeric_limits<double>::infinity();

struct Case {
  std::uint64_t id = 0;  // creation sequence within the replication (tie breaker)
  int segment = 0;
  int issue = 0;
  int skill = 0;
  int channel = 0;       // channel of the current attempt
  int priority = 0;      // the segment's priority
  double arrival_s = 0;  // when the customer raised the issue
  bool counted = false;  // arrived inside the statistics window
  int interval = 0;      // reporting interval of the arrival (when counted)

  // Current queue entry (agents channels).
  double queued_at_s = 0;
  double deadline_s = kNever;     // patience runs out here
  std::uint64_t queue_token = 0;  // unique per queue entry; 0 when not waiting
  std::uint64_t timed_token = 0;  // the entry whose abandonment is on the engine's timer

  // Journey so far.
  double handle_factor = 1;    // product of repeat penalties
  int sessions = 0;            // channel attempts that started service
  int agent_sessions = 0;      // of which with an agent
  double book_draw = 0;        // dedicated personal assistance: an anonymous customer's book
  std::int64_t customer = -1;  // population segments: the customer's id
  double waited_s = 0;         // total wait in agent queues
  bool abandoned = false;      // left an agent queue at least once
  int handoffs = 0;
  int repeats = 0;
  bool retried = false;
  int returns = 0;     // resolutions that did not hold (Channel::return_share)
  int recontacts = 0;  // unresolved ends that came back (Segment::recontact_share)
  bool live = false;   // between creation and its end (storage is reused)

  // Deferred channels: the touches still to do in the current channel, when the case entered
  // it (first response times run from there), and where it is.
  int touches_left = 0;
  double entered_channel_s = 0;
  bool awaiting_first_response = false;
  bool in_backlog = false;
  // Callbacks: the draw deciding whether this offer accepts one, and when it did (kNever: not).
  double callback_draw = 1;
  double callback_at_s = kNever;
  CaseRng rng;  // every draw about this case after its birth (see make_case_rng)
  // Agent handle times only, seeded at birth: a case's handle times stay the same whatever
  // happened before it reached an agent (common random numbers across what-ifs).
  CaseRng handle_rng;
};

}  // namespace supportsim
