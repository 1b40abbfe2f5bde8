// Benchmark (not a test): `supportsim calibrate` on a synthetic contact log of N rows
// (default 1,000,000), e.g.
//   build/tests/bench_calibrate build/supportsim 1000000 /tmp/bench_log
// Writes the log (three segments, three channels, five issues, a weekly and daily profile,
// waits, handle times, abandonment, escalations from chat to phone) into the folder,
// then runs the real binary on it and prints its wall time and peak resident memory (from
// wait4, the calibrate process alone).

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sim/core/civil_time.h"

int main(int argc, char** argv) {
  using namespace supportsim;
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_calibrate SUPPORTSIM [ROWS] [FOLDER]\n");
    return 2;
  }
  const long rows = argc > 2 ? std::stol(argv[2]) : 1000000;
  const std::string folder = argc > 3 ? argv[3] : "/tmp/supportsim_bench_calibrate";
  std::filesystem::create_directories(folder);
  const std::string log = folder + "/log.csv";

  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::lognormal_distribution<double> handle(std::log(360.0), 0.8);
  std::exponential_distribution<double> gap(1.0);
  const char* segments[] = {"consumer", "smb", "enterprise"};
  const char* channels[] = {"phone", "chat", "email"};
  const char* issues[] = {"billing", "technical", "account", "delivery", "other"};
  const double weekly[] = {1.2, 1.15, 1.1, 1.05, 1.0, 0.5, 0.3};
  // Cases over 8 weeks at a rate giving about `rows` rows (1.03 rows per case).
  const double cases = static_cast<double>(rows) / 1.03;
  const double span_s = 8 * 7 * 86400.0;
  const double base = cases / span_s;
  const double start = days_from_civil(2024, 1, 1) * 86400.0;
  std::ofstream out(log);
  out << "case_id,created_at,channel,segment,issue,wait_s,handle_time_s,abandoned,resolved,"
         "next_channel\n";
  double t = 0;
  long written = 0, id = 0;
  char line[256];
  while (written < rows) {
    // Thinning against the peak of weekly x daily shape.
    t += gap(rng) / (base * 2.6);
    const int day = static_cast<int>(t / 86400) % 7;
    const double hour = std::fmod(t, 86400) / 3600;
    const double daily = 0.3 + 1.7 * std::exp(-std::pow((hour - 13) / 4, 2));
    if (u(rng) > weekly[day] * daily / (1.2 * 2.0)) continue;
    ++id;
    const char* segment = segments[u(rng) < 0.7 ? 0 : u(rng) < 0.7 ? 1 : 2];
    const char* issue = issues[static_cast<int>(u(rng) * 5)];
    int channel = u(rng) < 0.5 ? 0 : u(rng) < 0.7 ? 1 : 2;
    double at = t;
    for (;;) {
      const double patience = -std::log(u(rng)) * 240;
      const double wait = -std::log(u(rng)) * 90;
      const bool abandoned = channel != 2 && patience < wait;
      const double h = handle(rng);
      const bool resolved = !abandoned && u(rng) < 0.8;
      const bool escalate = !abandoned && !resolved && channel == 1 && u(rng) < 0.6;
      std::snprintf(line, sizeof line, "%ld,%s,%s,%s,%s,%.1f,%s,%d,%d,%s\n", id,
                    format_civil_time(start + at).c_str(), channels[channel], segment, issue,
                    abandoned ? patience : wait,
                    abandoned ? "" : std::to_string(static_cast<long>(h)).c_str(), abandoned,
                    resolved, escalate ? "phone" : "");
      out << line;
      ++written;
      if (!escalate || written >= rows) break;
      at += wait + h;
      channel = 0;
    }
  }
  out.close();

  const auto begin = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(argv[1], argv[1], "calibrate", log.c_str(), "--out", (folder + "/fitted.toml").c_str(),
            "--fit-dir", (folder + "/fit").c_str(), "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::printf("calibrate: %ld rows, %ld cases in %.2f s (%.0f rows/s), peak RSS %.1f MB, exit %d\n",
              written, id, seconds, static_cast<double>(written) / seconds,
              static_cast<double>(usage.ru_maxrss) / 1024,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
