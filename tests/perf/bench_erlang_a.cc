// Benchmark (not a test): the Erlang A model of the foundation issue, 100 agents, 95 erlangs,
// exponential patience, simulated by supportsim's SimGrid engine and, in the same run, by a
// plain std::priority_queue event loop (the floor of any engine, tests/perf/plain_loop.h), and
// SimGrid's own floor: a chain of kernel timers that do nothing, on the engine a replication
// runs on. Prints cases/second, SimGrid events per case, the throughput SimGrid alone would
// allow at that many events per case, the machine's load average, and peak memory for two run
// lengths (memory must not grow with cases).
//
//   build/bench_erlang_a [cases=1000000]

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <simgrid/kernel/Timer.hpp>

#include "sim/engine/replication.h"
#include "sim/engine/simgrid_engine.h"
#include "sim/io/loader.h"
#include "tests/perf/plain_loop.h"

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

// Runs `work` in a child process (one SimGrid engine per process), which reports through a pipe.
template <class Work>
Measured in_child(Work work) {
  std::fflush(stdout);  // or the child would print the parent's buffered lines again
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Measured m = work();
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

Measured run_engine(double hours) {
  return in_child([hours] {
    const Scenario scenario = load_scenario_string(scenario_text(hours), "bench.toml");
    const auto start = Clock::now();
    const ReplicationResult r = run_replication(scenario, 0);
    Measured m;
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.cases = r.cases_created;
    m.waits = r.simgrid_waits;
    m.answered = r.channels[0].queue.answered;
    m.abandoned = r.channels[0].queue.abandoned;
    return m;
  });
}

// SimGrid alone: `events` kernel timers in a chain, each setting the next, as the agenda arms
// them, with no model work. Reported in `waits` (events) over `seconds`.
Measured run_simgrid_floor(double events) {
  return in_child([events] {
    const auto engine = make_simgrid_engine();
    static double left;
    left = events;
    struct Chain {
      static void next(double when) {
        if (--left > 0) simgrid::kernel::timer::Timer::set(when + 1, [when] { next(when + 1); });
      }
    };
    simgrid::kernel::timer::Timer::set(0, [] { Chain::next(0); });
    const auto start = Clock::now();
    engine->run();
    Measured m;
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.waits = events;
    return m;
  });
}

Measured run_plain(double hours) {
  const PlainLoopResult r = run_plain_erlang_a(hours, kRatePerHour, kHandleS, kPatienceS, kAgents);
  Measured m;
  m.seconds = r.seconds, m.cases = r.cases, m.answered = r.answered, m.abandoned = r.abandoned;
  return m;
}

void report(const char* name, const Measured& m) {
  std::printf("%-22s %9.0f cases  %7.3f s  %10.0f cases/s", name, m.cases, m.seconds,
              m.cases / m.seconds);
  if (m.waits > 0) std::printf("  %.2f SimGrid events/case", m.waits / m.cases);
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
  std::printf("load average before: %s\n", load_average().c_str());
  const Measured quarter = run_engine(hours / 4);
  const Measured engine = run_engine(hours);
  const Measured plain = run_plain(hours);
  const Measured floor = run_simgrid_floor(engine.waits);
  report("supportsim (SimGrid)", engine);
  report("plain priority_queue", plain);
  const double events_per_case = engine.waits / engine.cases;
  std::printf(
      "SimGrid alone (empty kernel timers): %.0f ns per event, so at most %.0f cases/s at "
      "%.2f events per case with no model work; the model's own work is %.0f ns per case\n",
      1e9 * floor.seconds / floor.waits, floor.waits / floor.seconds / events_per_case,
      events_per_case,
      1e9 * (engine.seconds / engine.cases - floor.seconds / floor.waits * events_per_case));
  std::printf("engine / plain-loop throughput: %.3f (plain loop is %.1fx faster)\n",
              (engine.cases / engine.seconds) / (plain.cases / plain.seconds),
              (plain.cases / plain.seconds) / (engine.cases / engine.seconds));
  std::printf("peak RSS with %.0f cases: %.1f MB; with %.0f cases: %.1f MB\n", quarter.cases,
              quarter.max_rss_kb / 1024.0, engine.cases, engine.max_rss_kb / 1024.0);
  std::printf("load average after: %s\n", load_average().c_str());
  return 0;
}
