#include "sim/engine/wake_up.h"

#include <simgrid/kernel/Timer.hpp>

namespace supportsim {

void WakeUps::at(double when, simgrid::s4u::ActorPtr actor) {
  // The callback runs in SimGrid's maestro, where Actor::resume() is executed directly. A raw
  // pointer avoids reference counting on every wait: the ContactCentre holds each actor's
  // ActorPtr for the whole replication, and stop() is called before any of them goes.
  simgrid::s4u::Actor* target = actor.get();
  simgrid::kernel::timer::Timer::set(when, [this, target] {
    if (!stopped_) target->resume();
  });
}

}  // namespace supportsim
