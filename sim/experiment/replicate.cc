#include "sim/experiment/replicate.h"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/engine/replication.h"

namespace supportsim {
namespace {

using nlohmann::json;

json number(double v) { return std::isnan(v) ? json(nullptr) : json(v); }
double number(const json& j) { return j.is_null() ? std::nan("") : j.get<double>(); }

void write_all(int fd, const std::string& data) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(3);
    written += static_cast<std::size_t>(n);
  }
}

struct Running {
  std::size_t task;
  pid_t pid;
  int fd;
  std::string buffer;
};

}  // namespace

ReplicationOutput to_output(const Scenario& scenario, const ReplicationResult& result) {
  ReplicationOutput out;
  out.replication = result.replication;
  out.metrics = compute_metrics(scenario, result);
  out.intervals = result.intervals;
  out.daily = result.daily;
  out.simgrid_waits = result.simgrid_waits;
  out.cases_created = result.cases_created;
  out.total_busy_capacity_s = result.total_busy_capacity_s;
  out.total_session_capacity_s = result.total_session_capacity_s;
  return out;
}

std::string serialize(const ReplicationOutput& o) {
  json j;
  j["replication"] = o.replication;
  json metrics = json::array();
  for (const auto& m : o.metrics) metrics.push_back({m.scope, m.name, m.metric, number(m.value)});
  j["metrics"] = std::move(metrics);
  json intervals = json::array();
  for (const auto& row : o.intervals) {
    json cells = json::array();
    for (const IntervalCounts& c : row) {
      const QueueCounts& q = c.queue;
      cells.push_back({q.offered, q.answered, q.abandoned, q.waited, q.answered_within,
                       q.abandoned_within, q.wait_answered_s, q.wait_all_s, q.open_at_end,
                       c.busy_capacity_s, c.on_duty_agent_s, c.backlog, c.entries,
                       c.first_response_within, c.resolved_within});
    }
    intervals.push_back(std::move(cells));
  }
  j["intervals"] = std::move(intervals);
  json daily = json::array();
  for (const auto& day : o.daily) {
    json cells = json::array();
    for (const DailyCounts& d : day)
      cells.push_back({d.customer_s, d.acquired, d.churned, d.baseline_churned, d.cases});
    daily.push_back(std::move(cells));
  }
  j["daily"] = std::move(daily);
  j["diagnostics"] = {o.simgrid_waits, o.cases_created, o.total_busy_capacity_s,
                      o.total_session_capacity_s};
  return j.dump();
}

ReplicationOutput deserialize(const std::string& text) {
  const json j = json::parse(text);
  ReplicationOutput o;
  o.replication = j.at("replication").get<int>();
  for (const auto& m : j.at("metrics"))
    o.metrics.push_back(
        {m[0].get<std::string>(), m[1].get<std::string>(), m[2].get<std::string>(), number(m[3])});
  for (const auto& row : j.at("intervals")) {
    std::vector<IntervalCounts> cells;
    for (const auto& v : row) {
      IntervalCounts c;
      QueueCounts& q = c.queue;
      q.offered = v[0], q.answered = v[1], q.abandoned = v[2], q.waited = v[3];
      q.answered_within = v[4], q.abandoned_within = v[5], q.wait_answered_s = v[6];
      q.wait_all_s = v[7], q.open_at_end = v[8];
      c.busy_capacity_s = v[9], c.on_duty_agent_s = v[10], c.backlog = v[11];
      c.entries = v[12], c.first_response_within = v[13], c.resolved_within = v[14];
      cells.push_back(c);
    }
    o.intervals.push_back(std::move(cells));
  }
  for (const auto& day : j.at("daily")) {
    std::vector<DailyCounts> cells;
    for (const auto& v : day) cells.push_back({v[0], v[1], v[2], v[3], v[4]});
    o.daily.push_back(std::move(cells));
  }
  const auto& d = j.at("diagnostics");
  o.simgrid_waits = d[0], o.cases_created = d[1];
  o.total_busy_capacity_s = d[2], o.total_session_capacity_s = d[3];
  return o;
}

std::vector<ReplicationOutput> run_replications(const Scenario& scenario, int first, int count,
                                                int jobs,
                                                const std::function<void(int, int)>& on_done) {
  std::vector<ReplicationTask> tasks;
  for (int i = first; i < first + count; ++i) tasks.push_back({&scenario, i});
  std::map<std::size_t, ReplicationOutput> done;
  run_tasks(tasks, jobs, [&](std::size_t task, ReplicationOutput&& output) {
    done.emplace(task, std::move(output));
    if (on_done) on_done(static_cast<int>(done.size()), count);
  });
  std::vector<ReplicationOutput> ordered;
  for (auto& [index, output] : done) ordered.push_back(std::move(output));
  return ordered;
}

void run_tasks(const std::vector<ReplicationTask>& tasks, int jobs,
               const std::function<void(std::size_t, ReplicationOutput&&)>& on_result,
               const std::function<void()>& while_waiting) {
  std::vector<Running> running;
  std::size_t next = 0;
  const std::size_t end = tasks.size();
  jobs = std::max(1, jobs);
  auto stop_all = [&] {
    for (Running& r : running) {
      ::kill(r.pid, SIGKILL);
      ::waitpid(r.pid, nullptr, 0);
      ::close(r.fd);
    }
    running.clear();
  };
  auto fail = [&](const std::string& why) {
    stop_all();
    throw std::runtime_error(why);
  };

  while (next < end || !running.empty()) {
    while (next < end && static_cast<int>(running.size()) < jobs) {
      const ReplicationTask& task = tasks[next];
      // A child must not inherit unwritten output: something in it may flush it a second time.
      std::fflush(nullptr);
      int fds[2];
      if (::pipe(fds) != 0) fail(std::string("pipe: ") + std::strerror(errno));
      const pid_t parent = ::getpid();
      const pid_t pid = ::fork();
      if (pid < 0) fail(std::string("fork: ") + std::strerror(errno));
      if (pid == 0) {
        // A worker dies with its parent (kill -9 included): nobody would read its result. The
        // parent may have died before the request took effect: then it is no longer our parent.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(5);
        ::close(fds[0]);
        int status = 0;
        try {
          write_all(fds[1],
                    serialize(to_output(*task.scenario,
                                        run_replication(*task.scenario, task.replication))));
        } catch (const std::exception& e) {
          write_all(fds[1], std::string("!") + e.what());
          status = 4;
        }
        ::close(fds[1]);
        ::_exit(status);  // skip destructors: the parent owns every shared resource
      }
      ::close(fds[1]);
      running.push_back({next++, pid, fds[0], {}});
    }

    std::vector<pollfd> polls;
    for (const Running& r : running) polls.push_back({r.fd, POLLIN, 0});
    if (::poll(polls.data(), polls.size(), while_waiting ? 50 : -1) < 0 && errno != EINTR)
      fail(std::string("poll: ") + std::strerror(errno));
    if (while_waiting) {
      try {
        while_waiting();
      } catch (...) {
        stop_all();
        throw;
      }
    }
    for (std::size_t i = running.size(); i-- > 0;) {
      if (!(polls[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Running& r = running[i];
      char chunk[65536];
      const ssize_t n = ::read(r.fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        r.buffer.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      ::close(r.fd);
      int status = 0;
      ::waitpid(r.pid, &status, 0);
      Running finished = std::move(r);
      running.erase(running.begin() + static_cast<long>(i));
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || finished.buffer.empty() ||
          finished.buffer[0] == '!') {
        const std::string detail = !finished.buffer.empty() && finished.buffer[0] == '!'
                                       ? finished.buffer.substr(1)
                                       : "process ended with status " + std::to_string(status);
        fail("replication " + std::to_string(tasks[finished.task].replication) +
             " failed: " + detail);
      }
      try {
        on_result(finished.task, deserialize(finished.buffer));
      } catch (...) {
        stop_all();
        throw;
      }
    }
  }
}

}  // namespace supportsim
