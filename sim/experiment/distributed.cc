#include "sim/experiment/distributed.h"

#include <stdexcept>
#include <utility>

namespace supportsim {

void run_tasks_on(Cluster& cluster, const std::vector<ReplicationTask>& tasks, int jobs,
                  const std::function<void(std::size_t, ReplicationOutput&&)>& on_result) {
  std::vector<ReplicationTask> mine;
  std::vector<std::size_t> mine_global;
  for (std::size_t i = static_cast<std::size_t>(cluster.rank()); i < tasks.size();
       i += static_cast<std::size_t>(cluster.size())) {
    mine.push_back(tasks[i]);
    mine_global.push_back(i);
  }
  if (!cluster.is_root()) {
    run_tasks(mine, jobs, [&](std::size_t local, ReplicationOutput&& output) {
      cluster.send_to_root(mine_global[local], serialize(output));
    });
    return;
  }
  std::size_t received = 0;
  auto accept = [&](std::size_t task, ReplicationOutput&& output) {
    ++received;
    on_result(task, std::move(output));
  };
  // Rank 0 takes the other ranks' results while its own replications run.
  std::function<void()> serve_other_ranks;
  if (cluster.size() > 1) {
    serve_other_ranks = [&] {
      while (auto message = cluster.receive(false))
        accept(message->first, deserialize(message->second));
    };
  }
  run_tasks(
      mine, jobs,
      [&](std::size_t local, ReplicationOutput&& output) {
        accept(mine_global[local], std::move(output));
      },
      serve_other_ranks);
  while (received < tasks.size()) {
    auto message = cluster.receive(true);
    if (!message) throw std::runtime_error("results missing from other MPI ranks");
    accept(message->first, deserialize(message->second));
  }
}

}  // namespace supportsim
