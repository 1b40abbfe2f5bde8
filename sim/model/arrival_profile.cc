#include "sim/model/arrival_profile.h"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/core/units.h"

namespace supportsim {
namespace {

std::vector<double> normalised(const std::vector<double>& volumes) {
  if (volumes.empty()) return {};
  // Scaled by the largest first, so that neither the sum of huge volumes overflows nor the mean
  // of tiny ones underflows.
  const double largest = *std::max_element(volumes.begin(), volumes.end());
  std::vector<double> out;
  for (double v : volumes) out.push_back(v / largest);
  const double mean = std::accumulate(out.begin(), out.end(), 0.0) / out.size();
  for (double& v : out) v /= mean;
  return out;
}

}  // namespace

ArrivalProfile::ArrivalProfile(double mean_rate_per_s, const Profile& profile, double end_s)
    : mean_rate_(mean_rate_per_s),
      daily_(normalised(profile.daily)),
      weekly_(normalised(profile.weekly)),
      busyness_cv_(profile.busyness_cv),
      end_s_(end_s) {}

double ArrivalProfile::shape_at(double t) const {
  double shape = 1;
  if (!daily_.empty()) {
    const double in_day = std::fmod(t, kDay);
    std::size_t slice = static_cast<std::size_t>(in_day / (kDay / daily_.size()));
    shape *= daily_[std::min(slice, daily_.size() - 1)];
  }
  if (!weekly_.empty()) {
    const auto day = static_cast<std::size_t>(std::fmod(t, kWeek) / kDay);
    shape *= weekly_[std::min<std::size_t>(day, 6)];
  }
  return shape;
}

double ArrivalProfile::piece_end(double t) const {
  // Pieces are the daily slices, or whole days when only a weekly profile is given; a flat
  // profile is split at day boundaries too, where the busyness factor changes.
  const double slice = daily_.empty() ? kDay : kDay / daily_.size();
  double end = (std::floor(t / slice) + 1) * slice;
  // Guard against t sitting exactly on a boundary that floating point rounds below.
  if (end <= t) end += slice;
  return end;
}

double ArrivalProfile::expected_arrivals(double from, double to) const {
  double total = 0;
  for (double t = from; t < to;) {
    const double end = std::min(piece_end(t), to);
    total += rate_at(t) * (end - t);
    t = end;
  }
  return total;
}

double ArrivalProfile::busyness_of_day(long day, Rng& busyness_rng) {
  if (busyness_cv_ <= 0) return 1;
  while (busy_day_ < day) {  // one draw per day, in order, so days are reproducible
    const double shape = 1 / (busyness_cv_ * busyness_cv_);
    busy_factor_ = boost::random::gamma_distribution<double>(shape, 1 / shape)(busyness_rng);
    ++busy_day_;
  }
  return busy_factor_;
}

double ArrivalProfile::next_event(double now, double multiplier, double constant_rate, Rng& gap_rng,
                                  Rng& busyness_rng) {
  if (mean_rate_ * multiplier <= 0 && constant_rate <= 0)
    return std::numeric_limits<double>::infinity();
  // Walk the pieces spending one unit-exponential of cumulative rate.
  double budget = boost::random::exponential_distribution<double>(1.0)(gap_rng);
  double t = now;
  for (int empty_pieces = 0; empty_pieces < 100000 && t < end_s_;) {
    const double end = piece_end(t);
    const double rate = multiplier * busy_rate_at(t, busyness_rng) + constant_rate;
    const double mass = rate * (end - t);
    if (rate > 0 && mass >= budget) return t + budget / rate;
    budget -= mass;
    empty_pieces = rate > 0 ? 0 : empty_pieces + 1;
    t = end;
  }
  // Past end_s, or a profile of zeros: no more arrivals.
  return std::numeric_limits<double>::infinity();
}

}  // namespace supportsim
