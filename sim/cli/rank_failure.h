#pragma once
// A replication or write that failed while `run` or `sweep` worked under mpirun: the failing
// rank names itself and takes the other ranks down with it (they would wait for its share
// forever); a single process just clears its progress line and lets the command's usual error
// handling report it.

#include <exception>
#include <iostream>

#include "sim/cli/progress.h"
#include "sim/experiment/cluster.h"

namespace supportsim {

inline void on_rank_failure(const std::exception& e, Cluster& cluster, ProgressLine& progress) {
  progress.clear();
  if (cluster.size() > 1) {
    std::cerr << "supportsim: rank " << cluster.rank() << ": " << e.what() << "\n";
    cluster.abort(1);
  }
}

}  // namespace supportsim
