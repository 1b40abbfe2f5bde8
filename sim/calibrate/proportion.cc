#include "sim/calibrate/proportion.h"

#include <algorithm>
#include <cmath>

namespace supportsim {

Fitted fit_proportion(long successes, long trials) {
  if (trials <= 0) return {0, 0, 1, 0};
  constexpr double z = 1.959963984540054;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half), trials};
}

}  // namespace supportsim
