#pragma once
// Durations and rates as they appear in scenario files and on the command line.
//   duration: "<number><unit>" terms, e.g. "20s", "4m30s", "1.5h", "28d", "2w", "1month"
//   rate:     "<count>/<duration>" where a bare unit means 1 of it: "1140/h", "100/30m",
//   "0.1/month"
// Units: s, m, h, d, w (7 d), month (30 d). All internal times are seconds (double).

#include <optional>
#include <string>
#include <string_view>

namespace supportsim {

inline constexpr double kMinute = 60.0;
inline constexpr double kHour = 3600.0;
inline constexpr double kDay = 86400.0;
inline constexpr double kWeek = 7 * kDay;
inline constexpr double kMonth = 30 * kDay;

// Parses a duration into seconds (>= 0). On failure returns nullopt and, if `why` is given,
// stores a short reason such as: missing unit (write "20s", "5m", ...), unknown unit "x".
std::optional<double> parse_duration(std::string_view text, std::string* why = nullptr);

// Parses a rate into events per second (>= 0). Failure as for parse_duration.
std::optional<double> parse_rate(std::string_view text, std::string* why = nullptr);

// Formats seconds as the shortest exact duration string in the largest fitting units
// ("20s", "4m30s", "1.5h" is written "1h30m", "2w"), such that parse_duration gives it back.
// Days are written as weeks only when they make whole weeks ("2w", "30d", "8d"); months are not
// used. A value that is not a whole number of seconds is one term ("0.25s"). Requires a finite
// value >= 0.
std::string format_duration(double seconds);

// Formats events per second as a rate string that parse_rate gives back exactly, choosing a
// readable unit ("1140/h", "0.1/month"): per h, d or month, preferring a count >= 1 and then
// the fewest significant digits; per m or s only when those do not give the value back.
// Requires a finite value >= 0.
std::string format_rate(double per_second);

// Seconds after midnight as "HH:MM" (minutes rounded); times at or past a day keep counting
// hours ("25:30"), so that a shift's end after midnight reads as such.
std::string format_time_of_day(double seconds);

}  // namespace supportsim
