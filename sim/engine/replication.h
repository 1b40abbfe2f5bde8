#pragma once
// One replication of a scenario, simulated on SimGrid from time 0 through warm-up, the horizon
// and the drain, into a ReplicationResult (docs/engine.md).
//
// REQUIRES: at most one call per process, and no other simgrid::s4u::Engine in the process:
// SimGrid keeps one clock per process. sim/experiment runs each replication in its own forked
// process. Deterministic: the same (scenario, seed, index) gives the same result.

#include "sim/model/attempt_record.h"
#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"

namespace supportsim {

// Every event is a SimGrid kernel timer run in maestro: no actors, no context switches.
// Throws std::runtime_error naming the channel when more cases are open at once than
// run.max_open_cases (an overloaded scenario), instead of growing without bound.
// With `attempts`, every attempt of a counted case is reported to it as it ends (`run --log`).
ReplicationResult run_replication(const Scenario& scenario, int index,
                                  AttemptObserver* attempts = nullptr);

}  // namespace supportsim
