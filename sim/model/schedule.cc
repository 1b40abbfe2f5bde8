#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/model/scenario.h"

namespace supportsim {

int Schedule::at(double t) const {
  if (steps.empty()) return 0;
  if (period_s > 0) t = std::fmod(t, period_s);
  // Last step starting at or before t; steps[0] starts at 0.
  auto after = std::upper_bound(steps.begin(), steps.end(), t,
                                [](double time, const auto& step) { return time < step.first; });
  return after == steps.begin() ? steps.front().second : std::prev(after)->second;
}

int Schedule::max_agents() const {
  int most = 0;
  for (const auto& step : steps) most = std::max(most, step.second);
  return most;
}

}  // namespace supportsim

namespace supportsim {

double Schedule::next_change_after(double t) const {
  constexpr double kNone = std::numeric_limits<double>::infinity();
  if (steps.size() < 2 && period_s <= 0) return kNone;
  if (period_s <= 0) {
    for (const auto& step : steps)
      if (step.first > t) return step.first;
    return kNone;
  }
  const double cycle_start = std::floor(t / period_s) * period_s;
  for (int cycle = 0; cycle < 2; ++cycle)
    for (const auto& step : steps) {
      const double when = cycle_start + cycle * period_s + step.first;
      if (when > t) return when;
    }
  return kNone;
}

}  // namespace supportsim
