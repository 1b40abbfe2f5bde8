// Shares with Wilson intervals, against published values.

#include "sim/calibrate/proportion.h"

#include <gtest/gtest.h>

namespace supportsim {
namespace {

TEST(Proportion, WilsonIntervals) {
  const Fitted half = fit_proportion(5, 10);
  EXPECT_DOUBLE_EQ(half.estimate, 0.5);
  EXPECT_NEAR(half.low, 0.2366, 1e-4);
  EXPECT_NEAR(half.high, 0.7634, 1e-4);
  const Fitted none = fit_proportion(0, 10);
  EXPECT_DOUBLE_EQ(none.estimate, 0);
  EXPECT_DOUBLE_EQ(none.low, 0);
  EXPECT_NEAR(none.high, 0.2775, 1e-4);
  const Fitted empty = fit_proportion(0, 0);
  EXPECT_EQ(empty.n, 0);
  EXPECT_DOUBLE_EQ(empty.high, 1);
}

}  // namespace
}  // namespace supportsim
