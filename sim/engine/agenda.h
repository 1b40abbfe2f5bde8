#pragma once
// The replication's pending events, in order of time and then of scheduling (ties are broken
// by sequence number). Every event fires from a SimGrid kernel timer at its date: the agenda
// keeps a kernel timer armed for its earliest event (and for any event scheduled earlier than
// the armed ones), and the callback hands every event due to the handler, in order, then arms
// the next. So each model event is one SimGrid event at its own time, SimGrid's timer heap
// holds one or two timers instead of one per pending event (its Fibonacci heap's pop was the
// largest single cost per event with a hundred pending), and an event is a small plain struct
// in a binary heap, with no allocation.

#include <cstdint>
#include <queue>
#include <vector>

#include "sim/engine/kernel_events.h"

namespace supportsim {

struct AgendaEvent {
  double when;
  std::uint64_t seq;
  int kind;                  // what happens, for the handler
  int index;                 // to whom: a slot, a segment, a channel...
  std::uint32_t generation;  // for events that a later change may make stale
  bool operator>(const AgendaEvent& o) const {
    return when != o.when ? when > o.when : seq > o.seq;
  }
};

class AgendaHandler {
 public:
  virtual ~AgendaHandler() = default;
  virtual void on_event(const AgendaEvent& event) = 0;
};

class Agenda {
 public:
  Agenda(KernelEvents& kernel, AgendaHandler& handler) : kernel_(kernel), handler_(handler) {}
  // `event` happens at simulated time `when` (>= now).
  void schedule(double when, int kind, int index, std::uint32_t generation = 0);
  std::uint64_t scheduled() const { return next_seq_; }

 private:
  void arm(double when);
  // The kernel timer armed for `now` fired: hands over every event due by `now`.
  void fire(double now);

  KernelEvents& kernel_;
  AgendaHandler& handler_;
  std::priority_queue<AgendaEvent, std::vector<AgendaEvent>, std::greater<>> events_;
  std::priority_queue<double, std::vector<double>, std::greater<>> armed_;  // pending timers
  bool firing_ = false;
  std::uint64_t next_seq_ = 0;
};

}  // namespace supportsim
