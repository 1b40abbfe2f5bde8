#include "sim/engine/timer.h"

#include <simgrid/s4u/Engine.hpp>

namespace supportsim {

Timer::Timer() : wake_(simgrid::s4u::Semaphore::create(0)) {}

void Timer::schedule(double when, Callback callback) {
  events_.push({when, next_seq_++, std::move(callback)});
  // Only a sleeping timer that would oversleep the new event needs waking; a spurious release
  // would cost a wasted wait later.
  if (sleeping_ && when < sleeping_until_) {
    sleeping_ = false;
    wake_->release();
  }
}

void Timer::run() {
  for (;;) {
    const double now = simgrid::s4u::Engine::get_clock();
    if (!events_.empty() && events_.top().when <= now) {
      Callback callback = std::move(const_cast<Event&>(events_.top()).callback);
      events_.pop();
      callback();
      continue;
    }
    sleeping_ = true;
    ++waits_;
    if (events_.empty()) {
      sleeping_until_ = std::numeric_limits<double>::infinity();
      wake_->acquire();
    } else {
      sleeping_until_ = events_.top().when;
      wake_->acquire_timeout(sleeping_until_ - now);
    }
    sleeping_ = false;
  }
}

}  // namespace supportsim
