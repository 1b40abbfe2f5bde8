#pragma once
// Handle times: a lognormal fitted by maximum likelihood from running sums of log x, so that
// memory does not grow with the number of observations.

#include "sim/calibrate/fitted.h"

namespace supportsim {

// Running sums of positive observations.
struct LogMoments {
  long n = 0;
  double sum_log = 0, sum_log2 = 0;
  void add(double x);  // REQUIRES x > 0
};

struct LognormalFit {
  double mu = 0, sigma = 0;  // of log x (sigma with the n - 1 divisor)
  Fitted mean;               // exp(mu + sigma^2 / 2); interval by Cox's method
  Fitted cv;                 // sqrt(exp(sigma^2) - 1); interval from the chi-square law of sigma^2
};

// REQUIRES m.n >= 2.
LognormalFit fit_lognormal(const LogMoments& m);

}  // namespace supportsim
