#pragma once
// Closed-form queueing results for checking the simulator and for quick sizing.
//   Erlang B:  M/M/n/n loss system.
//   Erlang C:  M/M/n, infinite patience.
//   Erlang A:  M/M/n+M, exponential patience with mean 1/theta (Garnett, Mandelbaum & Reiman 2002).
//   Priority:  non-preemptive priority M/M/n with equal service rates (Cobham's formula).
// Rates are per second, times in seconds. All functions are numerically stable for n up to
// several thousand agents (recursions / log-space sums, never factorials).

#include <optional>
#include <vector>

namespace supportsim {

struct QueueFigures {
  double wait_prob = 0;       // P(W > 0): an arriving customer waits
  double asa_s = 0;           // mean wait of answered (served) customers
  double mean_wait_s = 0;     // mean wait of all arrivals (abandoners up to abandonment)
  double service_level = 0;   // P(answered with wait <= within) over all arrivals
  double abandonment = 0;     // P(abandon); 0 for Erlang C
  double occupancy = 0;       // busy agent time / agent time = served load / n
  bool stable = true;         // Erlang C: load < n; always true for Erlang A with theta > 0
};

double erlang_b(int agents, double offered_erlangs);
// Probability of waiting in M/M/n (Erlang C formula); 1 when offered_erlangs >= agents.
double erlang_c(int agents, double offered_erlangs);

// M/M/n. `within_s` is the service-level threshold. Unstable systems return stable = false and
// wait_prob = 1, service_level = 0, infinite waits.
QueueFigures erlang_c_figures(double rate, double mean_handle_s, int agents, double within_s);

// M/M/n+M with mean patience `mean_patience_s` (> 0).
QueueFigures erlang_a_figures(double rate, double mean_handle_s, int agents,
                              double mean_patience_s, double within_s);

// Smallest n such that service_level >= target_service_level and (if given)
// abandonment <= max_abandonment; Erlang A when mean_patience_s is given, else Erlang C.
int smallest_agents(double rate, double mean_handle_s, double within_s,
                    double target_service_level, std::optional<double> max_abandonment,
                    std::optional<double> mean_patience_s);

// Non-preemptive priority M/M/n, all classes with the same mean handle time. `rates` are per
// class in priority order, highest first. Returns the mean wait in queue of each class.
std::vector<double> priority_mean_waits(const std::vector<double>& rates, double mean_handle_s,
                                        int agents);

}  // namespace supportsim
