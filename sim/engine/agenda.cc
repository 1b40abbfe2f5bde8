#include "sim/engine/agenda.h"

namespace supportsim {

void Agenda::schedule(double when, int kind, int index, std::uint32_t generation) {
  events_.push({when, next_seq_++, kind, index, generation});
  // While firing, events due now are handed over by the loop of fire(), which arms the next
  // one after it.
  if (!firing_ && (armed_.empty() || when < armed_.top())) arm(when);
}

void Agenda::arm(double when) {
  armed_.push(when);
  kernel_.at(when, [this, when] { fire(when); });
}

void Agenda::fire(double now) {
  armed_.pop();  // kernel timers fire in date order: the earliest armed one is this one
  if (kernel_.stopped()) return;
  firing_ = true;
  while (!events_.empty() && events_.top().when <= now) {
    const AgendaEvent event = events_.top();
    events_.pop();
    handler_.on_event(event);
  }
  firing_ = false;
  if (!kernel_.stopped() && !events_.empty() &&
      (armed_.empty() || events_.top().when < armed_.top()))
    arm(events_.top().when);
}

}  // namespace supportsim
