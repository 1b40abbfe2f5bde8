#pragma once
// Patience from waits: customers who abandoned give their patience (an event); customers who
// were answered after waiting w only tell that their patience exceeded w (censored). Estimating
// from abandoners alone would see only the impatient and underestimate patience badly; these
// estimators use both, as the call-centre literature does (Brown et al. 2005, JASA).
//
// Waits are grouped at 0.1 s, so memory grows with the number of distinct waits, not with
// the number of observations.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "sim/calibrate/fitted.h"

namespace supportsim {

class CensoredSample {
 public:
  static constexpr double kResolution = 0.1;  // seconds
  // REQUIRES wait >= 0.
  void add_event(double wait) { ++groups_[key(wait)].events; }
  void add_censored(double wait) { ++groups_[key(wait)].censored; }

  struct Group {
    double time = 0;
    long events = 0, censored = 0;
  };
  // Distinct times in increasing order (a time of 0 is reported as half the resolution, so
  // that it has a logarithm).
  std::vector<Group> groups() const;
  long events() const;
  long size() const;

 private:
  struct Counts {
    long events = 0, censored = 0;
  };
  static std::int64_t key(double wait);
  std::map<std::int64_t, Counts> groups_;
};

// Kaplan-Meier: S(t) just after each event time (ties: events before censorings, i.e. a
// customer censored at t was still at risk at t).
struct SurvivalPoint {
  double time = 0;
  double survival = 1;
  double variance = 0;  // Greenwood's
  long at_risk = 0, events = 0;
};
std::vector<SurvivalPoint> kaplan_meier(const CensoredSample& sample);
// The median: the first time S(t) <= 0.5, with the test-based 95% interval of Brookmeyer and
// Crowley (the times where |S(t) - 0.5| <= 1.96 Greenwood standard errors; the high end is the
// last event time when the curve stays above). nullopt when S never reaches 0.5 (too much
// censoring to tell).
std::optional<Fitted> kaplan_meier_median(const std::vector<SurvivalPoint>& curve);

// Exponential patience by censored maximum likelihood: mean = (all waits, abandoned or not)
// / abandonments; interval exp(+-1.96 / sqrt(events)) around it. REQUIRES events >= 1.
Fitted fit_exponential_censored(const CensoredSample& sample);

// Lognormal patience by censored maximum likelihood (Nelder-Mead on mu, log sigma; the
// interval of the mean by the delta method on the observed information). REQUIRES events >= 2.
struct CensoredLognormal {
  double mu = 0, sigma = 0;
  Fitted mean;
  Fitted cv;  // interval by the delta method on log sigma
  double log_likelihood = 0;
};
CensoredLognormal fit_lognormal_censored(const CensoredSample& sample);
// The exponential's log-likelihood at `mean`, for comparing the two fits (AIC).
double exponential_log_likelihood(const CensoredSample& sample, double mean);

}  // namespace supportsim
