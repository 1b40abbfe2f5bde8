#pragma once
// The attempts of one replication (`run --log`), simulated again in a forked process: SimGrid
// keeps one engine per process, and a replication is deterministic in (scenario, seed, index),
// so the attempts are exactly those of the replication the results came from, whatever --jobs.

#include <vector>

#include "sim/model/attempt_record.h"
#include "sim/model/scenario.h"

namespace supportsim {

// Every attempt of a counted case of replication `replication`, in the order they ended.
// Throws std::runtime_error when the process fails (as run_tasks does).
std::vector<AttemptRecord> record_attempts(const Scenario& scenario, int replication);

}  // namespace supportsim
