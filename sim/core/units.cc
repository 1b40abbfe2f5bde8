#include "sim/core/units.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace supportsim {
namespace {

struct Unit {
  std::string_view name;
  double seconds;
};

constexpr std::array<Unit, 6> kUnits = {
    {{"s", 1.0}, {"m", kMinute}, {"h", kHour}, {"d", kDay}, {"w", kWeek}, {"month", kMonth}}};

constexpr std::string_view kMissingDurationUnit =
    "missing unit: write e.g. \"20s\", \"5m\", \"1.5h\"";
constexpr std::string_view kMissingRateUnit =
    "missing unit: write e.g. \"1140/h\", \"100/30m\", \"0.1/month\"";

std::nullopt_t fail(std::string* why, std::string_view reason) {
  if (why != nullptr) *why = std::string(reason);
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const Unit* find_unit(std::string_view name) {
  for (const Unit& unit : kUnits) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

std::string unknown_unit(std::string_view name) {
  return "unknown unit \"" + std::string(name) + "\" (use s, m, h, d, w, month)";
}

// Length of the unsigned decimal number at the start of `s`, exponent included, or 0. Scanning
// ourselves (rather than letting from_chars decide) keeps "inf", "nan" and hex out, and stops
// before the unit: no unit starts with 'e', so an exponent is never confused with one.
std::size_t number_length(std::string_view s) {
  std::size_t i = 0;
  bool digits = false;
  while (i < s.size() && is_digit(s[i])) ++i, digits = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, digits = true;
  }
  if (!digits) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

// Parses the number at the start of `s`, advancing `pos` past it.
bool parse_number(std::string_view s, std::size_t& pos, double& value, std::string* why) {
  const std::size_t length = number_length(s.substr(pos));
  if (length == 0) {
    fail(why, "expected a number, got \"" + std::string(s.substr(pos)) + "\"");
    return false;
  }
  const char* first = s.data() + pos;
  const auto [end, ec] = std::from_chars(first, first + length, value);
  if (ec != std::errc() || end != first + length || !std::isfinite(value)) {
    fail(why, "number out of range");
    return false;
  }
  pos += length;
  return true;
}

// Shortest decimal text that reads back as exactly `x` (std::to_chars guarantees this).
std::string shortest(double x) {
  std::array<char, 64> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  return std::string(buffer.data(), result.ptr);
}

// `x` rounded to `digits` significant decimal digits.
double round_to_digits(double x, int digits) {
  std::array<char, 64> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x,
                                    std::chars_format::general, digits);
  double rounded = x;
  std::from_chars(buffer.data(), result.ptr, rounded);
  return rounded;
}

// Whole seconds (< 2^53, so every partial sum while parsing back is exact) as terms in
// descending units. Days are written as weeks only when they are whole weeks, and months are
// never used: "30d" reads better than "4w2d" or "1month", and "8d" better than "1w1d".
std::string format_whole_seconds(std::uint64_t total) {
  std::string text;
  const std::uint64_t days = total / 86400;
  if (days > 0) {
    text += days % 7 == 0 ? std::to_string(days / 7) + "w" : std::to_string(days) + "d";
  }
  const std::uint64_t rest = total % 86400;
  if (rest / 3600 > 0) text += std::to_string(rest / 3600) + "h";
  if (rest % 3600 / 60 > 0) text += std::to_string(rest % 3600 / 60) + "m";
  if (rest % 60 > 0 || text.empty()) text += std::to_string(rest % 60) + "s";
  return text;
}

// The fewest significant digits with which "<count><unit>" (as built by `make`) parses back to
// `target` through `parse`; 0 if none does. `text` receives the string.
template <typename Make, typename Parse>
int fewest_digits(double count, double target, Make make, Parse parse, std::string& text) {
  for (int digits = 1; digits <= 17; ++digits) {
    std::string candidate = make(shortest(round_to_digits(count, digits)));
    const std::optional<double> back = parse(candidate);
    if (back && *back == target) {
      text = std::move(candidate);
      return digits;
    }
  }
  return 0;
}

}  // namespace

std::optional<double> parse_duration(std::string_view text, std::string* why) {
  if (text.empty()) return fail(why, "empty duration");
  if (text.front() == '-') return fail(why, "negative duration");
  double total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    double value = 0;
    if (!parse_number(text, pos, value, why)) return std::nullopt;
    if (pos == text.size()) return fail(why, kMissingDurationUnit);
    const std::size_t unit_start = pos;
    while (pos < text.size() && is_letter(text[pos])) ++pos;
    const std::string_view name = text.substr(unit_start, pos - unit_start);
    if (name.empty()) {
      return fail(why, "unexpected \"" + std::string(1, text[pos]) + "\"");
    }
    const Unit* unit = find_unit(name);
    if (unit == nullptr) return fail(why, unknown_unit(name));
    total += value * unit->seconds;
  }
  if (!std::isfinite(total)) return fail(why, "duration too large");
  return total;
}

std::optional<double> parse_rate(std::string_view text, std::string* why) {
  if (text.empty()) return fail(why, "empty rate");
  if (text.front() == '-') return fail(why, "negative rate");
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return fail(why, kMissingRateUnit);

  const std::string_view count_text = text.substr(0, slash);
  double count = 0;
  std::size_t pos = 0;
  if (!parse_number(count_text, pos, count, why)) return std::nullopt;
  if (pos != count_text.size()) {
    return fail(why, "expected a number before \"/\", got \"" + std::string(count_text) + "\"");
  }

  const std::string_view period_text = text.substr(slash + 1);
  if (period_text.empty()) return fail(why, "missing unit after \"/\"");
  double period = 0;
  if (std::all_of(period_text.begin(), period_text.end(), is_letter)) {
    // A bare unit means one of it: "/h" is "/1h".
    const Unit* unit = find_unit(period_text);
    if (unit == nullptr) return fail(why, unknown_unit(period_text));
    period = unit->seconds;
  } else {
    const std::optional<double> parsed = parse_duration(period_text, why);
    if (!parsed) return std::nullopt;
    period = *parsed;
  }
  if (!(period > 0)) return fail(why, "rate period must be > 0");
  const double rate = count / period;
  if (!std::isfinite(rate)) return fail(why, "rate too large");
  return rate;
}

std::string format_duration(double seconds) {
  if (seconds >= 0 && seconds < 0x1p53 && seconds == std::floor(seconds)) {
    std::string text = format_whole_seconds(static_cast<std::uint64_t>(seconds));
    if (parse_duration(text) == seconds) return text;
  }
  // A fraction of a second, or too large for exact terms: one term in the unit that needs the
  // fewest digits ("0.25s", "0.1h"); seconds on a tie, as fractions are mostly sub-second.
  std::string best;
  int best_digits = 0;
  for (const Unit& unit : kUnits) {
    std::string text;
    const int digits = fewest_digits(
        seconds / unit.seconds, seconds,
        [&](const std::string& count) { return count + std::string(unit.name); },
        [](const std::string& s) { return parse_duration(s); }, text);
    if (digits > 0 && (best_digits == 0 || digits < best_digits)) {
      best = std::move(text);
      best_digits = digits;
    }
  }
  return best_digits > 0 ? best : shortest(seconds) + "s";
}

std::string format_rate(double per_second) {
  // Hours, days and months are how support volumes are usually quoted. Prefer a count >= 1,
  // then the fewest significant digits ("2000/month" over "66.666666666666671/d"), then the
  // smaller unit. Minutes and seconds are kept for rates no readable unit gives back exactly.
  struct Candidate {
    std::string text;
    int digits = 0;
    bool at_least_one = false;
  };
  const auto parse = [](const std::string& s) { return parse_rate(s); };
  std::optional<Candidate> best;
  for (const std::string_view name : {"h", "d", "month"}) {
    const double count = per_second * find_unit(name)->seconds;
    Candidate candidate;
    candidate.digits = fewest_digits(
        count, per_second, [&](const std::string& c) { return c + "/" + std::string(name); }, parse,
        candidate.text);
    if (candidate.digits == 0) continue;
    candidate.at_least_one = count >= 1;
    if (!best || (candidate.at_least_one && !best->at_least_one) ||
        (candidate.at_least_one == best->at_least_one && candidate.digits < best->digits)) {
      best = std::move(candidate);
    }
  }
  if (best) return best->text;
  for (const std::string_view name : {"m", "s"}) {
    std::string text;
    if (fewest_digits(
            per_second * find_unit(name)->seconds, per_second,
            [&](const std::string& c) { return c + "/" + std::string(name); }, parse, text) > 0) {
      return text;
    }
  }
  return shortest(per_second) + "/s";
}

std::string format_time_of_day(double seconds) {
  const long minutes = std::lround(seconds / 60);
  const long hours = minutes / 60;
  char text[32];
  std::snprintf(text, sizeof text, "%02ld:%02ld", hours, minutes % 60);
  return text;
}

}  // namespace supportsim
