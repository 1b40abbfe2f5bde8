#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/units.h"
#include "sim/model/scenario.h"

namespace supportsim {

int Schedule::at(double t) const {
  if (steps.empty()) return 0;
  if (period_s > 0 && t >= repeat_from_s)
    t = repeat_from_s + std::fmod(t - repeat_from_s, period_s);
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

double Schedule::repeat_rows() {
  const double covered = (std::floor(steps.back().first / kDay) + 1) * kDay;
  if (covered == kDay || covered == kWeek) {
    period_s = covered;
    repeat_from_s = 0;
  } else {
    period_s = covered > kWeek ? kWeek : kDay;
    repeat_from_s = covered - period_s;
  }
  return covered;
}

double Schedule::next_change_after(double t) const {
  constexpr double kNone = std::numeric_limits<double>::infinity();
  // Steps as written (the first repetition included).
  double next = kNone;
  for (const auto& step : steps)
    if (step.first > t) {
      next = step.first;
      break;
    }
  if (period_s <= 0) return steps.size() < 2 ? kNone : next;
  if (t < repeat_from_s) return std::min(next, repeat_from_s + period_s);
  // Inside the repetitions: the start of each repetition, and the steps inside it.
  const double cycle_start = repeat_from_s + std::floor((t - repeat_from_s) / period_s) * period_s;
  for (int cycle = 0; cycle < 2; ++cycle) {
    const double start = cycle_start + cycle * period_s;
    if (start > t) next = std::min(next, start);
    for (const auto& step : steps) {
      if (step.first < repeat_from_s) continue;
      const double when = start + (step.first - repeat_from_s);
      if (when > t) next = std::min(next, when);
    }
  }
  return next;
}

}  // namespace supportsim
