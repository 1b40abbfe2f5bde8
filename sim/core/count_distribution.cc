#include "sim/core/count_distribution.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

namespace supportsim {

CountDistribution CountDistribution::constant(int value) {
  if (value < 1) throw std::invalid_argument("value must be >= 1, got " + std::to_string(value));
  CountDistribution d;
  d.kind_ = Kind::kConstant;
  d.value_ = value;
  d.mean_ = value;
  return d;
}

CountDistribution CountDistribution::geometric(double mean) {
  if (!(mean >= 1) || !std::isfinite(mean))
    throw std::invalid_argument("mean must be a finite number >= 1");
  CountDistribution d;
  d.kind_ = Kind::kGeometric;
  d.mean_ = mean;
  d.log_q_ = std::log1p(-1 / mean);  // -inf for mean 1: always 1
  return d;
}

CountDistribution CountDistribution::empirical(std::string file, std::vector<int> counts) {
  if (counts.empty()) throw std::invalid_argument("needs at least one count");
  double sum = 0;
  for (const int k : counts) {
    if (k < 1) throw std::invalid_argument("counts must be >= 1, got " + std::to_string(k));
    sum += k;
  }
  CountDistribution d;
  d.kind_ = Kind::kEmpirical;
  d.file_ = std::move(file);
  d.mean_ = sum / static_cast<double>(counts.size());
  d.counts_ = std::make_shared<const std::vector<int>>(std::move(counts));
  return d;
}

int CountDistribution::sample(CaseRng& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return value_;
    case Kind::kGeometric: {
      // Inversion: the number of trials up to the first success, 1 + floor(ln U / ln(1 - p)).
      const double u = uniform01(rng);
      if (!(log_q_ < 0) || std::isinf(log_q_)) return 1;
      const double k = 1 + std::floor(std::log1p(-u) / log_q_);
      return k >= INT_MAX ? INT_MAX : static_cast<int>(k);
    }
    case Kind::kEmpirical: {
      const std::vector<int>& counts = *counts_;
      const auto n = counts.size();
      return counts[std::min(n - 1, static_cast<std::size_t>(uniform01(rng) * n))];
    }
  }
  return 1;
}

int CountDistribution::max() const {
  switch (kind_) {
    case Kind::kConstant:
      return value_;
    case Kind::kGeometric:
      return mean_ > 1 ? INT_MAX : 1;
    case Kind::kEmpirical:
      return *std::max_element(counts_->begin(), counts_->end());
  }
  return 1;
}

const char* CountDistribution::kind_name(Kind kind) {
  switch (kind) {
    case Kind::kConstant:
      return "constant";
    case Kind::kGeometric:
      return "geometric";
    case Kind::kEmpirical:
      return "empirical";
  }
  return "unknown";
}

}  // namespace supportsim
