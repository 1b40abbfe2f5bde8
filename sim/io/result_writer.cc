#include "sim/io/result_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/io/atomic_file.h"
#include "sim/io/scenario_writer.h"

namespace supportsim {
namespace {

using nlohmann::ordered_json;

ordered_json number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); }

// Shortest text that reads back as the same double; empty for an undefined value.
std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : ""; }

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char ch : s) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

}  // namespace

std::string summary_json(const Scenario& scenario, const Summary& summary) {
  ordered_json j;
  j["tool"] = "supportsim";
  j["version"] = SUPPORTSIM_VERSION;
  j["scenario"] = {
      {"name", scenario.run.name}, {"file", scenario.file}, {"sha256", scenario.sha256}};
  j["replications"] = summary.replications;
  j["seed"] = scenario.run.seed;
  j["horizon_s"] = scenario.run.horizon_s;
  j["warmup_s"] = scenario.run.warmup_s;
  j["overall"] = ordered_json::object();
  j["channels"] = ordered_json::object();
  j["segments"] = ordered_json::object();
  j["groups"] = ordered_json::object();
  for (const MetricSummary& m : summary.metrics) {
    ordered_json value;
    if (m.defined) {
      value = {{"mean", number(m.estimate.mean)},
               {"ci95", {number(m.estimate.ci95_low), number(m.estimate.ci95_high)}},
               {"stdev", number(m.estimate.stdev)}};
    } else {
      value = {{"mean", nullptr}, {"ci95", {nullptr, nullptr}}, {"stdev", nullptr}};
    }
    if (m.scope == "overall")
      j["overall"][m.metric] = value;
    else
      j[m.scope][m.name][m.metric] = value;
  }
  return j.dump(2) + "\n";
}

std::string summary_csv(const Summary& summary) {
  std::string out = "scope,name,metric,mean,ci95_low,ci95_high,stdev\n";
  for (const MetricSummary& m : summary.metrics) {
    const double nan = std::nan("");
    const Estimate& e = m.estimate;
    out += fmt::format(
        "{},{},{},{},{},{},{}\n", m.scope, csv_text(m.name), m.metric,
        csv_number(m.defined ? e.mean : nan), csv_number(m.defined ? e.ci95_low : nan),
        csv_number(m.defined ? e.ci95_high : nan), csv_number(m.defined ? e.stdev : nan));
  }
  return out;
}

std::string intervals_csv(const Summary& summary) {
  std::string out =
      "interval_start_s,channel,offered,answered,abandoned,service_level,asa_s,agents_on_duty,"
      "occupancy,backlog,entries,first_responses_within\n";
  for (const IntervalRow& r : summary.intervals)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_number(r.interval_start_s),
                       csv_text(r.channel), csv_number(r.offered), csv_number(r.answered),
                       csv_number(r.abandoned), csv_number(r.service_level), csv_number(r.asa_s),
                       csv_number(r.agents_on_duty), csv_number(r.occupancy),
                       csv_number(r.backlog), csv_number(r.entries),
                       csv_number(r.first_responses_within));
  return out;
}

std::string group_intervals_csv(const Summary& summary) {
  std::string out = "interval_start_s,group,agents_on_duty,occupancy\n";
  for (const GroupIntervalRow& r : summary.group_intervals)
    out += fmt::format("{},{},{},{}\n", csv_number(r.interval_start_s), csv_text(r.group),
                       csv_number(r.agents_on_duty), csv_number(r.occupancy));
  return out;
}

std::string daily_csv(const Summary& summary) {
  std::string out =
      "day_start_s,segment,active_customers,acquired,churned,baseline_churned,cases,revenue\n";
  for (const DailyRow& r : summary.daily)
    out +=
        fmt::format("{},{},{},{},{},{},{},{}\n", csv_number(r.day_start_s), csv_text(r.segment),
                    csv_number(r.active_customers), csv_number(r.acquired), csv_number(r.churned),
                    csv_number(r.baseline_churned), csv_number(r.cases), csv_number(r.revenue));
  return out;
}

FolderFiles run_result_files(const Scenario& scenario, const Summary& summary) {
  return {{"summary.json", summary_json(scenario, summary)},
          {"summary.csv", summary_csv(summary)},
          {"intervals.csv", intervals_csv(summary)},
          {"group_intervals.csv", group_intervals_csv(summary)},
          {"daily.csv", daily_csv(summary)},
          {"scenario.toml", scenario_to_toml(scenario)}};
}

void write_run_results(const std::string& folder, const Scenario& scenario,
                       const Summary& summary) {
  replace_folder_files(folder, run_result_files(scenario, summary), true);
}

}  // namespace supportsim
