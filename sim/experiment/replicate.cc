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
#include <initializer_list>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

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

// Each counts struct travels as a JSON object of its fields by name, one table per struct serving
// both directions, so that adding a field cannot shift the others.
template <typename T>
using NamedFields = std::initializer_list<std::pair<const char*, double T::*>>;

const NamedFields<QueueCounts> kQueueFields = {{"offered", &QueueCounts::offered},
                                               {"answered", &QueueCounts::answered},
                                               {"abandoned", &QueueCounts::abandoned},
                                               {"waited", &QueueCounts::waited},
                                               {"answered_within", &QueueCounts::answered_within},
                                               {"abandoned_within", &QueueCounts::abandoned_within},
                                               {"wait_answered_s", &QueueCounts::wait_answered_s},
                                               {"wait_all_s", &QueueCounts::wait_all_s},
                                               {"open_at_end", &QueueCounts::open_at_end}};
const NamedFields<IntervalCounts> kIntervalFields = {  // and `queue`
    {"busy_capacity_s", &IntervalCounts::busy_capacity_s},
    {"on_duty_agent_s", &IntervalCounts::on_duty_agent_s},
    {"backlog", &IntervalCounts::backlog},
    {"entries", &IntervalCounts::entries},
    {"first_response_within", &IntervalCounts::first_response_within},
    {"resolved_within", &IntervalCounts::resolved_within}};
const NamedFields<GroupIntervalCounts> kGroupIntervalFields = {
    {"busy_capacity_s", &GroupIntervalCounts::busy_capacity_s},
    {"on_duty_agent_s", &GroupIntervalCounts::on_duty_agent_s}};
const NamedFields<DailyCounts> kDailyFields = {{"customer_s", &DailyCounts::customer_s},
                                               {"acquired", &DailyCounts::acquired},
                                               {"churned", &DailyCounts::churned},
                                               {"baseline_churned", &DailyCounts::baseline_churned},
                                               {"cases", &DailyCounts::cases}};
const NamedFields<ReplicationOutput> kDiagnosticFields = {
    {"simgrid_waits", &ReplicationOutput::simgrid_waits},
    {"cases_created", &ReplicationOutput::cases_created},
    {"total_busy_capacity_s", &ReplicationOutput::total_busy_capacity_s},
    {"total_session_capacity_s", &ReplicationOutput::total_session_capacity_s}};

template <typename T>
void write_fields(json& j, const T& x, NamedFields<T> fields) {
  for (const auto& [name, field] : fields) j[name] = number(x.*field);
}
template <typename T>
void read_fields(const json& j, T& x, NamedFields<T> fields) {
  for (const auto& [name, field] : fields) x.*field = number(j.at(name));
}

}  // namespace

// nlohmann::json finds these by argument-dependent lookup, so they live in the types' namespace;
// static keeps them private to this file.
static void to_json(json& j, const QueueCounts& q) { write_fields(j, q, kQueueFields); }
static void from_json(const json& j, QueueCounts& q) { read_fields(j, q, kQueueFields); }
static void to_json(json& j, const IntervalCounts& c) {
  write_fields(j, c, kIntervalFields);
  j["queue"] = c.queue;
}
static void from_json(const json& j, IntervalCounts& c) {
  read_fields(j, c, kIntervalFields);
  j.at("queue").get_to(c.queue);
}
static void to_json(json& j, const GroupIntervalCounts& g) {
  write_fields(j, g, kGroupIntervalFields);
}
static void from_json(const json& j, GroupIntervalCounts& g) {
  read_fields(j, g, kGroupIntervalFields);
}
static void to_json(json& j, const DailyCounts& d) { write_fields(j, d, kDailyFields); }
static void from_json(const json& j, DailyCounts& d) { read_fields(j, d, kDailyFields); }
static void to_json(json& j, const MetricValue& m) {
  j = {{"scope", m.scope}, {"name", m.name}, {"metric", m.metric}, {"value", number(m.value)}};
}
static void from_json(const json& j, MetricValue& m) {
  j.at("scope").get_to(m.scope);
  j.at("name").get_to(m.name);
  j.at("metric").get_to(m.metric);
  m.value = number(j.at("value"));
}

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
  json j = {{"replication", o.replication},
            {"metrics", o.metrics},
            {"intervals", o.intervals},
            {"group_intervals", o.group_intervals},
            {"daily", o.daily}};
  write_fields(j, o, kDiagnosticFields);
  return j.dump();
}

ReplicationOutput deserialize(const std::string& text) {
  const json j = json::parse(text);
  ReplicationOutput o;
  j.at("replication").get_to(o.replication);
  j.at("metrics").get_to(o.metrics);
  j.at("intervals").get_to(o.intervals);
  j.at("group_intervals").get_to(o.group_intervals);
  j.at("daily").get_to(o.daily);
  read_fields(j, o, kDiagnosticFields);
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
