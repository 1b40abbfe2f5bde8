#include "sim/experiment/attempt_recording.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sim/engine/replication.h"

namespace supportsim {
namespace {

static_assert(std::is_trivially_copyable_v<AttemptRecord>, "records cross the pipe as bytes");

class Collector : public AttemptObserver {
 public:
  void attempt_ended(const AttemptRecord& record) override { records.push_back(record); }
  std::vector<AttemptRecord> records;
};

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::vector<AttemptRecord> record_attempts(const Scenario& scenario, int replication) {
  std::fflush(nullptr);
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(5);
    ::close(fds[0]);
    int status = 0;
    try {
      Collector collector;
      run_replication(scenario, replication, &collector);
      const auto& r = collector.records;
      if (!write_all(fds[1], reinterpret_cast<const char*>(r.data()), r.size() * sizeof r[0]))
        status = 3;
    } catch (const std::exception&) {
      status = 4;
    }
    ::close(fds[1]);
    ::_exit(status);  // skip destructors: the parent owns every shared resource
  }
  ::close(fds[1]);
  std::string bytes;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.size() % sizeof(AttemptRecord))
    throw std::runtime_error("replication " + std::to_string(replication) +
                             " failed while recording its attempts (status " +
                             std::to_string(status) + ")");
  std::vector<AttemptRecord> records(bytes.size() / sizeof(AttemptRecord));
  std::memcpy(records.data(), bytes.data(), bytes.size());
  return records;
}

}  // namespace supportsim
