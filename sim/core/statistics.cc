#include "sim/core/statistics.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace supportsim {
namespace {

// Sketch layout: bin 0 holds values below kLowest, bins 1..kLogBins are log-spaced with ratio
// 1.005 from kLowest up, and the last bin holds values at or above kHighest.
constexpr double kLowest = 0.1;
constexpr double kHighest = 1e8;
// Spelled out rather than computed so that no dynamic initialisation order is involved.
constexpr double kLogRatio = 0.004987541511038968;  // ln(1.005): bins 0.5% wide
constexpr std::size_t kLogBins = 4156;              // ceil(ln(kHighest / kLowest) / kLogRatio)

}  // namespace

Estimate estimate(const std::vector<double>& values) {
  Estimate result;
  result.n = values.size();
  if (values.empty()) return result;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (const double x : values) sum += x;
  result.mean = sum / n;
  result.ci95_low = result.ci95_high = result.mean;
  if (values.size() < 2) return result;
  // Two passes rather than sum of squares: replication results can share a large offset.
  double squares = 0;
  for (const double x : values) squares += (x - result.mean) * (x - result.mean);
  result.stdev = std::sqrt(squares / (n - 1));
  const double half_width = student_t_975(n - 1) * result.stdev / std::sqrt(n);
  result.ci95_low = result.mean - half_width;
  result.ci95_high = result.mean + half_width;
  return result;
}

double student_t_975(double dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), 0.975);
}

QuantileSketch::QuantileSketch() : bins_(kLogBins + 2, 0) {}

void QuantileSketch::add(double seconds) {
  std::size_t bin = 0;
  if (seconds >= kHighest) {
    bin = kLogBins + 1;
  } else if (seconds >= kLowest) {
    // Rounding in the logarithm may put a value on a bin edge into its neighbour, which moves
    // the reported value by one bin width at most.
    bin = 1 + static_cast<std::size_t>(std::log(seconds / kLowest) / kLogRatio);
    bin = std::min(bin, kLogBins);
  }
  ++bins_[bin];
  ++total_;
}

double QuantileSketch::quantile(double q) const {
  if (total_ == 0) return 0;
  const double clamped = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(clamped * static_cast<double>(total_))));
  std::uint64_t seen = 0;
  std::size_t bin = 0;
  for (; bin + 1 < bins_.size(); ++bin) {
    seen += bins_[bin];
    if (seen >= rank) break;
  }
  if (bin == 0) return 0;
  if (bin == kLogBins + 1) return kHighest;
  return kLowest * std::exp((static_cast<double>(bin) - 0.5) * kLogRatio);
}

}  // namespace supportsim
