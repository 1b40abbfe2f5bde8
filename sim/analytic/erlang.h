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
  double wait_prob = 0;      // P(W > 0): an arriving customer waits (abandoners included)
  double asa_s = 0;          // mean wait of answered (served) customers
  double mean_wait_s = 0;    // mean wait of all arrivals (abandoners up to abandonment)
  double service_level = 0;  // P(answered with wait <= within) over ALL arrivals: abandoners
                             // count as misses, whenever they leave
  double abandonment = 0;    // P(abandon); 0 for Erlang C
  double occupancy = 0;      // busy agent time / agent time = served load / n
  bool stable = true;        // Erlang C: load < n; always true for Erlang A with theta > 0
};

// Common REQUIRES (asserted, not reported): rate >= 0, mean_handle_s > 0, agents >= 1,
// within_s >= 0. The offered load is a = rate * mean_handle_s erlangs. Results are deterministic
// and the functions hold no state, so they may be called from several threads.

// Blocking probability of M/M/n/n by the recursion B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1.
// REQUIRES agents >= 0, offered_erlangs >= 0.
double erlang_b(int agents, double offered_erlangs);
// Probability of waiting in M/M/n (Erlang C formula) as n B / (n - a (1 - B)); 1 when
// offered_erlangs >= agents. REQUIRES agents >= 0, offered_erlangs >= 0.
double erlang_c(int agents, double offered_erlangs);

// M/M/n, FCFS. `within_s` is the service-level threshold. Unstable systems (a >= agents) return
// stable = false and wait_prob = 1, service_level = 0, infinite waits, occupancy = 1.
QueueFigures erlang_c_figures(double rate, double mean_handle_s, int agents, double within_s);

// M/M/n+M, FCFS, with mean patience `mean_patience_s` (> 0), exact (no diffusion
// approximation): from the birth-death chain of the number in system, truncated where the
// dropped mass is below 1e-15 of the waiting mass; service level by uniformizing the tagged
// customer's position in the queue. `within_s` may be +infinity (service_level is then
// 1 - abandonment). With rate == 0 every figure is 0 except service_level = 1.
// Cost: O(agents + queue length), the queue length being about (a - n)^+ * patience / handle
// (hundreds of millions of states for a patience of 1e9 s in overload), plus O(m^2) for the
// service level, m being the number of queue moves to expect within `within_s` (~ n within_s /
// handle).
QueueFigures erlang_a_figures(double rate, double mean_handle_s, int agents, double mean_patience_s,
                              double within_s);

// Smallest n such that service_level >= target_service_level and (if given)
// abandonment <= max_abandonment; Erlang A when mean_patience_s is given, else Erlang C.
// Erlang C searches upward from floor(a) + 1; Erlang A from the smallest n not already ruled out
// by the flow bounds service_level <= 1 - abandonment <= n / a.
// REQUIRES target_service_level < 1 and max_abandonment > 0 (otherwise no n may qualify).
int smallest_agents(double rate, double mean_handle_s, double within_s, double target_service_level,
                    std::optional<double> max_abandonment, std::optional<double> mean_patience_s);

// What a queue must achieve, for sizing (any requirement left unset is not required).
struct SizingTarget {
  std::optional<double> service_level;    // share answered within `within_s`, in [0, 1)
  double within_s = 20;                   // >= 0
  std::optional<double> max_abandonment;  // in (0, 1]; only Erlang A abandons
  std::optional<double> max_occupancy;    // in (0, 1]: served load / servers
};

// The largest number of servers (agents x concurrency) and offered load (erlangs) the sizing
// functions accept; callers refuse larger inputs as input errors (beyond this the closed forms
// stop being a quick check).
inline constexpr int kMaxServers = 100000;

// Smallest number of servers meeting every requirement of `target` for an M/M/n (no
// `mean_patience_s`) or M/M/n+M queue. Every requirement is monotone in n (service level and
// served load rise, abandonment and occupancy fall), so the search doubles a step from the
// first n not ruled out by flow bounds and then bisects: O(log n) evaluations. Returns -1 when
// no n up to kMaxServers qualifies. REQUIRES rate >= 0, mean_handle_s > 0, and the offered load
// rate * mean_handle_s <= kMaxServers.
int smallest_servers(double rate, double mean_handle_s, const SizingTarget& target,
                     std::optional<double> mean_patience_s);

// Non-preemptive priority M/M/n, all classes with the same mean handle time (Cobham):
// W_k = C(n, a) / (n mu) / ((1 - s_{k-1}) (1 - s_k)), s_k = sum_{i<=k} rates_i / (n mu).
// `rates` are per class in priority order, highest first. Returns the mean wait in queue of each
// class. REQUIRES total load < agents for the formula to hold; classes with s_k >= 1 get
// +infinity.
std::vector<double> priority_mean_waits(const std::vector<double>& rates, double mean_handle_s,
                                        int agents);

}  // namespace supportsim
