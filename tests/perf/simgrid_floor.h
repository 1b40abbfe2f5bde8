#pragma once
// SimGrid's own floor for the benchmarks: a chain of kernel timers that do nothing, each
// setting the next as the agenda arms them, on the engine a replication runs on
// (sim/engine/simgrid_engine.h). Its cost per timer is what SimGrid alone takes per event;
// times the engine's events per case, it bounds the cases per second of any model on SimGrid.
// Runs in a child process, since SimGrid keeps one engine per process.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <simgrid/kernel/Timer.hpp>

#include "sim/engine/simgrid_engine.h"

namespace supportsim {

struct Measured {
  double seconds = 0, cases = 0, events = 0, answered = 0, abandoned = 0;
  long max_rss_kb = 0;
};

// Runs `work` in a child process, which reports its Measured and peak RSS through a pipe.
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

// `events` empty kernel timers in a chain: `seconds` over `events`, the best of three runs (a
// floor: the noise of a shared machine only ever adds time).
inline Measured run_simgrid_floor(double events) {
  Measured best;
  for (int run = 0; run < 3; ++run) {
    const Measured m = in_child([events] {
      const auto engine = make_simgrid_engine();
      static double left;
      left = events;
      struct Chain {
        static void next(double when) {
          if (--left > 0) simgrid::kernel::timer::Timer::set(when + 1, [when] { next(when + 1); });
        }
      };
      simgrid::kernel::timer::Timer::set(0, [] { Chain::next(0); });
      const auto start = std::chrono::steady_clock::now();
      engine->run();
      Measured m;
      m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      m.events = events;
      return m;
    });
    if (run == 0 || m.seconds < best.seconds) best = m;
  }
  return best;
}

// The line both benchmarks print: SimGrid's cost per event, the throughput it alone allows at
// the engine's events per case, and what the model's own work takes per case.
inline void report_simgrid_floor(const Measured& floor, double engine_seconds, double cases,
                                 double engine_events) {
  const double events_per_case = engine_events / cases;
  const double floor_s_per_event = floor.seconds / floor.events;
  std::printf(
      "SimGrid alone (empty kernel timers): %.0f ns per event, so at most %.0f cases/s at "
      "%.2f events per case with no model work; the model's own work: %.0f ns per case\n",
      1e9 * floor_s_per_event, 1 / (floor_s_per_event * events_per_case), events_per_case,
      1e9 * (engine_seconds / cases - floor_s_per_event * events_per_case));
}

}  // namespace supportsim
