// Benchmark (not a test): the Erlang A model of the foundation issue, 100 agents, 95 erlangs,
// exponential patience, simulated by supportsim's SimGrid engine and, in the same run, by a
// plain std::priority_queue event loop (the floor of any engine). Prints cases/second, SimGrid
// waits per case, and peak memory for two run lengths (memory must not grow with cases).
//
//   build/bench_erlang_a [cases=1000000]

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/random/exponential_distribution.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/engine/replication.h"
#include "sim/io/loader.h"

namespace {

using namespace supportsim;
using Clock = std::chrono::steady_clock;

constexpr double kRatePerHour = 1900, kHandleS = 180, kPatienceS = 300;
constexpr int kAgents = 100;

std::string scenario_text(double hours) {
  return fmt::format(R"(
[run]
name = "bench"
horizon = "{}h"
replications = 1
[[segment]]
name = "callers"
arrival_rate = "{}/h"
entry = {{ phone = 1.0 }}
issues = {{ question = 1.0 }}
patience = {{ dist = "exponential", mean = "{}s" }}
[[issue]]
name = "question"
handle_time = {{ dist = "exponential", mean = "{}s" }}
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = {}
)",
                     hours, kRatePerHour, kPatienceS, kHandleS, kAgents);
}

struct Measured {
  double seconds = 0, cases = 0, waits = 0, answered = 0, abandoned = 0;
  long max_rss_kb = 0;
};

// Runs in a child process (one SimGrid engine per process) and reports through a pipe.
Measured run_engine(double hours) {
  std::fflush(stdout);  // or the child would print the parent's buffered lines again
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const Scenario scenario = load_scenario_string(scenario_text(hours), "bench.toml");
    const auto start = Clock::now();
    const ReplicationResult r = run_replication(scenario, 0);
    Measured m;
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.cases = r.cases_created;
    m.waits = r.simgrid_waits;
    m.answered = r.channels[0].queue.answered;
    m.abandoned = r.channels[0].queue.abandoned;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    m.max_rss_kb = usage.ru_maxrss;
    if (write(fds[1], &m, sizeof m) != sizeof m) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Measured m;
  if (read(fds[0], &m, sizeof m) != sizeof m) std::abort();
  waitpid(pid, nullptr, 0);
  return m;
}

// The same M/M/100+M model on a plain event loop: arrivals and service completions in a heap,
// abandonment checked lazily against each waiting customer's deadline (exact for FCFS).
Measured run_plain_loop(double hours) {
  struct Event {
    double time;
    bool arrival;
    bool operator>(const Event& o) const { return time > o.time; }
  };
  Rng rng = make_stream(1, 0, "plain");
  boost::random::exponential_distribution<double> gap(kRatePerHour / 3600), handle(1 / kHandleS),
      patience(1 / kPatienceS);
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::deque<double> waiting;  // deadlines, FCFS
  int idle = kAgents;
  const double end = hours * 3600;
  Measured m;
  const auto start = Clock::now();
  events.push({gap(rng), true});
  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    if (e.arrival) {
      ++m.cases;
      if (e.time + 0 < end) events.push({e.time + gap(rng), true});
      const double deadline = e.time + patience(rng);
      if (idle > 0) {
        --idle;
        ++m.answered;
        events.push({e.time + handle(rng), false});
      } else {
        waiting.push_back(deadline);
      }
    } else {
      while (!waiting.empty() && waiting.front() <= e.time) {
        waiting.pop_front();
        ++m.abandoned;
      }
      if (waiting.empty()) {
        ++idle;
      } else {
        waiting.pop_front();
        ++m.answered;
        events.push({e.time + handle(rng), false});
      }
    }
  }
  m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return m;
}

void report(const char* name, const Measured& m) {
  std::printf("%-22s %9.0f cases  %7.3f s  %10.0f cases/s", name, m.cases, m.seconds,
              m.cases / m.seconds);
  if (m.waits > 0) std::printf("  %.2f waits/case", m.waits / m.cases);
  std::printf("  abandoned %.2f%%", 100 * m.abandoned / m.cases);
  if (m.max_rss_kb > 0) std::printf("  peak RSS %.1f MB", m.max_rss_kb / 1024.0);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const double cases = argc > 1 ? std::stod(argv[1]) : 1e6;
  const double hours = cases / kRatePerHour;
  std::printf("Erlang A: %d agents, %.0f erlangs, patience %.0f s; %.0f cases per run\n", kAgents,
              kRatePerHour * kHandleS / 3600, kPatienceS, cases);
  const Measured quarter = run_engine(hours / 4);
  const Measured engine = run_engine(hours);
  const Measured plain = run_plain_loop(hours);
  report("supportsim (SimGrid)", engine);
  report("plain priority_queue", plain);
  std::printf("engine / plain-loop throughput: %.3f (plain loop is %.1fx faster)\n",
              (engine.cases / engine.seconds) / (plain.cases / plain.seconds),
              (plain.cases / plain.seconds) / (engine.cases / engine.seconds));
  std::printf("peak RSS with %.0f cases: %.1f MB; with %.0f cases: %.1f MB\n", quarter.cases,
              quarter.max_rss_kb / 1024.0, engine.cases, engine.max_rss_kb / 1024.0);
  return 0;
}
