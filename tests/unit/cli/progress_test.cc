#include "sim/cli/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace supportsim {
namespace {

TEST(ProgressTest, TextShowsCountsElapsedAndTimeLeft) {
  EXPECT_EQ(progress_text(0, 10, 0, 0, 100, 0.2), "points 0/10, replications 0/100, 0s elapsed");
  EXPECT_EQ(progress_text(3, 10, 1, 40, 90, 65),
            "points 3/10 (1 resumed), replications 40/90, 1m05s elapsed, about 1m21s left");
  EXPECT_EQ(progress_text(10, 10, 0, 100, 100, 7330),
            "points 10/10, replications 100/100, 2h02m elapsed");
}

// `run` has no points: its line counts replications only.
TEST(ProgressTest, WithoutPointsTheLineCountsReplications) {
  EXPECT_EQ(progress_text(0, 0, 0, 3, 10, 30), "replications 3/10, 30s elapsed, about 1m10s left");
}

TEST(ProgressTest, LineRedrawsInPlaceAtMostFiveTimesASecondAndClears) {
  std::ostringstream out;
  double now = 0;
  {
    ProgressLine line(out, true, [&] { return now; });
    line.update(0, 2, 0, 1, 4);
    now = 0.1;
    line.update(0, 2, 0, 2, 4);  // too soon: not drawn
    now = 0.5;
    line.update(1, 2, 0, 3, 4);
    line.update(2, 2, 0, 4, 4);  // the last one is always drawn
  }
  const std::string expected_first = "\rpoints 0/2, replications 1/4, 0s elapsed, about 0s left";
  EXPECT_EQ(out.str().substr(0, expected_first.size()), expected_first);
  EXPECT_EQ(out.str().find("replications 2/4"), std::string::npos);
  EXPECT_NE(out.str().find("\rpoints 2/2, replications 4/4, 1s elapsed"), std::string::npos);
  EXPECT_EQ(out.str().back(), '\r');  // cleared at the end
}

TEST(ProgressTest, DisabledLineWritesNothing) {
  std::ostringstream out;
  {
    ProgressLine line(out, false);
    line.update(1, 1, 0, 1, 1);
  }
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace supportsim
