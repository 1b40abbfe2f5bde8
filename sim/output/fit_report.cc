#include "sim/output/fit_report.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "sim/core/error.h"

namespace supportsim {
namespace {

CsvTable table(const ReadResultFile& read, const std::string& file) {
  std::optional<std::string> text = read(file);
  if (!text) throw InputError(file + ": expected this results file, got none");
  return CsvTable(*text, file);
}

nlohmann::ordered_json number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

}  // namespace

ReportContent fit_report(const ReadResultFile& read) {
  const CsvTable fit = table(read, "fit.csv");
  const CsvTable daily = table(read, "fit_daily.csv");
  const CsvTable handle = table(read, "fit_handle_times.csv");
  ReportContent content;
  content.title = "supportsim calibrate: the fit";
  std::set<std::string> segments, dates, cells;
  for (std::size_t r = 0; r < daily.size(); ++r) {
    segments.insert(daily.text(r, "segment"));
    dates.insert(daily.text(r, "date"));
  }
  for (std::size_t r = 0; r < handle.size(); ++r)
    cells.insert(handle.text(r, "issue") + " / " + handle.text(r, "channel"));
  content.facts = {{"fitted parameters", std::to_string(fit.size()) + " (fit.csv)"},
                   {"segments", std::to_string(segments.size())},
                   {"window", dates.empty() ? "none"
                                            : fmt::format("{} days, {} to {}", dates.size(),
                                                          *dates.begin(), *dates.rbegin())},
                   {"handle-time cells fitted on their own", std::to_string(cells.size())}};
  content.reading =
      "Days and weekdays are the log's local ones (the clock times as written). The fitted "
      "line is the segment's rate times its weekly profile: the day-to-day scatter of the "
      "observed line around it is what busyness_cv describes. Handle times are drawn on a log "
      "scale; bars are the observed shares of a cell's attempts, the line the fitted "
      "lognormal's share of each bin. Hovering over a mark shows its numbers.";

  ReportChart days{
      "fit_daily", "Cases per day: observed and fitted",
      "Per segment, the cases that started in each day of the log (solid) and what the "
      "fitted arrival rate and weekly profile expect (dashed) (fit_daily.csv)."};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < daily.size(); ++r)
    rows.push_back({{"segment", daily.text(r, "segment")},
                    {"date", daily.text(r, "date")},
                    {"weekday", daily.text(r, "weekday")},
                    {"observed", number(daily.number(r, "observed"))},
                    {"fitted", number(daily.number(r, "fitted"))}});
  days.datasets["table"] = std::move(rows);
  content.charts.push_back(std::move(days));

  if (handle.size() > 0) {
    ReportChart times{"fit_handle_times", "Handle times: observed and fitted",
                      "Per issue and channel with enough attempts for a fit of its own: the "
                      "histogram of handle times and the fitted lognormal (fit_handle_times.csv)."};
    nlohmann::ordered_json bins = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < handle.size(); ++r)
      bins.push_back({{"issue", handle.text(r, "issue")},
                      {"channel", handle.text(r, "channel")},
                      {"bin_low_s", number(handle.number(r, "bin_low_s"))},
                      {"bin_high_s", number(handle.number(r, "bin_high_s"))},
                      {"observed", number(handle.number(r, "observed"))},
                      {"fitted", number(handle.number(r, "fitted"))}});
    times.datasets["table"] = std::move(bins);
    content.charts.push_back(std::move(times));
  }
  return content;
}

}  // namespace supportsim
