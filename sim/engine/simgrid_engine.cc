#include "sim/engine/simgrid_engine.h"

#include <cstdlib>
#include <simgrid/s4u/NetZone.hpp>
#include <string>
#include <vector>

namespace supportsim {

std::unique_ptr<simgrid::s4u::Engine> make_simgrid_engine() {
  // SimGrid's own logging is silenced. There are no actors: every event is a kernel timer
  // whose callback runs in maestro (sim/engine/kernel_events.h), so no actor stack is ever
  // allocated. SimGrid still builds its context factory for maestro; SUPPORTSIM_CONTEXTS
  // selects it (tests use an unknown one to make a replication fail).
  const char* factory = std::getenv("SUPPORTSIM_CONTEXTS");
  std::vector<std::string> args = {
      "supportsim", "--log=root.thres:critical",
      // Nothing is ever sent: the constant network model has no solver for SimGrid to consult
      // at every event (measured: 2.5% fewer instructions per case than the default LV08).
      "--cfg=network/model:Constant",
      std::string("--cfg=contexts/factory:") + (factory && *factory ? factory : "raw")};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  auto engine = std::make_unique<simgrid::s4u::Engine>(&argc, argv.data());

  // The platform is one host: nothing here models computers, SimGrid supplies the clock and
  // runs the events.
  auto* zone = simgrid::s4u::create_full_zone("centre");
  zone->create_host("centre", 1e9);
  zone->seal();
  return engine;
}

}  // namespace supportsim
