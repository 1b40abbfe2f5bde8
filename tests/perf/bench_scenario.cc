// Benchmark (not a test): one replication of a scenario file in one process, e.g.
//   build/tests/bench_scenario scenarios/default.toml --set run.horizon=26w
// Prints cases/second and SimGrid events per case (all cases, warm-up included), and, in the
// same run, the plain-loop floor (tests/perf/plain_loop.h: 1M cases of the Erlang A model on a
// std::priority_queue) with the ratio, SimGrid's own floor (tests/perf/simgrid_floor.h) and
// the load average.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/engine/replication.h"
#include "sim/io/loader.h"
#include "tests/perf/plain_loop.h"
#include "tests/perf/simgrid_floor.h"

int main(int argc, char** argv) {
  using namespace supportsim;
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_scenario SCENARIO.toml [--set KEY=VALUE]...\n");
    return 2;
  }
  std::vector<Override> overrides;
  for (int i = 2; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--set") overrides.push_back(parse_override(argv[i + 1]));
  const Scenario scenario = load_scenario_file(argv[1], overrides);
  std::printf("load average before: %s\n", load_average().c_str());
  // Before the engine: SimGrid allows one engine per process, and the floor's child must not
  // inherit one.
  const Measured floor_timers = run_simgrid_floor(2e6);
  const auto start = std::chrono::steady_clock::now();
  const ReplicationResult r = run_replication(scenario, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = r.cases_created / seconds;
  std::printf("%s: %.0f cases in %.3f s: %.0f cases/s, %.2f SimGrid events per case\n", argv[1],
              r.cases_created, seconds, rate, r.simgrid_waits / r.cases_created);
  // The floor after the engine: run_replication may be called once per process only, and the
  // order does not matter for a plain loop.
  const PlainLoopResult plain = run_plain_erlang_a(1e6 / 1900, 1900, 180, 300, 100);
  const double floor = plain.cases / plain.seconds;
  std::printf("plain priority_queue loop (Erlang A): %.0f cases/s; engine / plain loop: %.3f\n",
              floor, rate / floor);
  report_simgrid_floor(floor_timers, seconds, r.cases_created, r.simgrid_waits);
  std::printf("load average after: %s\n", load_average().c_str());
  return 0;
}
