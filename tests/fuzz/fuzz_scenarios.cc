// Mutation fuzzing of the shipped scenarios against the error contract of the command line:
// whatever the input, `validate` and `run` exit 0 or 2, a run that exits 2 writes nothing, and
// every command ends within its time budget. Mutants are derived from a fixed seed, so a
// failure reproduces: the driver prints the mutant's file and keeps it.
//
// Usage: fuzz_scenarios SUPPORTSIM SCENARIO_DIR [MUTANTS_PER_SCENARIO [PARALLEL [BUDGET_S]]]
//
// Each mutant applies one to three mutations to a shipped scenario: delete a key, replace a
// number (also inside a duration or rate) with 0, -1, 1e308, nan, inf, a huge integer..., give
// a key a value of another type, truncate the file, duplicate or delete a table, insert bytes,
// nest arrays deeply, duplicate a name. Then:
//   supportsim validate MUTANT
//   supportsim run MUTANT --replications 2 --set run.horizon=1d --jobs 1 --quiet --out DIR
//        --set run.max_cases=400000
// The run's work limit is lowered so that any run the loader accepts fits the budget; with the
// default limits accepted work may take minutes by design (scenarios/README.md, "Limits").

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// --- mutations ----------------------------------------------------------------------------

struct Span {
  std::size_t begin, end;
};

std::vector<Span> lines_of(const std::string& text) {
  std::vector<Span> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back({start, end});
    start = end + 1;
  }
  return lines;
}

bool is_key_line(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] != '#' && line[first] != '[' &&
         line.find('=') != std::string::npos;
}

bool is_header(const std::string& line) { return line.starts_with("["); }

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::string mutate(std::string text, std::vector<std::string>& applied) {
    const std::size_t roll = pick(10);
    const int count = roll < 6 ? 1 : roll < 9 ? 2 : 3;
    for (int i = 0; i < count; ++i) {
      switch (pick(10)) {
        case 0:
        case 1:
        case 2:
          text = number(text, applied);
          break;
        case 3:
          text = delete_key(text, applied);
          break;
        case 4:
          text = swap_type(text, applied);
          break;
        case 5:
          text = truncate(text, applied);
          break;
        case 6:
          text = duplicate_or_delete_table(text, applied);
          break;
        case 7:
          text = insert_bytes(text, applied);
          break;
        case 8:
          text = nest(text, applied);
          break;
        default:
          text = duplicate_name(text, applied);
          break;
      }
    }
    return text;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  // A key line: its span, and where its value starts.
  std::vector<Span> key_lines(const std::string& text) {
    std::vector<Span> out;
    for (const Span& s : lines_of(text))
      if (is_key_line(text.substr(s.begin, s.end - s.begin))) out.push_back(s);
    return out;
  }

  std::string number(const std::string& text, std::vector<std::string>& applied) {
    static const std::regex kNumber(R"(\d+(\.\d+)?([eE][-+]?\d+)?)");
    static const char* const kValues[] = {
        "0",      "-1",  "1e308", "nan",    "inf",   "-inf",  "2147483647", "9223372036854775807",
        "1e-300", "0.5", "1e15",  "5e-324", "-0",    "1e7",   "100000000",  "99999999999999999999",
        "1",      "2",   "3",     "10",     "0.001", "0.999", "1000",       "20000",
        "100000", "1e6"};
    std::vector<Span> numbers;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kNumber);
         it != std::sregex_iterator(); ++it)
      numbers.push_back({static_cast<std::size_t>(it->position()),
                         static_cast<std::size_t>(it->position() + it->length())});
    if (numbers.empty()) return text;
    const Span s = numbers[pick(numbers.size())];
    const std::string value = kValues[pick(std::size(kValues))];
    applied.push_back("number at " + std::to_string(s.begin) + " -> " + value);
    return text.substr(0, s.begin) + value + text.substr(s.end);
  }

  std::string delete_key(const std::string& text, std::vector<std::string>& applied) {
    const auto keys = key_lines(text);
    if (keys.empty()) return text;
    const Span s = keys[pick(keys.size())];
    applied.push_back("delete " + text.substr(s.begin, std::min<std::size_t>(40, s.end - s.begin)));
    return text.substr(0, s.begin) + text.substr(std::min(text.size(), s.end + 1));
  }

  std::string swap_type(const std::string& text, std::vector<std::string>& applied) {
    static const char* const kValues[] = {
        "\"text\"",  "true", "[]",          "[1, 2]",        "{}",
        "{ a = 1 }", "1.5",  "7",           "\"/dev/zero\"", "1979-05-27",
        "\"\"",      "-5",   "\"1e308/h\"", "\"0.000001s\"", "[\"a\", 1]"};
    const auto keys = key_lines(text);
    if (keys.empty()) return text;
    const Span s = keys[pick(keys.size())];
    const std::size_t eq = text.find('=', s.begin);
    const std::string value = kValues[pick(std::size(kValues))];
    applied.push_back("value of " + text.substr(s.begin, eq - s.begin) + "-> " + value);
    return text.substr(0, eq + 1) + " " + value + text.substr(s.end);
  }

  std::string truncate(const std::string& text, std::vector<std::string>& applied) {
    const std::size_t at = pick(text.size() + 1);
    applied.push_back("truncate at " + std::to_string(at));
    return text.substr(0, at);
  }

  std::string duplicate_or_delete_table(const std::string& text,
                                        std::vector<std::string>& applied) {
    std::vector<std::size_t> headers;
    for (const Span& s : lines_of(text))
      if (is_header(text.substr(s.begin, s.end - s.begin))) headers.push_back(s.begin);
    if (headers.empty()) return text;
    const std::size_t k = pick(headers.size());
    const std::size_t begin = headers[k];
    const std::size_t end = k + 1 < headers.size() ? headers[k + 1] : text.size();
    const std::string block = text.substr(begin, end - begin);
    const std::string header = block.substr(0, block.find('\n'));
    if (pick(2) == 0) {
      applied.push_back("duplicate " + header);
      return text.substr(0, end) + block + (block.ends_with("\n") ? "" : "\n") + text.substr(end);
    }
    applied.push_back("delete " + header);
    return text.substr(0, begin) + text.substr(end);
  }

  std::string insert_bytes(const std::string& text, std::vector<std::string>& applied) {
    const std::size_t at = pick(text.size() + 1);
    std::string bytes;
    for (std::size_t i = 0, n = 1 + pick(8); i < n; ++i)
      bytes += static_cast<char>(pick(4) == 0 ? 0 : pick(256));
    applied.push_back("insert " + std::to_string(bytes.size()) + " bytes at " + std::to_string(at));
    return text.substr(0, at) + bytes + text.substr(at);
  }

  std::string nest(const std::string& text, std::vector<std::string>& applied) {
    const auto keys = key_lines(text);
    if (keys.empty()) return text;
    const Span s = keys[pick(keys.size())];
    const std::size_t eq = text.find('=', s.begin);
    const std::size_t depth = pick(2) == 0 ? 100 : 100000;
    const bool tables = pick(2) == 0;
    std::string value;
    for (std::size_t i = 0; i < depth; ++i) value += tables ? "{ a = " : "[";
    value += "1";
    for (std::size_t i = 0; i < depth; ++i) value += tables ? " }" : "]";
    applied.push_back("nest " + std::to_string(depth) + (tables ? " tables" : " arrays"));
    return text.substr(0, eq + 1) + " " + value + text.substr(s.end);
  }

  std::string duplicate_name(const std::string& text, std::vector<std::string>& applied) {
    static const std::regex kName(R"(\nname = "([^"]*)\")");
    std::vector<std::smatch> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kName);
         it != std::sregex_iterator(); ++it)
      names.push_back(*it);
    if (names.size() < 2) return text;
    const std::smatch& target = names[pick(names.size())];
    const std::string other = names[pick(names.size())][1].str();
    applied.push_back("name " + target[1].str() + " -> " + other);
    const auto at = static_cast<std::size_t>(target.position(1));
    return text.substr(0, at) + other + text.substr(at + target[1].length());
  }

  std::mt19937_64 rng_;
};

// --- running the binary -------------------------------------------------------------------

struct Outcome {
  int status = -1;  // exit status, or -1 when killed at the time budget
  double seconds = 0;
  std::string out, err;
};

Outcome run(const std::vector<std::string>& args, const fs::path& dir, double budget_s) {
  const fs::path out_path = dir / "stdout", err_path = dir / "stderr";
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(3);
  }
  if (pid == 0) {
    ::setpgid(0, 0);  // one group: the binary and its replication workers
    if (!std::freopen(out_path.c_str(), "w", stdout) ||
        !std::freopen(err_path.c_str(), "w", stderr))
      ::_exit(127);
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Outcome outcome;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (done == pid) break;
    if (outcome.seconds > budget_s) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      outcome.status = -1;
      outcome.out = read_text(out_path);
      outcome.err = read_text(err_path);
      return outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.out = read_text(out_path);
  outcome.err = read_text(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return outcome;
}

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fuzz_scenarios SUPPORTSIM SCENARIO_DIR [MUTANTS_PER_SCENARIO "
                 "[PARALLEL [BUDGET_S]]]\n";
    return 2;
  }
  const std::string binary = fs::absolute(argv[1]).string();
  const fs::path scenario_dir = argv[2];
  const int per_scenario = argc > 3 ? std::stoi(argv[3]) : 32;
  const int parallel = argc > 4 ? std::stoi(argv[4]) : 2;
  const double budget_s = argc > 5 ? std::stod(argv[5]) : 20;

  std::vector<fs::path> scenarios;
  for (const auto& entry : fs::directory_iterator(scenario_dir))
    if (entry.path().extension() == ".toml") scenarios.push_back(entry.path());
  std::sort(scenarios.begin(), scenarios.end());

  struct Mutant {
    std::string name;
    std::string text;
    std::string how;
  };
  std::vector<Mutant> mutants;
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const std::string original = read_text(scenarios[k]);
    for (int i = 0; i < per_scenario; ++i) {
      Mutator mutator(0x5eed0000u + k * 1000 + static_cast<std::uint64_t>(i));
      std::vector<std::string> applied;
      Mutant m;
      m.name = scenarios[k].stem().string() + "_" + std::to_string(i);
      m.text = mutator.mutate(original, applied);
      for (const std::string& a : applied) m.how += (m.how.empty() ? "" : "; ") + a;
      mutants.push_back(std::move(m));
    }
  }

  const fs::path work =
      fs::temp_directory_path() / ("supportsim_fuzz_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);

  std::mutex lock;
  std::map<std::string, int> counts;
  std::vector<std::string> failures;
  double slowest = 0;
  std::string slowest_name;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next++) < mutants.size();) {
      const Mutant& m = mutants[i];
      const fs::path dir = work / m.name;
      fs::create_directories(dir);
      const fs::path file = dir / "mutant.toml";
      write_text(file, m.text);
      std::vector<std::string> problems;

      const Outcome v = run({binary, "validate", file.string()}, dir, budget_s);
      if (v.status == -1)
        problems.push_back("validate exceeded " + std::to_string(budget_s) + " s");
      else if (v.status != 0 && v.status != 2)
        problems.push_back("validate exited " + std::to_string(v.status) + ": " +
                           first_line(v.err));
      else if (v.status == 2 && !v.out.empty())
        problems.push_back("validate exited 2 and printed to standard output");

      const fs::path out = dir / "out";
      const Outcome r =
          run({binary, "run", file.string(), "--replications", "2", "--set", "run.horizon=1d",
               "--set", "run.max_cases=400000", "--jobs", "1", "--quiet", "--out", out.string()},
              dir, budget_s);
      if (r.status == -1)
        problems.push_back("run exceeded " + std::to_string(budget_s) + " s");
      else if (r.status != 0 && r.status != 2)
        problems.push_back("run exited " + std::to_string(r.status) + ": " + first_line(r.err));
      if (r.status == 2) {
        for (const auto& entry : fs::directory_iterator(dir))
          if (entry.path().filename() != "mutant.toml")
            problems.push_back("run exited 2 and left " + entry.path().filename().string());
      }
      if (r.status == 0 && !fs::exists(out / "summary.json"))
        problems.push_back("run exited 0 without summary.json");

      std::lock_guard<std::mutex> guard(lock);
      ++counts["validate exit " +
               (v.status == -1 ? std::string("timeout") : std::to_string(v.status))];
      ++counts["run exit " + (r.status == -1 ? std::string("timeout") : std::to_string(r.status))];
      if (v.status == 0 && r.status == 2) ++counts["valid, but run exit 2 (horizon override)"];
      for (const Outcome* o : {&v, &r})
        if (o->seconds > slowest) slowest = o->seconds, slowest_name = m.name;
      if (problems.empty()) {
        fs::remove_all(dir);
        continue;
      }
      for (const std::string& p : problems)
        failures.push_back(m.name + " (" + m.how + "): " + p + "\n  kept: " + file.string());
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, parallel); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();

  std::cout << mutants.size() << " mutants of " << scenarios.size() << " scenarios\n";
  for (const auto& [what, n] : counts) std::cout << "  " << what << ": " << n << "\n";
  std::cout << "  slowest command: " << slowest << " s (" << slowest_name << ")\n";
  if (failures.empty()) {
    fs::remove_all(work);
    std::cout << "contract held for every mutant\n";
    return 0;
  }
  for (const std::string& f : failures) std::cout << "FAIL " << f << "\n";
  return 1;
}
