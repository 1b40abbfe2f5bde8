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

#include "sim/engine/replication.h"
#include "sim/io/loader.h"
#include "tests/perf/plain_loop.h"
#include "tests/perf/simgrid_floor.h"

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

Measured run_engine(double hours) {
  return in_child([hours] {
    const Scenario scenario = load_scenario_string(scenario_text(hours), "bench.toml");
    const auto start = Clock::now();
    const ReplicationResult r = run_replication(scenario, 0);
    Measured m;
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.cases = r.cases_created;
    m.events = r.simgrid_waits;
    m.answered = r.channels[0].queue.answered;
    m.abandoned = r.channels[0].queue.abandoned;
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
  if (m.events > 0) std::printf("  %.2f SimGrid events/case", m.events / m.cases);
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
  const Measured floor = run_simgrid_floor(engine.events);
  report("supportsim (SimGrid)", engine);
  report("plain priority_queue", plain);
  report_simgrid_floor(floor, engine.seconds, engine.cases, engine.events);
  std::printf("engine / plain-loop throughput: %.3f (plain loop is %.1fx faster)\n",
              (engine.cases / engine.seconds) / (plain.cases / plain.seconds),
              (plain.cases / plain.seconds) / (engine.cases / engine.seconds));
  std::printf("peak RSS with %.0f cases: %.1f MB; with %.0f cases: %.1f MB\n", quarter.cases,
              quarter.max_rss_kb / 1024.0, engine.cases, engine.max_rss_kb / 1024.0);
  std::printf("load average after: %s\n", load_average().c_str());
  return 0;
}
