// Patience estimators on small censored samples computed by hand.

#include "sim/calibrate/survival.h"

#include <gtest/gtest.h>

#include <cmath>

namespace supportsim {
namespace {

// Waits 3 (abandoned), 5 (answered), 7, 7 (abandoned), 9 (answered), 11 (abandoned).
CensoredSample small_sample() {
  CensoredSample s;
  s.add_event(3);
  s.add_censored(5);
  s.add_event(7);
  s.add_event(7);
  s.add_censored(9);
  s.add_event(11);
  return s;
}

TEST(KaplanMeier, SmallCensoredSampleByHand) {
  const auto curve = kaplan_meier(small_sample());
  ASSERT_EQ(curve.size(), 3u);
  // t = 3: 6 at risk, 1 event: S = 5/6.
  EXPECT_DOUBLE_EQ(curve[0].time, 3);
  EXPECT_EQ(curve[0].at_risk, 6);
  EXPECT_NEAR(curve[0].survival, 5.0 / 6, 1e-12);
  // t = 7: the customer answered at 5 has left the risk set: 4 at risk, 2 events.
  EXPECT_EQ(curve[1].at_risk, 4);
  EXPECT_NEAR(curve[1].survival, 5.0 / 6 * 2 / 4, 1e-12);
  // Greenwood: S^2 (1/(6*5) + 2/(4*2)).
  EXPECT_NEAR(curve[1].variance, std::pow(5.0 / 12, 2) * (1.0 / 30 + 2.0 / 8), 1e-12);
  // t = 11: 1 at risk (9 censored), 1 event: S = 0.
  EXPECT_EQ(curve[2].at_risk, 1);
  EXPECT_DOUBLE_EQ(curve[2].survival, 0);
  const auto median = kaplan_meier_median(curve);
  ASSERT_TRUE(median);
  EXPECT_DOUBLE_EQ(median->estimate, 7);
  EXPECT_LE(median->low, 7);
  EXPECT_GE(median->high, 7);
  EXPECT_EQ(median->n, 4);
}

TEST(KaplanMeier, TiesCountEventsBeforeCensoringsAndNoMedianWhenCurveStaysHigh) {
  CensoredSample s;
  s.add_event(10);
  s.add_censored(10);  // still at risk at 10
  for (int i = 0; i < 8; ++i) s.add_censored(20);
  const auto curve = kaplan_meier(s);
  ASSERT_EQ(curve.size(), 1u);
  EXPECT_EQ(curve[0].at_risk, 10);
  EXPECT_NEAR(curve[0].survival, 0.9, 1e-12);
  EXPECT_FALSE(kaplan_meier_median(curve));
}

TEST(CensoredSample, GroupsAtATenthOfASecondAndZeroBecomesHalfOfIt) {
  CensoredSample s;
  s.add_event(0);
  s.add_censored(1.04);
  s.add_event(1.01);
  const auto g = s.groups();
  ASSERT_EQ(g.size(), 2u);
  EXPECT_DOUBLE_EQ(g[0].time, 0.05);
  EXPECT_DOUBLE_EQ(g[1].time, 1.0);
  EXPECT_EQ(g[1].events, 1);
  EXPECT_EQ(g[1].censored, 1);
  EXPECT_EQ(s.size(), 3);
  EXPECT_EQ(s.events(), 2);
}

TEST(ExponentialPatience, CensoredMaximumLikelihoodIsExposureOverAbandonments) {
  // (3 + 5 + 7 + 7 + 9 + 11) / 4 abandonments = 10.5; abandoners alone would say 7.
  const Fitted f = fit_exponential_censored(small_sample());
  EXPECT_DOUBLE_EQ(f.estimate, 10.5);
  EXPECT_EQ(f.n, 4);
  EXPECT_NEAR(f.low, 10.5 / std::exp(1.959963984540054 / 2), 1e-9);
  EXPECT_NEAR(f.high, 10.5 * std::exp(1.959963984540054 / 2), 1e-9);
}

TEST(LognormalPatience, WithoutCensoringIsThePlainMaximumLikelihood) {
  // log waits 0, 1, 2: mu = 1, sigma^2 = 2/3 (the MLE divides by n).
  CensoredSample s;
  for (double w : {1.0, std::exp(1.0), std::exp(2.0)}) s.add_event(w);
  // Grouping at 0.1 s moves e and e^2 a little: compare with the grouped values' own MLE.
  double m = 0, m2 = 0;
  for (const auto& g : s.groups())
    m += std::log(g.time) / 3, m2 += std::pow(std::log(g.time), 2) / 3;
  const CensoredLognormal f = fit_lognormal_censored(s);
  EXPECT_NEAR(f.mu, m, 1e-5);
  EXPECT_NEAR(f.sigma, std::sqrt(m2 - m * m), 1e-5);
  EXPECT_NEAR(f.mean.estimate, std::exp(f.mu + f.sigma * f.sigma / 2), 1e-9);
  EXPECT_LT(f.mean.low, f.mean.estimate);
  EXPECT_GT(f.mean.high, f.mean.estimate);
}

TEST(LognormalPatience, CensoringRaisesTheEstimateAboveTheAbandonersOwn) {
  // Abandoners at 60 s and 120 s, many customers answered after 300 s: patience is long.
  CensoredSample s;
  for (int i = 0; i < 10; ++i) s.add_event(60), s.add_event(120);
  for (int i = 0; i < 50; ++i) s.add_censored(300);
  const CensoredLognormal f = fit_lognormal_censored(s);
  EXPECT_GT(f.mean.estimate, 300);
  const double ll_exp = exponential_log_likelihood(s, fit_exponential_censored(s).estimate);
  EXPECT_TRUE(std::isfinite(ll_exp));
  EXPECT_TRUE(std::isfinite(f.log_likelihood));
}

}  // namespace
}  // namespace supportsim
