#pragma once
// Runs a callback at a simulated date as a SimGrid kernel timer, in SimGrid's maestro: no actor
// is resumed, so an event costs one pass of SimGrid's main loop (advance the clock to the
// earliest timer, run it) and no context switch. Measured on these machines, a kernel timer
// alone costs about 0.5 us, an actor woken by one about 1 us (docs/engine.md, "Why this
// design"). This is the one place that uses SimGrid's kernel timer API; the agenda
// (sim/engine/agenda.h) arms these timers for the model's events.
//
// After stop(), pending timers still fire (SimGrid runs every timer before run() returns), but
// their callbacks check stopped() first and do nothing.

#include <cstdint>
#include <simgrid/kernel/Timer.hpp>
#include <utility>

namespace supportsim {

class KernelEvents {
 public:
  // Runs `callback` in maestro at simulated time `when` (>= now).
  template <class F>
  void at(double when, F callback) {
    // SimGrid stores a callback of up to three pointers in place; anything larger would cost
    // an allocation per event.
    static_assert(sizeof(F) <= 3 * sizeof(void*), "keep event callbacks to three words");
    ++count_;
    simgrid::kernel::timer::Timer::set(when, std::move(callback));
  }
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  // Kernel timers set so far: the SimGrid events of the replication.
  std::uint64_t count() const { return count_; }

 private:
  bool stopped_ = false;
  std::uint64_t count_ = 0;
};

}  // namespace supportsim
