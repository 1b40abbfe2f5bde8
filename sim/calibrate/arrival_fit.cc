#include "sim/calibrate/arrival_fit.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace supportsim {
namespace {

constexpr double kZ = 1.959963984540054;
constexpr double kDay = 86400;

}  // namespace

void ArrivalCounts::add(double local_s) {
  const auto day = static_cast<std::int64_t>(std::floor(local_s / kDay));
  const double into = local_s - static_cast<double>(day) * kDay;
  const int slice = std::min(slices_ - 1, static_cast<int>(into / (kDay / slices_)));
  auto& counts = days_[day];
  if (counts.empty()) counts.assign(static_cast<std::size_t>(slices_), 0);
  ++counts[static_cast<std::size_t>(slice)];
}

int weekday_of(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

ArrivalFit fit_arrivals(const ArrivalCounts& counts, std::int64_t first_day, std::int64_t last_day) {
  const int slices = counts.slices();
  const auto days = static_cast<double>(last_day - first_day + 1);
  std::vector<double> per_day;  // in window order
  std::vector<double> per_slice(static_cast<std::size_t>(slices), 0);
  std::array<std::vector<double>, 7> by_weekday;
  for (std::int64_t d = first_day; d <= last_day; ++d) {
    auto it = counts.days().find(d);
    double total = 0;
    if (it != counts.days().end())
      for (int s = 0; s < slices; ++s) {
        total += static_cast<double>(it->second[s]);
        per_slice[s] += static_cast<double>(it->second[s]);
      }
    per_day.push_back(total);
    by_weekday[weekday_of(d)].push_back(total);
  }
  ArrivalFit fit;
  double n = 0;
  for (double c : per_day) n += c;
  fit.cases = static_cast<long>(n);

  // Weekly: mean count per weekday, relative to the mean over the weekdays present.
  std::array<double, 7> mean_of{};
  double mean_sum = 0;
  int present = 0;
  for (int k = 0; k < 7; ++k) {
    if (by_weekday[k].empty()) continue;
    for (double c : by_weekday[k]) mean_of[k] += c;
    mean_of[k] /= static_cast<double>(by_weekday[k].size());
    mean_sum += mean_of[k];
    ++present;
  }
  const double weekday_mean = present ? mean_sum / present : 0;

  // Busyness: within a weekday, the days' counts vary as Poisson (variance = mean) times the
  // gamma factor (variance mean^2 cv^2): pooled moment estimate over the weekdays seen at
  // least twice, with the sampling spread of a variance (2 sigma^4 / dof) for its interval.
  double excess = 0, scale = 0, dof = 0, var_of_excess = 0;
  for (int k = 0; k < 7; ++k) {
    const auto& v = by_weekday[k];
    if (v.size() < 2) continue;
    const double w = static_cast<double>(v.size()) - 1;
    double ss = 0;
    for (double c : v) ss += (c - mean_of[k]) * (c - mean_of[k]);
    const double var = ss / w;
    excess += w * (var - mean_of[k]);
    scale += w * mean_of[k] * mean_of[k];
    var_of_excess += w * w * 2 * var * var / w;
    dof += w;
  }
  double cv2 = 0, cv2_se = 0;
  if (scale > 0) {
    cv2 = std::max(0.0, excess / scale);
    cv2_se = std::sqrt(var_of_excess) / scale;
  }
  fit.busyness_cv = {std::sqrt(cv2), std::sqrt(std::max(0.0, cv2 - kZ * cv2_se)),
                     std::sqrt(cv2 + kZ * cv2_se), static_cast<long>(days)};

  // Rate: Poisson with the over-dispersion, Var(N) = N + cv^2 sum(E_d^2).
  double sum_e2 = 0;
  for (int k = 0; k < 7; ++k) sum_e2 += static_cast<double>(by_weekday[k].size()) * mean_of[k] * mean_of[k];
  const double rate = n / (days * kDay);
  const double rate_se = std::sqrt(n + cv2 * sum_e2) / (days * kDay);
  fit.rate_per_s = {rate, std::max(0.0, rate - kZ * rate_se), rate + kZ * rate_se, fit.cases};

  for (int k = 0; k < 7; ++k) {
    if (by_weekday[k].empty() || weekday_mean <= 0) {
      fit.weekly.push_back({1, 0, 0, 0});
      continue;
    }
    const double w = static_cast<double>(by_weekday[k].size());
    const double f = mean_of[k] / weekday_mean;
    // The day total's spread (Poisson and busyness), ignoring the normaliser's own.
    const double se = std::sqrt(mean_of[k] / w + cv2 * mean_of[k] * mean_of[k] / w) / weekday_mean;
    long cases = 0;
    for (double c : by_weekday[k]) cases += static_cast<long>(c);
    fit.weekly.push_back({f, std::max(0.0, f - kZ * se), f + kZ * se, cases});
  }
  const double slice_mean = n / slices;
  for (int s = 0; s < slices; ++s) {
    const double c = per_slice[s];
    const double f = slice_mean > 0 ? c / slice_mean : 1;
    const double se = slice_mean > 0 ? std::sqrt(c) / slice_mean : 0;
    fit.daily.push_back({f, std::max(0.0, f - kZ * se), f + kZ * se, static_cast<long>(c)});
  }
  return fit;
}

}  // namespace supportsim
