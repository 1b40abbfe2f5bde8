#pragma once
// A share estimated from counts (entry shares, issue shares, resolve and escalation shares).

#include "sim/calibrate/fitted.h"

namespace supportsim {

// successes / trials with the Wilson score 95% interval (sensible near 0 and 1 and for small
// counts, unlike the normal approximation). REQUIRES 0 <= successes <= trials; trials == 0
// gives estimate 0 and the interval [0, 1].
Fitted fit_proportion(long successes, long trials);

}  // namespace supportsim
