#include "sim/cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>

namespace supportsim {

std::string format_elapsed(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
}

std::string progress_text(int points_done, int points_total, int points_resumed,
                          long replications_done, long replications_total, double elapsed_s) {
  std::string text;
  if (points_total > 0) {
    text = fmt::format("points {}/{}", points_done, points_total);
    if (points_resumed > 0) text += fmt::format(" ({} resumed)", points_resumed);
    text += ", ";
  }
  text += fmt::format("replications {}/{}, {} elapsed", replications_done, replications_total,
                      format_elapsed(elapsed_s));
  if (replications_done > 0 && replications_done < replications_total) {
    const double left = elapsed_s / static_cast<double>(replications_done) *
                        static_cast<double>(replications_total - replications_done);
    text += ", about " + format_elapsed(left) + " left";
  }
  return text;
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled, std::function<double()> clock)
    : out_(out), enabled_(enabled), clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
  start_s_ = clock_();
}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(int points_done, int points_total, int points_resumed,
                          long replications_done, long replications_total) {
  if (!enabled_) return;
  const double now = clock_();
  const bool finished = replications_done >= replications_total;
  if (!finished && last_draw_s_ >= 0 && now - last_draw_s_ < 0.2) return;
  last_draw_s_ = now;
  const std::string text = progress_text(points_done, points_total, points_resumed,
                                         replications_done, replications_total, now - start_s_);
  // Pad with spaces over a longer previous line rather than rely on terminal escapes.
  out_ << "\r" << text << std::string(drawn_ > text.size() ? drawn_ - text.size() : 0, ' ');
  out_.flush();
  drawn_ = text.size();
}

void ProgressLine::clear() {
  if (!enabled_ || drawn_ == 0) return;
  out_ << "\r" << std::string(drawn_, ' ') << "\r";
  out_.flush();
  drawn_ = 0;
}

bool standard_error_is_terminal() { return ::isatty(2) == 1; }

}  // namespace supportsim
