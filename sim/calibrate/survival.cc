#include "sim/calibrate/survival.h"

#include <array>
#include <cassert>
#include <cmath>
#include <functional>

namespace supportsim {
namespace {

constexpr double kZ = 1.959963984540054;

// log of the standard normal density and survival function, accurate in the far tails.
double log_phi(double z) { return -0.5 * z * z - 0.9189385332046727; }
double log_normal_survival(double z) { return std::log(0.5 * std::erfc(z / std::sqrt(2.0))); }

double lognormal_log_likelihood(const std::vector<CensoredSample::Group>& groups, double mu,
                                double log_sigma) {
  const double sigma = std::exp(log_sigma);
  double ll = 0;
  for (const auto& g : groups) {
    const double lt = std::log(g.time);
    const double z = (lt - mu) / sigma;
    if (g.events) ll += static_cast<double>(g.events) * (log_phi(z) - std::log(sigma) - lt);
    if (g.censored) ll += static_cast<double>(g.censored) * log_normal_survival(z);
  }
  return ll;
}

// Maximises f over two parameters from `start` (Nelder-Mead, standard coefficients).
std::array<double, 2> maximise(const std::function<double(double, double)>& f,
                               std::array<double, 2> start, double step) {
  std::array<std::array<double, 2>, 3> p = {start, start, start};
  p[1][0] += step;
  p[2][1] += step;
  std::array<double, 3> v;
  for (int i = 0; i < 3; ++i) v[i] = -f(p[i][0], p[i][1]);
  for (int iteration = 0; iteration < 1000; ++iteration) {
    // Order best (lowest -f) first.
    for (int i = 0; i < 3; ++i)
      for (int j = i + 1; j < 3; ++j)
        if (v[j] < v[i]) std::swap(v[i], v[j]), std::swap(p[i], p[j]);
    if (std::abs(v[2] - v[0]) < 1e-10 * (1 + std::abs(v[0])) &&
        std::abs(p[2][0] - p[0][0]) + std::abs(p[2][1] - p[0][1]) < 1e-9)
      break;
    const std::array<double, 2> c = {(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2};
    auto along = [&](double t) {
      return std::array<double, 2>{c[0] + t * (p[2][0] - c[0]), c[1] + t * (p[2][1] - c[1])};
    };
    const auto r = along(-1);
    const double vr = -f(r[0], r[1]);
    if (vr < v[0]) {
      const auto e = along(-2);
      const double ve = -f(e[0], e[1]);
      if (ve < vr)
        p[2] = e, v[2] = ve;
      else
        p[2] = r, v[2] = vr;
    } else if (vr < v[1]) {
      p[2] = r, v[2] = vr;
    } else {
      const auto k = vr < v[2] ? along(-0.5) : along(0.5);
      const double vk = -f(k[0], k[1]);
      if (vk < std::min(vr, v[2])) {
        p[2] = k, v[2] = vk;
      } else {
        for (int i = 1; i < 3; ++i) {
          p[i] = {(p[i][0] + p[0][0]) / 2, (p[i][1] + p[0][1]) / 2};
          v[i] = -f(p[i][0], p[i][1]);
        }
      }
    }
  }
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (v[i] < v[best]) best = i;
  return p[best];
}

}  // namespace

std::int64_t CensoredSample::key(double wait) {
  assert(wait >= 0);
  return std::llround(wait / kResolution);
}

std::vector<CensoredSample::Group> CensoredSample::groups() const {
  std::vector<Group> out;
  out.reserve(groups_.size());
  for (const auto& [k, c] : groups_)
    out.push_back(
        {k == 0 ? kResolution / 2 : static_cast<double>(k) * kResolution, c.events, c.censored});
  return out;
}

long CensoredSample::events() const {
  long n = 0;
  for (const auto& [k, c] : groups_) n += c.events;
  return n;
}

long CensoredSample::size() const {
  long n = 0;
  for (const auto& [k, c] : groups_) n += c.events + c.censored;
  return n;
}

std::vector<SurvivalPoint> kaplan_meier(const CensoredSample& sample) {
  const auto groups = sample.groups();
  long at_risk = sample.size();
  double s = 1, greenwood = 0;
  std::vector<SurvivalPoint> curve;
  for (const auto& g : groups) {
    if (g.events) {
      const double n = static_cast<double>(at_risk), d = static_cast<double>(g.events);
      s *= 1 - d / n;
      if (n > d) greenwood += d / (n * (n - d));
      curve.push_back({g.time, s, s * s * greenwood, at_risk, g.events});
    }
    at_risk -= g.events + g.censored;
  }
  return curve;
}

std::optional<Fitted> kaplan_meier_median(const std::vector<SurvivalPoint>& curve) {
  Fitted m;
  bool found = false, low_found = false, high_found = false;
  for (const auto& p : curve) {
    m.n += p.events;
    const double se = std::sqrt(p.variance);
    if (!low_found && p.survival - kZ * se <= 0.5) m.low = p.time, low_found = true;
    if (!found && p.survival <= 0.5) m.estimate = p.time, found = true;
    if (!high_found && p.survival + kZ * se < 0.5) m.high = p.time, high_found = true;
  }
  if (!found) return std::nullopt;
  if (!high_found) m.high = curve.back().time;
  return m;
}

Fitted fit_exponential_censored(const CensoredSample& sample) {
  double exposure = 0;
  long events = 0;
  for (const auto& g : sample.groups()) {
    exposure += g.time * static_cast<double>(g.events + g.censored);
    events += g.events;
  }
  assert(events >= 1);
  const double mean = exposure / static_cast<double>(events);
  const double spread = std::exp(kZ / std::sqrt(static_cast<double>(events)));
  return {mean, mean / spread, mean * spread, events};
}

double exponential_log_likelihood(const CensoredSample& sample, double mean) {
  double ll = 0;
  for (const auto& g : sample.groups())
    ll += -static_cast<double>(g.events) * std::log(mean) -
          g.time * static_cast<double>(g.events + g.censored) / mean;
  return ll;
}

CensoredLognormal fit_lognormal_censored(const CensoredSample& sample) {
  const auto groups = sample.groups();
  long events = 0;
  double sum_log = 0;
  for (const auto& g : groups) {
    events += g.events;
    sum_log += static_cast<double>(g.events) * std::log(g.time);
  }
  assert(events >= 2);
  // Start where the exponential fit puts the median: censoring pushes mu above the
  // abandoners' own mean log.
  const double exp_mean = fit_exponential_censored(sample).estimate;
  const std::array<double, 2> start = {
      std::max(sum_log / static_cast<double>(events), std::log(exp_mean * std::log(2.0))), 0.0};
  auto ll = [&](double mu, double log_sigma) {
    return lognormal_log_likelihood(groups, mu, log_sigma);
  };
  const auto best = maximise(ll, start, 0.5);
  CensoredLognormal f;
  f.mu = best[0];
  f.sigma = std::exp(best[1]);
  f.log_likelihood = ll(best[0], best[1]);
  // Observed information by central differences, in (mu, log sigma).
  const double h = 1e-3;
  const double f0 = f.log_likelihood;
  const double a = (ll(best[0] + h, best[1]) - 2 * f0 + ll(best[0] - h, best[1])) / (h * h);
  const double d = (ll(best[0], best[1] + h) - 2 * f0 + ll(best[0], best[1] - h)) / (h * h);
  const double b = (ll(best[0] + h, best[1] + h) - ll(best[0] + h, best[1] - h) -
                    ll(best[0] - h, best[1] + h) + ll(best[0] - h, best[1] - h)) /
                   (4 * h * h);
  // Covariance = inverse of the negated Hessian [[a, b], [b, d]].
  const double det = a * d - b * b;
  const double var_mu = -d / det, var_ls = -a / det, cov = b / det;
  // log mean = mu + sigma^2 / 2 = mu + exp(2 log sigma) / 2: gradient (1, sigma^2).
  const double s2 = f.sigma * f.sigma;
  const double var_log_mean = var_mu + 2 * s2 * cov + s2 * s2 * var_ls;
  const double log_mean = f.mu + s2 / 2;
  const double se = std::sqrt(std::max(0.0, var_log_mean));
  f.mean = {std::exp(log_mean), std::exp(log_mean - kZ * se), std::exp(log_mean + kZ * se), events};
  // cv = sqrt(exp(sigma^2) - 1): d cv / d log sigma = sigma^2 exp(sigma^2) / cv.
  const double cv = std::sqrt(std::expm1(s2));
  const double cv_se = s2 * std::exp(s2) / cv * std::sqrt(std::max(0.0, var_ls));
  f.cv = {cv, std::max(0.0, cv - kZ * cv_se), cv + kZ * cv_se, events};
  return f;
}

}  // namespace supportsim
