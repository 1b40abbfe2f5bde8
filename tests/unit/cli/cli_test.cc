// The real `supportsim` binary end to end: commands, result files, exit statuses, and that bad
// input writes nothing.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::source_path;
using testing::write_file;

const char* const kSmall = testing::kSmallScenario;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, kSmall);
  }
  std::string dir_, scenario_;
};

TEST_F(CliTest, RunWritesTheFourResultFiles) {
  const auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/out"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  for (const char* f : {"summary.json", "summary.csv", "intervals.csv", "scenario.toml"})
    EXPECT_TRUE(fs::exists(dir_ + "/out/" + f)) << f;
  const auto summary = nlohmann::json::parse(read_file(dir_ + "/out/summary.json"));
  EXPECT_EQ(summary["tool"], "supportsim");
  EXPECT_EQ(summary["replications"], 3);
  EXPECT_EQ(summary["scenario"]["name"], "small");
  EXPECT_EQ(summary["horizon_s"], 4 * 3600.0);
  const auto& sl = summary["channels"]["phone"]["service_level"];
  EXPECT_LE(sl["ci95"][0].get<double>(), sl["mean"].get<double>());
  EXPECT_GE(sl["ci95"][1].get<double>(), sl["mean"].get<double>());
  EXPECT_TRUE(summary["groups"]["agents"].contains("occupancy"));
  EXPECT_TRUE(summary["segments"]["callers"].contains("abandonment"));
  EXPECT_TRUE(summary["overall"].contains("cost_per_resolved_case"));
  EXPECT_EQ(read_file(dir_ + "/out/summary.csv").substr(0, 50),
            "scope,name,metric,mean,ci95_low,ci95_high,stdev\nov");
  const std::string intervals_start =
      "interval_start_s,channel,offered,answered,abandoned,service_level,asa_s,"
      "agents_on_duty,occupancy,backlog,entries,first_responses_within\n0,phone,";
  EXPECT_EQ(read_file(dir_ + "/out/intervals.csv").substr(0, intervals_start.size()),
            intervals_start);
  EXPECT_NE(r.out.find("service level"), std::string::npos);
  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(dir_ + "/out"))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(CliTest, SameSeedGivesByteIdenticalSummaryWhateverTheJobs) {
  ASSERT_EQ(run_supportsim({"run", scenario_, "--jobs", "1", "--out", dir_ + "/a", "--quiet"})
                .exit_status,
            0);
  ASSERT_EQ(run_supportsim({"run", scenario_, "--jobs", "2", "--out", dir_ + "/b", "--quiet"})
                .exit_status,
            0);
  EXPECT_EQ(read_file(dir_ + "/a/summary.json"), read_file(dir_ + "/b/summary.json"));
  EXPECT_EQ(read_file(dir_ + "/a/intervals.csv"), read_file(dir_ + "/b/intervals.csv"));
  ASSERT_EQ(run_supportsim({"run", scenario_, "--seed", "9", "--out", dir_ + "/c", "--quiet"})
                .exit_status,
            0);
  EXPECT_NE(read_file(dir_ + "/a/summary.json"), read_file(dir_ + "/c/summary.json"));
}

TEST_F(CliTest, QuietPrintsNothingAndFormatsPrintTheSummary) {
  auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/q", "--quiet"});
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, "");
  r = run_supportsim({"run", scenario_, "--out", dir_ + "/j", "--format", "json"});
  EXPECT_EQ(r.out, read_file(dir_ + "/j/summary.json"));
  r = run_supportsim({"run", scenario_, "--out", dir_ + "/c", "--format", "csv"});
  EXPECT_EQ(r.out, read_file(dir_ + "/c/summary.csv"));
}

TEST_F(CliTest, SetAndReplicationsAreAppliedAndRecorded) {
  const auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/o", "--quiet", "--set",
                                 "group.agents.agents=12", "--replications", "2"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto summary = nlohmann::json::parse(read_file(dir_ + "/o/summary.json"));
  EXPECT_EQ(summary["replications"], 2);
  EXPECT_DOUBLE_EQ(summary["groups"]["agents"]["agents_mean"]["mean"].get<double>(), 12);
  const std::string resolved = read_file(dir_ + "/o/scenario.toml");
  EXPECT_NE(resolved.find("agents = 12"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("replications = 2"), std::string::npos) << resolved;
}

TEST_F(CliTest, BadScenarioExitsTwoAndWritesNothing) {
  write_file(dir_ + "/bad.toml",
             std::string(kSmall).replace(std::string(kSmall).find("\"4h\""), 4, "4"));
  const auto r = run_supportsim({"run", dir_ + "/bad.toml", "--out", dir_ + "/never"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("bad.toml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run.horizon"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/never"));
}

TEST_F(CliTest, BadDeferredWorkExitsTwoAndWritesNothing) {
  // A duration distribution as touches, a reply delay on a live channel, a first-response target
  // for a live channel: each is refused with its place, before anything is written.
  const std::string kind = "kind = \"agents\"";
  const std::string small(kSmall);
  const std::string at = small.substr(0, small.find(kind) + kind.size());
  const std::string rest = small.substr(small.find(kind) + kind.size());
  const struct {
    std::string text, error;
  } cases[] = {
      {at + "\nmode = \"deferred\"\ntouches = { dist = \"exponential\", mean = \"5m\" }" + rest,
       "bad.toml:18:20: channel \"phone\" touches.dist: expected a count distribution, one of "
       "\"constant\", \"geometric\", \"empirical\", got \"exponential\""},
      {at + "\nreply_delay = \"4h\"" + rest,
       "bad.toml:17:15: channel \"phone\" reply_delay: expected a deferred channel (mode = "
       "\"deferred\"), got a live one"},
      {small + "[targets.phone]\nfirst_response_within = \"4h\"\n",
       "bad.toml:23:25: targets.phone.first_response_within: expected a deferred channel (mode = "
       "\"deferred\"), got a live one"},
  };
  for (const auto& c : cases) {
    write_file(dir_ + "/bad.toml", c.text);
    const auto r = run_supportsim({"run", dir_ + "/bad.toml", "--out", dir_ + "/never"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(c.error), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ + "/never"));
  }
}

TEST_F(CliTest, BadOptionsExitTwo) {
  EXPECT_EQ(run_supportsim({"run", scenario_, "--jobs", "zero"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", scenario_, "--format", "xml"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", dir_ + "/missing.toml", "--out", dir_ + "/m"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"run", scenario_, "--set", "novalue"}).exit_status, 2);
  EXPECT_EQ(run_supportsim({"frobnicate"}).exit_status, 2);
  EXPECT_FALSE(fs::exists(dir_ + "/m"));
}

TEST_F(CliTest, ValidatePrintsTheScenarioAndItsLoad) {
  const auto r = run_supportsim({"validate", scenario_});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("scenario \"small\" is valid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("callers: 120/h"), std::string::npos) << r.out;
  // 120/h x 4 min = 8 erlangs against 9 agents in every interval.
  EXPECT_NE(r.out.find("phone               60.0        8.00         9"), std::string::npos)
      << r.out;
}

// Every agents channel's load, wherever its cases start: 100/h walk-ins reach the phone only
// through the bot and 30/h members (a population) only through the help centre; half the phone
// calls go on to tier 2. Constant 6 min handle times and context transfer keep it exact.
const char* const kJourneys = R"([run]
name = "journeys"
horizon = "1d"
interval = "1h"
[[segment]]
name = "walk_in"
arrival_rate = "100/h"
entry = { bot = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "5m" }
[[segment]]
name = "members"
customers = 1000
contact_rate = "0.72/d"
entry = { help = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "5m" }
[[issue]]
name = "question"
handle_time = { dist = "constant", value = "6m" }
resolve = { phone = 0.5 }
[[channel]]
name = "help"
kind = "self_service"
session_time = { dist = "constant", value = "2m" }
escalate_to = "phone"
context_transfer = true
[[channel]]
name = "bot"
kind = "automation"
max_sessions = 50
session_time = { dist = "constant", value = "2m" }
escalate_to = "phone"
context_transfer = true
[[channel]]
name = "forum"
kind = "community"
answer_share = 0.9
first_answer = { dist = "exponential", mean = "3h" }
give_up_after = "2d"
[[channel]]
name = "phone"
kind = "agents"
escalate_to = "tier2"
context_transfer = true
retry_share = 0.5
retry_delay = { dist = "exponential", mean = "10m" }
[[channel]]
name = "tier2"
kind = "agents"
[[group]]
name = "phone_team"
channels = ["phone"]
agents = 100
[[group]]
name = "tier2_team"
channels = ["tier2"]
agents = 20
[[group]]
name = "managers"
channels = ["tier2"]
agents = 2
dedicated_to = "members"
backup_after = "2m"
)";

TEST_F(CliTest, ValidateShowsTheLoadOfEveryAgentsChannelWithEscalationsAndRetries) {
  write_file(dir_ + "/journeys.toml", kJourneys);
  auto r = run_supportsim({"validate", dir_ + "/journeys.toml"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // (100 + 30)/h x 6 min = 13 erlangs on the phone, half of it on to tier 2 (+2 managers).
  EXPECT_NE(r.out.find(" Mon 10:00  phone              130.0       13.00       100"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" Mon 10:00  tier2               65.0        6.50        22"),
            std::string::npos)
      << r.out;
  // The peak summary comes before the table by interval.
  const std::size_t peak = r.out.find("peak over 1d:");
  ASSERT_NE(peak, std::string::npos) << r.out;
  EXPECT_LT(peak, r.out.find("by interval:"));
  EXPECT_NE(r.out.find("  phone                  13.00   Mon 00:00             100         13.00"),
            std::string::npos)
      << r.out;
  // What applies to each kind, the population's case rate, the dedicated group.
  EXPECT_NE(r.out.find("members: 1000 customers x "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("members: 0/h"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("help: self_service, unlimited sessions, session time constant mean 2m"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("bot: automation, at most 50 sessions at once"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("forum: community, 90% of posts answered"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("help: self_service, concurrency"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("phone: agents, concurrency 1, 50% of abandoners retry"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("dedicated to members (general queue after 2m)"), std::string::npos)
      << r.out;

  // With nobody on the phone every caller abandons and half of them call again: twice the
  // offers (1 / (1 - 1 x 0.5)).
  r = run_supportsim({"validate", dir_ + "/journeys.toml", "--set", "group.phone_team.agents=0"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find(" Mon 10:00  phone              260.0       26.00         0"),
            std::string::npos)
      << r.out;
}

TEST_F(CliTest, ValidateShowsThePhoneFloorOfTheTelecomScenario) {
  const auto r = run_supportsim({"validate", source_path("scenarios/telecom.toml")});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // All phone load comes through the IVR; tier 2 only through escalations.
  for (const char* channel : {"phone", "tier2"}) {
    const std::size_t at = r.out.find(std::string(" Mon 10:00  ") + channel);
    ASSERT_NE(at, std::string::npos) << r.out;
    const double erlangs = std::stod(r.out.substr(at + 38, 10));
    EXPECT_GT(erlangs, 10) << channel << ": " << r.out.substr(at, 60);
  }
}

TEST_F(CliTest, ErlangPrintsClosedFormsAndTheSmallestHeadCount) {
  const auto r = run_supportsim({"erlang", "--rate", "160/h", "--aht", "3m", "--agents", "10"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // C(10, 8 erlangs) = 0.409
  EXPECT_NE(r.out.find("40.9%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("smallest head count"), std::string::npos) << r.out;
  EXPECT_EQ(
      run_supportsim({"erlang", "--rate", "160", "--aht", "3m", "--agents", "10"}).exit_status, 2);
}

TEST_F(CliTest, InitWritesTheDefaultScenarioWhichRuns) {
  ASSERT_EQ(run_supportsim({"init", dir_ + "/start.toml"}).exit_status, 0);
  EXPECT_EQ(run_supportsim({"init"}).out, read_file(source_path("scenarios/default.toml")));
  const auto r = run_supportsim({"validate", dir_ + "/start.toml"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
}

TEST_F(CliTest, InitNamesTheScenarioAfterTheFile) {
  ASSERT_EQ(run_supportsim({"init", dir_ + "/my_centre.toml"}).exit_status, 0);
  std::string expected = read_file(source_path("scenarios/default.toml"));
  const std::size_t name = expected.find("name = \"default\"");
  ASSERT_NE(name, std::string::npos);
  expected.replace(name, 16, "name = \"my_centre\"");
  EXPECT_EQ(read_file(dir_ + "/my_centre.toml"), expected);
  const auto r = run_supportsim({"validate", dir_ + "/my_centre.toml"});
  EXPECT_NE(r.out.find("scenario \"my_centre\" is valid"), std::string::npos) << r.out;
}

TEST_F(CliTest, InitRefusesToOverwriteAFileWithoutForce) {
  write_file(dir_ + "/mine.toml", "# my own work\n");
  auto r = run_supportsim({"init", dir_ + "/mine.toml"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err, dir_ + "/mine.toml: already exists; give --force to overwrite it\n");
  EXPECT_EQ(read_file(dir_ + "/mine.toml"), "# my own work\n");
  r = run_supportsim({"init", dir_});
  EXPECT_EQ(r.exit_status, 2);
  r = run_supportsim({"init", dir_ + "/mine.toml", "--force"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(read_file(dir_ + "/mine.toml").find("name = \"mine\""), std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(CliTest, InitCitesOnlyWhatShipsWithTheProject) {
  const std::string text = run_supportsim({"init"}).out;
  EXPECT_EQ(text.find("../"), std::string::npos);
  // Every document it names is one of the project's own.
  int documents = 0;
  for (std::size_t at = text.find(".md"); at != std::string::npos; at = text.find(".md", at + 1)) {
    std::size_t start = at;
    while (start > 0 &&
           (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '/' ||
            text[start - 1] == '_' || text[start - 1] == '-'))
      --start;
    const std::string name = text.substr(start, at + 3 - start);
    EXPECT_TRUE(fs::exists(source_path(name))) << name << " does not ship with the project";
    ++documents;
  }
  EXPECT_GT(documents, 0);
  EXPECT_NE(text.find("scenarios/README.md"), std::string::npos);
}

TEST_F(CliTest, EveryExampleScenarioIsValid) {
  for (const auto& entry : fs::directory_iterator(source_path("scenarios"))) {
    if (entry.path().extension() != ".toml") continue;
    const auto r = run_supportsim({"validate", entry.path().string()});
    EXPECT_EQ(r.exit_status, 0) << entry.path() << ": " << r.err;
  }
}

}  // namespace
}  // namespace supportsim
