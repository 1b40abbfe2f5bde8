// Shares that move together and ranges in --vary, end to end: the resolved shares are printed
// and stored; bad ranges, shares that cannot be rescaled and unknown return channels exit 2
// and write nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

constexpr const char* kTwoDoors = R"([run]
name = "doors"
horizon = "2h"
replications = 2
[[segment]]
name = "consumer"
arrival_rate = "120/h"
entry = { bot = 0.2, phone = 0.6, chat = 0.2 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { phone = { dist = "exponential", mean = "4m" }, default = { dist = "exponential", mean = "8m" } }
resolve = { bot = 0.5 }
[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "constant", value = "2m" }
escalate_to = "phone"
cost_per_resolution = 0.99
return_share = 0.25
[[channel]]
name = "phone"
kind = "agents"
[[channel]]
name = "chat"
kind = "agents"
handle_time_factor = 1.5
[[group]]
name = "agents"
channels = ["phone", "chat"]
agents = 12
proactive_share = 0.1
)";

class SharesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/doors.toml";
    write_file(scenario_, kTwoDoors);
  }
  std::string dir_, scenario_;
};

TEST_F(SharesCliTest, RunPrintsAndStoresTheRescaledShares) {
  const auto r = run_supportsim({"run", scenario_, "--set", "segment.consumer.entry.bot=0.6",
                                 "--out", dir_ + "/out", "--format", "csv"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.err, "segment.consumer.entry: bot 0.600, phone 0.300, chat 0.100\n");
  const std::string resolved = read_file(dir_ + "/out/scenario.toml");
  EXPECT_NE(resolved.find("entry = { bot = 0.6, phone = 0.3, chat = 0.1 }\n"), std::string::npos)
      << resolved;
  // The new metrics are reported.
  for (const char* row :
       {"\nchannels,bot,returned,", "\nchannels,bot,net_resolution_rate,",
        "\noverall,overall,returns_per_case,", "\ngroups,agents,proactive_hours,"})
    EXPECT_NE(r.out.find(row), std::string::npos) << row;
  // --quiet prints nothing.
  const auto quiet = run_supportsim({"run", scenario_, "--set", "segment.consumer.entry.bot=0.6",
                                     "--out", dir_ + "/quiet", "--quiet"});
  EXPECT_EQ(quiet.out + quiet.err, "");
}

TEST_F(SharesCliTest, SweepRangeOverAShareRescalesEveryPoint) {
  const auto r =
      run_supportsim({"sweep", scenario_, "--vary", "segment.consumer.entry.bot=0:0.4:0.2", "--out",
                      dir_ + "/out", "--format", "csv"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.err,
            "segment.consumer.entry.bot=0: segment.consumer.entry: bot 0.000, phone 0.750, chat "
            "0.250\n"
            "segment.consumer.entry.bot=0.2: segment.consumer.entry: bot 0.200, phone 0.600, chat "
            "0.200\n"
            "segment.consumer.entry.bot=0.4: segment.consumer.entry: bot 0.400, phone 0.450, chat "
            "0.150\n");
  for (const char* folder :
       {"p00_segment.consumer.entry.bot=0", "p01_segment.consumer.entry.bot=0.2",
        "p02_segment.consumer.entry.bot=0.4"})
    EXPECT_TRUE(fs::exists(dir_ + "/out/" + folder + "/scenario.toml")) << folder;
  EXPECT_NE(read_file(dir_ + "/out/p02_segment.consumer.entry.bot=0.4/scenario.toml")
                .find("entry = { bot = 0.4, phone = 0.45, chat = 0.15 }\n"),
            std::string::npos);
}

TEST_F(SharesCliTest, BadInputExitsTwoAndWritesNothing) {
  const struct {
    std::vector<std::string> args;
    std::string message;
    std::string entry = "";  // replaces the scenario's entry line when given
  } cases[] = {
      {{"sweep", "--vary", "segment.consumer.entry.bot=0:0.6:0"},
       "--vary segment.consumer.entry.bot=0:0.6:0: range 0:0.6:0: STEP must be greater than 0, "
       "got 0\n"},
      {{"run", "--set", "segment.consumer.entry.bot=0.5", "--set",
        "segment.consumer.entry.phone=0.6"},
       "--set segment.consumer.entry.phone=0.6: segment \"consumer\" entry: expected shares "
       "summing to 1 when several are set together (bot, phone: the others are not rescaled), "
       "got 1.3\n"},
      {{"run", "--set", "channel.bot.return_to=fone"},
       "--set channel.bot.return_to=fone: channel \"bot\" return_to: no channel named \"fone\" "
       "(did you mean \"phone\"?)\n"},
      {{"run", "--set", "segment.consumer.entry.bot=0.5"},
       "--set segment.consumer.entry.bot=0.5: segment \"consumer\" entry: cannot rescale the "
       "other shares to make room for bot = 0.5: they are all 0 (expected shares summing to 1, "
       "got 0.5)\n",
       "entry = { bot = 1.0, phone = 0.0, chat = 0.0 }"},
  };
  for (const auto& c : cases) {
    std::string text = kTwoDoors;
    if (!c.entry.empty()) {
      const std::string line = "entry = { bot = 0.2, phone = 0.6, chat = 0.2 }";
      text.replace(text.find(line), line.size(), c.entry);
    }
    write_file(scenario_, text);
    std::vector<std::string> args = {c.args[0], scenario_, "--out", dir_ + "/never"};
    args.insert(args.end(), c.args.begin() + 1, c.args.end());
    const auto r = run_supportsim(args);
    EXPECT_EQ(r.exit_status, 2) << c.message;
    EXPECT_EQ(r.err, c.message);
    EXPECT_FALSE(fs::exists(dir_ + "/never")) << c.message;
  }
}

}  // namespace
}  // namespace supportsim
