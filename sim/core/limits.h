#pragma once
// Every bound on what a scenario may ask for, in one place (documented in scenarios/README.md,
// "Limits"). Two kinds:
//  - representable values (fixed): a duration, rate, amount of money or coefficient of
//    variation outside these bounds would overflow, underflow or lose meaning somewhere in the
//    simulation or its statistics, so the loader refuses it;
//  - work (raisable): how much a run may simulate and hold in memory. The loader estimates the
//    work of a scenario before anything is simulated and refuses what exceeds a limit; a user
//    with a bigger machine raises the limit in [run] (WorkLimits names the keys).

#include <cstdint>

namespace supportsim {

// --- representable values (fixed) ---------------------------------------------------------

// Longest duration anywhere in a scenario (horizon, warm-up, drain limit, every parameter of a
// distribution, every empirical sample): about 31.7 years.
inline constexpr double kMaxDurationS = 1e9;
// A non-zero rate (events per second) is at least this (about 0.0026 per month, once in 32
// years) and at most kMaxRatePerS; 0 means none.
inline constexpr double kMinRatePerS = 1e-9;
inline constexpr double kMaxRatePerS = 1e9;
// Largest amount of money per unit (per session, per hour, per month, per customer).
inline constexpr double kMaxMoney = 1e12;
// A coefficient of variation (lognormal and gamma `cv`, `busyness_cv`, a Weibull shape's cv)
// is 0 where 0 is allowed, else in [kMinCv, kMaxCv]: below, the gamma sampler's shape
// 1/cv^2 overflows; above, samples overflow or are almost all 0.
inline constexpr double kMinCv = 1e-3;
inline constexpr double kMaxCv = 1e3;
// Multipliers of handle times (repeat_penalty, handle_time_factor).
inline constexpr double kMaxHandleTimeMultiplier = 1e3;
// Most moderators of a community channel.
inline constexpr double kMaxModerators = 1e6;
// Churn weights and intercept are at most this in absolute value (the intercept may also be
// -inf: no service churn), so that the logistic's argument stays finite.
inline constexpr double kMaxChurnWeight = 1e3;
// Shortest reporting interval (run.interval).
inline constexpr double kMinIntervalS = 1;
// Most replications of one run (the summary keeps every replication's metrics).
inline constexpr int kMaxReplications = 100'000;
// Sessions one agent may hold at once (`concurrency`), and the largest common multiple of the
// concurrencies of the channels one group answers (capacity is counted in those units).
inline constexpr int kMaxConcurrency = 1'000;
inline constexpr std::int64_t kMaxCapacityUnits = 1'000'000;
// Largest file read: a scenario, an empirical CSV or a schedule CSV.
inline constexpr std::uint64_t kMaxScenarioFileBytes = 16u << 20;
inline constexpr std::uint64_t kMaxDataFileBytes = 256u << 20;

// SimGrid actors one process can hold (one per agent seat, per segment, per channel that is not
// an agents channel, and three more): each actor's stack takes two memory mappings (the stack
// and its guard page), and Linux limits the mappings of a process to vm.max_map_count (65,530
// by default), part of which the program itself uses. Read from /proc/sys/vm/max_map_count;
// 30,000 when it cannot be read.
struct ActorBound {
  std::int64_t actors;
  std::int64_t max_map_count;  // 0 when unknown
};
ActorBound max_actors_per_process();

// --- work (raisable in [run]) -------------------------------------------------------------

struct WorkLimits {
  // run.max_cases: expected cases of all replications together (mean arrival rates over
  // warm-up and horizon, a population's growth included).
  double max_cases = 1e8;
  // run.max_agents: agent seats of one replication: each group's largest head count times the
  // sessions one of its agents can hold at once (every seat is a SimGrid actor, about 9 KB).
  double max_agents = 20'000;
  // run.max_customers: customers of one replication: at the start plus expected acquisitions.
  double max_customers = 10'000'000;
  // run.max_intervals: reporting intervals from time 0 through warm-up, horizon and drain
  // limit (schedules change and proactive turns rotate at most once per interval).
  double max_intervals = 200'000;
  // run.max_interval_rows: reporting rows kept in memory: intervals in the horizon x channels
  // x replications (intervals.csv holds one row per interval and channel).
  double max_interval_rows = 5'000'000;
  // run.max_open_cases: cases open at once in one replication; checked while simulating (an
  // overloaded queue grows without end): the run stops with an error naming the queue.
  double max_open_cases = 1'000'000;
};

}  // namespace supportsim
