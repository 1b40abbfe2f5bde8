#include "sim/calibrate/lognormal_fit.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cassert>
#include <cmath>

namespace supportsim {

void LogMoments::add(double x) {
  const double l = std::log(x);
  ++n;
  sum_log += l;
  sum_log2 += l * l;
}

LognormalFit fit_lognormal(const LogMoments& m) {
  assert(m.n >= 2);
  constexpr double z = 1.959963984540054;
  const double n = static_cast<double>(m.n);
  LognormalFit f;
  f.mu = m.sum_log / n;
  const double s2 = std::max(0.0, (m.sum_log2 - n * f.mu * f.mu) / (n - 1));
  f.sigma = std::sqrt(s2);
  // Cox: log of the mean is mu + s2 / 2, with variance s2 / n + s2^2 / (2 (n - 1)).
  const double log_mean = f.mu + s2 / 2;
  const double se = std::sqrt(s2 / n + s2 * s2 / (2 * (n - 1)));
  f.mean = {std::exp(log_mean), std::exp(log_mean - z * se), std::exp(log_mean + z * se), m.n};
  // (n - 1) s2 / sigma^2 is chi-square with n - 1 degrees of freedom.
  boost::math::chi_squared chi(n - 1);
  const double s2_low = (n - 1) * s2 / boost::math::quantile(chi, 0.975);
  const double s2_high = (n - 1) * s2 / boost::math::quantile(chi, 0.025);
  auto cv = [](double v) { return std::sqrt(std::expm1(v)); };
  f.cv = {cv(s2), cv(s2_low), cv(s2_high), m.n};
  return f;
}

}  // namespace supportsim
