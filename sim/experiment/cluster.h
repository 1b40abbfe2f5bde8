#pragma once
// The processes one sweep runs on (docs/determinism.md): this process alone, or every rank of an MPI
// job started with `mpirun -n K supportsim sweep ...`. Each rank takes its share of one work
// list and sends its results to rank 0, which alone writes files; results are byte-identical to
// a single-machine run because every replication's output depends only on (scenario, seed,
// replication index) and rank 0 orders them.
//
// MPI is optional at build time (CMake option SUPPORTSIM_WITH_MPI, defining
// SUPPORTSIM_WITH_MPI when Open MPI is found). Without it, a process started as one of several
// MPI ranks refuses to run (they would all write the same files).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace supportsim {

class Cluster {
 public:
  Cluster() = default;  // this process alone
  ~Cluster();           // leaves the MPI job, if one was joined
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // This process's rank as the launcher's environment states it (Open MPI's mpirun, or a PMI
  // launcher such as srun), without any MPI call; nullopt when not started as one of several
  // processes. Lets every rank check its input first and rank 0 alone report errors.
  static std::optional<int> launched_rank();

  // Joins the MPI job when launched_rank() is set; otherwise stays a cluster of one. Call at most
  // once, before forking workers. Throws std::runtime_error when launched as several processes
  // but built without MPI.
  void join();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  // Collective: every rank gets rank 0's `flags`. Throws std::runtime_error if the ranks'
  // vectors differ in length (their sweeps differ).
  void broadcast(std::vector<std::uint8_t>& flags);

  // Sends the result of work item `item` to rank 0 (from any other rank).
  void send_to_root(std::size_t item, const std::string& payload);
  // On rank 0: one result sent by another rank, waiting for it when `wait`, else nullopt when
  // none has arrived.
  std::optional<std::pair<std::size_t, std::string>> receive(bool wait);

  // Ends every process of the job with `status` after an error on this rank.
  [[noreturn]] void abort(int status);

 private:
  int rank_ = 0;
  int size_ = 1;
  bool joined_ = false;
};

}  // namespace supportsim
