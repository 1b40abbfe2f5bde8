#pragma once
// Time-varying Poisson arrivals of one segment (scenarios/README.md [profile], docs/model.md).
// The rate is arrival_rate x daily[slice] x weekly[day] x busyness[day], normalised so that the
// mean over a week equals arrival_rate; busyness is a mean-1 gamma factor drawn once per day
// (over-dispersion, Avramidis et al. 2004). Simulation time 0 is Monday 00:00.
// Arrival times are generated exactly by inverting the piecewise-constant cumulative rate.

#include <limits>
#include <vector>

#include "sim/core/random.h"
#include "sim/model/scenario.h"

namespace supportsim {

class ArrivalProfile {
 public:
  // Events are generated up to `end_s` (the end of the horizon, when arrivals stop): the walk
  // through the profile stops there, so a tiny rate costs no more than the horizon's pieces.
  ArrivalProfile(double mean_rate_per_s, const Profile& profile,
                 double end_s = std::numeric_limits<double>::infinity());

  // Rate multiplier (mean 1 over a week) at time t, without busyness.
  double shape_at(double t) const;
  // Mean arrival rate at time t (without busyness).
  double rate_at(double t) const { return mean_rate_ * shape_at(t); }
  // Expected number of arrivals in [from, to) (without busyness).
  double expected_arrivals(double from, double to) const;

  // The next arrival strictly after `now`, or +infinity if there is none before end_s.
  // `busyness_rng` draws one gamma factor per day (only when busyness_cv > 0);
  // `gap_rng` draws the unit exponential gaps.
  double next_arrival(double now, Rng& gap_rng, Rng& busyness_rng) {
    return next_event(now, 1, 0, gap_rng, busyness_rng);
  }
  // The next event of a Poisson process of rate `multiplier` x (this profile's rate with
  // busyness) + `constant_rate`, strictly after `now` (a customer population: contacts of N
  // customers, plus acquisitions and baseline churn); +infinity if none before end_s.
  double next_event(double now, double multiplier, double constant_rate, Rng& gap_rng,
                    Rng& busyness_rng);
  // This profile's rate at t including the day's busyness factor.
  double busy_rate_at(double t, Rng& busyness_rng) {
    return rate_at(t) * busyness_of_day(static_cast<long>(t / 86400), busyness_rng);
  }

 private:
  // Length of the piecewise-constant piece containing t and the multiplier on it.
  double piece_end(double t) const;
  double busyness_of_day(long day, Rng& busyness_rng);

  double mean_rate_;
  std::vector<double> daily_;   // normalised to mean 1 (empty: flat)
  std::vector<double> weekly_;  // normalised to mean 1 (empty: flat)
  double busyness_cv_;
  double end_s_;
  long busy_day_ = -1;  // day whose busyness factor is cached
  double busy_factor_ = 1;
};

}  // namespace supportsim
