#pragma once
// Events that must happen at an exact future time without an actor of their own (a customer's
// patience running out when that triggers a retry, a retry's re-arrival). One daemon actor keeps
// a heap of them and sleeps on a semaphore with a timeout until the earliest; scheduling an
// earlier event wakes it (docs/engine.md, "reaper"). Ties are broken by scheduling order.

#include <cstdint>
#include <functional>
#include <queue>
#include <simgrid/s4u/Semaphore.hpp>
#include <vector>

namespace supportsim {

class Timer {
 public:
  using Callback = std::function<void()>;

  Timer();
  // Runs `callback` in the timer actor at simulated time `when` (>= now).
  void schedule(double when, Callback callback);
  // The actor body: call from a daemon actor created for it.
  void run();
  std::uint64_t waits() const { return waits_; }

 private:
  struct Event {
    double when;
    std::uint64_t seq;
    Callback callback;
    bool operator>(const Event& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  simgrid::s4u::SemaphorePtr wake_;
  bool sleeping_ = false;
  double sleeping_until_ = 0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t waits_ = 0;
};

}  // namespace supportsim
