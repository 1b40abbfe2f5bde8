#include "sim/experiment/paired.h"

#include <cmath>
#include <stdexcept>

namespace supportsim {
namespace {

std::vector<double> defined(const std::vector<double>& values) {
  std::vector<double> out;
  for (const double v : values)
    if (!std::isnan(v)) out.push_back(v);
  return out;
}

}  // namespace

std::optional<Estimate> paired_difference(const std::vector<double>& a,
                                          const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired_difference: sizes differ");
  std::vector<double> differences;
  for (std::size_t r = 0; r < a.size(); ++r)
    if (!std::isnan(a[r]) && !std::isnan(b[r])) differences.push_back(a[r] - b[r]);
  if (differences.empty()) return std::nullopt;
  return estimate(differences);
}

std::optional<Estimate> unpaired_difference(const std::vector<double>& a,
                                            const std::vector<double>& b) {
  const Estimate ea = estimate(defined(a)), eb = estimate(defined(b));
  if (ea.n == 0 || eb.n == 0) return std::nullopt;
  Estimate d;
  d.n = std::min(ea.n, eb.n);
  d.mean = ea.mean - eb.mean;
  d.ci95_low = d.ci95_high = d.mean;
  if (ea.n < 2 || eb.n < 2) return d;
  const double va = ea.stdev * ea.stdev / static_cast<double>(ea.n);
  const double vb = eb.stdev * eb.stdev / static_cast<double>(eb.n);
  d.stdev = std::sqrt(va + vb);
  if (d.stdev == 0) return d;
  const double dof =
      (va + vb) * (va + vb) /
      (va * va / static_cast<double>(ea.n - 1) + vb * vb / static_cast<double>(eb.n - 1));
  const double half_width = student_t_975(dof) * d.stdev;
  d.ci95_low = d.mean - half_width;
  d.ci95_high = d.mean + half_width;
  return d;
}

}  // namespace supportsim
