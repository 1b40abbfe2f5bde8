// Benchmark (not a test): one replication of a scenario file in one process, e.g.
//   build/tests/bench_scenario scenarios/default.toml --set run.horizon=8w
// Prints cases/second and SimGrid waits per case (all cases, warm-up included).

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/engine/replication.h"
#include "sim/io/loader.h"

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
  const auto start = std::chrono::steady_clock::now();
  const ReplicationResult r = run_replication(scenario, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %.0f cases in %.3f s: %.0f cases/s, %.2f SimGrid waits per case\n", argv[1],
              r.cases_created, seconds, r.cases_created / seconds,
              r.simgrid_waits / r.cases_created);
  return 0;
}
