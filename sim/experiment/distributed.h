#pragma once
// One work list of replications shared among the ranks of a Cluster (cluster.h): with K ranks,
// rank r runs tasks r, r + K, r + 2K, ... (each in its own forked process, `jobs` at a time)
// and sends every output to rank 0. The outputs do not depend on K or `jobs`: each depends only
// on its (scenario, seed, replication index).

#include <cstddef>
#include <functional>
#include <vector>

#include "sim/experiment/cluster.h"
#include "sim/experiment/replicate.h"

namespace supportsim {

// Runs this rank's share of `tasks`. On rank 0, `on_result` is called with the index of every
// task of the list (this rank's and the others') and its output, in completion order, and the
// call returns once all have arrived; on other ranks it returns once its own share is sent.
// Throws std::runtime_error if a replication process fails or a rank's results are missing.
void run_tasks_on(
    Cluster& cluster, const std::vector<ReplicationTask>& tasks, int jobs,
    const std::function<void(std::size_t task, ReplicationOutput&& output)>& on_result);

}  // namespace supportsim
