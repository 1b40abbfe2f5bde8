// The staffing keys of a scenario: `[staffing]` with `[[staffing.shift]]` templates, and the
// group keys absenteeism, max_occupancy, max_agents; their defaults, their errors (exact text,
// with file:line:col) and their round trip through the scenario writer.

#include "sim/io/staffing_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/io/loader.h"
#include "sim/io/scenario_writer.h"

namespace supportsim {
namespace {

// Line numbers matter: the expected messages below point into this text.
constexpr std::string_view kBase = R"([run]
horizon = "1d"
[[segment]]
name = "callers"
arrival_rate = "100/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "team"
channels = ["phone"]
agents = 10
absenteeism = 0.05
max_occupancy = 0.85
max_agents = 40
[[group]]
name = "vip"
channels = ["phone"]
dedicated_to = "callers"
agents = 2
[staffing]
solver_time_limit = "20s"
[[staffing.shift]]
name = "early"
length = "8h30m"
starts = ["07:00", "06:00"]
days = "Mon-Fri"
unpaid_break = "30m"
[[staffing.shift]]
name = "late"
length = "8h"
start_every = "30m"
earliest = "12:00"
latest = "14:00"
paid_break = "15m"
hourly_cost_factor = 1.2
groups = ["team"]
)";

std::string edited(std::string_view from, std::string_view to) {
  std::string text(kBase);
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("not in kBase: " + std::string(from));
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& text) {
  try {
    load_scenario_string(text, "s.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(StaffingKeys, ReadWithTheirDefaults) {
  const Scenario s = load_scenario_string(kBase, "s.toml");
  const Group& team = s.groups[0];
  EXPECT_DOUBLE_EQ(team.absenteeism, 0.05);
  EXPECT_DOUBLE_EQ(*team.max_occupancy, 0.85);
  EXPECT_EQ(*team.max_agents, 40);
  EXPECT_DOUBLE_EQ(s.groups[1].absenteeism, 0);
  EXPECT_FALSE(s.groups[1].max_occupancy);
  EXPECT_DOUBLE_EQ(s.staffing.solver_time_limit_s, 20);
  ASSERT_EQ(s.staffing.shifts.size(), 2u);
  const ShiftTemplate& early = s.staffing.shifts[0];
  EXPECT_EQ(early.starts_s, (std::vector<double>{6 * kHour, 7 * kHour}));  // sorted
  EXPECT_EQ(early.days, (std::array<bool, 7>{true, true, true, true, true, false, false}));
  EXPECT_DOUBLE_EQ(early.paid_hours(), 8);
  EXPECT_DOUBLE_EQ(early.hourly_cost_factor, 1);
  EXPECT_TRUE(early.groups.empty());
  const ShiftTemplate& late = s.staffing.shifts[1];
  EXPECT_EQ(late.starts_s.size(), 5u);  // 12:00 .. 14:00 every 30 minutes
  EXPECT_DOUBLE_EQ(late.starts_s.back(), 14 * kHour);
  EXPECT_EQ(late.days, (std::array<bool, 7>{true, true, true, true, true, true, true}));
  EXPECT_DOUBLE_EQ(late.break_s(), 900);
  EXPECT_DOUBLE_EQ(late.paid_hours(), 8);
  EXPECT_EQ(late.groups, std::vector<int>{0});
  EXPECT_EQ(s.location_of("staffing.shift \"late\""), "s.toml:34:1");
  EXPECT_EQ(s.location_of("group \"team\" max_agents"), "s.toml:20:14");
}

TEST(StaffingKeys, RoundTripThroughTheScenarioWriter) {
  const Scenario s = load_scenario_string(kBase, "s.toml");
  const std::string written = scenario_to_toml(s);
  const Scenario again = load_scenario_string(written, "again.toml");
  EXPECT_EQ(scenario_to_toml(again), written);
  ASSERT_EQ(again.staffing.shifts.size(), 2u);
  EXPECT_EQ(again.staffing.shifts[1].starts_s, s.staffing.shifts[1].starts_s);
  EXPECT_EQ(again.staffing.shifts[0].days, s.staffing.shifts[0].days);
  EXPECT_EQ(*again.groups[0].max_agents, 40);
}

TEST(StaffingKeys, ErrorsNameTheKeyWhatWasExpectedAndWhatWasFound) {
  EXPECT_EQ(error_of(edited(R"(starts = ["07:00", "06:00"])", R"(starts = ["07:00", "25:00"])")),
            "s.toml:31:20: staffing.shift \"early\" starts: expected a time of day \"HH:MM\" from "
            "\"00:00\" to \"23:59\", got \"25:00\"");
  EXPECT_EQ(error_of(edited(R"(latest = "14:00")", R"(latest = "11:00")")),
            "s.toml:39:10: staffing.shift \"late\" latest: expected a time at or after earliest "
            "\"12:00\", got \"11:00\"");
  EXPECT_EQ(error_of(edited(R"(days = "Mon-Fri")", R"(days = "Mon-Fry")")),
            "s.toml:32:8: staffing.shift \"early\" days: expected days like \"Mon-Fri\" or "
            "\"Sat,Sun\", got \"Mon-Fry\" (\"Mon-Fry\" is not a day; days are Mon, Tue, Wed, "
            "Thu, Fri, Sat, Sun)");
  EXPECT_EQ(error_of(edited(R"(groups = ["team"])", R"(groups = ["vip"])")),
            "s.toml:42:11: staffing.shift \"late\" groups: expected a group that staff plans, "
            "got \"vip\" (dedicated_to: its named agents are not planned)");
  EXPECT_EQ(error_of(edited(R"(groups = ["team"])", R"(groups = ["tema"])")),
            "s.toml:42:11: staffing.shift \"late\" groups: no group named \"tema\" (did you mean "
            "\"team\"?)");
  EXPECT_EQ(error_of(edited(R"(length = "8h30m")", R"(length = "25h")")),
            "s.toml:30:10: staffing.shift \"early\" length: expected a shift length above 0 and "
            "at most a day, got \"25h\"");
  EXPECT_EQ(error_of(edited(R"(unpaid_break = "30m")", R"(unpaid_break = "9h")")),
            "s.toml:33:16: staffing.shift \"early\" unpaid_break: expected breaks shorter than "
            "the shift's length \"8h30m\", got \"9h\" in all");
  EXPECT_EQ(error_of(edited("start_every = \"30m\"\n", "")),
            "s.toml:37:12: staffing.shift \"late\" earliest: applies only with start_every");
  EXPECT_EQ(error_of(edited("absenteeism = 0.05", "absenteeism = 1")),
            "s.toml:18:15: group \"team\" absenteeism: share must be in [0, 1), got 1");
  EXPECT_EQ(error_of(edited("max_occupancy = 0.85", "max_occupancy = 0")),
            "s.toml:19:17: group \"team\" max_occupancy: share must be in (0, 1], got 0");
  EXPECT_EQ(error_of(edited("max_agents = 40", "max_agents = 0")),
            "s.toml:20:14: group \"team\" max_agents: must be at least 1, got 0");
  EXPECT_EQ(error_of(edited("solver_time_limit = \"20s\"", "solver_limit = \"20s\"")),
            "s.toml:27:1: staffing: unknown key \"solver_limit\" (valid keys: shift, "
            "solver_time_limit)");
}

TEST(StaffingKeys, TimesAndDays) {
  EXPECT_EQ(io::parse_time_of_day("07:30"), 7.5 * kHour);
  EXPECT_EQ(io::parse_time_of_day("0:00"), 0);
  EXPECT_FALSE(io::parse_time_of_day("24:00"));
  EXPECT_FALSE(io::parse_time_of_day("7h30"));
  EXPECT_FALSE(io::parse_time_of_day("07:60"));
  EXPECT_EQ(*io::parse_days("Sat,Sun"),
            (std::array<bool, 7>{false, false, false, false, false, true, true}));
  EXPECT_EQ(*io::parse_days("Fri-Mon"),
            (std::array<bool, 7>{true, false, false, false, true, true, true}));
  EXPECT_EQ(*io::parse_days("mon, wed-thu"),
            (std::array<bool, 7>{true, false, true, true, false, false, false}));
  EXPECT_FALSE(io::parse_days("Monday"));
  EXPECT_FALSE(io::parse_days(""));
  EXPECT_EQ(format_time_of_day(30 * kHour), "30:00");
}

}  // namespace
}  // namespace supportsim
