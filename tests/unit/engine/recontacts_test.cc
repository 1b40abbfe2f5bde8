// Customers who come back after an unresolved end (Segment::recontact_share), as the same case,
// against the products of shares.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/experiment/replicate.h"
#include "sim/io/loader.h"
#include "tests/simulation_fixture.h"

namespace supportsim {
namespace {

using Metrics = testing::MetricMap;

std::vector<Metrics> simulate(const std::string& toml) {
  const Scenario s = load_scenario_string(toml, "recontacts.toml");
  return testing::metric_maps(run_replications(s, 0, s.run.replications, 2));
}

std::vector<double> per_replication(const std::vector<Metrics>& reps, const std::string& key) {
  std::vector<double> values;
  for (const Metrics& m : reps) values.push_back(m.at(key));
  return values;
}

// A help centre that resolves 40% of 1-minute sessions; the rest give up, and half of those
// come back an hour later. An unresolved end comes back with q = 0.6 x 0.5 = 0.3.
std::string help_centre(double recontact_share) {
  return fmt::format(R"(
[run]
horizon = "2d"
replications = 8
[[segment]]
name = "web"
arrival_rate = "600/h"
entry = {{ help = 1.0 }}
issues = {{ q = 1.0 }}
recontact_share = {}
recontact_after = "1h"
[[issue]]
name = "q"
handle_time = {{ dist = "exponential", mean = "5m" }}
resolve = {{ help = 0.4 }}
[[channel]]
name = "help"
kind = "self_service"
session_time = {{ dist = "constant", value = "1m" }}
)",
                     recontact_share);
}

TEST(Recontacts, ComeBackAsTheProductOfSharesSays) {
  const auto reps = simulate(help_centre(0.5));
  const double q = 0.6 * 0.5;
  // Recontacts per case: q + q^2 + ... = q / (1 - q); sessions per case 1 / (1 - q); resolved
  // share 0.4 / (1 - q).
  testing::expect_near_theory(per_replication(reps, "overall/overall/recontacts_per_case"),
                              q / (1 - q), 0.01, "recontacts per case");
  testing::expect_near_theory(per_replication(reps, "overall/overall/resolved_share"),
                              0.4 / (1 - q), 0.01, "resolved share");
  testing::expect_near_theory(per_replication(reps, "segments/web/handoffs_per_case"), q / (1 - q),
                              0.01, "handoffs per case");
  // A resolved case came back k times with P(k) proportional to q^k: its resolution time is
  // 1 min + k x (1 min + 1 h), E[k | resolved] = q / (1 - q).
  testing::expect_near_theory(per_replication(reps, "overall/overall/resolution_time_mean_s"),
                              60 + 3660 * q / (1 - q), 40, "resolution time");
  for (const Metrics& m : reps) {
    // Each case ends once, in the help centre, whatever its number of visits.
    EXPECT_EQ(m.at("channels/help/ended"), m.at("overall/overall/cases"));
    EXPECT_NEAR(m.at("channels/help/sessions"),
                m.at("overall/overall/cases") * (1 + m.at("overall/overall/recontacts_per_case")),
                1e-6);
    EXPECT_EQ(m.at("overall/overall/open_at_end"), 0);
  }
  // Without recontacts, nothing comes back.
  for (const Metrics& m : simulate(help_centre(0)))
    EXPECT_EQ(m.at("overall/overall/recontacts_per_case"), 0);
}

TEST(Recontacts, AbandonersWhoDoNotRetryComeBackThroughTheEntryMix) {
  // Nobody answers the phone: every offer abandons after 5 minutes, and half the customers come
  // back, each time: 1 / (1 - 0.5) = 2 offers per case.
  std::string toml = testing::single_queue_toml("300/h", "3m", 0, "5m", "2d", "0s", 6);
  const std::string entry = "entry = { phone = 1.0 }";
  toml.replace(toml.find(entry), entry.size(),
               entry + "\nrecontact_share = 0.5\nrecontact_after = \"30m\"");
  std::vector<double> offers;
  for (const Metrics& m : simulate(toml)) {
    offers.push_back(m.at("channels/phone/offered") / m.at("overall/overall/cases"));
    EXPECT_EQ(m.at("channels/phone/abandoned"), m.at("channels/phone/offered"));
    EXPECT_EQ(m.at("overall/overall/unresolved_share"), 1);
  }
  testing::expect_near_theory(offers, 2, 0.05, "offers per case");
}

}  // namespace
}  // namespace supportsim
