#pragma once
// Events that must happen at an exact future time and carry more than a kernel timer holds in
// place (a customer's patience running out when that triggers a retry, a retry's re-arrival, a
// reply between touches). The timer keeps a heap of them, ordered by time and then by
// scheduling order (ties are broken by sequence number), and arms one SimGrid kernel timer per
// event date that is not already covered by an earlier armed one; the callback runs every event
// due, in order. So each event is still one SimGrid event, and only a handful of kernel timers
// are pending at once however many events wait here.

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/engine/kernel_events.h"

namespace supportsim {

class Timer {
 public:
  using Callback = std::function<void()>;

  explicit Timer(KernelEvents& events) : kernel_(events) {}
  // Runs `callback` in maestro at simulated time `when` (>= now).
  void schedule(double when, Callback callback);

 private:
  struct Event {
    double when;
    std::uint64_t seq;
    Callback callback;
    bool operator>(const Event& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };
  void arm(double when);
  // The kernel timer armed for `now` fired: runs every event due by `now`, arms the next.
  void fire(double now);

  KernelEvents& kernel_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::priority_queue<double, std::vector<double>, std::greater<>> armed_;  // pending timers
  bool firing_ = false;
  std::uint64_t next_seq_ = 0;
};

}  // namespace supportsim
