#pragma once
// Distributions of a count (how many agent touches a deferred case needs): constant, geometric
// on 1, 2, 3, ... and empirical. Validated at construction (factories throw
// std::invalid_argument with a short reason that the loader wraps into an InputError); sampling
// never fails and always gives at least 1.

#include <memory>
#include <string>
#include <vector>

#include "sim/core/random.h"

namespace supportsim {

class CountDistribution {
 public:
  enum class Kind { kConstant, kGeometric, kEmpirical };

  static CountDistribution constant(int value);  // value >= 1
  // P(k) = p (1 - p)^(k - 1) for k >= 1, with p = 1 / mean; mean >= 1 (1 is always 1).
  static CountDistribution geometric(double mean);
  // `counts` are the integers >= 1 read from `file` (kept for writing the scenario back).
  static CountDistribution empirical(std::string file, std::vector<int> counts);

  int sample(CaseRng& rng) const;
  double mean() const { return mean_; }
  // The largest count it can give (INT_MAX for geometric with mean > 1).
  int max() const;

  Kind kind() const { return kind_; }
  // Parameters as given, for writing the scenario back out.
  int param_value() const { return value_; }
  double param_mean() const { return mean_; }
  const std::string& file() const { return file_; }
  const std::vector<int>& counts() const { return *counts_; }
  static const char* kind_name(Kind kind);

 private:
  CountDistribution() = default;
  Kind kind_ = Kind::kConstant;
  int value_ = 1;
  double mean_ = 1;
  double log_q_ = 0;  // geometric: ln(1 - p)
  std::string file_;
  std::shared_ptr<const std::vector<int>> counts_;
};

}  // namespace supportsim
