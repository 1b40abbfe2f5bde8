#include "sim/core/distribution.h"

#include <algorithm>
#include <array>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "sim/core/limits.h"

namespace supportsim {
namespace {

std::string number(double x) {
  std::array<char, 64> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  return std::string(buffer.data(), result.ptr);
}

[[noreturn]] void reject(const std::string& reason) { throw std::invalid_argument(reason); }

// `!(x > 0)` rather than `x <= 0` so that NaN is rejected too.
void require_positive(const char* name, double x) {
  if (!(x > 0)) reject(std::string(name) + " must be > 0, got " + number(x));
  if (!std::isfinite(x)) reject(std::string(name) + " must be finite, got " + number(x));
}

void require_non_negative(const char* name, double x) {
  if (!(x >= 0)) reject(std::string(name) + " must be >= 0, got " + number(x));
  if (!std::isfinite(x)) reject(std::string(name) + " must be finite, got " + number(x));
}

// Within what the samplers represent (sim/core/limits.h).
void require_cv(double cv) {
  require_positive("cv", cv);
  if (cv < kMinCv || cv > kMaxCv)
    reject("cv must be in [0.001, 1000] (use a constant below), got " + number(cv));
}

}  // namespace

Distribution Distribution::exponential(double mean) {
  require_positive("mean", mean);
  Distribution d;
  d.kind_ = Kind::kExponential;
  d.mean_ = mean;
  d.a_ = 1.0 / mean;
  return d;
}

Distribution Distribution::lognormal(double mean, double cv) {
  require_positive("mean", mean);
  require_cv(cv);
  Distribution d;
  d.kind_ = Kind::kLognormal;
  d.mean_ = mean;
  d.cv_ = cv;
  // Boost takes the mean and sigma of the underlying normal (checked against Boost 1.74).
  const double sigma2 = std::log1p(cv * cv);
  d.a_ = std::log(mean) - sigma2 / 2;
  d.b_ = std::sqrt(sigma2);
  return d;
}

Distribution Distribution::gamma(double mean, double cv) {
  require_positive("mean", mean);
  require_cv(cv);
  Distribution d;
  d.kind_ = Kind::kGamma;
  d.mean_ = mean;
  d.cv_ = cv;
  d.a_ = 1.0 / (cv * cv);  // shape
  d.b_ = mean / d.a_;      // scale
  if (!(d.a_ > 0) || !std::isfinite(d.a_) || !(d.b_ > 0) || !std::isfinite(d.b_)) {
    reject("cv out of range, got " + number(cv));
  }
  return d;
}

Distribution Distribution::weibull(double mean, double shape) {
  require_positive("mean", mean);
  require_positive("shape", shape);
  Distribution d;
  d.kind_ = Kind::kWeibull;
  d.mean_ = mean;
  d.shape_ = shape;
  d.a_ = shape;
  d.b_ = mean / std::tgamma(1 + 1 / shape);
  // A very small shape overflows the gamma function: the distribution is then unusable.
  if (!(d.b_ > 0) || !std::isfinite(d.b_) || !(d.cv() <= kMaxCv))
    reject("shape too small, got " + number(shape));
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_non_negative("min", min);
  require_non_negative("max", max);
  if (min > max) reject("min must be <= max, got " + number(min) + " > " + number(max));
  Distribution d;
  d.kind_ = Kind::kUniform;
  d.min_ = min;
  d.max_ = max;
  return d;
}

Distribution Distribution::constant(double value) {
  require_non_negative("value", value);
  Distribution d;
  d.kind_ = Kind::kConstant;
  d.value_ = value;
  return d;
}

Distribution Distribution::empirical(std::string file, std::vector<double> samples) {
  if (samples.empty()) reject("needs at least one sample");
  for (const double x : samples) require_non_negative("samples", x);
  Distribution d;
  d.kind_ = Kind::kEmpirical;
  d.file_ = std::move(file);
  // Two passes, for accuracy; the distribution is uniform over the samples, so its variance
  // divides by n.
  double sum = 0;
  for (const double x : samples) sum += x;
  const double n = static_cast<double>(samples.size());
  d.mean_ = sum / n;
  double squares = 0;
  for (const double x : samples) squares += (x - d.mean_) * (x - d.mean_);
  d.cv_ = d.mean_ > 0 ? std::sqrt(squares / n) / d.mean_ : 0;
  d.samples_ = std::make_shared<const std::vector<double>>(std::move(samples));
  return d;
}

template <class Engine>
double Distribution::draw(Engine& rng) const {
  // Boost distribution objects are a few doubles with no cached state, so building one per draw
  // costs nothing and keeps the Distribution itself copyable and const.
  switch (kind_) {
    case Kind::kExponential:
      return boost::random::exponential_distribution<double>(a_)(rng);
    case Kind::kLognormal:
      return boost::random::lognormal_distribution<double>(a_, b_)(rng);
    case Kind::kGamma:
      return boost::random::gamma_distribution<double>(a_, b_)(rng);
    case Kind::kWeibull:
      return boost::random::weibull_distribution<double>(a_, b_)(rng);
    case Kind::kUniform:
      // Boost's uniform_real loops forever when min == max.
      if (min_ == max_) return min_;
      return boost::random::uniform_real_distribution<double>(min_, max_)(rng);
    case Kind::kConstant:
      return value_;
    case Kind::kEmpirical: {
      const std::vector<double>& samples = *samples_;
      return samples[boost::random::uniform_int_distribution<std::size_t>(0,
                                                                          samples.size() - 1)(rng)];
    }
  }
  return 0;
}

double Distribution::sample(Rng& rng) const { return draw(rng); }
double Distribution::sample(CaseRng& rng) const { return draw(rng); }

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kUniform:
      return (min_ + max_) / 2;
    case Kind::kConstant:
      return value_;
    default:
      return mean_;
  }
}

double Distribution::cv() const {
  switch (kind_) {
    case Kind::kExponential:
      return 1;
    case Kind::kLognormal:
    case Kind::kGamma:
    case Kind::kEmpirical:
      return cv_;
    case Kind::kWeibull: {
      // cv^2 = G(1 + 2/k) / G(1 + 1/k)^2 - 1, in logs so that small shapes do not overflow.
      const double ratio = std::exp(std::lgamma(1 + 2 / shape_) - 2 * std::lgamma(1 + 1 / shape_));
      return std::sqrt(std::max(0.0, ratio - 1));
    }
    case Kind::kUniform: {
      const double mean = (min_ + max_) / 2;
      return mean > 0 ? (max_ - min_) / (std::sqrt(12.0) * mean) : 0;
    }
    case Kind::kConstant:
      return 0;
  }
  return 0;
}

const char* Distribution::kind_name(Kind kind) {
  switch (kind) {
    case Kind::kExponential:
      return "exponential";
    case Kind::kLognormal:
      return "lognormal";
    case Kind::kGamma:
      return "gamma";
    case Kind::kWeibull:
      return "weibull";
    case Kind::kUniform:
      return "uniform";
    case Kind::kConstant:
      return "constant";
    case Kind::kEmpirical:
      return "empirical";
  }
  return "unknown";
}

}  // namespace supportsim
