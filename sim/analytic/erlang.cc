#include "sim/analytic/erlang.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace supportsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Stationary mass that may be dropped from the tail of the Erlang A chain.
constexpr double kTailMass = 1e-15;

// Poisson mass that may be dropped from the tail in uniformization; far below what a double can
// show in a probability of order one.
constexpr double kPoissonTail = 1e-17;

// Mass still in the queue below which the uniformized walk counts as finished.
constexpr double kUnabsorbedMass = 1e-17;

// P(Poisson(x) = m). exp(-x) underflows for x > 745, and a running log sum started at -x would
// carry rounding of order x * eps into every weight, so the log weight is formed directly as
// -x phi(m / x - 1) - 0.5 ln(2 pi m) - (Stirling series of ln m!, truncation error < 3e-17 for
// m >= 32), with phi(u) = (1 + u) ln(1 + u) - u through log1p: the cancellation then costs only
// eps * |m - x|. No lgamma: glibc's writes the global signgam, a data race across threads.
double poisson_weight(long m, double x) {
  constexpr int kSmall = 32;
  static const std::vector<long double> log_factorial = [] {
    std::vector<long double> table(kSmall, 0.0L);
    for (int i = 2; i < kSmall; ++i)
      table[i] = table[i - 1] + std::log(static_cast<long double>(i));
    return table;
  }();
  const long double xl = x;
  const long double ml = m;
  if (m < kSmall) return static_cast<double>(std::exp(-xl + ml * std::log(xl) - log_factorial[m]));
  const long double u = (ml - xl) / xl;
  const long double phi = (1.0L + u) * std::log1p(u) - u;
  const long double m2 = ml * ml;
  const long double stirling =
      (1.0L / 12.0L - (1.0L / 360.0L - (1.0L / 1260.0L - 1.0L / (1680.0L * m2)) / m2) / m2) / ml;
  const long double two_pi = 6.283185307179586476925286766559L;
  return static_cast<double>(std::exp(-xl * phi - 0.5L * std::log(two_pi * ml) - stirling));
}

// Smallest k > x with P(Poisson(x) >= k) < kPoissonTail, from the Chernoff bound
// P(X >= k) <= exp(-(k ln(k / x) - k + x)); loose by a small factor, which only costs work.
double poisson_jump_cap(double x) {
  const auto log_bound = [x](double k) { return -(k * std::log(k / x) - k + x); };
  const double log_tail = std::log(kPoissonTail);
  double delta = 1.0;
  while (log_bound(x + delta) >= log_tail) delta *= 2.0;
  return std::ceil(x + delta);
}

// P(served and wait <= t) summed over waiting arrivals, for an initial mass queue_mass[j] on
// "j customers ahead". The tagged customer's position is a pure-death chain: from j ahead it
// moves to j-1 (or into service from 0) at r_j = n mu + j theta and abandons at theta. The
// hypoexponential closed form alternates in sign and loses all digits for large j, so the chain
// is uniformized instead: every term below is non-negative.
double served_within(const std::vector<double>& queue_mass, double n_mu, double theta, double t) {
  const std::size_t phases = queue_mass.size();
  if (phases == 0 || t <= 0.0) return 0.0;
  const double uniform_rate = n_mu + static_cast<double>(phases) * theta;
  const double x = uniform_rate * t;

  std::vector<double> mass = queue_mass;

  double served = 0.0;  // mass absorbed into service within m jumps
  double result = 0.0;
  double weight_seen = 0.0;
  for (long m = 0;; ++m) {
    const double w = poisson_weight(m, x);
    result += w * served;
    weight_seen += w;
    // Past the mode the weights fall at least geometrically with ratio x / (m + 1).
    const double ratio = x / static_cast<double>(m + 1);
    if (ratio < 1.0 && w * ratio / (1.0 - ratio) < kPoissonTail) break;

    served += mass[0] * n_mu / uniform_rate;
    double unabsorbed = 0.0;
    for (std::size_t i = 0; i < mass.size(); ++i) {
      // The self-loop probability (Lambda - q_i) / Lambda, written without a difference of rates.
      double next = mass[i] * static_cast<double>(phases - 1 - i) * theta / uniform_rate;
      if (i + 1 < mass.size()) {
        next += mass[i + 1] * (n_mu + static_cast<double>(i + 1) * theta) / uniform_rate;
      }
      mass[i] = next;
      unabsorbed += next;
    }
    if (unabsorbed < kUnabsorbedMass) {
      // Nothing left to serve: every later Poisson weight multiplies the final `served`.
      result += served * std::max(0.0, 1.0 - weight_seen);
      break;
    }
  }
  return result;
}

// What the Erlang A figures need from the stationary law, already normalised.
struct ErlangAChain {
  double no_wait = 0;      // P(N < n)
  double wait_prob = 0;    // P(N >= n)
  double mean_queue = 0;   // E[(N - n)^+]
  double served = 0;       // P(served), from the tagged customer's position chain
  double served_wait = 0;  // E[W 1{served}]
  // pi_{n+j} for the first j only: those that can still be answered within the threshold.
  std::vector<double> queue_head;
  // Set when solving stopped early because the service level provably misses `give_up_below`;
  // the other fields are then meaningless.
  bool hopeless = false;
};

// Walks the M/M/n+M birth-death chain once. The weights are a running product in long double
// (relative error ~ k * 1e-19 after k states; a running log sum would carry rounding of order
// |log weight| * eps per state instead), rescaled by exact powers of two before they overflow,
// so nothing is rounded by the rescaling and memory stays O(head) however long the queue is.
// Stops past the mode once the geometric bound on the rest of the chain is below kTailMass
// relative to both the waiting mass and E[Q], so a tiny delay probability keeps its relative
// precision.
ErlangAChain solve_erlang_a_chain(double lambda, double mu, double theta, int n, double within_s,
                                  double give_up_below = 0.0) {
  using Real = long double;
  constexpr int kRescaleExp = std::numeric_limits<Real>::max_exponent / 2;
  const Real rescale_at = std::ldexp(Real{1}, kRescaleExp);
  const Real n_mu = static_cast<Real>(n) * mu;
  const Real a = static_cast<Real>(lambda) / mu;

  Real w = 1;  // weight of the current state, state 0 having weight 1 before rescaling
  Real total = 1, no_wait = 1, wait = 0, queue = 0, served = 0, served_wait = 0, head_sum = 0;
  int rescales = 0;
  const auto rescale_if_needed = [&] {
    if (w < rescale_at) return;
    for (Real* x : {&w, &total, &no_wait, &wait, &queue, &served, &served_wait, &head_sum}) {
      *x = std::ldexp(*x, -kRescaleExp);
    }
    ++rescales;
  };

  for (int k = 1; k < n; ++k) {
    w *= a / k;
    rescale_if_needed();
    total += w;
    no_wait += w;
  }

  // A customer with j ahead needs j + 1 jumps, each at rate at most n mu + (j + 1) theta, to be
  // answered, so once K stored states satisfy P(Poisson((n mu + K theta) t) >= K) < kPoissonTail
  // the states further back cannot be answered within t. Never true when theta t >= 1; the queue
  // is then short anyway.
  std::vector<std::pair<Real, int>> head;  // weight and the rescale count it was taken at
  const bool bounded = std::isfinite(within_s);
  bool storing = bounded && within_s > 0;
  std::size_t next_check = 0;

  Real mean_phase = 0;  // sum_{i<=j} 1 / (r_i + theta), r_i = n mu + i theta
  for (long j = 0;; ++j) {
    const Real r = n_mu + static_cast<Real>(j) * theta;  // death rate of state n + j
    w *= lambda / r;
    rescale_if_needed();
    // prod_{i<=j} r_i / (r_i + theta) telescopes, since r_i + theta = r_{i+1}.
    const Real p_served = n_mu / (r + theta);
    mean_phase += 1 / (r + theta);
    total += w;
    wait += w;
    queue += static_cast<Real>(j) * w;
    served += w * p_served;
    served_wait += w * p_served * mean_phase;

    if (storing) {
      head.emplace_back(w, rescales);
      head_sum += w;
      if (head.size() >= next_check) {
        const double kept = static_cast<double>(head.size());
        const double cap = poisson_jump_cap((n * mu + kept * theta) * within_s);
        if (kept >= cap) {
          storing = false;
        } else {
          next_check = static_cast<std::size_t>(cap);
        }
      }
    }
    // States further back are answered in time with probability below kPoissonTail and `total`
    // only grows, so (no_wait + head_sum) / total bounds the service level from above. In an
    // overloaded system with long patience this ends the search long before the queue's mode.
    if (bounded && !storing && no_wait + head_sum < (give_up_below - 1e-12) * total) {
      ErlangAChain chain;
      chain.hopeless = true;
      return chain;
    }

    // Death rates grow with j, so past the mode every later weight shrinks at least
    // geometrically with the next birth/death ratio.
    const Real ratio = lambda / (r + theta);
    if (ratio < 1) {
      const Real tail = w * ratio / (1 - ratio);
      const Real queue_tail =
          w * (static_cast<Real>(j) * ratio / (1 - ratio) + ratio / ((1 - ratio) * (1 - ratio)));
      if (tail <= kTailMass * wait && queue_tail <= kTailMass * queue) break;
    }
  }

  ErlangAChain chain;
  chain.no_wait = static_cast<double>(no_wait / total);
  chain.wait_prob = static_cast<double>(wait / total);
  chain.mean_queue = static_cast<double>(queue / total);
  chain.served = static_cast<double>((no_wait + served) / total);
  chain.served_wait = static_cast<double>(served_wait / total);
  chain.queue_head.reserve(head.size());
  for (const auto& [weight, taken_at] : head) {
    const Real scaled = std::ldexp(weight, -kRescaleExp * (rescales - taken_at));
    chain.queue_head.push_back(static_cast<double>(scaled / total));
  }
  return chain;
}

QueueFigures erlang_a_from_chain(const ErlangAChain& chain, double lambda, double mu, double theta,
                                 int n, double within_s) {
  QueueFigures f;
  f.wait_prob = chain.wait_prob;
  f.abandonment = theta * chain.mean_queue / lambda;
  f.mean_wait_s = chain.mean_queue / lambda;
  f.asa_s = chain.served_wait / chain.served;
  f.occupancy = lambda * (1.0 - f.abandonment) / (n * mu);
  f.stable = true;
  f.service_level = std::isfinite(within_s)
                        ? chain.no_wait + served_within(chain.queue_head, n * mu, theta, within_s)
                        : chain.served;
  return f;
}

}  // namespace

double erlang_b(int agents, double offered_erlangs) {
  assert(agents >= 0 && offered_erlangs >= 0);
  double b = 1.0;
  for (int k = 1; k <= agents; ++k) b = offered_erlangs * b / (k + offered_erlangs * b);
  return b;
}

double erlang_c(int agents, double offered_erlangs) {
  assert(agents >= 0 && offered_erlangs >= 0);
  if (offered_erlangs >= agents) return 1.0;
  const double b = erlang_b(agents, offered_erlangs);
  return agents * b / (agents - offered_erlangs * (1.0 - b));
}

QueueFigures erlang_c_figures(double rate, double mean_handle_s, int agents, double within_s) {
  assert(rate >= 0 && mean_handle_s > 0 && agents >= 1 && within_s >= 0);
  const double a = rate * mean_handle_s;
  QueueFigures f;
  if (a >= agents) {
    f.stable = false;
    f.wait_prob = 1.0;
    f.asa_s = kInfinity;
    f.mean_wait_s = kInfinity;
    f.service_level = 0.0;
    f.occupancy = 1.0;
    return f;
  }
  const double c = erlang_c(agents, a);
  const double drain = agents / mean_handle_s - rate;
  f.wait_prob = c;
  f.mean_wait_s = c / drain;
  f.asa_s = f.mean_wait_s;
  f.service_level = 1.0 - c * std::exp(-drain * within_s);
  f.abandonment = 0.0;
  f.occupancy = a / agents;
  return f;
}

QueueFigures erlang_a_figures(double rate, double mean_handle_s, int agents, double mean_patience_s,
                              double within_s) {
  assert(rate >= 0 && mean_handle_s > 0 && agents >= 1 && mean_patience_s > 0 && within_s >= 0);
  if (rate == 0) {
    QueueFigures f;
    f.service_level = 1.0;
    return f;
  }
  const double mu = 1.0 / mean_handle_s;
  const double theta = 1.0 / mean_patience_s;
  return erlang_a_from_chain(solve_erlang_a_chain(rate, mu, theta, agents, within_s), rate, mu,
                             theta, agents, within_s);
}

int smallest_agents(double rate, double mean_handle_s, double within_s, double target_service_level,
                    std::optional<double> max_abandonment, std::optional<double> mean_patience_s) {
  assert(rate >= 0 && mean_handle_s > 0 && within_s >= 0);
  assert(target_service_level < 1.0);
  assert(!max_abandonment || *max_abandonment > 0);
  const double a = rate * mean_handle_s;
  if (!mean_patience_s) {
    // Erlang C has no abandonment, so only the service level decides.
    for (int n = static_cast<int>(std::floor(a)) + 1;; ++n) {
      if (erlang_c_figures(rate, mean_handle_s, n, within_s).service_level >=
          target_service_level) {
        return n;
      }
    }
  }
  if (rate == 0) return 1;
  assert(*mean_patience_s > 0);
  const double mu = 1.0 / mean_handle_s;
  const double theta = 1.0 / *mean_patience_s;
  // Answered customers leave at most n mu per second, so service_level <= 1 - P(abandon) <= n / a
  // and P(abandon) >= 1 - n / a: every n below these bounds fails without solving the chain. The
  // relative margin keeps an exactly representable bound from skipping a candidate.
  const double needed = a * std::max(target_service_level, 1.0 - max_abandonment.value_or(1.0));
  const int first = std::max(1, static_cast<int>(std::ceil(needed * (1.0 - 1e-12))));
  for (int n = first;; ++n) {
    const ErlangAChain chain =
        solve_erlang_a_chain(rate, mu, theta, n, within_s, target_service_level);
    if (chain.hopeless) continue;
    const double abandonment = theta * chain.mean_queue / rate;
    if (max_abandonment && abandonment > *max_abandonment) continue;
    // The uniformization is the expensive part; skip it while the bound already fails. The
    // margin absorbs rounding so a candidate that exactly meets the target is still evaluated.
    if (chain.served < target_service_level - 1e-12) continue;
    if (erlang_a_from_chain(chain, rate, mu, theta, n, within_s).service_level >=
        target_service_level) {
      return n;
    }
  }
}

int smallest_servers(double rate, double mean_handle_s, const SizingTarget& target,
                     std::optional<double> mean_patience_s) {
  assert(rate >= 0 && mean_handle_s > 0);
  const double a = rate * mean_handle_s;
  assert(a <= kMaxServers);
  if (rate == 0) return 0;
  const double sl = target.service_level.value_or(0.0);
  const bool erlang_a = mean_patience_s.has_value();
  const double theta = erlang_a ? 1.0 / *mean_patience_s : 0.0;
  const double mu = 1.0 / mean_handle_s;
  // Flow bounds: Erlang C needs n > a; with abandonment the answered share is at most n / a.
  int first = 1;
  if (!erlang_a) {
    first = static_cast<int>(std::floor(a)) + 1;
  } else {
    const double needed = a * std::max(sl, 1.0 - target.max_abandonment.value_or(1.0));
    first = std::max(1, static_cast<int>(std::ceil(needed * (1.0 - 1e-12))));
  }
  if (target.max_occupancy && !erlang_a)
    first = std::max(first, static_cast<int>(std::ceil(a / *target.max_occupancy - 1e-9)));
  const auto meets = [&](int n) {
    if (!erlang_a) {
      const QueueFigures f = erlang_c_figures(rate, mean_handle_s, n, target.within_s);
      return f.stable && f.service_level >= sl;
    }
    const ErlangAChain chain =
        solve_erlang_a_chain(rate, mu, theta, n, target.within_s, target.service_level ? sl : 0);
    if (chain.hopeless) return false;
    const double abandonment = theta * chain.mean_queue / rate;
    if (target.max_abandonment && abandonment > *target.max_abandonment) return false;
    if (target.max_occupancy && a * (1 - abandonment) / n > *target.max_occupancy + 1e-12)
      return false;
    if (!target.service_level) return true;
    if (chain.served < sl - 1e-12) return false;
    return erlang_a_from_chain(chain, rate, mu, theta, n, target.within_s).service_level >= sl;
  };
  if (first > kMaxServers) return -1;
  if (meets(first)) return first;
  // Invariant: meets(low) is false; find a high that meets by doubling the step, then bisect.
  int low = first, step = 1;
  int high = -1;
  while (high < 0) {
    const long candidate = static_cast<long>(low) + step;
    if (candidate > kMaxServers) {
      if (low == kMaxServers || !meets(kMaxServers)) return -1;
      high = kMaxServers;
      break;
    }
    if (meets(static_cast<int>(candidate))) {
      high = static_cast<int>(candidate);
    } else {
      low = static_cast<int>(candidate);
      step *= 2;
    }
  }
  while (high - low > 1) {
    const int middle = low + (high - low) / 2;
    (meets(middle) ? high : low) = middle;
  }
  return high;
}

std::vector<double> priority_mean_waits(const std::vector<double>& rates, double mean_handle_s,
                                        int agents) {
  assert(mean_handle_s > 0 && agents >= 1);
  double total = 0.0;
  for (double r : rates) {
    assert(r >= 0);
    total += r;
  }
  const double n_mu = agents / mean_handle_s;
  const double c = erlang_c(agents, total * mean_handle_s);
  std::vector<double> waits;
  waits.reserve(rates.size());
  double before = 0.0;  // s_{k-1}
  for (double r : rates) {
    const double through = before + r / n_mu;  // s_k
    waits.push_back(through < 1.0 ? c / n_mu / ((1.0 - before) * (1.0 - through)) : kInfinity);
    before = through;
  }
  return waits;
}

}  // namespace supportsim
