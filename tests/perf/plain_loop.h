#pragma once
// The floor of any engine for the benchmarks: the M/M/c+M model on a plain
// std::priority_queue event loop (arrivals and service completions in a heap, abandonment
// checked lazily against each waiting customer's deadline, exact for FCFS). The benchmarks
// run it in the same process and report the engine's throughput as a ratio to it, which
// cancels part of the noise of a shared machine.

#include <boost/random/exponential_distribution.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/random.h"

namespace supportsim {

struct PlainLoopResult {
  double seconds = 0, cases = 0, answered = 0, abandoned = 0;
};

inline PlainLoopResult run_plain_erlang_a(double hours, double rate_per_hour, double handle_s,
                                          double patience_s, int agents) {
  struct Event {
    double time;
    bool arrival;
    bool operator>(const Event& o) const { return time > o.time; }
  };
  Rng rng = make_stream(1, 0, "plain");
  boost::random::exponential_distribution<double> gap(rate_per_hour / 3600), handle(1 / handle_s),
      patience(1 / patience_s);
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::deque<double> waiting;  // deadlines, FCFS
  int idle = agents;
  const double end = hours * 3600;
  PlainLoopResult m;
  const auto start = std::chrono::steady_clock::now();
  events.push({gap(rng), true});
  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    if (e.arrival) {
      ++m.cases;
      if (e.time < end) events.push({e.time + gap(rng), true});
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
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

// The 1, 5 and 15-minute load averages (the machine is shared: measurements say how busy it was).
inline std::string load_average() {
  double one = 0, five = 0, fifteen = 0;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &one, &five, &fifteen) != 3) one = five = fifteen = 0;
    std::fclose(f);
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", one, five, fifteen);
  return text;
}

}  // namespace supportsim
