#pragma once
// How the service experience turns into customers lost (scenarios/README.md [churn]) and into a
// customer-effort score. Plain functions of what happened to one case.

namespace supportsim {

// What a case went through, as the churn rule and the effort score see it.
struct CaseExperience {
  double waited_minutes = 0;  // total wait in agent queues
  int handoffs = 0;
  int repeats = 0;
  bool unresolved = false;
  bool abandoned = false;       // left an agent queue at least once
  double resolution_hours = 0;  // arrival to the end of the case, resolved or not
};

// A perfect contact: no wait, no handoff, no repeat, resolved at once. What a customer would
// do after it under a churn rule is the part of churn that service cannot remove.
inline constexpr CaseExperience kPerfectContact{};

// The logistic rule: the case's customer leaves with probability
// 1 / (1 + exp(-(intercept + w_wait x waited_minutes + w_handoff x handoffs + w_repeat x repeats
//                + w_unresolved x unresolved + w_abandoned x abandoned + w_resolution x hours))).
struct ChurnRule {
  double intercept = -6;
  double w_wait = 0, w_handoff = 0, w_repeat = 0, w_unresolved = 0, w_abandoned = 0,
         w_resolution = 0;
  double probability(const CaseExperience& e) const;
};

// Customer-effort score, 1 (easy) .. 7 (hard), on the CEB 7-point scale. Effort points: 1 per
// handoff, 1 per repeat (re-explaining), 1 per 10 minutes waited, 2 for an unresolved case,
// 1 for having abandoned a queue; the score is 1 + 6 x (1 - exp(-points / 3)), so an effortless
// case scores 1, one handoff with a repeat about 3.7, and heavy effort tends to 7.
double effort_score(const CaseExperience& e);

}  // namespace supportsim
