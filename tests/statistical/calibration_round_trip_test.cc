// The acceptance test of `supportsim calibrate`: simulate a known scenario (two segments, phone
// and chat, weekly and daily profiles, busyness, escalation, exponential and lognormal patience)
// for four weeks with `run --log`, calibrate the log, and compare the fitted scenario with the
// one that made it. Tolerances are those the log's volume supports (about 55,000 cases); the
// measured errors are in README "From a contact log to a what-if".

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "sim/io/loader.h"
#include "tests/test_support.h"

namespace supportsim {
namespace {

using testing::run_supportsim;
using testing::scratch_dir;
using testing::source_path;

double share_of(const Segment& s, const Scenario& sc, const std::string& channel) {
  for (const Share& e : s.entry)
    if (sc.channels[e.index].name == channel) return e.share;
  return 0;
}

double issue_share(const Segment& s, const Scenario& sc, const std::string& issue) {
  for (const Share& e : s.issues)
    if (sc.issues[e.index].name == issue) return e.share;
  return 0;
}

int index_of(const std::vector<Channel>& v, const std::string& name) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i].name == name) return static_cast<int>(i);
  return -1;
}

const Segment& segment(const Scenario& sc, const std::string& name) {
  for (const Segment& s : sc.segments)
    if (s.name == name) return s;
  throw std::runtime_error("no segment " + name);
}

const Issue& issue(const Scenario& sc, const std::string& name) {
  for (const Issue& i : sc.issues)
    if (i.name == name) return i;
  throw std::runtime_error("no issue " + name);
}

std::vector<double> normalised(std::vector<double> v) {
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  for (double& x : v) x /= mean;
  return v;
}

TEST(CalibrationRoundTrip, RecoversTheScenarioThatMadeTheLog) {
  const std::string dir = scratch_dir("round_trip");
  const std::string source_file = source_path("scenarios/two_segments.toml");
  const auto run = run_supportsim({"run", source_file, "--quiet", "--jobs", "2", "--out",
                                   dir + "/results", "--log", dir + "/log.csv"});
  ASSERT_EQ(run.exit_status, 0) << run.err;
  const auto cal = run_supportsim({"calibrate", dir + "/log.csv", "--out", dir + "/fitted.toml",
                                   "--fit-dir", dir + "/fit", "--interval", "1h"});
  ASSERT_EQ(cal.exit_status, 0) << cal.err;
  std::cout << cal.out << std::flush;
  const Scenario truth = load_scenario_file(source_file);
  const Scenario fitted = load_scenario_file(dir + "/fitted.toml");
  ASSERT_EQ(fitted.segments.size(), 2u);
  ASSERT_EQ(fitted.channels.size(), 2u);
  EXPECT_DOUBLE_EQ(fitted.run.horizon_s, truth.run.horizon_s);

  for (const char* name : {"retail", "business"}) {
    SCOPED_TRACE(name);
    const Segment& t = segment(truth, name);
    const Segment& f = segment(fitted, name);
    // Arrival rates within 5%.
    const double rate_error = f.arrival_rate_per_s / t.arrival_rate_per_s - 1;
    std::cout << name << " arrival rate error " << rate_error << "\n";
    EXPECT_LT(std::abs(rate_error), 0.05);
    // Entry and issue shares within 2 points.
    for (const char* ch : {"phone", "chat"})
      EXPECT_NEAR(share_of(f, fitted, ch), share_of(t, truth, ch), 0.02) << ch;
    for (const char* is : {"billing", "technical"})
      EXPECT_NEAR(issue_share(f, fitted, is), issue_share(t, truth, is), 0.02) << is;
    // The weekly shape: every day within 0.2 of the truth (a day's volume varies with
    // busyness), and the same ordering of weekdays against the weekend.
    const auto tw = normalised(truth.profile_of(t).weekly);
    const auto fw = normalised(fitted.profile_of(f).weekly);
    double weekly_worst = 0;
    for (int d = 0; d < 7; ++d) {
      EXPECT_NEAR(fw[d], tw[d], 0.2) << "weekday " << d;
      weekly_worst = std::max(weekly_worst, std::abs(fw[d] - tw[d]));
    }
    std::cout << name << " weekly profile worst day " << weekly_worst << "\n";
    EXPECT_GT(*std::min_element(fw.begin(), fw.begin() + 5),
              *std::max_element(fw.begin() + 5, fw.end()));
    // The daily shape (hourly): the busiest hours and the night, within 0.25.
    const auto td = normalised(truth.profile_of(t).daily);
    const auto fd = normalised(fitted.profile_of(f).daily);
    ASSERT_EQ(fd.size(), td.size());
    double worst = 0;
    for (std::size_t h = 0; h < td.size(); ++h) worst = std::max(worst, std::abs(fd[h] - td[h]));
    EXPECT_LT(worst, 0.25);
    std::cout << name << " hourly profile worst hour " << worst << "\n";
    for (const char* ch : {"phone", "chat"})
      std::cout << name << " entry " << ch << " error "
                << share_of(f, fitted, ch) - share_of(t, truth, ch) << "\n";
    for (const char* is : {"billing", "technical"})
      std::cout << name << " issue " << is << " error "
                << issue_share(f, fitted, is) - issue_share(t, truth, is) << "\n";
    // Patience means within 25%, censoring included (the lognormal segment as well).
    for (const char* ch : {"phone", "chat"}) {
      const int tc = index_of(truth.channels, ch), fc = index_of(fitted.channels, ch);
      ASSERT_TRUE(t.patience[tc] && f.patience[fc]);
      const double error = f.patience[fc]->mean() / t.patience[tc]->mean() - 1;
      std::cout << name << " patience " << ch << " error " << error << " ("
                << Distribution::kind_name(f.patience[fc]->kind()) << ")\n";
      EXPECT_LT(std::abs(error), 0.25) << ch;
    }
  }
  // Handle-time means per issue and channel within 7%; the fitted cv near the truth.
  for (const char* is : {"billing", "technical"})
    for (const char* ch : {"phone", "chat"}) {
      const int tc = index_of(truth.channels, ch), fc = index_of(fitted.channels, ch);
      const Distribution& t = issue(truth, is).handle_time_in(tc);
      const Distribution& f = issue(fitted, is).handle_time_in(fc);
      const double error = f.mean() / t.mean() - 1;
      std::cout << is << " handle time " << ch << " error " << error << "\n";
      EXPECT_LT(std::abs(error), 0.07) << is << " " << ch;
      EXPECT_NEAR(f.cv(), t.cv(), 0.1) << is << " " << ch;
      std::cout << is << " " << ch << " cv " << f.cv() << " for " << t.cv() << ", resolve "
                << issue(fitted, is).resolve[fc] << " for " << issue(truth, is).resolve[tc]
                << "\n";
      // Resolve shares within 3 points.
      EXPECT_NEAR(issue(fitted, is).resolve[fc], issue(truth, is).resolve[tc], 0.03);
    }
  // Escalation: chat to phone, half of the unresolved.
  const Channel& chat = fitted.channels[index_of(fitted.channels, "chat")];
  ASSERT_TRUE(chat.escalate_to);
  EXPECT_EQ(fitted.channels[*chat.escalate_to].name, "phone");
  EXPECT_NEAR(chat.escalate_share, 0.5, 0.05);
  EXPECT_FALSE(fitted.channels[index_of(fitted.channels, "phone")].escalate_to);

  // The fitted scenario runs (flushed first: the child would print our buffer again).
  std::cout << std::flush;
  const auto again = run_supportsim({"run", dir + "/fitted.toml", "--quiet", "--replications", "1",
                                     "--set", "run.horizon=7d", "--out", dir + "/again"});
  EXPECT_EQ(again.exit_status, 0) << again.err;
}

}  // namespace
}  // namespace supportsim
