#pragma once
// Progress of a long run on standard error: one line, redrawn in place ('\r'), e.g.
//   points 3/10 (1 resumed), replications 40/90, 1m05s elapsed, about 1m50s left
// Drawn only when enabled (the commands enable it when standard error is a terminal and
// --quiet is not given), so logs and pipes never see it.

#include <chrono>
#include <functional>
#include <ostream>
#include <string>

namespace supportsim {

// The text of the line; without points (points_total 0, as for `run`) it starts with the
// replications. The time left is extrapolated from the replications done so far (none done
// yet: no estimate).
std::string progress_text(int points_done, int points_total, int points_resumed,
                          long replications_done, long replications_total, double elapsed_s);

// "45s", "3m05s", "2h07m".
std::string format_elapsed(double seconds);

class ProgressLine {
 public:
  // `clock` returns seconds on a monotonic clock (default: std::chrono::steady_clock); the
  // elapsed time counts from construction.
  ProgressLine(std::ostream& out, bool enabled, std::function<double()> clock = {});
  ~ProgressLine();  // clears the line

  // Redraws at most every 0.2 s, and always when everything is done.
  void update(int points_done, int points_total, int points_resumed, long replications_done,
              long replications_total);
  // Erases the line (before anything else is printed, e.g. an error).
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  std::function<double()> clock_;
  double start_s_;
  double last_draw_s_ = -1;
  std::size_t drawn_ = 0;  // length of the line on screen
};

// Whether file descriptor 2 is a terminal.
bool standard_error_is_terminal();

}  // namespace supportsim
