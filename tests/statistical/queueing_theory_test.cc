// Statistical validation: simulated queue metrics against exact closed forms (Erlang C,
// Erlang A, non-preemptive priority M/M/n), with enough volume that a wrong model fails.
// Each check asserts that theory lies within 3 standard errors of the simulated mean, and that
// 3 standard errors are a small share of the value (so the check has power).

#include <gtest/gtest.h>

#include <cmath>

#include "sim/analytic/erlang.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using testing::simulate;
using testing::single_queue_toml;

// Theory within 3 standard errors of the mean, and 3 SE at most `max_relative` of theory.
void expect_matches(const Estimate& e, double theory, double max_relative, const char* what) {
  testing::expect_near_theory(e, theory, max_relative * theory, what);
}

TEST(QueueingTheory, ErlangCMatchesExactFormulas) {
  // M/M/100, 95 erlangs (1900/h x 3 min): P(wait) ~ 0.5, ASA ~ 18 s. Near saturation the
  // waits are very variable, hence the volume (about 3.6 million cases).
  const auto sim = simulate(single_queue_toml("1900/h", "3m", 100, "", "2d", "2h", 40));
  const QueueFigures theory = erlang_c_figures(1900.0 / 3600, 180, 100, 20);
  expect_matches(sim("channels", "phone", "wait_prob"), theory.wait_prob, 0.05, "wait_prob");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.10, "asa_s");
  expect_matches(sim("channels", "phone", "service_level"), theory.service_level, 0.03,
                 "service_level");
  expect_matches(sim("channels", "phone", "occupancy"), theory.occupancy, 0.01, "occupancy");
  EXPECT_EQ(sim("channels", "phone", "abandoned").mean, 0);
}

TEST(QueueingTheory, SmallErlangCMatchesExactFormulas) {
  // M/M/10 at 8 erlangs: C(10, 8) = 0.409, strong queueing in a small team.
  const auto sim = simulate(single_queue_toml("160/h", "3m", 10, "", "2w", "1d", 20));
  const QueueFigures theory = erlang_c_figures(160.0 / 3600, 180, 10, 20);
  expect_matches(sim("channels", "phone", "wait_prob"), theory.wait_prob, 0.05, "wait_prob");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.08, "asa_s");
  expect_matches(sim("channels", "phone", "service_level"), theory.service_level, 0.03,
                 "service_level");
  expect_matches(sim("channels", "phone", "occupancy"), theory.occupancy, 0.01, "occupancy");
}

TEST(QueueingTheory, ChatConcurrencyActsAsServersPerAgent) {
  // 5 chat agents holding 2 sessions each are 10 fixed slots: M/M/10 at 8 erlangs.
  std::string toml = single_queue_toml("160/h", "3m", 5, "", "2w", "1d", 20);
  const std::string kind = "kind = \"agents\"";
  toml.replace(toml.find(kind), kind.size(), kind + "\nconcurrency = 2");
  const auto sim = simulate(toml);
  const QueueFigures theory = erlang_c_figures(160.0 / 3600, 180, 10, 20);
  expect_matches(sim("channels", "phone", "wait_prob"), theory.wait_prob, 0.05, "wait_prob");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.08, "asa_s");
  expect_matches(sim("channels", "phone", "occupancy"), theory.occupancy, 0.01, "occupancy");
}

TEST(QueueingTheory, ErlangAMatchesExactFormulas) {
  // M/M/100+M, 95 erlangs, mean patience 5 min.
  const auto sim = simulate(single_queue_toml("1900/h", "3m", 100, "5m", "24h", "2h", 32));
  const QueueFigures theory = erlang_a_figures(1900.0 / 3600, 180, 100, 300, 20);
  expect_matches(sim("channels", "phone", "wait_prob"), theory.wait_prob, 0.05, "wait_prob");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.10, "asa_s");
  expect_matches(sim("channels", "phone", "mean_wait_s"), theory.mean_wait_s, 0.10, "mean_wait");
  expect_matches(sim("channels", "phone", "service_level"), theory.service_level, 0.02,
                 "service_level");
  expect_matches(sim("channels", "phone", "abandonment"), theory.abandonment, 0.10, "abandonment");
  expect_matches(sim("channels", "phone", "occupancy"), theory.occupancy, 0.01, "occupancy");
}

TEST(QueueingTheory, OverloadedErlangAMatchesExactFormulas) {
  // 55 erlangs on 50 agents with 2 min patience: stable only through abandonment (~10%).
  const auto sim = simulate(single_queue_toml("1100/h", "3m", 50, "2m", "2d", "4h", 32));
  const QueueFigures theory = erlang_a_figures(1100.0 / 3600, 180, 50, 120, 20);
  expect_matches(sim("channels", "phone", "abandonment"), theory.abandonment, 0.03, "abandonment");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.03, "asa_s");
  expect_matches(sim("channels", "phone", "mean_wait_s"), theory.mean_wait_s, 0.03, "mean_wait");
  expect_matches(sim("channels", "phone", "service_level"), theory.service_level, 0.05,
                 "service_level");
  expect_matches(sim("channels", "phone", "occupancy"), theory.occupancy, 0.01, "occupancy");
}

TEST(QueueingTheory, PriorityClassesMatchNonPreemptivePriorityFormula) {
  // Two segments share 10 agents (8.5 erlangs); "vip" has priority. Cobham's formula gives the
  // mean wait of each class; FCFS would give both the same wait.
  const std::string toml = R"(
[run]
horizon = "2w"
warmup = "1d"
replications = 40
[[segment]]
name = "vip"
arrival_rate = "68/h"
priority = 1
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[segment]]
name = "standard"
arrival_rate = "102/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 10
)";
  const auto sim = simulate(toml);
  const std::vector<double> waits = priority_mean_waits({68.0 / 3600, 102.0 / 3600}, 180, 10);
  expect_matches(sim("segments", "vip", "mean_wait_s"), waits[0], 0.08, "vip wait");
  expect_matches(sim("segments", "standard", "mean_wait_s"), waits[1], 0.08, "standard wait");
}

// A deferred channel worked around the clock by c agents, Poisson arrivals, exponential handle
// times and one touch is M/M/c: first-response times are Erlang C waits, P(W > t) = C e^{-(c mu -
// lambda) t}, and the backlog obeys Little's law.
TEST(QueueingTheory, DeferredChannelIsErlangC) {
  std::string toml = single_queue_toml("160/h", "3m", 10, "", "2w", "1d", 20);
  const std::string kind = "kind = \"agents\"";
  toml.replace(toml.find(kind), kind.size(), kind + "\nmode = \"deferred\"");
  toml += "[targets.phone]\nfirst_response_within = \"1m\"\n";
  const auto sim = simulate(toml);
  const double rate = 160.0 / 3600, mu = 1.0 / 180, decay = 10 * mu - rate;
  const double c = erlang_c(10, rate / mu);
  expect_matches(sim("channels", "phone", "first_response_mean_s"), c / decay, 0.08,
                 "first response mean");
  expect_matches(sim("channels", "phone", "first_response_level"), 1 - c * std::exp(-decay * 60),
                 0.02, "first response level");
  expect_matches(sim("channels", "phone", "first_response_p90_s"), std::log(c / 0.1) / decay, 0.08,
                 "first response p90");
  expect_matches(sim("channels", "phone", "backlog_mean"), rate * c / decay, 0.08, "backlog mean");
  expect_matches(sim("channels", "phone", "occupancy"), rate / mu / 10, 0.01, "occupancy");
  EXPECT_EQ(sim("channels", "phone", "abandoned").mean, 0);
}

// A blended team serving calls before emails is a non-preemptive priority M/M/n: calls are the
// high class, emails the low class, whatever their arrival order (Cobham's formula).
TEST(QueueingTheory, BlendedTeamServesLiveWorkFirstAsPriorityFormulaSays) {
  const std::string toml = R"(
[run]
horizon = "2w"
warmup = "1d"
replications = 40
[[segment]]
name = "customers"
arrival_rate = "170/h"
entry = { phone = 0.4, email = 0.6 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "email"
kind = "agents"
mode = "deferred"
[[group]]
name = "blended"
channels = ["email", "phone"]
agents = 10
)";
  const auto sim = simulate(toml);
  const std::vector<double> waits = priority_mean_waits({68.0 / 3600, 102.0 / 3600}, 180, 10);
  expect_matches(sim("channels", "phone", "mean_wait_s"), waits[0], 0.08, "call wait");
  expect_matches(sim("channels", "email", "first_response_mean_s"), waits[1], 0.08,
                 "email first response");
}

// Callbacks offered at once to every caller who waits, accepted by all: nobody abandons, and the
// queue is Erlang C's although every caller has a patience of 1 minute.
TEST(QueueingTheory, CallbacksForEveryWaitingCallerGiveErlangC) {
  std::string toml = single_queue_toml("160/h", "3m", 10, "1m", "2w", "1d", 20);
  const std::string kind = "kind = \"agents\"";
  toml.replace(toml.find(kind), kind.size(),
               kind + "\ncallback_after = \"0s\"\ncallback_share = 1\ncallback_connect = \"0s\"");
  const auto sim = simulate(toml);
  const QueueFigures theory = erlang_c_figures(160.0 / 3600, 180, 10, 20);
  EXPECT_EQ(sim("channels", "phone", "abandoned").mean, 0);
  expect_matches(sim("channels", "phone", "wait_prob"), theory.wait_prob, 0.05, "wait_prob");
  expect_matches(sim("channels", "phone", "asa_s"), theory.asa_s, 0.08, "asa_s");
  expect_matches(sim("channels", "phone", "callback_wait_mean_s"), theory.asa_s / theory.wait_prob,
                 0.08, "callback wait");
}

}  // namespace
}  // namespace supportsim
