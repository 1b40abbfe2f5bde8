#include "sim/engine/wake_up.h"

#include <simgrid/kernel/Timer.hpp>

namespace supportsim {

void WakeUps::at(double when, simgrid::s4u::ActorPtr actor) {
  // The callback runs in SimGrid's maestro, where Actor::resume() is executed directly.
  simgrid::kernel::timer::Timer::set(when, [this, actor = std::move(actor)] {
    if (!stopped_) actor->resume();
  });
}

}  // namespace supportsim
