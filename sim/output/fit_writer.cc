#include "sim/output/fit_writer.h"

#include <fmt/format.h>

#include "sim/calibrate/arrival_fit.h"
#include "sim/core/civil_time.h"

namespace supportsim {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string fit_csv(const std::vector<FitParameter>& fit) {
  std::string out = "parameter,estimate,ci95_low,ci95_high,n\n";
  for (const FitParameter& p : fit)
    out += fmt::format("{},{:.6g},{:.6g},{:.6g},{}\n", csv_field(p.name), p.value.estimate,
                       p.value.low, p.value.high, p.value.n);
  return out;
}

std::string fit_daily_csv(const std::vector<DailyFit>& daily) {
  static const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::string out = "segment,date,weekday,observed,fitted\n";
  for (const DailyFit& d : daily)
    out += fmt::format("{},{},{},{},{:.6g}\n", csv_field(d.segment),
                       format_civil_time(static_cast<double>(d.day) * 86400).substr(0, 10),
                       kWeekdays[weekday_of(d.day)], d.observed, d.fitted);
  return out;
}

std::string fit_handle_times_csv(const std::vector<HandleBinFit>& bins) {
  std::string out = "issue,channel,bin_low_s,bin_high_s,observed,fitted\n";
  for (const HandleBinFit& b : bins)
    out += fmt::format("{},{},{:.6g},{:.6g},{:.6g},{:.6g}\n", csv_field(b.issue),
                       csv_field(b.channel), b.low_s, b.high_s, b.observed, b.fitted);
  return out;
}

}  // namespace supportsim
