#include "sim/model/churn.h"

#include <cmath>

namespace supportsim {

double ChurnRule::probability(const CaseExperience& e) const {
  const double z = intercept + w_wait * e.waited_minutes + w_handoff * e.handoffs +
                   w_repeat * e.repeats + w_unresolved * (e.unresolved ? 1 : 0) +
                   w_abandoned * (e.abandoned ? 1 : 0) + w_resolution * e.resolution_hours;
  return 1 / (1 + std::exp(-z));  // -inf intercept gives exactly 0
}

double effort_score(const CaseExperience& e) {
  const double points = e.handoffs + e.repeats + e.waited_minutes / 10 + (e.unresolved ? 2 : 0) +
                        (e.abandoned ? 1 : 0);
  return 1 + 6 * (1 - std::exp(-points / 3));
}

}  // namespace supportsim
