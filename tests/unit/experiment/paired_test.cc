#include "sim/experiment/paired.h"

#include <gtest/gtest.h>

#include <cmath>

namespace supportsim {
namespace {

const double nan = std::nan("");

TEST(PairedTest, PairedDifferenceIsTheEstimateOfTheDifferences) {
  // d = {1, 2, 3}: mean 2, stdev 1, half-width t(2) / sqrt(3) = 4.302653 / 1.732051.
  const auto d = paired_difference({11, 22, 33}, {10, 20, 30});
  ASSERT_TRUE(d);
  EXPECT_DOUBLE_EQ(d->mean, 2);
  EXPECT_DOUBLE_EQ(d->stdev, 1);
  EXPECT_NEAR(d->ci95_high - d->mean, 4.302652729749464 / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(d->n, 3u);
}

TEST(PairedTest, ReplicationsUndefinedOnEitherSideAreLeftOut) {
  const auto d = paired_difference({1, nan, 5, 7}, {0, 1, nan, 6});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->n, 2u);
  EXPECT_DOUBLE_EQ(d->mean, 1);
  EXPECT_FALSE(paired_difference({nan, 1}, {1, nan}));
  EXPECT_THROW(paired_difference({1, 2}, {1}), std::invalid_argument);
}

TEST(PairedTest, OneReplicationGivesAPointInterval) {
  const auto d = paired_difference({3}, {1});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->ci95_low, 2);
  EXPECT_EQ(d->ci95_high, 2);
}

TEST(PairedTest, UnpairedIsWelchsInterval) {
  // a: mean 2, var 1 (n 3); b: mean 0, var 4 (n 3). se = sqrt(1/3 + 4/3); dof = 2 * 25/9 /
  // (1/9 + 16/9) = 50/17.
  const auto d = unpaired_difference({1, 2, 3}, {-2, 0, 2});
  ASSERT_TRUE(d);
  EXPECT_DOUBLE_EQ(d->mean, 2);
  EXPECT_NEAR(d->stdev, std::sqrt(5.0 / 3), 1e-12);
  EXPECT_NEAR(d->ci95_high - d->mean, student_t_975(50.0 / 17) * std::sqrt(5.0 / 3), 1e-12);
  EXPECT_FALSE(unpaired_difference({nan}, {1}));
  const auto single = unpaired_difference({4}, {1, 2});
  ASSERT_TRUE(single);
  EXPECT_EQ(single->ci95_low, single->ci95_high);
}

TEST(PairedTest, PairingRemovesTheSharedNoise) {
  // Two variants that share a large replication-to-replication swing: the paired interval
  // sees only the small difference noise.
  const std::vector<double> base = {100, 140, 90, 160, 120};
  const std::vector<double> variant = {103, 142, 94, 161, 124};
  const auto paired = paired_difference(variant, base);
  const auto unpaired = unpaired_difference(variant, base);
  ASSERT_TRUE(paired && unpaired);
  EXPECT_NEAR(paired->mean, unpaired->mean, 1e-12);
  EXPECT_LT(paired->ci95_high - paired->ci95_low, (unpaired->ci95_high - unpaired->ci95_low) / 10);
}

}  // namespace
}  // namespace supportsim
