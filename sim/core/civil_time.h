#pragma once
// Calendar dates and times of day without time zones (proleptic Gregorian), for contact logs:
// `run --log` writes simulated times as dates, `calibrate` reads them back.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace supportsim {

// Days from 1970-01-01 to year-month-day (month 1..12, day 1..31); negative before 1970.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// "YYYY-MM-DDTHH:MM:SS.mmm" for `seconds` after 1970-01-01T00:00:00, milliseconds rounded.
std::string format_civil_time(double seconds);

// A point in time as a log gives it: the wall-clock time as written, as seconds after
// 1970-01-01T00:00 (so that days and weekdays are the log's local ones), and the UTC offset
// written with it, if any.
struct CivilTime {
  double local_s = 0;
  std::optional<int> offset_s;
};

// Parses ISO 8601 "YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]][Z|(+|-)HH[:]MM]" or epoch seconds (a plain
// number, taken as UTC wall-clock time). Returns nullopt and sets `why` (what was wrong) on
// anything else, including impossible dates (2023-02-30) and times (25:00).
std::optional<CivilTime> parse_civil_time(std::string_view text, std::string* why = nullptr);

}  // namespace supportsim
