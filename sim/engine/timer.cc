#include "sim/engine/timer.h"

namespace supportsim {

void Timer::schedule(double when, Callback callback) {
  events_.push({when, next_seq_++, std::move(callback)});
  // While firing, events due now run in the loop of fire(), which arms the next one after it.
  if (!firing_ && (armed_.empty() || when < armed_.top())) arm(when);
}

void Timer::arm(double when) {
  armed_.push(when);
  kernel_.at(when, [this, when] { fire(when); });
}

void Timer::fire(double now) {
  armed_.pop();  // kernel timers fire in date order: the earliest armed one is this one
  if (kernel_.stopped()) return;
  firing_ = true;
  while (!events_.empty() && events_.top().when <= now) {
    Callback callback = std::move(const_cast<Event&>(events_.top()).callback);
    events_.pop();
    callback();
  }
  firing_ = false;
  if (!kernel_.stopped() && !events_.empty() &&
      (armed_.empty() || events_.top().when < armed_.top()))
    arm(events_.top().when);
}

}  // namespace supportsim
