// Customer populations against the closed form of dN/dt = A - (b + r p) N: acquisition A,
// baseline churn hazard b, contact rate r per customer, and a constant service churn
// probability p per case.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "sim/core/units.h"
#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

// Segment "members": 2000 customers at start, 400 joining a month, 3% a month leaving anyway,
// one case per customer a month, each case's customer leaving with p = 0.05 (a constant rule:
// intercept logit(0.05), no weights). Segment "loyal" has a rule that never churns, although the
// global [churn] would. Cases are resolved at once by a help centre, so no queue is involved.
const char* kPopulation = R"(
[run]
horizon = "180d"
replications = 16
[churn]
intercept = -2.0
w_handoff = 1.0
[[segment]]
name = "members"
customers = 2000
contact_rate = "1/month"
acquisition = "400/month"
baseline_churn = 0.03
monthly_revenue = 20
churn = { intercept = -2.9444389791664403 }
entry = { help = 1.0 }
issues = { q = 1.0 }
[[segment]]
name = "loyal"
customers = 500
contact_rate = "2/month"
monthly_revenue = 50
churn = { intercept = -inf, w_wait = 1.0 }
entry = { help = 1.0 }
issues = { q = 1.0 }
[[issue]]
name = "q"
handle_time = { dist = "exponential", mean = "5m" }
resolve = { help = 1.0 }
[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "constant", value = "1s" }
)";

class PopulationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(load_scenario_string(kPopulation, "population.toml"));
    outputs_ = new std::vector<ReplicationOutput>(
        run_replications(*scenario_, 0, scenario_->run.replications, 2));
  }
  static void TearDownTestSuite() {
    delete outputs_;
    delete scenario_;
  }
  static std::vector<Metrics> metrics() { return testing::metric_maps(*outputs_); }
  static Scenario* scenario_;
  static std::vector<ReplicationOutput>* outputs_;
};
Scenario* PopulationTest::scenario_ = nullptr;
std::vector<ReplicationOutput>* PopulationTest::outputs_ = nullptr;

// Within 4 standard errors of theory, and 4 SE at most `resolution` x theory.
void expect_mean(const std::vector<Metrics>& reps, const std::string& key, double theory,
                 double resolution) {
  std::vector<double> values;
  for (Metrics m : reps) values.push_back(m[key]);
  testing::expect_near_theory(values, theory, resolution * theory, key);
}

TEST_F(PopulationTest, PopulationFollowsTheClosedForm) {
  // In months: N0 = 2000, A = 400, r = 1, p = 0.05, b = -ln(0.97).
  const double n0 = 2000, a = 400, r = 1, p = 0.05, b = -std::log(0.97), t = 6;
  const double k = b + r * p, n_inf = a / k;
  const double customer_months = n_inf * t + (n0 - n_inf) * (1 - std::exp(-k * t)) / k;
  const auto reps = metrics();
  expect_mean(reps, "segments/members/customer_months", customer_months, 0.015);
  expect_mean(reps, "segments/members/active_customers_end",
              n_inf + (n0 - n_inf) * std::exp(-k * t), 0.02);
  expect_mean(reps, "segments/members/cases", r * customer_months, 0.02);
  expect_mean(reps, "segments/members/churned", p * r * customer_months, 0.05);
  expect_mean(reps, "segments/members/baseline_churned", b * customer_months, 0.05);
  expect_mean(reps, "segments/members/acquired", a * t, 0.03);
  expect_mean(reps, "segments/members/churn_risk", p, 1e-6);
}

TEST_F(PopulationTest, RevenueIsRevenueRateTimesCustomerMonths) {
  for (Metrics m : metrics()) {
    EXPECT_NEAR(m["segments/members/revenue"], 20 * m["segments/members/customer_months"], 1e-6);
    EXPECT_NEAR(m["segments/loyal/revenue"], 50 * m["segments/loyal/customer_months"], 1e-6);
    EXPECT_NEAR(m["overall/overall/revenue"],
                m["segments/members/revenue"] + m["segments/loyal/revenue"], 1e-6);
    EXPECT_NEAR(m["overall/overall/churn_per_month"],
                (m["overall/overall/churned"] + m["overall/overall/baseline_churned"]) /
                    m["overall/overall/customer_months"],
                1e-12);
  }
}

TEST_F(PopulationTest, ASegmentWhoseRuleNeverChurnsLosesNoOne) {
  for (Metrics m : metrics()) {
    EXPECT_EQ(m["segments/loyal/churned"], 0);
    EXPECT_EQ(m["segments/loyal/baseline_churned"], 0);
    EXPECT_EQ(m["segments/loyal/active_customers_end"], 500);
    EXPECT_DOUBLE_EQ(m["segments/loyal/customer_months"], 500 * 6);
    EXPECT_GT(m["segments/loyal/cases"], 5000);
    EXPECT_EQ(m["segments/loyal/churn_risk"], 0);
  }
}

TEST_F(PopulationTest, DailySeriesAddsUpToTheTotals) {
  const Summary summary = summarize(*scenario_, *outputs_);
  ASSERT_EQ(summary.daily.size(), 180u * 2);
  double acquired = 0, revenue = 0, cases = 0;
  for (const DailyRow& row : summary.daily)
    if (row.segment == "members")
      acquired += row.acquired, revenue += row.revenue, cases += row.cases;
  EXPECT_NEAR(acquired, summary.find("segments", "members", "acquired")->estimate.mean, 1e-6);
  EXPECT_NEAR(cases, summary.find("segments", "members", "cases")->estimate.mean, 1e-6);
  EXPECT_NEAR(revenue, summary.find("segments", "members", "revenue")->estimate.mean, 1e-3);
  EXPECT_NEAR(summary.daily.front().active_customers, 2000, 20);  // mean over the first day
}

}  // namespace
}  // namespace supportsim
