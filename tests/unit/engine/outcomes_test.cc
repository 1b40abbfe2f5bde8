// How cases end, as a director reads it: the time to the end of every case (resolved or not),
// the share left unresolved, and the customers lost through the experience beyond what a
// perfect contact would lose.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

// A forum answers half the posts after exactly one hour, and a timely answer always resolves;
// an unanswered post is given up after two days, unresolved. The churn rule weighs only
// unresolved cases.
const char* kForum = R"(
[run]
horizon = "3d"
replications = 4
[churn]
intercept = -3
w_unresolved = 2
[[segment]]
name = "web"
arrival_rate = "60/h"
entry = { forum = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { forum = 1.0 }
[[channel]]
name = "forum"
kind = "community"
answer_share = 0.5
first_answer = { dist = "constant", value = "1h" }
give_up_after = "2d"
)";

class OutcomesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const Scenario s = load_scenario_string(kForum, "forum.toml");
    reps_ = new std::vector<Metrics>(testing::metric_maps(run_replications(s, 0, 4, 2)));
  }
  static void TearDownTestSuite() { delete reps_; }
  static std::vector<Metrics>* reps_;
};
std::vector<Metrics>* OutcomesTest::reps_ = nullptr;

TEST_F(OutcomesTest, TimeToEndCountsTheCasesThatEndUnresolved) {
  for (Metrics m : *reps_) {
    EXPECT_NEAR(m["overall/overall/resolution_time_p90_s"], 3600, 3600 * 0.005);
    EXPECT_NEAR(m["overall/overall/time_to_end_p90_s"], 2 * 86400, 2 * 86400 * 0.005);
    EXPECT_DOUBLE_EQ(m["segments/web/time_to_end_p90_s"], m["overall/overall/time_to_end_p90_s"]);
  }
}

TEST_F(OutcomesTest, UnresolvedShareIsUnresolvedOverCases) {
  std::vector<double> shares;
  for (Metrics m : *reps_) {
    EXPECT_DOUBLE_EQ(m["overall/overall/unresolved_share"],
                     m["overall/overall/unresolved"] / m["overall/overall/cases"]);
    EXPECT_DOUBLE_EQ(m["segments/web/unresolved_share"], m["overall/overall/unresolved_share"]);
    shares.push_back(m["overall/overall/unresolved_share"]);
  }
  testing::expect_near_theory(shares, 0.5, 0.03, "unresolved share");
}

TEST_F(OutcomesTest, ChurnByExperienceIsTheExcessOverAPerfectContact) {
  // A resolved case was a perfect contact under this rule; each unresolved one adds
  // logistic(-1) - logistic(-3) expected customers lost.
  for (Metrics m : *reps_) {
    const double expected = m["overall/overall/unresolved"] * (logistic(-1) - logistic(-3));
    EXPECT_NEAR(m["overall/overall/churned_by_experience"], expected, 1e-9 * expected);
    EXPECT_DOUBLE_EQ(m["segments/web/churned_by_experience"],
                     m["overall/overall/churned_by_experience"]);
  }
}

}  // namespace
}  // namespace supportsim
