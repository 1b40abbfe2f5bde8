// `supportsim mix` end to end: automation ratios as decisions. A bot in front of a phone queue
// that resolves half its sessions cheaply must make the staffed phone floor, and the cost, fall
// as its share rises, every point meeting its targets; files identical for any --jobs.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

const char* kBotAndPhone = R"([run]
name = "botphone"
horizon = "4h"
warmup = "1h"
interval = "1h"
replications = 4
[targets]
service_level = 0.8
max_abandonment = 0.1
[[segment]]
name = "callers"
arrival_rate = "90/h"
entry = { bot = 0.0, phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "5m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
resolve = { bot = 0.5 }
[[channel]]
name = "bot"
kind = "automation"
session_time = { dist = "exponential", mean = "2m" }
escalate_to = "phone"
context_transfer = true
cost_per_session = 0.5
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 8
hourly_cost = 40
shrinkage = 0.3
)";

// mix.csv as rows of named cells.
std::vector<std::map<std::string, std::string>> mix_rows(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::istringstream h(line); std::getline(h, line, ',');) header.push_back(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    std::istringstream cells(line);
    std::string cell;
    for (std::size_t i = 0; i < header.size() && std::getline(cells, cell, ','); ++i)
      row[header[i]] = cell;
    rows.push_back(row);
  }
  return rows;
}

TEST(MixCliTest, AutomationThatContainsCheaplyLowersStaffedHoursAndCost) {
  const fs::path dir = fs::path(scratch_dir("mix_bot"));
  write_file((dir / "botphone.toml").string(), kBotAndPhone);
  const auto r = run_supportsim({"mix", (dir / "botphone.toml").string(), "--vary",
                                 "segment.callers.entry.bot=0:0.6:0.3", "--jobs", "2", "--out",
                                 (dir / "mix").string()});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto rows = mix_rows(read_file((dir / "mix" / "mix.csv").string()));
  ASSERT_EQ(rows.size(), 3u);
  for (std::size_t p = 0; p < rows.size(); ++p) {
    EXPECT_EQ(rows[p].at("meets_targets"), "true") << p;
    if (p == 0) continue;
    EXPECT_LT(std::stod(rows[p].at("paid_hours")), std::stod(rows[p - 1].at("paid_hours"))) << p;
    EXPECT_LT(std::stod(rows[p].at("cost")), std::stod(rows[p - 1].at("cost"))) << p;
    // The saving is told apart from noise: the paired interval excludes 0.
    EXPECT_LT(std::stod(rows[p].at("d_cost")) + std::stod(rows[p].at("d_cost_ci95")), 0) << p;
  }
  // Each point's folder holds its plan and its run.
  for (const auto& entry : fs::directory_iterator(dir / "mix")) {
    if (!entry.is_directory() || entry.path().filename().string()[0] != 'p') continue;
    EXPECT_TRUE(fs::exists(entry.path() / "staffing" / "staffing.csv")) << entry.path();
    EXPECT_TRUE(fs::exists(entry.path() / "summary.json")) << entry.path();
  }
  EXPECT_NE(r.out.find("best: p02"), std::string::npos) << r.out;

  const auto one = run_supportsim({"mix", (dir / "botphone.toml").string(), "--vary",
                                   "segment.callers.entry.bot=0:0.6:0.3", "--jobs", "1", "--out",
                                   (dir / "mix1").string(), "--quiet"});
  ASSERT_EQ(one.exit_status, 0) << one.err;
  EXPECT_EQ(read_file((dir / "mix1" / "mix.csv").string()),
            read_file((dir / "mix" / "mix.csv").string()));
}

TEST(MixCliTest, BadInputExitsTwoAndWritesNothing) {
  const fs::path dir = fs::path(scratch_dir("mix_bad"));
  write_file((dir / "botphone.toml").string(), kBotAndPhone);
  for (const std::vector<std::string>& vary :
       {std::vector<std::string>{"--vary", "segment.callers.entry.bot=0:0.6:0"},
        std::vector<std::string>{"--vary", "channel.bot.return_to=nowhere"}}) {
    std::vector<std::string> args = {"mix", (dir / "botphone.toml").string(), "--out",
                                     (dir / "out").string()};
    args.insert(args.end(), vary.begin(), vary.end());
    const auto r = run_supportsim(args);
    EXPECT_EQ(r.exit_status, 2) << vary[1] << r.err;
    EXPECT_FALSE(fs::exists(dir / "out")) << vary[1];
  }
}

}  // namespace
}  // namespace supportsim
