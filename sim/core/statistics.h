#pragma once
// Statistics over replications (docs/statistics.md) and inside one replication.

#include <cstdint>
#include <vector>

namespace supportsim {

// Mean, Student-t 95% interval and sample standard deviation of independent observations.
// With one observation both interval ends equal the mean and stdev is 0. Requires n >= 1
// (an empty vector gives all zeros).
struct Estimate {
  double mean = 0;
  double ci95_low = 0;
  double ci95_high = 0;
  double stdev = 0;
  std::size_t n = 0;
};
Estimate estimate(const std::vector<double>& values);

// The 97.5% quantile of Student's t with `dof` degrees of freedom (Boost.Math), i.e. the
// multiplier of a two-sided 95% interval. Requires dof > 0 (else std::domain_error).
double student_t_975(double dof);

// Fixed-memory quantile sketch for non-negative durations: log-spaced bins with relative width
// 0.5% from 0.1 s to 1e8 s (values below go to a first bin, above to a last bin). A quantile is
// reported as the geometric midpoint of its bin, so its relative error is at most ~0.25%.
// Memory does not grow with the number of values (docs/determinism.md): about 33 KB per sketch.
// Convention: quantile(q) is the value of rank ceil(q * count()) (at least 1) in sorted order,
// as in the nearest-rank method. A rank in the first bin (below 0.1 s, e.g. a zero wait) is
// reported as 0, and one in the last bin as 1e8 s.
class QuantileSketch {
 public:
  QuantileSketch();
  void add(double seconds);
  std::uint64_t count() const { return total_; }
  // q in [0, 1]; 0 when empty.
  double quantile(double q) const;

 private:
  std::vector<std::uint64_t> bins_;
  std::uint64_t total_ = 0;
};

}  // namespace supportsim
