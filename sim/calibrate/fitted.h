#pragma once
// What every estimator of sim/calibrate returns: a value, its 95% interval and the number of
// observations behind it (a row of fit.csv).

namespace supportsim {

struct Fitted {
  double estimate = 0;
  double low = 0;  // 95% interval
  double high = 0;
  long n = 0;  // observations behind the estimate (events, for censored data)
};

}  // namespace supportsim
