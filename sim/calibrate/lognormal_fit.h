#pragma once
// Handle times: a lognormal with the observations' mean and coefficient of variation (the
// method of moments), from running sums, so that memory does not grow with the observations.
//
// Why moments rather than maximum likelihood on the logs: offered load, and with it every
// queue the simulator computes, depends on the mean handle time, and queueing delay on its
// cv. Moments keep both whatever the true shape; the likelihood fit of a lognormal to
// exponential handle times, for instance, overstates the mean by 28% and doubles the cv.

#include "sim/calibrate/fitted.h"

namespace supportsim {

// Running sums of positive observations.
struct LogMoments {
  long n = 0;
  double sum = 0, sum2 = 0;          // of x (for the mean and cv)
  double sum_log = 0, sum_log2 = 0;  // of log x (the spread of the logs, for cv's interval)
  void add(double x);                // REQUIRES x > 0
  void add(const LogMoments& other);
};

struct LognormalFit {
  double mu = 0, sigma = 0;  // of the matched lognormal: sigma^2 = ln(1 + cv^2)
  Fitted mean;               // the sample mean; interval mean +- 1.96 s / sqrt(n)
  Fitted cv;                 // s / mean (n - 1 divisor); interval from the chi-square law of the
                             // matched lognormal's sigma^2 (exact for lognormal data)
};

// REQUIRES m.n >= 2.
LognormalFit fit_lognormal(const LogMoments& m);

}  // namespace supportsim
