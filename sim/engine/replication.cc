#include "sim/engine/replication.h"

#include <stdexcept>

#include "sim/engine/contact_centre.h"
#include "sim/engine/simgrid_engine.h"

namespace supportsim {

ReplicationResult run_replication(const Scenario& scenario, int index, AttemptObserver* attempts) {
  const auto engine = make_simgrid_engine();
  ContactCentre centre(scenario, index);
  if (attempts) centre.trace_attempts(*attempts);
  centre.start();
  engine->run();
  if (!centre.overload().empty()) throw std::runtime_error(centre.overload());
  return centre.finish();
}

}  // namespace supportsim
