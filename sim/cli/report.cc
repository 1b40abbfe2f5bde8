#include "sim/cli/report.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "sim/cli/table.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

struct Column {
  const char* metric;
  const char* title;
  int digits;  // decimals shown
  bool percent;
  double scale = 1;        // e.g. 1 / 3600 for seconds shown in hours
  bool live_only = false;  // a live queue's measure: "-" for deferred channels
};

// "mean ±half" of a metric, or "-" when undefined.
std::string cell(const Summary& summary, const std::string& scope, const std::string& name,
                 const Column& column) {
  const MetricSummary* m = summary.find(scope, name, column.metric);
  if (!m || !m->defined) return "-";
  const double scale = column.percent ? 100 : column.scale;
  const double mean = m->estimate.mean * scale;
  const double half = (m->estimate.ci95_high - m->estimate.ci95_low) / 2 * scale;
  const char* unit = column.percent ? "%" : "";
  if (summary.replications < 2) return fmt::format("{:.{}f}{}", mean, column.digits, unit);
  return fmt::format("{:.{}f}{} ±{:.{}f}", mean, column.digits, unit, half, column.digits);
}

void print_table(std::ostream& out, const Summary& summary, const std::string& scope,
                 const std::vector<std::string>& names, const std::vector<Column>& columns,
                 const std::vector<bool>& deferred = {}) {
  if (names.empty()) return;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {scope == "channels"   ? "channel"
                                     : scope == "segments" ? "segment"
                                     : scope == "groups"   ? "group"
                                                           : ""};
  for (const Column& c : columns) header.push_back(c.title);
  rows.push_back(header);
  for (std::size_t n = 0; n < names.size(); ++n) {
    std::vector<std::string> row = {names[n]};
    const bool blank_live = n < deferred.size() && deferred[n];
    for (const Column& c : columns)
      row.push_back(blank_live && c.live_only ? "-" : cell(summary, scope, names[n], c));
    rows.push_back(row);
  }
  out << aligned_table(rows) << "\n";
}

}  // namespace

void print_summary_table(std::ostream& out, const Scenario& scenario, const Summary& summary,
                         const std::string& folder) {
  out << fmt::format("scenario \"{}\": {} replication{}, horizon {}, warm-up {}, seed {}\n",
                     scenario.run.name, summary.replications, summary.replications == 1 ? "" : "s",
                     format_duration(scenario.run.horizon_s),
                     format_duration(scenario.run.warmup_s), scenario.run.seed);
  out << "mean ±half-width of the 95% interval over replications\n\n";

  std::vector<std::string> channels, deferred_channels, segments, groups;
  std::vector<bool> deferred;
  for (const Channel& c : scenario.channels) {
    channels.push_back(c.name);
    deferred.push_back(c.deferred);
    if (c.deferred) deferred_channels.push_back(c.name);
  }
  for (const Segment& s : scenario.segments) segments.push_back(s.name);
  for (const Group& g : scenario.groups) groups.push_back(g.name);

  print_table(out, summary, "channels", channels,
              {{"sessions", "sessions", 0, false},
               {"resolution_rate", "resolved/session", 1, true},
               {"escalated", "escalated", 0, false},
               {"service_level", "service level", 1, true, 1, true},
               {"asa_s", "ASA s", 1, false, 1, true},
               {"abandonment", "abandoned", 1, true, 1, true},
               {"occupancy", "occupancy", 1, true},
               {"cost", "cost", 0, false}},
              deferred);
  // Deferred work is measured by its first response and its backlog, not by live waits.
  constexpr double kHours = 1 / 3600.0;
  print_table(out, summary, "channels", deferred_channels,
              {{"first_response_mean_s", "first response h", 1, false, kHours},
               {"first_response_p90_s", "p90 h", 1, false, kHours},
               {"first_response_level", "within target", 1, true},
               {"resolve_level", "resolved in target", 1, true},
               {"touches_per_case", "touches/case", 2, false},
               {"backlog_mean", "backlog", 0, false},
               {"backlog_end", "backlog at end", 0, false}});
  print_table(out, summary, "segments", segments,
              {{"cases", "cases", 0, false},
               {"service_level", "service level", 1, true},
               {"abandonment", "abandoned", 1, true},
               {"resolved_share", "resolved", 1, true},
               {"ces", "CES 1-7", 2, false},
               {"churned", "churned", 1, false},
               {"churned_by_experience", "by experience", 1, false},
               {"revenue", "revenue", 0, false},
               {"cost_per_case", "cost/case", 2, false}});
  print_table(out, summary, "groups", groups,
              {{"agents_mean", "agents", 1, false},
               {"occupancy", "occupancy", 1, true},
               {"paid_hours", "paid hours", 0, false},
               {"cost", "cost", 0, false}});
  print_table(out, summary, "overall", {"overall"},
              {{"cases", "cases", 0, false},
               {"resolved_share", "resolved", 1, true},
               {"unresolved_share", "unresolved", 1, true},
               {"fcr", "FCR", 1, true},
               {"resolution_time_p90_s", "p90 resolution s", 0, false},
               {"time_to_end_p90_s", "p90 to end s", 0, false},
               {"churned", "churned", 1, false},
               {"churned_by_experience", "by experience", 1, false},
               {"churn_per_month", "churn/month", 2, true},
               {"revenue", "revenue", 0, false},
               {"cost", "cost", 0, false}});
  if (!folder.empty()) out << "results written to " << folder << "/\n";
}

}  // namespace supportsim
