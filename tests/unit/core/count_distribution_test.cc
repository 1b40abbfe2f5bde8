#include "sim/core/count_distribution.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <stdexcept>

namespace supportsim {
namespace {

TEST(CountDistributionTest, ConstantGivesItsValue) {
  Rng parent = make_stream(1, 0, "counts");
  CaseRng rng = make_case_rng(parent);
  const CountDistribution d = CountDistribution::constant(3);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.sample(rng), 3);
  EXPECT_EQ(d.mean(), 3);
  EXPECT_EQ(d.max(), 3);
}

TEST(CountDistributionTest, GeometricCountsTrialsUpToTheFirstSuccess) {
  Rng parent = make_stream(1, 0, "counts");
  CaseRng rng = make_case_rng(parent);
  const CountDistribution d = CountDistribution::geometric(2);
  const int n = 400000;
  double sum = 0, ones = 0, twos = 0;
  for (int i = 0; i < n; ++i) {
    const int k = d.sample(rng);
    ASSERT_GE(k, 1);
    sum += k;
    ones += k == 1;
    twos += k == 2;
  }
  // Mean 2 (sd sqrt(2) per draw), P(1) = 1/2, P(2) = 1/4.
  EXPECT_NEAR(sum / n, 2, 4 * std::sqrt(2.0 / n));
  EXPECT_NEAR(ones / n, 0.5, 0.004);
  EXPECT_NEAR(twos / n, 0.25, 0.004);
  EXPECT_EQ(d.max(), INT_MAX);
  EXPECT_EQ(CountDistribution::geometric(1).sample(rng), 1);
  EXPECT_EQ(CountDistribution::geometric(1).max(), 1);
}

TEST(CountDistributionTest, EmpiricalDrawsItsCountsEvenly) {
  Rng parent = make_stream(1, 0, "counts");
  CaseRng rng = make_case_rng(parent);
  const CountDistribution d = CountDistribution::empirical("t.csv", {1, 1, 4});
  EXPECT_EQ(d.mean(), 2);
  EXPECT_EQ(d.max(), 4);
  double fours = 0;
  for (int i = 0; i < 30000; ++i) fours += d.sample(rng) == 4;
  EXPECT_NEAR(fours / 30000, 1.0 / 3, 0.012);
}

TEST(CountDistributionTest, RefusesWhatIsNotACount) {
  EXPECT_THROW(CountDistribution::constant(0), std::invalid_argument);
  EXPECT_THROW(CountDistribution::geometric(0.5), std::invalid_argument);
  EXPECT_THROW(CountDistribution::geometric(std::nan("")), std::invalid_argument);
  EXPECT_THROW(CountDistribution::empirical("t.csv", {}), std::invalid_argument);
  EXPECT_THROW(CountDistribution::empirical("t.csv", {2, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace supportsim
