#pragma once
// Probability distributions of durations (seconds), as in scenarios/README.md "Distributions".
// Validated at construction (factories throw std::invalid_argument with a short reason that the
// loader wraps into an InputError carrying file:line:col); sampling never fails.

#include <memory>
#include <string>
#include <vector>

#include "sim/core/random.h"

namespace supportsim {

class Distribution {
 public:
  enum class Kind { kExponential, kLognormal, kGamma, kWeibull, kUniform, kConstant, kEmpirical };

  static Distribution exponential(double mean);
  // cv in [kMinCv, kMaxCv] (sim/core/limits.h): what the samplers represent.
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);
  static Distribution weibull(double mean, double shape);  // shape > 0, cv <= kMaxCv
  static Distribution uniform(double min, double max);     // 0 <= min <= max
  static Distribution constant(double value);              // value >= 0
  // `samples` are the durations read from `file` (kept for writing the scenario back).
  static Distribution empirical(std::string file, std::vector<double> samples);

  double sample(Rng& rng) const;
  double sample(CaseRng& rng) const;
  double mean() const;
  // Coefficient of variation (stdev / mean); 0 for constant.
  double cv() const;

  Kind kind() const { return kind_; }
  // The parameters as given, for writing the resolved scenario back out. For empirical,
  // param_mean() and param_cv() are those of the samples; samples() is only for empirical.
  double param_mean() const { return mean_; }
  double param_cv() const { return cv_; }
  double param_shape() const { return shape_; }
  double param_min() const { return min_; }
  double param_max() const { return max_; }
  double param_value() const { return value_; }
  const std::string& file() const { return file_; }
  const std::vector<double>& samples() const { return *samples_; }

  // The distribution's name as written in scenario files ("exponential", ...).
  static const char* kind_name(Kind kind);

 private:
  Distribution() = default;
  template <class Engine>
  double draw(Engine& rng) const;
  Kind kind_ = Kind::kConstant;
  double mean_ = 0, cv_ = 0, shape_ = 0, min_ = 0, max_ = 0, value_ = 0;
  // Derived parameters of the underlying Boost distribution (precomputed once).
  double a_ = 0, b_ = 0;
  std::string file_;
  std::shared_ptr<const std::vector<double>> samples_;
};

}  // namespace supportsim
