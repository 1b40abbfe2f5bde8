// Faults and extremes end to end (the real binary): overload stops at run.max_open_cases with
// nothing written, thousands of agents fit a 4 GB address space, work beyond the limits is
// refused before anything runs.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
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

// One queue without patience: 10 agents for 95 erlangs, so the queue grows without end.
constexpr const char* kOverloaded = R"([run]
name = "overloaded"
horizon = "1d"
replications = 2
[[segment]]
name = "callers"
arrival_rate = "1900/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "3m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 10
)";

class HardeningCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  std::string dir_;
};

TEST_F(HardeningCliTest, OverloadStopsAtMaxOpenCasesNamingTheQueueAndWritesNothing) {
  const std::string scenario = dir_ + "/overloaded.toml";
  write_file(scenario, kOverloaded);
  // An earlier complete result in the same folder survives the failed run.
  const std::string out = dir_ + "/out";
  auto ok = run_supportsim(
      {"run", scenario, "--quiet", "--set", "group.agents.agents=200", "--out", out});
  ASSERT_EQ(ok.exit_status, 0) << ok.err;
  const std::string before = read_file(out + "/summary.json");

  auto r = run_supportsim(
      {"run", scenario, "--quiet", "--set", "run.max_open_cases=2000", "--out", out});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("more than 2000 cases open at once (run.max_open_cases)"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("in channel \"phone\""), std::string::npos) << r.err;
  EXPECT_EQ(read_file(out + "/summary.json"), before);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_TRUE(entry.path().filename() == "overloaded.toml" || entry.path().filename() == "out" ||
                entry.path().filename() == ".out.lock")
        << entry.path();

  // A fresh folder is not even created.
  auto fresh = run_supportsim(
      {"run", scenario, "--quiet", "--set", "run.max_open_cases=2000", "--out", dir_ + "/new"});
  EXPECT_EQ(fresh.exit_status, 1);
  EXPECT_FALSE(fs::exists(dir_ + "/new"));
}

TEST_F(HardeningCliTest, FiveThousandAgentsFitAFourGigabyteAddressSpace) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's shadow memory alone needs more address space";
#endif
  // With SimGrid's default 8 MiB stacks, 600 agents exhausted this limit.
  const std::string scenario = dir_ + "/agents.toml";
  std::string text = kOverloaded;
  text.replace(text.find("agents = 10"), 11, "agents = 5000");
  text.replace(text.find("horizon = \"1d\""), 14, "horizon = \"2h\"");
  write_file(scenario, text);
  const std::string command =
      "bash -c 'ulimit -v 4000000 && exec \"$0\" run \"$1\" --quiet "
      "--jobs 1 --out \"$2\"' " SUPPORTSIM_BINARY " " +
      scenario + " " + dir_ + "/out 2>" + dir_ + "/err";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir_ + "/err");
  EXPECT_TRUE(fs::exists(dir_ + "/out/summary.json"));
}

TEST_F(HardeningCliTest, WorkBeyondTheLimitsIsRefusedBeforeAnythingRuns) {
  const std::string scenario = dir_ + "/overloaded.toml";
  write_file(scenario, kOverloaded);
  struct Case {
    const char* set;
    const char* message_start;
  };
  const Case cases[] = {
      {"segment.callers.arrival_rate=\"1e7/h\"",
       "--set segment.callers.arrival_rate=\"1e7/h\": segment \"callers\" arrival_rate: expected "
       "at most 100000000 expected cases in all replications (run.max_cases;"},
      {"group.agents.agents=2147483647",
       "--set group.agents.agents=2147483647: group \"agents\" agents: expected at most 20000 "
       "agent seats"},
      {"run.interval=\"1s\"",
       "--set run.interval=\"1s\": run.interval: expected at most 200000 reporting intervals"},
      {"run.warmup=\"1e15s\"", "--set run.warmup=\"1e15s\": run.warmup: expected a duration"},
  };
  for (const Case& c : cases) {
    for (const char* command : {"validate", "run"}) {
      std::vector<std::string> args = {command, scenario, "--set", c.set};
      if (std::string(command) == "run") args.insert(args.end(), {"--out", dir_ + "/out"});
      auto r = run_supportsim(args);
      EXPECT_EQ(r.exit_status, 2) << command << " " << c.set << "\n" << r.err;
      EXPECT_EQ(r.err.rfind(c.message_start, 0), 0u) << command << " " << r.err;
      EXPECT_EQ(r.out, "");
      EXPECT_FALSE(fs::exists(dir_ + "/out"));
    }
  }
  // Raised, the same work is accepted (validate simulates nothing).
  auto r = run_supportsim({"validate", scenario, "--set", "group.agents.agents=30000", "--set",
                           "run.max_agents=30000"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
}

TEST(SanitizerNotes, OnlyAsansStackSwitchNoteIsRemoved) {
  const std::string note =
      "==123==WARNING: ASan is ignoring requested __asan_handle_no_return: stack type: default "
      "top: 0x7ffd; bottom 0x7f00; size: 0x00fd (1234)\n"
      "False positive error reports may follow\n"
      "For details see https://github.com/google/sanitizers/issues/189\n";
  EXPECT_EQ(testing::without_sanitizer_notes(note), "");
  EXPECT_EQ(testing::without_sanitizer_notes("a\n" + note + "b"), "a\nb");
  EXPECT_EQ(
      testing::without_sanitizer_notes("==123==ERROR: AddressSanitizer: heap-use-after-free\n"),
      "==123==ERROR: AddressSanitizer: heap-use-after-free\n");
}

}  // namespace
}  // namespace supportsim
