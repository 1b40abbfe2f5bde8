#include "sim/analytic/erlang.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace supportsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// Independent references, written the naive way on purpose: factorial sums, explicit products,
// closed-form hypoexponential densities and an ODE solver, all in long double.

long double naive_erlang_b(int n, long double a) {
  long double term = 1, sum = 1;
  for (int k = 1; k <= n; ++k) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

// C = (a^n / n!) (n / (n - a)) / (sum_{k<n} a^k / k! + that).
long double naive_erlang_c(int n, long double a) {
  long double term = 1, below = 0;
  for (int k = 0; k < n; ++k) {
    below += term;
    term *= a / (k + 1);
  }
  const long double top = term * n / (n - a);
  return top / (below + top);
}

// Log-space reference for large n: log(a^k / k!) via lgammal.
long double log_space_erlang_c(int n, long double a) {
  const auto log_term = [a](int k) { return k * std::log(a) - std::lgamma(k + 1.0L); };
  const long double log_top = log_term(n) + std::log(n / (n - a));
  long double sum = 0;
  for (int k = 0; k < n; ++k) sum += std::exp(log_term(k) - log_top);
  return 1 / (sum + 1);
}

// Stationary law of M/M/n+M by explicit products, truncated at `states`.
std::vector<long double> naive_stationary(long double lambda, long double mu, long double theta,
                                          int n, int states) {
  std::vector<long double> w = {1};
  long double sum = 1;
  for (int k = 1; k < states; ++k) {
    const long double death = std::min(k, n) * mu + std::max(k - n, 0) * theta;
    w.push_back(w.back() * lambda / death);
    sum += w.back();
  }
  for (auto& x : w) x /= sum;
  return w;
}

struct BruteErlangA {
  long double wait_prob = 0;
  long double abandonment = 0;  // sum over j of pi_{n+j} P(abandon | j ahead)
  long double asa = 0;
  long double service_level = 0;
};

// Served-within-t through the hypoexponential density of T_j = sum_i Exp(r_i) with the distinct
// rates r_i = n mu + i theta: f(s) = sum_i c_i exp(-r_i s), c_i = prod_k r_k / prod_{k != i}
// (r_k - r_i). Integrating exp(-theta s) f(s) in closed form gives P(served), E[W 1{served}] and
// P(served, W <= t). Only usable for small j (alternating sums), which is all the small case needs.
BruteErlangA hypoexponential_erlang_a(long double lambda, long double mu, long double theta, int n,
                                      long double t, int max_ahead) {
  const std::vector<long double> pi = naive_stationary(lambda, mu, theta, n, n + max_ahead + 1);
  BruteErlangA out;
  long double served = 0, served_wait = 0;
  for (int k = 0; k < n; ++k) {
    served += pi[k];
    out.service_level += pi[k];
  }
  for (int j = 0; j <= max_ahead; ++j) {
    std::vector<long double> r;
    for (int i = 0; i <= j; ++i) r.push_back(n * mu + i * theta);
    long double prod = 1;
    for (long double x : r) prod *= x;
    long double p_served = 0, wait_served = 0, within = 0;
    for (int i = 0; i <= j; ++i) {
      long double c = prod;
      for (int k = 0; k <= j; ++k) {
        if (k != i) c /= r[k] - r[i];
      }
      const long double q = r[i] + theta;
      p_served += c / q;
      wait_served += c / (q * q);
      within += c * (1 - std::exp(-q * t)) / q;
    }
    const long double p = pi[n + j];
    out.wait_prob += p;
    out.abandonment += p * (1 - p_served);
    served += p * p_served;
    served_wait += p * wait_served;
    out.service_level += p * within;
  }
  out.asa = served_wait / served;
  return out;
}

// P(served, W <= t) by integrating the backward equations of the position chain with RK4:
// F_j' = r_j (F_{j-1} - F_j) - theta F_j, F_{-1} = 1, F_j(0) = 0. Works for any queue length.
long double ode_service_level(long double lambda, long double mu, long double theta, int n,
                              long double t, int max_ahead, int steps) {
  const std::vector<long double> pi = naive_stationary(lambda, mu, theta, n, n + max_ahead + 1);
  const auto deriv = [&](const std::vector<long double>& f) {
    std::vector<long double> d(f.size());
    for (std::size_t j = 0; j < f.size(); ++j) {
      const long double ahead = j == 0 ? 1 : f[j - 1];
      d[j] = (n * mu + j * theta) * (ahead - f[j]) - theta * f[j];
    }
    return d;
  };
  std::vector<long double> f(max_ahead + 1, 0);
  const long double h = t / steps;
  for (int s = 0; s < steps; ++s) {
    auto axpy = [&](const std::vector<long double>& k, long double c) {
      std::vector<long double> y = f;
      for (std::size_t j = 0; j < y.size(); ++j) y[j] += c * k[j];
      return y;
    };
    const auto k1 = deriv(f);
    const auto k2 = deriv(axpy(k1, h / 2));
    const auto k3 = deriv(axpy(k2, h / 2));
    const auto k4 = deriv(axpy(k3, h));
    for (std::size_t j = 0; j < f.size(); ++j) {
      f[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }
  }
  long double sl = 0;
  for (int k = 0; k < n; ++k) sl += pi[k];
  for (int j = 0; j <= max_ahead; ++j) sl += pi[n + j] * f[j];
  return sl;
}

// ---------------------------------------------------------------------------------------------
// Erlang B and C.

struct PublishedCase {
  int agents;
  double erlangs;
  double value;
  double tolerance;
};

TEST(ErlangB, MatchesPublishedTables) {
  // Standard Erlang B table entries; each also re-derived with 50-digit arithmetic.
  const PublishedCase cases[] = {
      {10, 5.0, 0.018384570336648, 1e-14},  // tables: 0.01838
      {1, 1.0, 0.5, 1e-15},                 // a / (1 + a)
      {2, 1.0, 0.2, 1e-15},                 // (1/2) / (1 + 1 + 1/2)
      {0, 3.0, 1.0, 0},                     // no servers: everything is lost
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(erlang_b(c.agents, c.erlangs), c.value, c.tolerance)
        << "n=" << c.agents << " a=" << c.erlangs;
  }
}

TEST(ErlangB, MatchesFactorialSum) {
  for (int n : {1, 2, 3, 5, 10, 20, 40}) {
    for (double a : {0.1, 0.9, 2.5, 7.0, 15.0, 33.3}) {
      EXPECT_NEAR(erlang_b(n, a), static_cast<double>(naive_erlang_b(n, a)), 1e-14)
          << "n=" << n << " a=" << a;
    }
  }
}

TEST(ErlangC, MatchesPublishedValues) {
  const PublishedCase cases[] = {
      {10, 8.0, 0.409180150796444, 1e-14},  // tables: 0.409
      {2, 1.0, 1.0 / 3.0, 1e-15},           // 2 B / (2 - (1 - B)) with B = 0.2
      {1, 0.7, 0.7, 1e-15},                 // M/M/1: P(wait) = rho
      {11, 10.0, 0.682118204689, 1e-12},    // 100 calls / 30 min, AHT 180 s, 11 agents
      {14, 10.0, 0.174131933595, 1e-12},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(erlang_c(c.agents, c.erlangs), c.value, c.tolerance)
        << "n=" << c.agents << " a=" << c.erlangs;
  }
}

TEST(ErlangC, MatchesFactorialSum) {
  for (int n : {1, 2, 3, 5, 10, 20, 40}) {
    for (double fraction : {0.05, 0.5, 0.8, 0.95, 0.999}) {
      const double a = fraction * n;
      EXPECT_NEAR(erlang_c(n, a), static_cast<double>(naive_erlang_c(n, a)), 1e-13)
          << "n=" << n << " a=" << a;
    }
  }
}

TEST(ErlangC, IsOneWhenOverloadedAndZeroWithoutLoad) {
  EXPECT_EQ(erlang_c(10, 10.0), 1.0);
  EXPECT_EQ(erlang_c(10, 12.5), 1.0);
  EXPECT_EQ(erlang_c(10, 0.0), 0.0);
}

TEST(ErlangC, LargeSystemsMatchLogSpaceSum) {
  for (int n : {500, 2000, 5000}) {
    const double a = 0.97 * n;
    const double c = erlang_c(n, a);
    EXPECT_TRUE(std::isfinite(c));
    EXPECT_NEAR(c, static_cast<double>(log_space_erlang_c(n, a)), 1e-12) << "n=" << n;
    EXPECT_TRUE(std::isfinite(erlang_b(n, 1.1 * n)));
  }
}

TEST(ErlangCFigures, ClassicHundredCallsPerHalfHour) {
  // 100 calls in 30 min, AHT 180 s: 10 erlangs; target 80% answered within 20 s.
  const double rate = 100.0 / 1800.0;
  struct Row {
    int agents;
    double wait_prob, asa_s, service_level;
  };
  const Row rows[] = {
      {11, 0.682118204689, 122.781276844, 0.389613811729},
      {12, 0.449388224298, 40.4449401868, 0.640158040374},
      {13, 0.285270453036, 17.1162271822, 0.795594788418},
      {14, 0.174131933595, 7.83593701178, 0.888350019179},
  };
  for (const auto& r : rows) {
    const QueueFigures f = erlang_c_figures(rate, 180, r.agents, 20);
    EXPECT_TRUE(f.stable);
    EXPECT_NEAR(f.wait_prob, r.wait_prob, 1e-11) << r.agents;
    EXPECT_NEAR(f.asa_s, r.asa_s, 1e-8) << r.agents;
    EXPECT_DOUBLE_EQ(f.mean_wait_s, f.asa_s) << r.agents;
    EXPECT_NEAR(f.service_level, r.service_level, 1e-11) << r.agents;
    EXPECT_EQ(f.abandonment, 0.0);
    EXPECT_DOUBLE_EQ(f.occupancy, 10.0 / r.agents);
  }
  EXPECT_EQ(smallest_agents(rate, 180, 20, 0.8, std::nullopt, std::nullopt), 14);
}

TEST(ErlangCFigures, MM1ClosedForm) {
  // M/M/1: Wq = rho / (mu - lambda), P(W > t) = rho exp(-(mu - lambda) t).
  const QueueFigures f = erlang_c_figures(0.5, 1.0, 1, 3.0);
  EXPECT_NEAR(f.wait_prob, 0.5, 1e-15);
  EXPECT_NEAR(f.mean_wait_s, 1.0, 1e-15);
  EXPECT_NEAR(f.service_level, 1 - 0.5 * std::exp(-1.5), 1e-15);
}

TEST(ErlangCFigures, UnstableSystem) {
  const QueueFigures f = erlang_c_figures(1.0, 10.0, 10, 20);
  EXPECT_FALSE(f.stable);
  EXPECT_EQ(f.wait_prob, 1.0);
  EXPECT_EQ(f.service_level, 0.0);
  EXPECT_EQ(f.asa_s, kInf);
  EXPECT_EQ(f.mean_wait_s, kInf);
}

// ---------------------------------------------------------------------------------------------
// Erlang A.

TEST(ErlangA, PatienceEqualToHandleTimeIsPoissonInSystem) {
  // With theta == mu every customer in the system leaves at rate mu, so N ~ Poisson(a):
  // P(wait) = P(N >= n) and P(abandon) = theta E[(N - n)^+] / lambda = E[(N - n)^+] / a.
  struct Case {
    int agents;
    double erlangs;
  };
  for (const Case c : {Case{3, 2.5}, Case{10, 8.0}, Case{10, 14.0}, Case{50, 45.0}}) {
    const double handle = 120;
    const QueueFigures f = erlang_a_figures(c.erlangs / handle, handle, c.agents, handle, 20);
    long double p = std::exp(-static_cast<long double>(c.erlangs)), below = 0, excess = 0;
    for (int k = 0; k < 400; ++k) {
      if (k < c.agents) below += p;
      if (k > c.agents) excess += (k - c.agents) * p;
      p *= c.erlangs / (k + 1);
    }
    EXPECT_NEAR(f.wait_prob, static_cast<double>(1 - below), 1e-13) << c.agents;
    EXPECT_NEAR(f.abandonment, static_cast<double>(excess / c.erlangs), 1e-13) << c.agents;
    EXPECT_NEAR(f.mean_wait_s, static_cast<double>(excess / c.erlangs) * handle, 1e-10);
  }
}

TEST(ErlangA, SmallCaseMatchesHypoexponentialQuadrature) {
  // n = 3, lambda = 2.5/min, mu = 1/min, theta = 0.5/min, t = 0.3 min, in seconds.
  const long double lambda = 2.5L / 60, mu = 1.0L / 60, theta = 0.5L / 60;
  const QueueFigures f = erlang_a_figures(2.5 / 60, 60, 3, 120, 18);
  const BruteErlangA b = hypoexponential_erlang_a(lambda, mu, theta, 3, 18, 30);
  EXPECT_NEAR(f.wait_prob, static_cast<double>(b.wait_prob), 1e-13);
  EXPECT_NEAR(f.abandonment, static_cast<double>(b.abandonment), 1e-13);
  EXPECT_NEAR(f.asa_s, static_cast<double>(b.asa), 1e-10);
  EXPECT_NEAR(f.service_level, static_cast<double>(b.service_level), 1e-13);

  // Same case with 50-digit arithmetic (mpmath, same closed forms), minutes converted to seconds.
  EXPECT_NEAR(f.wait_prob, 0.50796828073265794, 1e-14);
  EXPECT_NEAR(f.abandonment, 0.1304967774701392, 1e-14);
  EXPECT_NEAR(f.asa_s, 0.23117397392993769 * 60, 1e-11);
  EXPECT_NEAR(f.mean_wait_s, 0.2609935549402784 * 60, 1e-11);
  EXPECT_NEAR(f.service_level, 0.63993776846827142, 1e-14);
  EXPECT_NEAR(f.occupancy, 0.724586018774884, 1e-14);
}

TEST(ErlangA, ServiceLevelMatchesOdeIntegration) {
  struct Case {
    double erlangs;
    int agents;
    double handle_s, patience_s, within_s;
    int queue_states, ode_steps;
  };
  const Case cases[] = {
      // 20 erlangs on 10 agents: the queue holds ~35 customers, far past where the alternating
      // hypoexponential sum can be trusted.
      {20, 10, 180, 600, 5, 160, 250},
      {20, 10, 180, 600, 20, 160, 1000},
      {20, 10, 180, 600, 120, 160, 6000},
      // Large and underloaded: the threshold spans many queue moves.
      {95, 100, 180, 300, 20, 300, 4000},
      // Patience shorter than the threshold: the whole queue stays relevant.
      {20, 10, 180, 30, 60, 80, 6000},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message()
                 << "a=" << c.erlangs << " n=" << c.agents << " within=" << c.within_s);
    const QueueFigures f =
        erlang_a_figures(c.erlangs / c.handle_s, c.handle_s, c.agents, c.patience_s, c.within_s);
    const long double h = c.handle_s;
    const long double expected =
        ode_service_level(c.erlangs / h, 1 / h, 1 / static_cast<long double>(c.patience_s),
                          c.agents, c.within_s, c.queue_states, c.ode_steps);
    EXPECT_NEAR(f.service_level, static_cast<double>(expected), 1e-12);
  }
}

TEST(ErlangA, ConvergesToErlangCAsPatienceGrows) {
  const double rate = 10.0 / 180;
  for (int agents : {11, 12, 14}) {
    SCOPED_TRACE(agents);
    const QueueFigures c = erlang_c_figures(rate, 180, agents, 20);
    const QueueFigures a = erlang_a_figures(rate, 180, agents, 1e9, 20);
    EXPECT_NEAR(a.wait_prob, c.wait_prob, 1e-6);
    EXPECT_NEAR(a.service_level, c.service_level, 1e-6);
    EXPECT_NEAR(a.occupancy, c.occupancy, 1e-6);
    EXPECT_LT(a.abandonment, 1e-6);
    // The gap is first order in theta: at 11 agents the waits differ by 4.4e-6 relative at
    // theta = 1e-9/s and by a thousand times less at 1e-12/s.
    EXPECT_NEAR(a.asa_s / c.asa_s, 1.0, 1e-5);
    EXPECT_NEAR(a.mean_wait_s / c.mean_wait_s, 1.0, 1e-5);
    const QueueFigures far = erlang_a_figures(rate, 180, agents, 1e12, 20);
    EXPECT_NEAR(far.asa_s / c.asa_s, 1.0, 1e-8);
    EXPECT_NEAR(far.mean_wait_s / c.mean_wait_s, 1.0, 1e-8);
    EXPECT_NEAR(far.wait_prob, c.wait_prob, 1e-9);
    EXPECT_NEAR(far.service_level, c.service_level, 1e-9);
  }
}

TEST(ErlangA, FlowIdentities) {
  struct Case {
    double erlangs;
    int agents;
    double handle_s, patience_s, within_s;
  };
  const Case cases[] = {
      {2.5, 3, 60, 120, 18}, {95, 100, 180, 300, 20},  {120, 100, 180, 300, 20},
      {8, 10, 300, 30, 10},  {100, 50, 180, 3600, 60}, {0.01, 1, 60, 60, 0},
  };
  for (const auto& c : cases) {
    const double rate = c.erlangs / c.handle_s;
    const QueueFigures f = erlang_a_figures(rate, c.handle_s, c.agents, c.patience_s, c.within_s);
    SCOPED_TRACE(testing::Message() << "a=" << c.erlangs << " n=" << c.agents);
    EXPECT_TRUE(f.stable);
    // Little on the queue: abandonment rate theta E[Q] over arrival rate.
    EXPECT_NEAR(f.abandonment, f.mean_wait_s / c.patience_s, 1e-12);
    // Served throughput equals busy agents times service rate.
    EXPECT_NEAR(f.occupancy * c.agents / c.handle_s, rate * (1 - f.abandonment), 1e-12 * rate);
    EXPECT_LE(f.service_level, 1 - f.abandonment + 1e-12);
    EXPECT_LE(f.occupancy, 1.0 + 1e-12);
    // With an unbounded threshold every served customer counts: P(served) = 1 - P(abandon), which
    // the served side computes from the product formula and the abandon side from E[Q].
    const QueueFigures all = erlang_a_figures(rate, c.handle_s, c.agents, c.patience_s, kInf);
    EXPECT_NEAR(all.service_level, 1 - f.abandonment, 1e-12);
    const QueueFigures late = erlang_a_figures(rate, c.handle_s, c.agents, c.patience_s, 1e6);
    EXPECT_NEAR(late.service_level, 1 - f.abandonment, 1e-12);
  }
}

TEST(ErlangA, ZeroThresholdCountsOnlyImmediateAnswers) {
  const QueueFigures f = erlang_a_figures(95.0 / 180, 180, 100, 300, 0);
  EXPECT_NEAR(f.service_level, 1 - f.wait_prob, 1e-15);
}

TEST(ErlangA, ServiceLevelGrowsWithThreshold) {
  double previous = 0;
  for (double within : {0.0, 1.0, 5.0, 20.0, 60.0, 300.0}) {
    const double sl = erlang_a_figures(95.0 / 180, 180, 100, 300, within).service_level;
    EXPECT_GT(sl, previous) << within;
    previous = sl;
  }
}

TEST(ErlangA, LargeSystemIsFiniteAndMonotoneInAgents) {
  const double rate = 95.0 / 180;
  QueueFigures previous = erlang_a_figures(rate, 180, 80, 300, 20);
  for (int agents = 81; agents <= 120; ++agents) {
    const QueueFigures f = erlang_a_figures(rate, 180, agents, 300, 20);
    SCOPED_TRACE(agents);
    for (double v :
         {f.wait_prob, f.asa_s, f.mean_wait_s, f.service_level, f.abandonment, f.occupancy}) {
      EXPECT_TRUE(std::isfinite(v));
      EXPECT_GE(v, 0.0);
    }
    EXPECT_LT(f.wait_prob, previous.wait_prob);
    EXPECT_GT(f.service_level, previous.service_level);
    EXPECT_LT(f.abandonment, previous.abandonment);
    EXPECT_LT(f.asa_s, previous.asa_s);
    EXPECT_LT(f.mean_wait_s, previous.mean_wait_s);
    previous = f;
  }
}

TEST(ErlangA, TwoThousandAgentsWithoutOverflow) {
  for (double erlangs : {1900.0, 1990.0, 2100.0}) {
    const QueueFigures f = erlang_a_figures(erlangs / 180, 180, 2000, 300, 20);
    SCOPED_TRACE(erlangs);
    for (double v :
         {f.wait_prob, f.asa_s, f.mean_wait_s, f.service_level, f.abandonment, f.occupancy}) {
      EXPECT_TRUE(std::isfinite(v));
      EXPECT_GE(v, 0.0);
      EXPECT_LE(v, erlangs < 2000 ? 300.0 : 1000.0);
    }
    EXPECT_LE(f.service_level, 1.0);
    EXPECT_NEAR(f.abandonment, f.mean_wait_s / 300, 1e-12);
  }
  // Near Erlang C at scale, too.
  const QueueFigures a = erlang_a_figures(1950.0 / 180, 180, 2000, 1e9, 20);
  const QueueFigures c = erlang_c_figures(1950.0 / 180, 180, 2000, 20);
  EXPECT_NEAR(a.wait_prob, c.wait_prob, 1e-6);
  EXPECT_NEAR(a.service_level, c.service_level, 1e-6);
}

TEST(ErlangA, NoArrivals) {
  const QueueFigures f = erlang_a_figures(0, 180, 3, 300, 20);
  EXPECT_EQ(f.wait_prob, 0.0);
  EXPECT_EQ(f.abandonment, 0.0);
  EXPECT_EQ(f.service_level, 1.0);
  EXPECT_EQ(f.occupancy, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Staffing.

TEST(SmallestAgents, ErlangCIsMinimal) {
  const double rate = 95.0 / 180;
  const int n = smallest_agents(rate, 180, 20, 0.8, std::nullopt, std::nullopt);
  EXPECT_GE(erlang_c_figures(rate, 180, n, 20).service_level, 0.8);
  EXPECT_LT(erlang_c_figures(rate, 180, n - 1, 20).service_level, 0.8);
  EXPECT_GT(n, 95);
}

TEST(SmallestAgents, ErlangCStartsAtTheFirstStableSize) {
  // A zero target is met by any stable system, so the answer is floor(a) + 1.
  EXPECT_EQ(smallest_agents(9.5 / 180, 180, 20, 0.0, std::nullopt, std::nullopt), 10);
  EXPECT_EQ(smallest_agents(10.0 / 180, 180, 20, 0.0, std::nullopt, std::nullopt), 11);
  EXPECT_EQ(smallest_agents(0, 180, 20, 0.8, std::nullopt, std::nullopt), 1);
  EXPECT_EQ(smallest_agents(0, 180, 20, 0.8, std::nullopt, 300.0), 1);
}

TEST(SmallestAgents, ErlangAIsMinimal) {
  struct Case {
    double erlangs, handle_s, within_s, target;
    std::optional<double> max_abandonment;
    double patience_s;
  };
  const Case cases[] = {
      {95, 180, 20, 0.8, std::nullopt, 300},
      {95, 180, 20, 0.5, std::nullopt, 10},  // short patience: fewer agents than erlangs
      {95, 180, 20, 0.5, 0.001, 300},        // the abandonment cap binds
      {95, 180, 20, 0.8, std::nullopt, 1e9},
      {2000, 180, 20, 0.8, std::nullopt, 300},
      {10, 180, 60, 0.9, 0.05, 30},  // patience shorter than the threshold
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message()
                 << "a=" << c.erlangs << " patience=" << c.patience_s << " target=" << c.target);
    const double rate = c.erlangs / c.handle_s;
    const int n =
        smallest_agents(rate, c.handle_s, c.within_s, c.target, c.max_abandonment, c.patience_s);
    const auto meets = [&](int agents) {
      const QueueFigures f = erlang_a_figures(rate, c.handle_s, agents, c.patience_s, c.within_s);
      return f.service_level >= c.target &&
             (!c.max_abandonment || f.abandonment <= *c.max_abandonment);
    };
    EXPECT_TRUE(meets(n));
    EXPECT_FALSE(meets(n - 1));
    // Abandonment relieves the queue, so Erlang A never needs more agents than Erlang C.
    if (!c.max_abandonment) {
      EXPECT_LE(
          n, smallest_agents(rate, c.handle_s, c.within_s, c.target, std::nullopt, std::nullopt));
    }
  }
}

TEST(SmallestAgents, ShortPatienceNeedsFewerAgentsThanErlangs) {
  EXPECT_LT(smallest_agents(95.0 / 180, 180, 20, 0.5, std::nullopt, 10.0), 95);
}

TEST(SmallestAgents, AbandonmentCapCanBind) {
  const double rate = 95.0 / 180;
  const int loose = smallest_agents(rate, 180, 20, 0.5, std::nullopt, 300.0);
  const int n = smallest_agents(rate, 180, 20, 0.5, 0.001, 300.0);
  EXPECT_GT(n, loose);
  EXPECT_LE(erlang_a_figures(rate, 180, n, 300, 20).abandonment, 0.001);
  EXPECT_GT(erlang_a_figures(rate, 180, n - 1, 300, 20).abandonment, 0.001);
}

TEST(SmallestAgents, NearInfinitePatienceGivesTheErlangCAnswer) {
  const double rate = 95.0 / 180;
  EXPECT_EQ(smallest_agents(rate, 180, 20, 0.8, std::nullopt, 1e9),
            smallest_agents(rate, 180, 20, 0.8, std::nullopt, std::nullopt));
}

// ---------------------------------------------------------------------------------------------
// Priority.

TEST(PriorityMeanWaits, OneClassIsErlangC) {
  const std::vector<double> waits = priority_mean_waits({95.0 / 180}, 180, 100);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_NEAR(waits[0], erlang_c_figures(95.0 / 180, 180, 100, 20).mean_wait_s, 1e-9);
}

TEST(PriorityMeanWaits, ConservesTheErlangCMeanWait) {
  const std::vector<std::vector<double>> splits = {{0.2, 0.3}, {0.45, 0.05}, {0.1, 0.15, 0.25}};
  for (const auto& rates : splits) {
    double total = 0;
    for (double r : rates) total += r;
    const std::vector<double> waits = priority_mean_waits(rates, 18, 10);
    double weighted = 0;
    for (std::size_t k = 0; k < rates.size(); ++k) weighted += rates[k] * waits[k];
    EXPECT_NEAR(weighted / total, erlang_c_figures(total, 18, 10, 0).mean_wait_s, 1e-12);
    for (std::size_t k = 1; k < waits.size(); ++k) EXPECT_LT(waits[k - 1], waits[k]);
  }
}

TEST(PriorityMeanWaits, SingleServerMatchesCobham) {
  // M/G/1 non-preemptive priority: W_k = W0 / ((1 - s_{k-1})(1 - s_k)) with the mean residual
  // work W0 = sum lambda_i E[S^2] / 2 = lambda 2 h^2 / 2 for exponential service.
  const double h = 2, l1 = 0.1, l2 = 0.25;
  const double w0 = (l1 + l2) * h * h;
  const std::vector<double> waits = priority_mean_waits({l1, l2}, h, 1);
  EXPECT_NEAR(waits[0], w0 / (1 - l1 * h), 1e-13);
  EXPECT_NEAR(waits[1], w0 / ((1 - l1 * h) * (1 - (l1 + l2) * h)), 1e-13);
}

TEST(PriorityMeanWaits, SaturatedClassesWaitForever) {
  // 12 erlangs on 10 agents: class 1 alone (6 erlangs) is served, class 2 never drains.
  const std::vector<double> waits = priority_mean_waits({6.0 / 180, 6.0 / 180}, 180, 10);
  EXPECT_TRUE(std::isfinite(waits[0]));
  EXPECT_EQ(waits[1], kInf);
}

}  // namespace
}  // namespace supportsim
