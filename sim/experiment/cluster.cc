#include "sim/experiment/cluster.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#ifdef SUPPORTSIM_WITH_MPI
// The C API only: without these, mpi.h pulls in the deprecated C++ bindings and their library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace supportsim {
namespace {

std::optional<int> environment_int(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*end != '\0') return std::nullopt;
  return static_cast<int>(value);
}

#ifdef SUPPORTSIM_WITH_MPI
constexpr int kResultTag = 7;

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}
#endif

}  // namespace

std::optional<int> Cluster::launched_rank() {
  // Open MPI's mpirun, then PMI launchers (MPICH's hydra, Slurm's srun --mpi=pmi2/pmix).
  for (const auto& [size_name, rank_name] :
       {std::pair{"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
        std::pair{"PMI_SIZE", "PMI_RANK"}, std::pair{"SLURM_NTASKS", "PMIX_RANK"}}) {
    const auto size = environment_int(size_name);
    const auto rank = environment_int(rank_name);
    if (size && rank) return *size > 1 ? rank : std::nullopt;
  }
  return std::nullopt;
}

#ifdef SUPPORTSIM_WITH_MPI

Cluster::~Cluster() {
  if (joined_) MPI_Finalize();
}

void Cluster::join() {
  if (joined_ || !launched_rank()) return;
  // libsimgrid exports MPI_* too (SMPI); the build links libmpi first so that it wins.
  Dl_info where{};
  if (::dladdr(reinterpret_cast<void*>(&MPI_Init), &where) != 0 && where.dli_fname != nullptr &&
      std::strstr(where.dli_fname, "simgrid") != nullptr) {
    throw std::runtime_error(std::string("MPI_Init resolves to SimGrid's SMPI (") +
                             where.dli_fname + "): link libmpi before libsimgrid");
  }
  check(MPI_Init(nullptr, nullptr), "MPI_Init");
  joined_ = true;
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

void Cluster::broadcast(std::vector<std::uint8_t>& flags) {
  if (size_ == 1) return;
  unsigned long long length = flags.size();
  check(MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD), "MPI_Bcast");
  if (length != flags.size())
    throw std::runtime_error("MPI ranks disagree on the sweep (give every rank the same input)");
  check(MPI_Bcast(flags.data(), static_cast<int>(flags.size()), MPI_UINT8_T, 0, MPI_COMM_WORLD),
        "MPI_Bcast");
}

void Cluster::send_to_root(std::size_t item, const std::string& payload) {
  const std::uint64_t index = item;
  std::string message(sizeof index, '\0');
  std::memcpy(message.data(), &index, sizeof index);
  message += payload;
  check(MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, kResultTag,
                 MPI_COMM_WORLD),
        "MPI_Send");
}

std::optional<std::pair<std::size_t, std::string>> Cluster::receive(bool wait) {
  MPI_Status status;
  if (wait) {
    check(MPI_Probe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &status), "MPI_Probe");
  } else {
    int pending = 0;
    check(MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &pending, &status), "MPI_Iprobe");
    if (!pending) return std::nullopt;
  }
  int length = 0;
  check(MPI_Get_count(&status, MPI_CHAR, &length), "MPI_Get_count");
  std::string message(static_cast<std::size_t>(length), '\0');
  check(MPI_Recv(message.data(), length, MPI_CHAR, status.MPI_SOURCE, kResultTag, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE),
        "MPI_Recv");
  std::uint64_t index = 0;
  if (message.size() < sizeof index) throw std::runtime_error("MPI: short message");
  std::memcpy(&index, message.data(), sizeof index);
  return std::pair{static_cast<std::size_t>(index), message.substr(sizeof index)};
}

void Cluster::abort(int status) {
  if (joined_) MPI_Abort(MPI_COMM_WORLD, status);
  std::exit(status);
}

#else  // built without MPI: always a cluster of one

Cluster::~Cluster() = default;

void Cluster::join() {
  if (launched_rank()) {
    throw std::runtime_error(
        "started as one of several MPI processes, but this supportsim was built without MPI "
        "(install libopenmpi-dev and rebuild)");
  }
}

void Cluster::broadcast(std::vector<std::uint8_t>&) {}

void Cluster::send_to_root(std::size_t, const std::string&) {
  throw std::logic_error("Cluster::send_to_root without MPI");
}

std::optional<std::pair<std::size_t, std::string>> Cluster::receive(bool) { return std::nullopt; }

void Cluster::abort(int status) { std::exit(status); }

#endif

}  // namespace supportsim
