#include "tests/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace supportsim::testing {
namespace fs = std::filesystem;

const char* const kSmallScenario = R"([run]
name = "small"
horizon = "4h"
replications = 3
[[segment]]
name = "callers"
arrival_rate = "120/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "3m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 9
hourly_cost = 42
)";

std::string source_path(const std::string& relative) {
  return (fs::path(SUPPORTSIM_SOURCE_DIR) / relative).string();
}

std::string scratch_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("supportsim_test_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void write_file(const std::string& path, const std::string& text) {
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult run_supportsim(const std::vector<std::string>& args, const std::string& stdout_path) {
  const std::string dir = scratch_dir("cmd");
  const std::string out_path = stdout_path.empty() ? dir + "/stdout" : stdout_path;
  const std::string err_path = dir + "/stderr";
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    std::vector<char*> argv;
    std::string binary = SUPPORTSIM_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!std::freopen(out_path.c_str(), "w", stdout) ||
        !std::freopen(err_path.c_str(), "w", stderr))
      ::_exit(127);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (stdout_path.empty()) result.out = read_file(out_path);
  result.err = read_file(err_path);
  fs::remove_all(dir);
  return result;
}

std::string without_sanitizer_notes(const std::string& err) {
  std::string kept;
  for (std::size_t start = 0; start < err.size();) {
    std::size_t end = err.find('\n', start);
    end = end == std::string::npos ? err.size() : end + 1;  // the line with its newline
    const std::string_view line(err.data() + start, end - start);
    const bool note =
        (line.starts_with("==") &&
         line.find("WARNING: ASan is ignoring requested __asan_handle_no_return") !=
             std::string_view::npos) ||
        line.starts_with("False positive error reports may follow") ||
        line.starts_with("For details see https://github.com/google/sanitizers/issues/189");
    if (!note) kept += line;
    start = end;
  }
  return kept;
}

}  // namespace supportsim::testing
