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
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/engine/replication.h"

namespace supportsim {
namespace {

using nlohmann::json;

// JSON has no infinities or NaN (nlohmann writes them as null): they travel as the strings
// "inf", "-inf" and "nan", so that every double arrives exactly as it left.
json number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}
double number(const json& j) {
  if (j.is_null()) return std::nan("");  // what earlier versions sent for NaN
  if (!j.is_string()) return j.get<double>();
  const std::string& text = j.get_ref<const std::string&>();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  if (text == "nan") return std::nan("");
  throw std::runtime_error("replication result: expected a number, got \"" + text + "\"");
}

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
  out.group_intervals = result.group_intervals;
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
      json cell = json::array();
      for (double v : {q.offered, q.answered, q.abandoned, q.waited, q.answered_within,
                       q.abandoned_within, q.wait_answered_s, q.wait_all_s, q.open_at_end,
                       c.busy_capacity_s, c.on_duty_agent_s, c.backlog, c.entries,
                       c.first_response_within, c.resolved_within})
        cell.push_back(number(v));
      cells.push_back(std::move(cell));
    }
    intervals.push_back(std::move(cells));
  }
  j["intervals"] = std::move(intervals);
  json group_intervals = json::array();
  for (const auto& row : o.group_intervals) {
    json cells = json::array();
    for (const GroupIntervalCounts& g : row)
      cells.push_back({number(g.busy_capacity_s), number(g.on_duty_agent_s)});
    group_intervals.push_back(std::move(cells));
  }
  j["group_intervals"] = std::move(group_intervals);
  json daily = json::array();
  for (const auto& day : o.daily) {
    json cells = json::array();
    for (const DailyCounts& d : day) {
      json cell = json::array();
      for (double v : {d.customer_s, d.acquired, d.churned, d.baseline_churned, d.cases})
        cell.push_back(number(v));
      cells.push_back(std::move(cell));
    }
    daily.push_back(std::move(cells));
  }
  j["daily"] = std::move(daily);
  j["diagnostics"] = {number(o.simgrid_waits), number(o.cases_created),
                      number(o.total_busy_capacity_s), number(o.total_session_capacity_s)};
  return j.dump();
}

ReplicationOutput deserialize(const std::string& text) {
  const json j = json::parse(text);
  ReplicationOutput o;
  o.replication = j.at("replication").get<int>();
  for (const auto& m : j.at("metrics"))
    o.metrics.push_back({m.at(0).get<std::string>(), m.at(1).get<std::string>(),
                         m.at(2).get<std::string>(), number(m.at(3))});
  for (const auto& row : j.at("intervals")) {
    std::vector<IntervalCounts> cells;
    for (const auto& v : row) {
      IntervalCounts c;
      QueueCounts& q = c.queue;
      q.offered = number(v.at(0)), q.answered = number(v.at(1)), q.abandoned = number(v.at(2));
      q.waited = number(v.at(3)), q.answered_within = number(v.at(4));
      q.abandoned_within = number(v.at(5)), q.wait_answered_s = number(v.at(6));
      q.wait_all_s = number(v.at(7)), q.open_at_end = number(v.at(8));
      c.busy_capacity_s = number(v.at(9)), c.on_duty_agent_s = number(v.at(10));
      c.backlog = number(v.at(11)), c.entries = number(v.at(12));
      c.first_response_within = number(v.at(13)), c.resolved_within = number(v.at(14));
      cells.push_back(c);
    }
    o.intervals.push_back(std::move(cells));
  }
  for (const auto& row : j.at("group_intervals")) {
    std::vector<GroupIntervalCounts> cells;
    for (const auto& v : row) cells.push_back({number(v.at(0)), number(v.at(1))});
    o.group_intervals.push_back(std::move(cells));
  }
  for (const auto& day : j.at("daily")) {
    std::vector<DailyCounts> cells;
    for (const auto& v : day)
      cells.push_back(
          {number(v.at(0)), number(v.at(1)), number(v.at(2)), number(v.at(3)), number(v.at(4))});
    o.daily.push_back(std::move(cells));
  }
  const auto& d = j.at("diagnostics");
  o.simgrid_waits = number(d.at(0)), o.cases_created = number(d.at(1));
  o.total_busy_capacity_s = number(d.at(2)), o.total_session_capacity_s = number(d.at(3));
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
