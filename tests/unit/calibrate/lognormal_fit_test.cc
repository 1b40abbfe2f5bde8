// Handle times: the lognormal fit from running sums, against hand-computed values.

#include "sim/calibrate/lognormal_fit.h"

#include <gtest/gtest.h>

#include <cmath>

namespace supportsim {
namespace {

TEST(LognormalFit, ThreeValuesByHand) {
  // log x = 0, 1, 2: mu = 1, s^2 = 1 (n - 1 divisor); mean e^1.5, cv sqrt(e - 1).
  LogMoments m;
  for (double x : {1.0, std::exp(1.0), std::exp(2.0)}) m.add(x);
  const LognormalFit f = fit_lognormal(m);
  EXPECT_NEAR(f.mu, 1, 1e-12);
  EXPECT_NEAR(f.sigma, 1, 1e-12);
  EXPECT_NEAR(f.mean.estimate, std::exp(1.5), 1e-9);
  EXPECT_NEAR(f.cv.estimate, std::sqrt(std::exp(1.0) - 1), 1e-9);
  EXPECT_EQ(f.mean.n, 3);
  // Cox: log mean +- 1.96 sqrt(1/3 + 1/4).
  const double se = std::sqrt(1.0 / 3 + 1.0 / 4);
  EXPECT_NEAR(f.mean.low, std::exp(1.5 - 1.959963984540054 * se), 1e-9);
  EXPECT_NEAR(f.mean.high, std::exp(1.5 + 1.959963984540054 * se), 1e-9);
  EXPECT_LT(f.cv.low, f.cv.estimate);
  EXPECT_GT(f.cv.high, f.cv.estimate);
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
