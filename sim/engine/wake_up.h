#pragma once
// Timed waits of long-lived actors. `this_actor::sleep_for` creates a CPU action in SimGrid's
// resource model for every wait (measured on these machines: 1.1-1.7 us per wait); a kernel
// timer that resumes a suspended actor gives the same wait without the resource model (about
// 1.0 us), and it lets one actor schedule another's wake-up: an agent handed a case is woken
// only when the case is done, never just to start it. This is the one place that uses
// SimGrid's kernel timer API (docs/engine.md allows it behind one small wrapper).
//
// After stop(), pending wake-ups are dropped: SimGrid still runs pending timers after the
// last actor ends, and they must not touch actors that are gone.

#include <cstdint>
#include <simgrid/s4u/Actor.hpp>

namespace supportsim {

class WakeUps {
 public:
  // Resumes `actor` at simulated time `when` (>= now).
  void at(double when, simgrid::s4u::ActorPtr actor);
  // Suspends the calling actor until something resumes it.
  void wait() {
    ++waits_;
    simgrid::s4u::this_actor::suspend();
  }
  void stop() { stopped_ = true; }
  std::uint64_t waits() const { return waits_; }

 private:
  bool stopped_ = false;
  std::uint64_t waits_ = 0;
};

}  // namespace supportsim
