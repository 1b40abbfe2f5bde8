#include "sim/core/civil_time.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace supportsim {
namespace {

// Howard Hinnant's civil calendar algorithms (public domain), exact for every int64 year we use.
void civil_from_days(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, int width, int* out) {
  if (pos + width > s.size()) return false;
  int v = 0;
  for (int i = 0; i < width; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  pos += width;
  return true;
}

std::optional<CivilTime> fail(std::string* why, const char* what) {
  if (why) *why = what;
  return std::nullopt;
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string format_civil_time(double seconds) {
  auto ms = static_cast<std::int64_t>(std::llround(seconds * 1000));
  std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  ms -= days * 86400000;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02d:%02d:%02d.%03d",
                static_cast<long long>(y), m, d, static_cast<int>(ms / 3600000),
                static_cast<int>(ms / 60000 % 60), static_cast<int>(ms / 1000 % 60),
                static_cast<int>(ms % 1000));
  return text;
}

std::optional<CivilTime> parse_civil_time(std::string_view s, std::string* why) {
  if (s.empty()) return fail(why, "empty");
  // Epoch seconds: a plain number (no '-' after the first character, no ':').
  if (s.find_first_of(":T ") == std::string_view::npos &&
      s.find('-', 1) == std::string_view::npos) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
      return fail(why, "not a date (ISO 8601) or epoch seconds");
    return CivilTime{v, 0};
  }
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, pos, 4, &year) || pos >= s.size() || s[pos++] != '-' ||
      !digits(s, pos, 2, &month) || pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, &day))
    return fail(why, "not a date (ISO 8601 YYYY-MM-DD) or epoch seconds");
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month)))
    return fail(why, "no such date");
  double fraction = 0;
  std::optional<int> offset;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return fail(why, "expected 'T' or ' ' after the date");
    ++pos;
    if (!digits(s, pos, 2, &hour) || pos >= s.size() || s[pos++] != ':' ||
        !digits(s, pos, 2, &minute))
      return fail(why, "expected a time HH:MM after the date");
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!digits(s, pos, 2, &second)) return fail(why, "expected seconds SS after HH:MM:");
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        double scale = 0.1;
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          fraction += (s[pos++] - '0') * scale;
          scale /= 10;
        }
        if (pos == start) return fail(why, "expected digits after the decimal point");
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return fail(why, "no such time of day");
    if (pos < s.size()) {
      if (s[pos] == 'Z') {
        offset = 0;
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh, om = 0;
        if (!digits(s, pos, 2, &oh)) return fail(why, "expected a UTC offset +HH:MM");
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size() && !digits(s, pos, 2, &om))
          return fail(why, "expected a UTC offset +HH:MM");
        if (oh > 18 || om > 59) return fail(why, "no such UTC offset");
        offset = sign * (oh * 3600 + om * 60);
      }
      if (pos != s.size()) return fail(why, "unexpected text after the time");
    }
  }
  CivilTime t;
  t.local_s = static_cast<double>(
                  days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) *
                  86400.0 +
              hour * 3600.0 + minute * 60.0 + second + fraction;
  t.offset_s = offset;
  return t;
}

}  // namespace supportsim
