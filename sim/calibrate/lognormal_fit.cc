#include "sim/calibrate/lognormal_fit.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cassert>
#include <cmath>

namespace supportsim {

void LogMoments::add(double x) {
  const double l = std::log(x);
  ++n;
  sum += x;
  sum2 += x * x;
  sum_log += l;
  sum_log2 += l * l;
}

void LogMoments::add(const LogMoments& o) {
  n += o.n;
  sum += o.sum;
  sum2 += o.sum2;
  sum_log += o.sum_log;
  sum_log2 += o.sum_log2;
}

LognormalFit fit_lognormal(const LogMoments& m) {
  assert(m.n >= 2);
  constexpr double z = 1.959963984540054;
  const double n = static_cast<double>(m.n);
  const double mean = m.sum / n;
  const double var = std::max(0.0, (m.sum2 - n * mean * mean) / (n - 1));
  const double cv = std::sqrt(var) / mean;
  LognormalFit f;
  const double se = std::sqrt(var / n);
  f.mean = {mean, std::max(0.0, mean - z * se), mean + z * se, m.n};
  const double s2 = std::log1p(cv * cv);
  f.sigma = std::sqrt(s2);
  f.mu = std::log(mean) - s2 / 2;
  // (n - 1) s2 / sigma^2 is chi-square with n - 1 degrees of freedom for lognormal data.
  boost::math::chi_squared chi(n - 1);
  const double s2_low = (n - 1) * s2 / boost::math::quantile(chi, 0.975);
  const double s2_high = (n - 1) * s2 / boost::math::quantile(chi, 0.025);
  auto cv_of = [](double v) { return std::sqrt(std::expm1(v)); };
  f.cv = {cv, cv_of(s2_low), cv_of(s2_high), m.n};
  return f;
}

}  // namespace supportsim
