#include "sim/calibrate/calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/calibrate/proportion.h"
#include "sim/core/limits.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

constexpr double kPlaceholderOccupancy = 0.8;  // placeholder staffing: peak load / this
constexpr double kLogOccupancy = 0.85;         // --staff-from-log: concurrent handling / this
constexpr const char* kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Fitted scaled(Fitted f, double k) {
  f.estimate *= k, f.low *= k, f.high *= k;
  return f;
}

// The scenario holds fitted values rounded to what the data supports, so that it reads well
// ("7m2s", "61.33/h"); fit.csv keeps them unrounded.
double round_significant(double x, int digits) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(std::abs(x))));
  return std::round(x * scale) / scale;
}
double round_duration(double s) {
  return s >= 10 ? std::round(s) : std::max(0.1, std::round(s * 10) / 10);
}
double clamp_cv(double cv) { return std::clamp(round_significant(cv, 3), kMinCv, kMaxCv); }
Distribution lognormal(double mean_s, double cv) {
  return Distribution::lognormal(round_duration(mean_s), clamp_cv(cv));
}
Distribution exponential(double mean_s) {
  return Distribution::exponential(round_duration(mean_s));
}
// Shares rounded to 4 decimals, the last taking the rest so that they still sum to 1.
void round_shares(std::vector<Share>& shares) {
  double sum = 0;
  for (std::size_t k = 0; k + 1 < shares.size(); ++k) {
    shares[k].share = std::round(shares[k].share * 1e4) / 1e4;
    sum += shares[k].share;
  }
  if (!shares.empty()) shares.back().share = std::round((1 - sum) * 1e4) / 1e4;
}

// Names the log gives, made valid scenario names (scenarios/README.md: 1 to 200 bytes without
// '.', '/', '\\' or control characters, unique; a channel may not be called "default"), in order.
std::vector<std::string> scenario_names(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (std::string name : raw) {
    for (char& c : name)
      if (c == '.' || c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        c = '_';
    if (name.size() > 190) name.resize(190);
    if (name.empty() || name == "default") name += "_";
    std::string unique = name;
    for (int k = 2; std::find(out.begin(), out.end(), unique) != out.end(); ++k)
      unique = name + "_" + std::to_string(k);
    out.push_back(unique);
  }
  return out;
}

LogMoments pooled(const std::vector<LogMoments>& cells) {
  LogMoments m;
  for (const auto& c : cells) m.add(c);
  return m;
}

class Fitter {
 public:
  Fitter(const LogSummary& s, const CalibrateOptions& o)
      : s_(s),
        o_(o),
        segment_names_(scenario_names(s.segments.names())),
        issue_names_(scenario_names(s.issues.names())),
        channel_names_(scenario_names(s.channels.names())) {}

  Calibration run() {
    const double slice_s = 86400.0 / s_.slices;
    c_.window_start_s = std::floor(*s_.first_created_s / slice_s) * slice_s;
    c_.window_end_s = (std::floor(*s_.last_created_s / slice_s) + 1) * slice_s;
    c_.first_day = static_cast<std::int64_t>(std::floor(c_.window_start_s / 86400));
    c_.last_day = static_cast<std::int64_t>(std::floor((c_.window_end_s - 1e-6) / 86400));
    Scenario& sc = c_.scenario;
    sc.run.name = o_.name;
    sc.run.interval_s = o_.interval_s;
    // Simulation time 0 is Monday 00:00: the warm-up brings the statistics window to the time
    // of week where the log begins, so that profiles and schedules line up with it.
    const double week_s = 7 * 86400.0;
    const double monday_s = static_cast<double>(c_.first_day - weekday_of(c_.first_day)) * 86400.0;
    sc.run.warmup_s = std::fmod(c_.window_start_s - monday_s, week_s);
    sc.run.horizon_s = c_.window_end_s - c_.window_start_s;
    sc.run.replications = 10;
    sc.skills = issue_names_;
    for (std::size_t k = 0; k < s_.channels.names().size(); ++k)
      if (channel_names_[k] != s_.channels.names()[k])
        c_.notes.push_back("channel \"" + s_.channels.names()[k] + "\" is called \"" +
                           channel_names_[k] +
                           "\" in the scenario (names may not hold '.', '/', "
                           "'\\\\' or control characters)");
    channels();
    issues();
    segments();
    groups();
    return std::move(c_);
  }

 private:
  void add(const std::string& name, const Fitted& f) { c_.fit.push_back({name, f}); }

  bool is_agents(int c) const { return !s_.has_handle || s_.channel[c].with_handle > 0; }

  void channels() {
    const int C = s_.channels.size();
    for (int c = 0; c < C; ++c) {
      Channel ch;
      ch.name = channel_names_[c];
      ch.kind = is_agents(c) ? ChannelKind::kAgents : ChannelKind::kSelfService;
      // The log's handle times already hold whatever a repeat costs: no penalty on top.
      ch.context_transfer = true;
      ch.repeat_penalty = 1;
      if (ch.kind == ChannelKind::kSelfService) {
        ch.session_time = Distribution::constant(300);
        c_.notes.push_back("channel \"" + ch.name +
                           "\" has no handle times: written as "
                           "self_service with a placeholder session_time of 5m");
      }
      c_.scenario.channels.push_back(ch);
    }
    // Escalations: each channel goes on to its most frequent next channel, strongest first,
    // skipping one that would close a loop (the loader refuses loops).
    std::vector<std::pair<long, int>> order;
    for (int c = 0; c < C; ++c)
      if (!s_.channel[c].next.empty()) {
        long total = 0;
        for (const auto& [n, k] : s_.channel[c].next) total += k;
        order.push_back({total, c});
      }
    std::sort(order.begin(), order.end(), std::greater<>());
    for (const auto& [total, c] : order) {
      const auto& next = s_.channel[c].next;
      const int to = std::max_element(next.begin(), next.end(), [](auto& a, auto& b) {
                       return a.second < b.second;
                     })->first;
      int walk = to;
      bool loop = walk == c;
      while (!loop && c_.scenario.channels[walk].escalate_to) {
        walk = *c_.scenario.channels[walk].escalate_to;
        loop = walk == c;
      }
      const std::string name = "channel." + channel_names_[c];
      if (loop) {
        c_.notes.push_back(name + ": escalations to \"" + channel_names_[to] +
                           "\" dropped (they would close a loop)");
        continue;
      }
      Channel& ch = c_.scenario.channels[c];
      const Fitted share = fit_proportion(total, s_.channel[c].unresolved);
      ch.escalate_to = to;
      ch.escalate_share = std::round(share.estimate * 1e4) / 1e4;
      add(name + ".escalate_share", share);
      if (next.size() > 1)
        c_.notes.push_back(name +
                           ": escalations go to several channels; the scenario sends "
                           "them all to \"" +
                           channel_names_[to] + "\"");
    }
  }

  void issues() {
    const int I = s_.issues.size(), C = s_.channels.size();
    std::vector<LogMoments> all;
    for (int i = 0; i < I; ++i) all.push_back(pooled(s_.handle[i]));
    const LogMoments everything = pooled(all);
    if (everything.n < 2)
      c_.notes.push_back(
          "no handle times in the log: every issue gets a placeholder "
          "handle time of 5m (exponential)");
    for (int i = 0; i < I; ++i) {
      Issue issue;
      issue.name = issue_names_[i];
      issue.skill = i;
      const std::string name = "issue." + issue.name;
      issue.channel_handle_time.assign(C, std::nullopt);
      const LogMoments& own = all[i].n >= 2 ? all[i] : everything;
      if (own.n >= 2) {
        const LognormalFit f = fit_lognormal(own);
        issue.handle_time = lognormal(f.mean.estimate, f.cv.estimate);
        if (all[i].n >= 2) {
          add(name + ".handle_time.mean_s", f.mean);
          add(name + ".handle_time.cv", f.cv);
        }
      } else {
        issue.handle_time = exponential(300);
      }
      for (int c = 0; c < C; ++c) {
        const LogMoments& m = s_.handle[i][c];
        if (!is_agents(c) || m.n < kMinObservations) continue;
        const LognormalFit f = fit_lognormal(m);
        issue.channel_handle_time[c] = lognormal(f.mean.estimate, f.cv.estimate);
        const std::string cell = name + ".handle_time." + channel_names_[c];
        const auto& histogram = s_.handle_histogram[i][c];
        for (int b = 0; b < kHandleBins; ++b) {
          // The fitted lognormal's probability of the bin (the end bins take the tails).
          auto cdf = [&](double x) {
            return 0.5 * std::erfc(-(std::log(x) - f.mu) / (f.sigma * std::sqrt(2.0)));
          };
          const double low = handle_bin_low_s(b), high = handle_bin_low_s(b + 1);
          const double p = (b == kHandleBins - 1 ? 1 : cdf(high)) - (b == 0 ? 0 : cdf(low));
          c_.handle_bins.push_back({issue.name, channel_names_[c], low, high,
                                    static_cast<double>(histogram[b]) / static_cast<double>(m.n),
                                    p});
        }
        add(cell + ".mean_s", f.mean);
        add(cell + ".cv", f.cv);
      }
      issue.resolve.assign(C, 0);
      for (int c = 0; c < C; ++c) {
        long served = s_.served[i][c], resolved = s_.resolved[i][c];
        if (served < kMinObservations) {  // the channel's share over every issue
          served = resolved = 0;
          for (int k = 0; k < I; ++k) served += s_.served[k][c], resolved += s_.resolved[k][c];
        }
        const Fitted f = fit_proportion(resolved, served);
        issue.resolve[c] = served > 0 ? std::round(f.estimate * 1e4) / 1e4 : is_agents(c) ? 1 : 0;
        if (s_.served[i][c] > 0) add(name + ".resolve." + channel_names_[c], f);
      }
      c_.scenario.issues.push_back(issue);
    }
    if (!s_.has_resolved)
      c_.notes.push_back("no resolved column: agents channels resolve every case they serve");
  }

  void segments() {
    const int S = s_.segments.size(), C = s_.channels.size(), I = s_.issues.size();
    for (int k = 0; k < S; ++k) {
      Segment seg;
      seg.name = segment_names_[k];
      const std::string name = "segment." + seg.name;
      const ArrivalFit a = fit_arrivals(s_.arrivals[k], c_.window_start_s, c_.window_end_s);
      seg.arrival_rate_per_s = round_significant(a.rate_per_s.estimate * 3600, 4) / 3600;
      const auto& days = s_.arrivals[k].days();
      std::vector<double> shape;
      for (const Fitted& f : a.daily) shape.push_back(f.estimate);
      for (std::int64_t d = c_.first_day; d <= c_.last_day; ++d) {
        long observed = 0;
        if (auto it = days.find(d); it != days.end())
          for (long n : it->second) observed += n;
        c_.daily.push_back(
            {seg.name, d, observed,
             a.rate_per_s.estimate * 86400 * a.weekly[weekday_of(d)].estimate *
                 observed_share_of_day(d, c_.window_start_s, c_.window_end_s, shape)});
      }
      add(name + ".arrival_rate_per_h", scaled(a.rate_per_s, 3600));
      Profile p;
      for (int d = 0; d < 7; ++d) {
        p.weekly.push_back(round_significant(a.weekly[d].estimate, 4));
        add(name + ".weekly." + kWeekdays[d], a.weekly[d]);
      }
      for (int j = 0; j < s_.slices; ++j) {
        p.daily.push_back(round_significant(a.daily[j].estimate, 4));
        add(name + ".daily." + format_time_of_day(j * o_.interval_s), a.daily[j]);
      }
      p.busyness_cv = a.busyness_cv.estimate < kMinCv
                          ? 0
                          : std::min(round_significant(a.busyness_cv.estimate, 3), kMaxCv);
      add(name + ".busyness_cv", a.busyness_cv);
      seg.profile = p;
      peak_shape_ = std::max(peak_shape_, *std::max_element(p.weekly.begin(), p.weekly.end()) *
                                              *std::max_element(p.daily.begin(), p.daily.end()));

      long cases = 0;
      for (long n : s_.entry[k]) cases += n;
      for (int c = 0; c < C; ++c) {
        if (!s_.entry[k][c]) continue;
        const Fitted f = fit_proportion(s_.entry[k][c], cases);
        seg.entry.push_back({c, f.estimate});
        add(name + ".entry." + channel_names_[c], f);
      }
      for (int i = 0; i < I; ++i) {
        if (!s_.issue_mix[k][i]) continue;
        const Fitted f = fit_proportion(s_.issue_mix[k][i], cases);
        seg.issues.push_back({i, f.estimate});
        add(name + ".issues." + issue_names_[i], f);
      }
      round_shares(seg.entry);
      round_shares(seg.issues);
      seg.patience.assign(C, std::nullopt);
      for (int c = 0; c < C; ++c) patience(seg, name, c, s_.patience[k][c]);
      c_.scenario.segments.push_back(seg);
    }
  }

  // Exponential by censored maximum likelihood; lognormal instead when it has enough
  // abandonments and a better AIC (one parameter more).
  void patience(Segment& seg, const std::string& segment_name, int c, const CensoredSample& w) {
    if (!is_agents(c) || w.events() < 1) return;
    const std::string name = segment_name + ".patience." + channel_names_[c];
    const Fitted e = fit_exponential_censored(w);
    add(name + ".exponential_mean_s", e);
    Distribution chosen = exponential(e.estimate);
    Fitted mean = e;
    if (w.events() >= kMinObservations) {
      const CensoredLognormal l = fit_lognormal_censored(w);
      add(name + ".lognormal_mean_s", l.mean);
      add(name + ".lognormal_cv", l.cv);
      const double aic_exp = 2 - 2 * exponential_log_likelihood(w, e.estimate);
      const double aic_log = 4 - 2 * l.log_likelihood;
      if (aic_log < aic_exp && std::isfinite(l.mean.estimate)) {
        chosen = lognormal(l.mean.estimate, l.cv.estimate);
        mean = l.mean;
      }
    }
    const auto curve = kaplan_meier(w);
    if (const auto median = kaplan_meier_median(curve)) add(name + ".km_median_s", *median);
    add(name + ".mean_s", mean);
    seg.patience[c] = chosen;
  }

  void groups() {
    const int C = s_.channels.size();
    const double window_s = c_.window_end_s - c_.window_start_s;
    for (int c = 0; c < C; ++c) {
      if (!is_agents(c)) continue;
      Group g;
      g.name = channel_names_[c];
      g.channels = {c};
      for (int k = 0; k < s_.issues.size(); ++k) g.skills.push_back(k);
      g.all_skills = true;
      if (o_.staff_from_log) {
        // Mean concurrent handling per weekly slice, over the days of that weekday.
        const double slice_s = 86400.0 / s_.slices;
        // Days that observed each weekly slice.
        std::vector<int> seen(static_cast<std::size_t>(7 * s_.slices), 0);
        for (double t = c_.window_start_s; t < c_.window_end_s - 1e-6; t += slice_s) {
          const auto day = static_cast<std::int64_t>(std::floor(t / 86400));
          const auto j =
              static_cast<int>(std::llround((t - static_cast<double>(day) * 86400) / slice_s));
          ++seen[static_cast<std::size_t>(weekday_of(day) * s_.slices +
                                          std::min(j, s_.slices - 1))];
        }
        for (int j = 0; j < 7 * s_.slices; ++j) {
          const int days = std::max(1, seen[j]);
          const double busy = s_.channel[c].busy[j] / (slice_s * days);
          g.schedule.steps.push_back(
              {j * slice_s, static_cast<int>(std::ceil(busy / kLogOccupancy - 1e-9))});
        }
        g.schedule.period_s = 7 * 86400.0;
        g.constant_agents = false;
      } else {
        const LogMoments m = [&] {
          LogMoments sum;
          for (int i = 0; i < s_.issues.size(); ++i) sum.add(s_.handle[i][c]);
          return sum;
        }();
        const double handle = m.n >= 2 ? fit_lognormal(m).mean.estimate : 300;
        const double peak =
            static_cast<double>(s_.channel[c].attempts) / window_s * peak_shape_ * handle;
        g.schedule.steps.push_back(
            {0, static_cast<int>(std::ceil(peak / kPlaceholderOccupancy)) + 1});
      }
      c_.scenario.groups.push_back(g);
    }
    if (o_.staff_from_log)
      c_.notes.push_back(fmt::format(
          "staffing: weekly schedules from the log's concurrent handling at {:.0f}% occupancy; "
          "check them against your rosters",
          kLogOccupancy * 100));
    else
      c_.notes.push_back(fmt::format(
          "staffing is a PLACEHOLDER (one group per agents channel, sized for the peak load at "
          "{:.0f}% occupancy): replace the [[group]] head counts with your own, or run "
          "`supportsim staff`",
          kPlaceholderOccupancy * 100));
  }

  const LogSummary& s_;
  const CalibrateOptions& o_;
  Calibration c_;
  double peak_shape_ = 1;
  const std::vector<std::string> segment_names_, issue_names_, channel_names_;
};

}  // namespace

Calibration calibrate(const LogSummary& summary, const CalibrateOptions& options) {
  return Fitter(summary, options).run();
}

}  // namespace supportsim
