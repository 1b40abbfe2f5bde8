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

namespace {

// Whether slice j of day d lies inside [start_s, end_s) (slices are on its boundaries).
bool observed(std::int64_t d, int j, double slice_s, double start_s, double end_s) {
  const double from = static_cast<double>(d) * kDay + j * slice_s;
  return from >= start_s - 1e-6 && from + slice_s <= end_s + 1e-6;
}

}  // namespace

double observed_share_of_day(std::int64_t day, double start_s, double end_s,
                             const std::vector<double>& daily) {
  const int slices = static_cast<int>(daily.size());
  const double slice_s = kDay / slices;
  double share = 0;
  for (int j = 0; j < slices; ++j)
    if (observed(day, j, slice_s, start_s, end_s)) share += daily[j] / slices;
  return share;
}

ArrivalFit fit_arrivals(const ArrivalCounts& counts, double start_s, double end_s) {
  const int slices = counts.slices();
  const double slice_s = kDay / slices;
  const auto first_day = static_cast<std::int64_t>(std::floor(start_s / kDay));
  const auto last_day = static_cast<std::int64_t>(std::floor((end_s - 1e-6) / kDay));
  auto count_of = [&](std::int64_t d, int j) -> double {
    auto it = counts.days().find(d);
    return it == counts.days().end() ? 0 : static_cast<double>(it->second[j]);
  };

  ArrivalFit fit;
  // Daily: mean count per slice over the days that observed it.
  std::vector<double> per_slice(static_cast<std::size_t>(slices), 0);
  std::vector<int> slice_days(static_cast<std::size_t>(slices), 0);
  double n = 0;
  for (std::int64_t d = first_day; d <= last_day; ++d)
    for (int j = 0; j < slices; ++j)
      if (observed(d, j, slice_s, start_s, end_s)) {
        per_slice[j] += count_of(d, j);
        ++slice_days[j];
        n += count_of(d, j);
      }
  fit.cases = static_cast<long>(n);
  double slice_sum = 0;
  int slices_seen = 0;
  for (int j = 0; j < slices; ++j)
    if (slice_days[j]) slice_sum += per_slice[j] / slice_days[j], ++slices_seen;
  const double slice_mean = slices_seen ? slice_sum / slices_seen : 0;
  std::vector<double> daily;
  for (int j = 0; j < slices; ++j) {
    if (!slice_days[j] || slice_mean <= 0) {
      daily.push_back(1);
      fit.daily.push_back({1, 0, 0, 0});
      continue;
    }
    const double c = per_slice[j];
    const double scale = slice_mean * slice_days[j];
    const double f = c / scale;
    const double se = std::sqrt(c) / scale;
    daily.push_back(f);
    fit.daily.push_back({f, std::max(0.0, f - kZ * se), f + kZ * se, static_cast<long>(c)});
  }

  // Weekly: per weekday, the count over the share of full days observed; busyness from the
  // days observed whole.
  std::array<double, 7> count{}, exposure{};
  std::array<std::vector<double>, 7> whole_days;
  for (std::int64_t d = first_day; d <= last_day; ++d) {
    const int k = weekday_of(d);
    const double share = observed_share_of_day(d, start_s, end_s, daily);
    double total = 0;
    for (int j = 0; j < slices; ++j)
      if (observed(d, j, slice_s, start_s, end_s)) total += count_of(d, j);
    count[k] += total;
    exposure[k] += share;
    if (share > 1 - 1e-9) whole_days[k].push_back(total);
  }
  std::array<double, 7> mean_of{};
  double mean_sum = 0;
  int present = 0;
  for (int k = 0; k < 7; ++k) {
    if (exposure[k] <= 0) continue;
    mean_of[k] = count[k] / exposure[k];
    mean_sum += mean_of[k];
    ++present;
  }
  const double weekday_mean = present ? mean_sum / present : 0;

  // Busyness: within a weekday, the days' counts vary as Poisson (variance = mean) times the
  // gamma factor (variance mean^2 cv^2): pooled moment estimate over the weekdays seen whole at
  // least twice, with the sampling spread of a variance (2 sigma^4 / dof) for its interval.
  double excess = 0, scale = 0, var_of_excess = 0;
  for (int k = 0; k < 7; ++k) {
    const auto& v = whole_days[k];
    if (v.size() < 2) continue;
    const double w = static_cast<double>(v.size()) - 1;
    double m = 0, ss = 0;
    for (double c : v) m += c / static_cast<double>(v.size());
    for (double c : v) ss += (c - m) * (c - m);
    const double var = ss / w;
    excess += w * (var - m);
    scale += w * m * m;
    var_of_excess += w * 2 * var * var;
  }
  double cv2 = 0, cv2_se = 0;
  if (scale > 0) {
    cv2 = std::max(0.0, excess / scale);
    cv2_se = std::sqrt(var_of_excess) / scale;
  }
  long whole = 0;
  for (const auto& v : whole_days) whole += static_cast<long>(v.size());
  fit.busyness_cv = {std::sqrt(cv2), std::sqrt(std::max(0.0, cv2 - kZ * cv2_se)),
                     std::sqrt(cv2 + kZ * cv2_se), whole};

  // Rate: the mean over a week when the window holds every weekday, else count over time;
  // its spread is Poisson with the over-dispersion, Var(N) = N + cv^2 sum(E_d^2).
  const double window_s = end_s - start_s;
  const double rate = present == 7 ? weekday_mean / kDay : n / window_s;
  double sum_e2 = 0;
  for (int k = 0; k < 7; ++k) sum_e2 += exposure[k] * mean_of[k] * mean_of[k];
  const double rate_se = std::sqrt(n + cv2 * sum_e2) / window_s;
  fit.rate_per_s = {rate, std::max(0.0, rate - kZ * rate_se), rate + kZ * rate_se, fit.cases};

  for (int k = 0; k < 7; ++k) {
    if (exposure[k] <= 0 || weekday_mean <= 0) {
      fit.weekly.push_back({1, 0, 0, 0});
      continue;
    }
    const double f = mean_of[k] / weekday_mean;
    // The weekday total's spread (Poisson and busyness), ignoring the normaliser's own.
    const double se = std::sqrt(count[k] + cv2 * mean_of[k] * mean_of[k] * exposure[k]) /
                      exposure[k] / weekday_mean;
    fit.weekly.push_back({f, std::max(0.0, f - kZ * se), f + kZ * se, static_cast<long>(count[k])});
  }
  return fit;
}

}  // namespace supportsim
