// Where results go and what happens when they cannot: standard output write errors, result
// sets replaced whole, bad output folders found before simulating, one writer per folder,
// workers that die with their parent, and option values named as typed.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "sim/io/output_folder.h"
#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

class OutputCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, testing::kSmallScenario);
  }
  std::string dir_, scenario_;
};

std::set<std::string> names_in(const std::string& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

TEST_F(OutputCliTest, WriteErrorsOnStandardOutputExitOne) {
  auto r = run_supportsim({"init"}, "/dev/full");
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("cannot write to standard output"), std::string::npos) << r.err;
  r = run_supportsim({"run", scenario_, "--format", "json", "--out", dir_ + "/out"}, "/dev/full");
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("cannot write to standard output"), std::string::npos) << r.err;
  r = run_supportsim({"validate", scenario_}, "/dev/full");
  EXPECT_EQ(r.exit_status, 1);
}

TEST_F(OutputCliTest, ARunReplacesItsFilesAsOneSetAndKeepsTheRestOfTheFolder) {
  const std::string out = dir_ + "/out";
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet"}).exit_status, 0);
  const std::string first = read_file(out + "/summary.json");
  // What other commands keep there, and what an interrupted earlier write left behind.
  write_file(out + "/staffing/staffing.csv", "kept\n");
  write_file(out + "/notes.txt", "mine\n");
  write_file(out + "/summary.csv.tmp.99999", "half");
  fs::create_directories(dir_ + "/.out.new.99999");
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet", "--seed", "5"}).exit_status,
            0);
  EXPECT_NE(read_file(out + "/summary.json"), first);
  EXPECT_EQ(read_file(out + "/staffing/staffing.csv"), "kept\n");
  EXPECT_EQ(read_file(out + "/notes.txt"), "mine\n");
  EXPECT_EQ(names_in(out),
            (std::set<std::string>{"daily.csv", "group_intervals.csv", "intervals.csv", "notes.txt",
                                   "report.html", "scenario.toml", "staffing", "summary.csv",
                                   "summary.json"}));
  // Nothing but the folder itself next to it: no temporaries, no lock file.
  EXPECT_EQ(names_in(dir_), (std::set<std::string>{"out", "small.toml"}));
}

TEST_F(OutputCliTest, AnInterruptedRunKeepsTheEarlierResult) {
  const std::string out = dir_ + "/out";
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet"}).exit_status, 0);
  const std::string before = read_file(out + "/summary.json");
  // Killed while the new set was written: the new set is a hidden sibling, never the folder.
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::vector<std::string> args = {SUPPORTSIM_BINARY, "run",   scenario_,          "--out",  out,
                                     "--quiet",         "--set", "run.horizon=100w", "--seed", "3"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  EXPECT_EQ(read_file(out + "/summary.json"), before);
}

TEST_F(OutputCliTest, ABadOutputFolderIsRefusedBeforeSimulating) {
  write_file(dir_ + "/a_file", "x");
  const struct {
    std::string out, message;
  } cases[] = {
      {dir_ + "/a_file", "--out " + dir_ + "/a_file: expected a folder, got a file\n"},
      {dir_ + "/a_file/sub", "--out " + dir_ +
                                 "/a_file/sub: expected a folder path, got a path "
                                 "through the file " +
                                 dir_ + "/a_file\n"},
      {".", ""},
      {"/proc/supportsim_results", ""},
  };
  for (const auto& c : cases) {
    // A horizon that would take minutes to simulate: the refusal must come first.
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_supportsim({"run", scenario_, "--out", c.out, "--set", "run.horizon=200w"});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_status, 2) << c.out << ": " << r.err;
    if (!c.message.empty()) {
      EXPECT_EQ(r.err, c.message);
    } else {
      EXPECT_EQ(r.err.rfind("--out " + c.out + ": ", 0), 0u) << r.err;
    }
    EXPECT_LT(seconds, 5) << c.out;
  }
  EXPECT_EQ(read_file(dir_ + "/a_file"), "x");
  EXPECT_FALSE(fs::exists("/proc/supportsim_results"));
}

TEST_F(OutputCliTest, BadRunNamesAreRefusedAtLoad) {
  const auto r = run_supportsim({"run", scenario_, "--set", "run.name=" + std::string(300, 'n')});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("run.name: expected a name of 1 to 200 bytes"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists("results/" + std::string(300, 'n')));
}

TEST_F(OutputCliTest, ASecondWriterOfTheSameFolderIsRefused) {
  const std::string out = dir_ + "/out";
  {
    const OutputFolder held(out, "--out " + out);
    EXPECT_THROW(OutputFolder(out, "--out " + out), OutputBusy);
    const auto r = run_supportsim({"run", scenario_, "--out", out});
    EXPECT_EQ(r.exit_status, 1);
    EXPECT_NE(r.err.find(out + " is being written by another supportsim (process " +
                         std::to_string(::getpid()) + ")"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(out + "/summary.json"));
    const auto sweep =
        run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,9", "--out", out});
    EXPECT_EQ(sweep.exit_status, 1) << sweep.err;
  }
  // Released: the lock file is gone and the folder can be written.
  EXPECT_FALSE(fs::exists(dir_ + "/.out.lock"));
  EXPECT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet"}).exit_status, 0);
}

// The process ids whose parent is `parent`.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    std::getline(stat, text);
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    pid_t ppid = 0;
    std::istringstream rest(text.substr(close + 2));
    rest >> state >> ppid;
    if (ppid == parent) children.push_back(std::stoi(name));
  }
  return children;
}

bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return false;
  const std::size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

TEST_F(OutputCliTest, WorkersDieWithTheirParent) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::vector<std::string> args = {
        SUPPORTSIM_BINARY, "run",    scenario_, "--out", dir_ + "/out",
        "--quiet",         "--jobs", "2",       "--set", "run.horizon=500w"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::vector<pid_t> workers;
  for (int i = 0; i < 100 && workers.size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    workers = children_of(pid);
  }
  ASSERT_EQ(workers.size(), 2u);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  bool any_alive = true;
  for (int i = 0; i < 40 && any_alive; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    any_alive = false;
    for (pid_t w : workers) any_alive = any_alive || alive(w);
  }
  EXPECT_FALSE(any_alive);
  for (pid_t w : workers)
    if (alive(w)) ::kill(w, SIGKILL);  // do not leave them running if the test fails
}

TEST_F(OutputCliTest, OptionValuesAreNamedAsTyped) {
  auto r = run_supportsim({"run", scenario_, "--jobs", "0", "--out", dir_ + "/out"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("--jobs"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("from 1 to 1024), got 0"), std::string::npos) << r.err;
  EXPECT_LT(r.err.size(), 200u) << r.err;
  r = run_supportsim({"run", scenario_, "--seed", "-1", "--out", dir_ + "/out"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("--seed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("got -1"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("18446744073709551615"), std::string::npos) << r.err;
  r = run_supportsim({"run", scenario_, "--replications", "0", "--out", dir_ + "/out"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_LT(r.err.size(), 200u) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/out"));
}

TEST_F(OutputCliTest, RunProgressCountsReplicationsNotPoints) {
  // The progress line itself needs a terminal; its text is checked in progress_test.cc. Without
  // a terminal, nothing at all goes to standard error.
  const auto r = run_supportsim({"run", scenario_, "--out", dir_ + "/out"});
  ASSERT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace supportsim
