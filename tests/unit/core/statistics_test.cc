#include "sim/core/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/core/distribution.h"
#include "sim/core/random.h"

namespace supportsim {
namespace {

// Reference quantiles computed to 25 digits with mpmath (regularised incomplete beta).
TEST(StudentT975, MatchesReferenceTable) {
  const struct {
    double dof;
    double t;
  } cases[] = {
      {1, 12.70620473617470464602168},  {2, 4.302652729749463852320944},
      {4, 2.776445105197794357803105},  {10, 2.228138851986274748395491},
      {30, 2.042272456301238309958042}, {1000, 1.96233908082640848499858},
  };
  for (const auto& c : cases) EXPECT_NEAR(student_t_975(c.dof), c.t, 1e-13 * c.t) << c.dof;
}

TEST(Estimate, HandComputedFiveValues) {
  const Estimate e = estimate({1, 2, 3, 4, 5});
  EXPECT_EQ(e.n, 5u);
  EXPECT_DOUBLE_EQ(e.mean, 3);
  EXPECT_DOUBLE_EQ(e.stdev, std::sqrt(2.5));
  // t_{0.975,4} * sqrt(2.5) / sqrt(5) = 2.7764451051977944 * sqrt(0.5)
  const double half_width = 2.776445105197794357803105 * std::sqrt(0.5);
  EXPECT_NEAR(e.ci95_low, 3 - half_width, 1e-12);
  EXPECT_NEAR(e.ci95_high, 3 + half_width, 1e-12);
}

TEST(Estimate, TwoValues) {
  const Estimate e = estimate({10, 14});
  EXPECT_DOUBLE_EQ(e.mean, 12);
  EXPECT_DOUBLE_EQ(e.stdev, std::sqrt(8.0));
  // 12 +/- 12.706... * sqrt(8) / sqrt(2) = 12 +/- 2 * 12.706...
  EXPECT_NEAR(e.ci95_high, 12 + 2 * 12.70620473617470464602168, 1e-11);
  EXPECT_NEAR(e.ci95_low, 12 - 2 * 12.70620473617470464602168, 1e-11);
}

TEST(Estimate, LargeOffsetDoesNotLosePrecision) {
  const Estimate e = estimate({1e9 + 1, 1e9 + 2, 1e9 + 3});
  EXPECT_DOUBLE_EQ(e.mean, 1e9 + 2);
  EXPECT_DOUBLE_EQ(e.stdev, 1);
}

TEST(Estimate, OneValueHasZeroWidth) {
  const Estimate e = estimate({7.5});
  EXPECT_EQ(e.n, 1u);
  EXPECT_EQ(e.mean, 7.5);
  EXPECT_EQ(e.ci95_low, 7.5);
  EXPECT_EQ(e.ci95_high, 7.5);
  EXPECT_EQ(e.stdev, 0);
}

TEST(Estimate, EmptyIsAllZeros) {
  const Estimate e = estimate({});
  EXPECT_EQ(e.n, 0u);
  EXPECT_EQ(e.mean, 0);
  EXPECT_EQ(e.ci95_low, 0);
  EXPECT_EQ(e.ci95_high, 0);
  EXPECT_EQ(e.stdev, 0);
}

TEST(QuantileSketch, EmptyIsZero) {
  const QuantileSketch sketch;
  EXPECT_EQ(sketch.count(), 0u);
  EXPECT_EQ(sketch.quantile(0.5), 0);
}

TEST(QuantileSketch, NearestRankConvention) {
  QuantileSketch sketch;
  for (const double x : {10.0, 20.0, 30.0, 40.0}) sketch.add(x);
  EXPECT_EQ(sketch.count(), 4u);
  // ceil(q * 4): q = 0.5 is rank 2, q = 0.51 rank 3, q = 0 rank 1, q = 1 rank 4.
  EXPECT_NEAR(sketch.quantile(0.5), 20, 20 * 0.0026);
  EXPECT_NEAR(sketch.quantile(0.51), 30, 30 * 0.0026);
  EXPECT_NEAR(sketch.quantile(0), 10, 10 * 0.0026);
  EXPECT_NEAR(sketch.quantile(1), 40, 40 * 0.0026);
  EXPECT_NEAR(sketch.quantile(-1), 10, 10 * 0.0026);
  EXPECT_NEAR(sketch.quantile(2), 40, 40 * 0.0026);
}

TEST(QuantileSketch, UnderflowIsZeroAndOverflowIsTheCeiling) {
  QuantileSketch sketch;
  for (int i = 0; i < 6; ++i) sketch.add(0);
  sketch.add(0.05);
  sketch.add(5);
  sketch.add(2e8);
  sketch.add(INFINITY);
  EXPECT_EQ(sketch.quantile(0.7), 0);  // rank 7 of 10: 0.05 s, in the underflow bin
  EXPECT_NEAR(sketch.quantile(0.8), 5, 5 * 0.0026);
  EXPECT_EQ(sketch.quantile(0.9), 1e8);
  EXPECT_EQ(sketch.quantile(1), 1e8);
}

// Every value in range is reported within half a bin (0.25%) of itself.
TEST(QuantileSketch, SingleValueRelativeErrorWithinQuarterPercent) {
  for (double x = 0.1; x < 1e8; x *= 1.37) {
    QuantileSketch sketch;
    sketch.add(x);
    EXPECT_NEAR(sketch.quantile(0.5), x, x * 0.0026) << x;
  }
}

TEST(QuantileSketch, ExponentialQuantiles) {
  const double mean = 300;
  const Distribution dist = Distribution::exponential(mean);
  Rng rng = make_stream(11, 0, "sketch");
  QuantileSketch sketch;
  std::vector<double> values(1000000);
  for (double& x : values) {
    x = dist.sample(rng);
    sketch.add(x);
  }
  std::sort(values.begin(), values.end());
  for (const double q : {0.5, 0.9, 0.99}) {
    const double exact = -mean * std::log(1 - q);
    EXPECT_NEAR(sketch.quantile(q), exact, 0.005 * exact) << q;
    // Against the same data's nearest-rank quantile only the bin width remains.
    const double empirical =
        values[static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1];
    EXPECT_NEAR(sketch.quantile(q), empirical, 0.0026 * empirical) << q;
  }
}

}  // namespace
}  // namespace supportsim
