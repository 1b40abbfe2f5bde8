// Handle times: the lognormal matched to the sample's mean and cv, against hand-computed values.

#include "sim/calibrate/lognormal_fit.h"

#include <gtest/gtest.h>

#include <cmath>

namespace supportsim {
namespace {

TEST(LognormalFit, ThreeValuesByHand) {
  // 60, 120, 300: mean 160, sample variance ((-100)^2 + (-40)^2 + 140^2) / 2 = 15600.
  LogMoments m;
  for (double x : {60.0, 120.0, 300.0}) m.add(x);
  const LognormalFit f = fit_lognormal(m);
  EXPECT_NEAR(f.mean.estimate, 160, 1e-9);
  EXPECT_NEAR(f.cv.estimate, std::sqrt(15600.0) / 160, 1e-12);
  EXPECT_EQ(f.mean.n, 3);
  EXPECT_NEAR(f.mean.low, 160 - 1.959963984540054 * std::sqrt(15600.0 / 3), 1e-9);
  EXPECT_NEAR(f.mean.high, 160 + 1.959963984540054 * std::sqrt(15600.0 / 3), 1e-9);
  // The matched lognormal has that mean and cv.
  const double s2 = std::log(1 + 15600.0 / (160.0 * 160));
  EXPECT_NEAR(f.sigma, std::sqrt(s2), 1e-12);
  EXPECT_NEAR(std::exp(f.mu + f.sigma * f.sigma / 2), 160, 1e-9);
  EXPECT_LT(f.cv.low, f.cv.estimate);
  EXPECT_GT(f.cv.high, f.cv.estimate);
}

TEST(LognormalFit, KeepsTheMeanOfExponentialHandleTimes) {
  // Exponential quantiles (mean 1) at (i - 0.5) / n: the mean and cv stay near 1, where a
  // likelihood fit on the logs would say a mean of about 1.28 and a cv of about 2.
  LogMoments m;
  const int n = 20000;
  for (int i = 1; i <= n; ++i) m.add(-std::log(1 - (i - 0.5) / n));
  const LognormalFit f = fit_lognormal(m);
  EXPECT_NEAR(f.mean.estimate, 1, 0.001);
  EXPECT_NEAR(f.cv.estimate, 1, 0.02);
}

TEST(LognormalFit, EqualValuesHaveNoSpread) {
  LogMoments m;
  for (int i = 0; i < 5; ++i) m.add(300);
  const LognormalFit f = fit_lognormal(m);
  EXPECT_NEAR(f.mean.estimate, 300, 1e-9);
  EXPECT_NEAR(f.cv.estimate, 0, 1e-6);
}

}  // namespace
}  // namespace supportsim
