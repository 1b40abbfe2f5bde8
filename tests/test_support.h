#pragma once
// Helpers shared by the test suites: paths into the source tree, a scratch folder, and running
// the real `supportsim` binary end to end.

#include <string>
#include <vector>

namespace supportsim::testing {

// A one-queue scenario ("small": 120 calls/h, 4 min handle time, 3 min patience, 9 agents, 4 h,
// 3 replications) that runs in a fraction of a second, for end-to-end tests of the commands.
extern const char* const kSmallScenario;

// Absolute path of `relative` inside the source tree.
std::string source_path(const std::string& relative);

// A fresh, empty temporary directory, unique to this test process.
std::string scratch_dir(const std::string& name);

// Writes `text` to `path`, creating parent folders.
void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};
// Runs build/supportsim with `args` (no shell), capturing standard output and error; with
// `stdout_path`, standard output goes to that file instead (`out` is then empty), e.g. /dev/full.
CommandResult run_supportsim(const std::vector<std::string>& args,
                             const std::string& stdout_path = "");

// `err` without the note AddressSanitizer prints when a process switches stacks on its own
// (SimGrid's raw contexts): "==PID==WARNING: ASan is ignoring requested
// __asan_handle_no_return: ..." and its two explanatory lines. Nothing else is removed, so a
// test that wants an empty standard error still sees every other message.
std::string without_sanitizer_notes(const std::string& err);

}  // namespace supportsim::testing
