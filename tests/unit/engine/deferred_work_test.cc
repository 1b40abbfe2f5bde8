// Deferred work (email, tickets, async messaging): a backlog without patience that survives
// nights, touches with the customer's replies in between, first-response times, and the
// backlog's books (conservation, interval ends, the end of the window).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/experiment/replicate.h"
#include "sim/experiment/summary.h"
#include "sim/io/loader.h"
#include "sim/output/result_writer.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

// Web customers write emails at `rate` (and call, with `phone_share`); one team answers both.
// `email_keys` and `group_keys` are added to the email channel and the group.
std::string email_toml(const std::string& run, const std::string& rate, double phone_share,
                       const std::string& email_keys, const std::string& group_keys) {
  return fmt::format(R"(
[run]
{}
[[segment]]
name = "web"
arrival_rate = "{}"
entry = {{ email = {}, phone = {} }}
issues = {{ question = 1.0 }}
patience = {{ dist = "exponential", mean = "5m" }}
[[issue]]
name = "question"
handle_time = {{ dist = "exponential", mean = "5m" }}
[[channel]]
name = "email"
kind = "agents"
mode = "deferred"
{}
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "team"
channels = ["phone", "email"]
{}
)",
                     run, rate, 1 - phone_share, phone_share, email_keys, group_keys);
}

// Agents 08:00-18:00 only, by the hour.
const char* kDayShift =
    "schedule = [0, 0, 0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 0, 0, 0, 0, 0, "
    "0]";

std::vector<ReplicationOutput> run(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "deferred.toml");
  return run_replications(s, 0, s.run.replications, 2);
}

TEST(DeferredWork, NothingAbandonsAndEveryTouchIsAnsweredOrInTheBacklog) {
  // Customers with 5 minutes of patience (for live channels), several touches per case, nobody
  // on duty at night; the run ends one second after the horizon (Thursday 00:00), backlog and
  // all.
  const auto outputs = run(email_toml(
      "horizon = \"3d\"\nreplications = 4\ninterval = \"1h\"\ndrain_limit = \"1s\"", "40/h", 0,
      "touches = { dist = \"geometric\", mean = 1.5 }\n"
      "reply_delay = { dist = \"exponential\", mean = \"2h\" }",
      kDayShift));
  for (const ReplicationOutput& o : outputs) {
    // The per-interval counts (by arrival) add up to the channel's first-response level.
    double entries = 0, within = 0;
    for (const auto& row : o.intervals)
      entries += row[0].entries, within += row[0].first_response_within;
    EXPECT_GT(entries, 2000);
    EXPECT_DOUBLE_EQ(within / entries,
                     testing::metric_map(o).at("channels/email/first_response_level"));
  }
  for (const Metrics& m : testing::metric_maps(outputs)) {
    EXPECT_EQ(m.at("channels/email/abandoned"), 0);
    EXPECT_EQ(m.at("channels/email/abandonment"), 0);
    EXPECT_EQ(m.at("segments/web/offered"), 0);  // segments report live queues only
    // Every touch offered is answered or still in the backlog at the end, which is the backlog
    // at the end of the window, give or take a reply in the last second.
    EXPECT_EQ(m.at("channels/email/offered"),
              m.at("channels/email/answered") + m.at("channels/email/open_at_end"));
    EXPECT_GE(m.at("channels/email/open_at_end"), m.at("channels/email/backlog_end"));
    EXPECT_LE(m.at("channels/email/open_at_end"), m.at("channels/email/backlog_end") + 2);
    EXPECT_GT(m.at("channels/email/backlog_end"), 100);  // the night's mail
    EXPECT_GT(m.at("channels/email/backlog_mean"), 50);
  }
}

TEST(DeferredWork, GeometricTouchesOfMeanTwoGiveTwoTouchesAndTwiceTheWork) {
  // 60 cases an hour of 5 minutes per touch, 30 agents around the clock: the agents' load is
  // 60 x 2 x 5 / 60 = 10 erlangs, occupancy 1/3 (1/6 with one touch). The warm-up lets the
  // later touches of the first cases arrive.
  const std::string run_keys =
      "horizon = \"1w\"\nwarmup = \"1d\"\nreplications = 8\ndrain_limit = \"2d\"";
  const auto twice =
      testing::simulate(email_toml(run_keys, "60/h", 0,
                                   "touches = { dist = \"geometric\", mean = 2 }\n"
                                   "reply_delay = { dist = \"exponential\", mean = \"30m\" }",
                                   "agents = 30"));
  const auto once = testing::simulate(email_toml(run_keys, "60/h", 0, "", "agents = 30"));
  testing::expect_near_theory(twice("channels", "email", "touches_per_case"), 2, 0.03,
                              "touches per case");
  EXPECT_EQ(once("channels", "email", "touches_per_case").mean, 1);
  testing::expect_near_theory(twice("groups", "team", "occupancy"), 1.0 / 3, 0.008, "occupancy");
  testing::expect_near_theory(once("groups", "team", "occupancy"), 1.0 / 6, 0.004, "occupancy");
  // Replies wait outside the backlog: with idle agents, nothing ever waits in it.
  EXPECT_LT(twice("channels", "email", "backlog_mean").mean, 1e-3);
  EXPECT_LT(twice("channels", "email", "first_response_mean_s").mean, 1);
}

TEST(DeferredWork, ANightWithoutAgentsLeavesTheNightsMailAt8AndFirstResponsesIncludeIt) {
  // 30 emails an hour around the clock, agents 08:00-18:00. Every email of the night waits in
  // the backlog until 08:00.
  const std::string toml =
      email_toml("horizon = \"3d\"\nreplications = 3\ninterval = \"1h\"\ndrain_limit = \"1d\"",
                 "30/h", 0, "", kDayShift);
  const auto outputs = run(toml);
  const Scenario scenario = load_scenario_string(toml, "deferred.toml");
  const int email = 0;
  for (const ReplicationOutput& o : outputs) {
    const auto offered = [&](int from, int to) {
      double sum = 0;
      for (int i = from; i < to; ++i) sum += o.intervals[i][email].queue.offered;
      return sum;
    };
    // Interval i covers hour i; the backlog is read at its end.
    EXPECT_EQ(o.intervals[7][email].backlog, offered(0, 8));     // Monday 08:00
    EXPECT_EQ(o.intervals[31][email].backlog, offered(18, 32));  // Tuesday 08:00
    EXPECT_EQ(o.intervals[55][email].backlog, offered(42, 56));  // Wednesday 08:00
    EXPECT_GT(o.intervals[31][email].backlog, 300);
    EXPECT_EQ(o.intervals[17][email].backlog, 0);  // cleared by 18:00
  }
  // Nights are 14 h (the first 8 h, the last 6 h waiting until 08:00): the mean wait of a night
  // email is half its night, 294 / 72 h over all emails, plus the morning's clearing (the 420
  // emails of a night take 20 agents 105 minutes).
  const Summary summary = summarize(scenario, outputs);
  const double mean_s = summary.find("channels", "email", "first_response_mean_s")->estimate.mean;
  EXPECT_GT(mean_s, 294.0 / 72 * 3600);
  EXPECT_LT(mean_s, 294.0 / 72 * 3600 + 14.0 / 24 * 105 * 60);
  EXPECT_GT(summary.find("channels", "email", "first_response_p90_s")->estimate.mean, 10 * 3600);
  // The default target is 24 hours: every email is answered by then.
  EXPECT_EQ(summary.find("channels", "email", "first_response_level")->estimate.mean, 1);
}

TEST(DeferredWork, IntervalsCarryTheBacklogOfDeferredChannelsOnly) {
  const std::string toml = email_toml("horizon = \"1d\"\nreplications = 2\ninterval = \"1h\"",
                                      "30/h", 0.5, "", kDayShift);
  const Scenario scenario = load_scenario_string(toml, "deferred.toml");
  const Summary summary = summarize(scenario, run(toml));
  ASSERT_EQ(summary.intervals.size(), 48u);
  for (const IntervalRow& row : summary.intervals)
    EXPECT_EQ(std::isnan(row.backlog), row.channel == "phone") << row.channel;
  EXPECT_GT(summary.intervals[0].backlog, 5);  // email at 01:00
  const std::string csv = intervals_csv(summary);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "interval_start_s,channel,offered,answered,abandoned,service_level,asa_s,"
            "agents_on_duty,occupancy,backlog,entries,first_responses_within");
  // Entries add up to the channel's, and the day's first responses within target to its level.
  double entries = 0, within = 0;
  for (const IntervalRow& row : summary.intervals) {
    EXPECT_EQ(std::isnan(row.entries), row.channel == "phone") << row.channel;
    if (row.channel == "email") entries += row.entries, within += row.first_responses_within;
  }
  const MetricSummary* level = summary.find("channels", "email", "first_response_level");
  ASSERT_NE(level, nullptr);
  EXPECT_NEAR(within / entries, level->estimate.mean, 0.02);
  // The phone row of the first interval ends with empty deferred columns.
  const std::size_t phone_row = csv.find("\n0,phone,");
  ASSERT_NE(phone_row, std::string::npos);
  EXPECT_EQ(csv[csv.find('\n', phone_row + 1) - 1], ',');
}

TEST(DeferredWork, ResolveLevelCountsTheWholeStoryFromArrival) {
  // Tickets answered at once (agents around the clock) in one touch of exactly 10 minutes:
  // all resolved within 15 minutes of arrival, none within 5.
  const std::string base =
      email_toml("horizon = \"1d\"\nreplications = 2", "10/h", 0, "", "agents = 20");
  std::string toml = base;
  const std::string handle = "handle_time = { dist = \"exponential\", mean = \"5m\" }";
  toml.replace(toml.find(handle), handle.size(),
               "handle_time = { dist = \"constant\", value = \"10m\" }");
  const auto within = testing::simulate(toml + "[targets.email]\nresolve_within = \"15m\"\n");
  EXPECT_EQ(within("channels", "email", "resolve_level").mean, 1);
  const auto late = testing::simulate(toml + "[targets.email]\nresolve_within = \"5m\"\n");
  EXPECT_EQ(late("channels", "email", "resolve_level").mean, 0);
  // Without a resolve_within target the level is not reported.
  const auto none = testing::simulate(toml);
  EXPECT_FALSE(none.summary.find("channels", "email", "resolve_level")->defined);
}

}  // namespace
}  // namespace supportsim
