#pragma once
// Replications, each in its own forked process (SimGrid keeps one clock per process), at most
// `jobs` at a time. Results come back over a pipe and are ordered by replication index, so
// the outcome is identical whatever `jobs` is.

#include <functional>
#include <vector>

#include "sim/model/metrics.h"
#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"

namespace supportsim {

// What the parent keeps of one replication.
struct ReplicationOutput {
  int replication = 0;
  std::vector<MetricValue> metrics;
  std::vector<std::vector<IntervalCounts>> intervals;  // [interval][channel]
  std::vector<std::vector<GroupIntervalCounts>> group_intervals;  // [interval][group]
  std::vector<std::vector<DailyCounts>> daily;         // [day][segment]
  double simgrid_waits = 0;
  double cases_created = 0;
  double total_busy_capacity_s = 0;
  double total_session_capacity_s = 0;
};

ReplicationOutput to_output(const Scenario& scenario, const ReplicationResult& result);

// Runs replications `first` .. `first + count - 1`. `on_done` (optional) is called in the parent
// after each replication ends, for progress reports. Throws std::runtime_error if a replication
// process fails.
std::vector<ReplicationOutput> run_replications(
    const Scenario& scenario, int first, int count, int jobs,
    const std::function<void(int done, int total)>& on_done = {});

// One replication of one scenario: work lists that mix scenarios (sweep points) are made of
// these. `scenario` must outlive the call that runs the task.
struct ReplicationTask {
  const Scenario* scenario = nullptr;
  int replication = 0;
};

// Runs every task in its own forked process, at most `jobs` at a time. `on_result` is called in
// the parent with the task's index and output as each ends (in completion order; the output
// itself does not depend on `jobs`). `while_waiting` (optional) is called in the parent at least
// every 50 ms while processes run, e.g. to serve messages from other MPI ranks. Throws
// std::runtime_error if a replication process fails; an exception from a callback propagates.
// Either way no process is left running.
void run_tasks(const std::vector<ReplicationTask>& tasks, int jobs,
               const std::function<void(std::size_t task, ReplicationOutput&& output)>& on_result,
               const std::function<void()>& while_waiting = {});

// Serialisation used over the pipe: JSON with every field named, exact for every double,
// infinities and NaN included. deserialize throws on malformed text.
std::string serialize(const ReplicationOutput& output);
ReplicationOutput deserialize(const std::string& text);

}  // namespace supportsim
