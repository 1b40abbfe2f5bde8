#include "sim/output/report_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/fit_report.h"
#include "sim/output/journey_flows.h"

namespace supportsim {
namespace {

using nlohmann::ordered_json;

constexpr double kWeek = 7 * 86400.0;
constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string need(const ReadResultFile& read, const std::string& path) {
  std::optional<std::string> text = read(path);
  if (!text) throw InputError(path + ": expected this results file, got none");
  return std::move(*text);
}

ordered_json parse_json(const std::string& text, const std::string& file) {
  try {
    return ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(file + ": expected JSON as supportsim writes it: " + e.what());
  }
}

// A number as the page holds it: null where undefined.
ordered_json number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(); }

double as_number(const ordered_json& j) { return j.is_number() ? j.get<double>() : std::nan(""); }

// One metric of summary.json: {"mean", "ci95": [low, high], "stdev"}.
struct Metric {
  double mean = std::nan(""), low = std::nan(""), high = std::nan("");
  bool defined() const { return std::isfinite(mean); }
};

Metric metric_of(const ordered_json& scope, const std::string& metric) {
  Metric m;
  if (!scope.is_object() || !scope.contains(metric)) return m;
  const ordered_json& value = scope[metric];
  m.mean = as_number(value.value("mean", ordered_json()));
  if (value.contains("ci95") && value["ci95"].is_array() && value["ci95"].size() == 2) {
    m.low = as_number(value["ci95"][0]);
    m.high = as_number(value["ci95"][1]);
  }
  return m;
}

// summary.json, checked for the parts the page reads.
ordered_json read_summary(const ReadResultFile& read, const std::string& path) {
  ordered_json j = parse_json(need(read, path), path);
  for (const char* key : {"scenario", "overall", "channels", "segments", "groups"})
    if (!j.contains(key) || !j[key].is_object())
      throw InputError(path + ": expected an object \"" + key + "\", got none");
  for (const char* key : {"replications", "seed", "horizon_s", "warmup_s"})
    if (!j.contains(key) || !j[key].is_number())
      throw InputError(path + ": expected a number \"" + key + "\", got none");
  return j;
}

std::string replications_text(const ordered_json& summary) {
  const int n = summary["replications"].get<int>();
  return fmt::format("{} replication{}", n, n == 1 ? "" : "s");
}

std::vector<std::pair<std::string, std::string>> run_facts(const ordered_json& summary) {
  const ordered_json& s = summary["scenario"];
  const std::string file = s.value("file", "");
  return {
      {"scenario",
       s.value("name", "") + (file.empty() ? " (built-in default)" : " (" + file + ")")},
      {"replications", std::to_string(summary["replications"].get<int>())},
      {"seed", summary["seed"].dump()},
      {"horizon", format_duration(summary["horizon_s"].get<double>())},
      {"warm-up", format_duration(summary["warmup_s"].get<double>())},
  };
}

// The reporting interval: the scenario's, else the step between the first two interval starts.
double interval_length(const CsvTable& intervals, const Scenario* scenario) {
  if (scenario) return scenario->run.interval_s;
  std::set<double> starts;
  for (std::size_t r = 0; r < intervals.size() && starts.size() < 2; ++r)
    starts.insert(intervals.number(r, "interval_start_s"));
  return starts.size() == 2 ? *std::next(starts.begin()) - *starts.begin() : 3600;
}

std::string weekday_hour(double hour_of_week) {
  const int h = static_cast<int>(hour_of_week);
  return fmt::format("{} {:02}:00", kDays[static_cast<std::size_t>(h / 24 % 7)], h % 24);
}

// Channels of intervals.csv in the order of their first row.
std::vector<std::string> interval_channels(const CsvTable& intervals) {
  std::vector<std::string> names;
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    const std::string& c = intervals.text(r, "channel");
    if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
  }
  return names;
}

int order_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
}

// Whether intervals.csv row r is a deferred channel's (it has first-response counts).
bool deferred_row(const CsvTable& intervals, std::size_t r) {
  return intervals.has("entries") && std::isfinite(intervals.number(r, "entries"));
}

// A deferred channel's first-response level by day: the day's first responses within target
// over its entries (intervals.csv), one step per day from the day's first interval.
void add_first_response_days(const CsvTable& intervals, const std::string& channel,
                             ordered_json& table) {
  std::map<double, std::pair<double, double>> days;  // day start -> (within, entries)
  double last_end = 0;
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    if (intervals.text(r, "channel") != channel) continue;
    const double start = intervals.number(r, "interval_start_s");
    auto& day = days[std::floor(start / 86400) * 86400];
    day.first += intervals.number(r, "first_responses_within");
    day.second += intervals.number(r, "entries");
    last_end = std::max(last_end, start);
  }
  const std::string label = channel + " (first response, by day)";
  double level = std::nan("");
  for (const auto& [start, counts] : days) {
    level = counts.second > 0 ? counts.first / counts.second : std::nan("");
    table.push_back({{"interval_start_s", start},
                     {"channel", label},
                     {"service_level", number(level)},
                     {"offered", number(counts.second)}});
  }
  // The last day's step runs to the window's last interval.
  if (!days.empty() && last_end > days.rbegin()->first)
    table.push_back({{"interval_start_s", last_end},
                     {"channel", label},
                     {"service_level", number(level)},
                     {"offered", number(days.rbegin()->second.second)}});
}

ReportChart service_level_chart(const CsvTable& intervals, const Scenario* scenario) {
  ReportChart chart{"service_level", "Service level by interval",
                    "Share of the offers arriving in each interval that were answered within the "
                    "channel's answer time (intervals.csv, service_level), for each live channel "
                    "answered by agents; for deferred channels (email, tickets), the share of each "
                    "day's cases with a first response within the target time (intervals.csv, "
                    "first_responses_within / entries over the day). Dashed lines are the "
                    "targets."};
  ordered_json table = ordered_json::array(), targets = ordered_json::array();
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    if (deferred_row(intervals, r)) continue;
    table.push_back({{"interval_start_s", intervals.number(r, "interval_start_s")},
                     {"channel", intervals.text(r, "channel")},
                     {"service_level", number(intervals.number(r, "service_level"))},
                     {"offered", number(intervals.number(r, "offered"))}});
  }
  std::vector<std::string> deferred;
  for (std::size_t r = 0; r < intervals.size(); ++r)
    if (deferred_row(intervals, r) &&
        std::find(deferred.begin(), deferred.end(), intervals.text(r, "channel")) ==
            deferred.end())
      deferred.push_back(intervals.text(r, "channel"));
  for (const std::string& name : deferred) add_first_response_days(intervals, name, table);
  if (scenario)
    for (const std::string& name : interval_channels(intervals))
      for (std::size_t c = 0; c < scenario->channels.size(); ++c)
        if (scenario->channels[c].name == name) {
          const ServiceTarget& t = scenario->targets.for_channel(static_cast<int>(c));
          if (scenario->channels[c].deferred)
            targets.push_back({{"channel", name + " (first response, by day)"},
                               {"target", t.first_response_share()},
                               {"answer_within_s", t.first_response_within()}});
          else
            targets.push_back({{"channel", name},
                               {"target", t.service_level},
                               {"answer_within_s", t.answer_within_s}});
        }
  chart.datasets["table"] = std::move(table);
  chart.datasets["targets"] = std::move(targets);
  return chart;
}

// The mean busy agents of a row: occupancy x agents on duty (= busy agent time / interval).
double busy_agents(const CsvTable& intervals, std::size_t r) {
  const double agents = intervals.number(r, "agents_on_duty");
  const double occupancy = intervals.number(r, "occupancy");
  return agents > 0 && std::isfinite(occupancy) ? occupancy * agents : 0.0;
}

ReportChart load_chart(const CsvTable& intervals) {
  ReportChart chart{
      "load_vs_agents", "Offered load and agents on duty",
      "Offered load in erlangs (agents' worth of work arriving) against the mean agents on duty, "
      "per interval and channel. The load is the busy agents of intervals.csv (occupancy x "
      "agents_on_duty) scaled by offered / answered, i.e. abandoned offers counted at the handle "
      "time of answered ones. Agents of a group answering several channels count in each."};
  const std::vector<std::string> channels = interval_channels(intervals);
  ordered_json table = ordered_json::array();
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    const double offered = intervals.number(r, "offered");
    const double answered = intervals.number(r, "answered");
    const double load = busy_agents(intervals, r) * (answered > 0 ? offered / answered : 1.0);
    const std::string& channel = intervals.text(r, "channel");
    const double start = intervals.number(r, "interval_start_s");
    const int order = order_of(channels, channel);
    table.push_back({{"interval_start_s", start},
                     {"channel", channel},
                     {"order", order},
                     {"measure", "offered load (erlangs)"},
                     {"value", number(load)}});
    table.push_back({{"interval_start_s", start},
                     {"channel", channel},
                     {"order", order},
                     {"measure", "agents on duty"},
                     {"value", number(intervals.number(r, "agents_on_duty"))}});
  }
  chart.datasets["table"] = std::move(table);
  return chart;
}

// Occupancy by hour of the week, one row per `key` ("group" in group_intervals.csv, "channel" in
// intervals.csv of folders written before groups were kept per interval).
ReportChart occupancy_chart(const CsvTable& intervals, const std::string& key, double interval_s) {
  const std::string file = key == "group" ? "group_intervals.csv" : "intervals.csv";
  ReportChart chart{"occupancy_heatmap", "Occupancy by weekday and hour",
                    fmt::format("Busy agent time / agent time on duty, per {} and hour of the "
                                "week, pooled over the weeks of the run ({}: the sum of occupancy "
                                "x agents_on_duty over the sum of agents_on_duty, intervals "
                                "weighted by their overlap with the hour).",
                                key, file)};
  std::vector<std::string> channels;
  for (std::size_t r = 0; r < intervals.size(); ++r)
    if (std::find(channels.begin(), channels.end(), intervals.text(r, key)) == channels.end())
      channels.push_back(intervals.text(r, key));
  // (channel, hour of week) -> (busy agent-hours, on-duty agent-hours, hours covered)
  std::map<std::pair<int, int>, std::array<double, 3>> cells;
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    const double start = intervals.number(r, "interval_start_s");
    const double agents = intervals.number(r, "agents_on_duty");
    if (!(agents > 0)) continue;
    const double busy = busy_agents(intervals, r);
    const int channel = order_of(channels, intervals.text(r, key));
    for (double t = start; t < start + interval_s;) {
      const double hour_end = (std::floor(t / 3600) + 1) * 3600;
      const double overlap = (std::min(hour_end, start + interval_s) - t) / 3600;
      const int hour = static_cast<int>(std::fmod(t, kWeek) / 3600);
      auto& cell = cells[{channel, hour}];
      cell[0] += busy * overlap;
      cell[1] += agents * overlap;
      cell[2] += overlap;
      t = hour_end;
    }
  }
  ordered_json table = ordered_json::array();
  for (const auto& [key, cell] : cells)
    table.push_back({{"name", channels[static_cast<std::size_t>(key.first)]},
                     {"order", key.first},
                     {"hour_of_week", key.second},
                     {"hour_end", key.second + 1},
                     {"when", weekday_hour(key.second)},
                     {"occupancy", number(cell[0] / cell[1])},
                     {"agents_on_duty", number(cell[1] / cell[2])}});
  chart.datasets["table"] = std::move(table);
  return chart;
}

ReportChart cost_chart(const ordered_json& summary) {
  ReportChart chart{"cost_breakdown", "Cost by channel and by group",
                    "Mean cost over the window with its 95% interval (summary.json, cost). A "
                    "channel's cost includes its share of the agent groups answering it (by "
                    "their busy time), so the two panels each add up to the total cost; do not "
                    "add one to the other."};
  ordered_json table = ordered_json::array();
  for (const auto& [scope, by] : {std::pair{"channels", "by channel"}, {"groups", "by group"}}) {
    int order = 0;
    for (const auto& [name, metrics] : summary[scope].items()) {
      const Metric m = metric_of(metrics, "cost");
      if (!m.defined()) continue;
      table.push_back({{"by", by},
                       {"name", name},
                       {"order", order++},
                       {"cost", m.mean},
                       {"ci95_low", number(m.low)},
                       {"ci95_high", number(m.high)}});
    }
  }
  chart.datasets["table"] = std::move(table);
  return chart;
}

ReportChart journeys_chart(const ordered_json& summary, const Scenario* scenario) {
  ReportChart chart{
      "journeys", "Where cases go",
      "Cases flowing from arrival through the channels (left to right, by escalation) to what "
      "became of them, means per replication from the channel metrics of summary.json: entries "
      "(arrivals, and customers coming back), escalations, resolved (ended - gave_up), abandoned "
      "(ended_abandoned), ended unresolved (gave_up - ended_abandoned) and came back (returned: "
      "resolutions that did not hold, who enter again). Line width is proportional to cases; "
      "abandoners who retry stay in their channel and are not drawn."};
  const JourneyFlows flows = journey_flows(summary["channels"], scenario);
  ordered_json nodes = ordered_json::array(), links = ordered_json::array();
  for (const FlowNode& n : flows.nodes)
    nodes.push_back({{"name", n.name},
                     {"kind", n.kind},
                     {"column", n.column},
                     {"y", n.y},
                     {"top", n.y - n.cases / 2},
                     {"bottom", n.y + n.cases / 2},
                     {"cases", n.cases}});
  for (const FlowLink& l : flows.links) {
    const FlowNode &from = flows.nodes[static_cast<std::size_t>(l.from)],
                   &to = flows.nodes[static_cast<std::size_t>(l.to)];
    links.push_back({{"from", from.name},
                     {"to", to.name},
                     {"flow", to.kind == "outcome" ? to.name : "to a channel"},
                     {"x", from.column},
                     {"y", from.y},
                     {"x2", to.column},
                     {"y2", to.y},
                     {"cases", l.cases}});
  }
  chart.datasets["links"] = std::move(links);
  chart.datasets["nodes"] = std::move(nodes);
  int columns = 0;
  for (const FlowNode& n : flows.nodes) columns = std::max(columns, n.column);
  chart.patch = {{"encoding",
                  {{"x", {{"scale", {{"domain", {-0.1, columns + 0.9}}}}}},
                   {"y", {{"scale", {{"domain", {0, std::max(flows.height, 1.0)}}}}}}}}};
  return chart;
}

ReportChart segments_chart(const ordered_json& summary) {
  ReportChart chart{"segments", "Segments",
                    "Per customer segment: cases that arrived, the share resolved, customer effort "
                    "(CES, 1 easy .. 7 hard) and customers lost through the service (churned), "
                    "means with their 95% intervals (summary.json, segments)."};
  static const std::array<std::pair<const char*, const char*>, 4> kShown = {{
      {"cases", "cases"},
      {"resolved_share", "resolved share"},
      {"ces", "CES (1 easy .. 7 hard)"},
      {"churned", "churned customers"},
  }};
  ordered_json table = ordered_json::array();
  int order = 0;
  for (const auto& [name, metrics] : summary["segments"].items()) {
    for (std::size_t k = 0; k < kShown.size(); ++k) {
      const Metric m = metric_of(metrics, kShown[k].first);
      if (!m.defined()) continue;
      table.push_back({{"segment", name},
                       {"order", order},
                       {"metric", kShown[k].second},
                       {"metric_order", k},
                       {"mean", m.mean},
                       {"ci95_low", number(m.low)},
                       {"ci95_high", number(m.high)}});
    }
    ++order;
  }
  chart.datasets["table"] = std::move(table);
  return chart;
}

std::string run_reading(const ordered_json& summary, double interval_s) {
  return fmt::format(
      "Times are simulation time: 0 is Monday 00:00, and only the {} after the {} warm-up "
      "counts. Each interval is {} long, drawn from its start; a case counts in the interval "
      "where it arrived. Counts are means per replication over {}; shares within an interval "
      "pool the replications (sums over sums). Black lines across bars are Student-t 95% "
      "intervals over replications. Hovering over a mark shows its numbers.",
      format_duration(summary["horizon_s"].get<double>()),
      format_duration(summary["warmup_s"].get<double>()), format_duration(interval_s),
      replications_text(summary));
}

std::vector<ReportChart> run_charts(const ReadResultFile& read, const Scenario* scenario,
                                    const ordered_json& summary, double* interval_s) {
  const CsvTable intervals(need(read, "intervals.csv"), "intervals.csv");
  *interval_s = interval_length(intervals, scenario);
  std::vector<ReportChart> charts;
  if (intervals.size() > 0) {
    charts.push_back(service_level_chart(intervals, scenario));
    charts.push_back(load_chart(intervals));
    std::optional<CsvTable> by_group;
    if (const auto text = read("group_intervals.csv")) by_group.emplace(*text, "group_intervals.csv");
    if (by_group && by_group->size() > 0)
      charts.push_back(occupancy_chart(*by_group, "group", *interval_s));
    else
      charts.push_back(occupancy_chart(intervals, "channel", *interval_s));
  }
  charts.push_back(cost_chart(summary));
  charts.push_back(journeys_chart(summary, scenario));
  if (!summary["segments"].empty()) charts.push_back(segments_chart(summary));
  return charts;
}

ReportChart plan_chart(const CsvTable& staffing, double warmup_s) {
  ReportChart chart{
      "plan", "Staffing plan by interval",
      "Agents on duty per planned group and interval after the warm-up (staffing.csv): the plan "
      "(agents), the closed-form head count (erlang_agents, Erlang C or A on the expected load)"
      ", and where the file has them the per-interval requirement before shift rounding "
      "(required) and what the roster puts on duty (on_duty)."};
  struct Series {
    const char* column;
    const char* title;
  };
  std::vector<Series> series = {{"agents", "planned"}, {"erlang_agents", "closed form (Erlang)"}};
  if (staffing.has("required")) series.push_back({"required", "required"});
  if (staffing.has("on_duty")) series.push_back({"on_duty", "on duty (roster)"});
  std::vector<std::string> groups;
  ordered_json table = ordered_json::array();
  for (std::size_t r = 0; r < staffing.size(); ++r) {
    const double start = staffing.number(r, "interval_start_s");
    if (start < warmup_s) continue;
    const std::string& group = staffing.text(r, "group");
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
    for (std::size_t k = 0; k < series.size(); ++k) {
      if (!staffing.has(series[k].column)) continue;
      table.push_back({{"interval_start_s", start},
                       {"group", group},
                       {"order", order_of(groups, group)},
                       {"series", series[k].title},
                       {"series_order", k},
                       {"agents", number(staffing.number(r, series[k].column))}});
    }
  }
  chart.datasets["table"] = std::move(table);
  return chart;
}

// "HH:MM" -> minutes; throws InputError naming the row.
int clock_minutes(const std::string& text, std::size_t row) {
  int h = -1, m = -1;
  if (text.size() == 5 && text[2] == ':' && std::isdigit(text[0]) && std::isdigit(text[1]) &&
      std::isdigit(text[3]) && std::isdigit(text[4])) {
    h = (text[0] - '0') * 10 + (text[1] - '0');
    m = (text[3] - '0') * 10 + (text[4] - '0');
  }
  if (h < 0 || h > 24 || m > 59)
    throw InputError(
        fmt::format("roster.csv:{}: expected a time HH:MM, got \"{}\"", row + 2, text));
  return h * 60 + m;
}

ReportChart roster_chart(const CsvTable& roster) {
  ReportChart chart{"roster", "Roster: shifts and agents",
                    "Each bar is one shift start on one day of the plan's week (roster.csv), "
                    "labelled with the agents who start it; rows are group, shift and start "
                    "time. A shift that passes midnight continues on the next day."};
  std::vector<std::string> rows;
  ordered_json table = ordered_json::array();
  for (std::size_t r = 0; r < roster.size(); ++r) {
    const std::string& day = roster.text(r, "day");
    const auto d = std::find(kDays.begin(), kDays.end(), day) - kDays.begin();
    if (d == static_cast<long>(kDays.size()))
      throw InputError(
          fmt::format("roster.csv:{}: expected a day Mon..Sun, got \"{}\"", r + 2, day));
    const std::string& start = roster.text(r, "start");
    const std::string& end = roster.text(r, "end");
    const double start_h = static_cast<double>(d) * 24 + clock_minutes(start, r) / 60.0;
    double end_h = static_cast<double>(d) * 24 + clock_minutes(end, r) / 60.0;
    if (end_h <= start_h) end_h += 24;
    const std::string row = roster.text(r, "group") + " · " + roster.text(r, "shift") + " " + start;
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
    // A Sunday shift that passes midnight wraps to Monday morning of the same week.
    std::vector<std::pair<double, double>> spans = {{start_h, std::min(end_h, 168.0)}};
    if (end_h > 168) spans.push_back({0, end_h - 168});
    for (const auto& [from, to] : spans)
      table.push_back({{"row", row},
                       {"order", order_of(rows, row)},
                       {"group", roster.text(r, "group")},
                       {"shift", roster.text(r, "shift")},
                       {"day", day},
                       {"start", start},
                       {"end", end},
                       {"agents", number(roster.number(r, "agents"))},
                       {"start_h", from},
                       {"end_h", to}});
  }
  chart.datasets["table"] = std::move(table);
  return chart;
}

// "overall.cost" -> (overall, overall, cost); "channels.phone.asa_s" -> (channels, phone, asa_s).
std::array<std::string, 3> split_metric(const std::string& text) {
  const std::size_t first = text.find('.'), last = text.rfind('.');
  if (first == std::string::npos) return {text, "", ""};
  if (first == last) return {text.substr(0, first), text.substr(0, first), text.substr(last + 1)};
  return {text.substr(0, first), text.substr(first + 1, last - first - 1), text.substr(last + 1)};
}

std::string metric_title(const std::array<std::string, 3>& m) {
  return m[0] == "overall" ? m[2] : m[1] + " " + m[2];
}

// The varied keys of a sweep-like table: its columns before `point`.
std::vector<std::string> varied_keys(const CsvTable& table) {
  std::vector<std::string> keys;
  for (const std::string& column : table.header()) {
    if (column == "point") break;
    keys.push_back(column);
  }
  return keys;
}

// A point as its settings, each key by its last part: "agents=42, retry_share=0.3".
std::string point_label(const CsvTable& table, std::size_t row,
                        const std::vector<std::string>& keys) {
  std::string label;
  for (const std::string& key : keys)
    label +=
        (label.empty() ? "" : ", ") + key.substr(key.rfind('.') + 1) + "=" + table.text(row, key);
  return label.empty() ? table.text(row, "point") : label;
}

bool is_metric(const CsvTable& table, std::size_t row, const std::array<std::string, 3>& m) {
  return table.text(row, "scope") == m[0] && table.text(row, "name") == m[1] &&
         table.text(row, "metric") == m[2];
}

InputError no_such_metric(const std::string& shown) {
  return InputError("--show " + shown +
                    ": expected a metric of the table (overall.<metric> or "
                    "<scope>.<name>.<metric>), got none by that name");
}

}  // namespace

ReportChart frontier_chart(const CsvTable& table, const std::string& x, const std::string& y,
                           const std::string& best_point) {
  ReportChart chart{"frontier", "Cost against outcome",
                    "Each point at its mean of both metrics, with their 95% intervals over "
                    "replications; the best point is larger and red."};
  const std::vector<std::string> keys = varied_keys(table);
  const auto mx = split_metric(x), my = split_metric(y);
  std::vector<std::string> points;
  std::map<std::string, ordered_json> rows;  // by point
  bool found_x = false, found_y = false;
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string& point = table.text(r, "point");
    if (std::find(points.begin(), points.end(), point) == points.end()) points.push_back(point);
    for (const auto& [m, axis, found] :
         {std::tuple{mx, "x", &found_x}, std::tuple{my, "y", &found_y}}) {
      if (!is_metric(table, r, m)) continue;
      *found = true;
      ordered_json& row = rows[point];
      row["point"] = point;
      row["label"] = point_label(table, r, keys);
      row["marked"] = point == best_point ? "best point" : "point";
      const std::string a = axis;
      row[a] = number(table.number(r, "mean"));
      row[a + "_ci95_low"] = number(table.number(r, "ci95_low"));
      row[a + "_ci95_high"] = number(table.number(r, "ci95_high"));
    }
  }
  if (!found_x) throw no_such_metric(x);
  if (!found_y) throw no_such_metric(y);
  ordered_json table_rows = ordered_json::array();
  for (const std::string& point : points)
    if (rows.count(point)) table_rows.push_back(rows[point]);
  chart.datasets["table"] = std::move(table_rows);
  chart.patch = {
      {"encoding", {{"x", {{"title", metric_title(mx)}}}, {"y", {{"title", metric_title(my)}}}}}};
  return chart;
}

ReportChart points_chart(const CsvTable& table, const std::vector<std::string>& shown,
                         const std::string& best_point) {
  ReportChart chart{
      "points", "Points compared",
      "Left: each point's mean with its Student-t 95% interval over replications. Right: the "
      "paired difference from the first point (diff_mean) with its paired 95% interval: points "
      "ran on the same random numbers, so an interval that excludes 0 is a difference the "
      "replications support. A point a command picks as best is drawn in red."};
  const std::vector<std::string> keys = varied_keys(table);
  std::vector<std::string> points;
  ordered_json rows = ordered_json::array();
  std::vector<bool> found(shown.size(), false);
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string& point = table.text(r, "point");
    if (std::find(points.begin(), points.end(), point) == points.end()) points.push_back(point);
    for (std::size_t k = 0; k < shown.size(); ++k) {
      const auto m = split_metric(shown[k]);
      if (!is_metric(table, r, m)) continue;
      found[k] = true;
      const std::string label = point_label(table, r, keys);
      for (const auto& [panel, prefix] :
           {std::pair{"value", ""}, {"difference from the first point", "diff_"}}) {
        const std::string p = prefix;
        rows.push_back({{"metric", metric_title(m)},
                        {"metric_order", k},
                        {"panel", panel},
                        {"point", point},
                        {"point_order", order_of(points, point)},
                        {"label", label},
                        {"marked", point == best_point ? "best point" : "point"},
                        {"mean", number(table.number(r, p + "mean"))},
                        {"ci95_low", number(table.number(r, p + "ci95_low"))},
                        {"ci95_high", number(table.number(r, p + "ci95_high"))},
                        {"zero", p.empty() ? ordered_json() : ordered_json(0)}});
      }
    }
  }
  for (std::size_t k = 0; k < shown.size(); ++k)
    if (!found[k]) throw no_such_metric(shown[k]);
  chart.datasets["table"] = std::move(rows);
  return chart;
}

ReportContent run_report(const ReadResultFile& read, const Scenario* scenario) {
  const ordered_json summary = read_summary(read, "summary.json");
  ReportContent content;
  content.title = "supportsim run: " + summary["scenario"].value("name", "");
  content.facts = run_facts(summary);
  double interval_s = 0;
  content.charts = run_charts(read, scenario, summary, &interval_s);
  content.facts.push_back({"reporting interval", format_duration(interval_s)});
  content.reading = run_reading(summary, interval_s);
  return content;
}

ReportContent staff_report(const ReadResultFile& read, const Scenario* scenario) {
  const ordered_json summary = read_summary(read, "summary.json");
  const CsvTable staffing(need(read, "staffing.csv"), "staffing.csv");
  ReportContent content;
  content.title = "supportsim staff: " + summary["scenario"].value("name", "");
  content.facts = run_facts(summary);
  content.charts.push_back(plan_chart(staffing, summary["warmup_s"].get<double>()));
  if (std::optional<std::string> roster = read("roster.csv"))
    content.charts.push_back(roster_chart(CsvTable(*roster, "roster.csv")));
  double interval_s = 0;
  for (ReportChart& chart : run_charts(read, scenario, summary, &interval_s))
    content.charts.push_back(std::move(chart));
  content.facts.push_back({"staffing interval", format_duration(interval_s)});
  content.reading = run_reading(summary, interval_s) +
                    " The charts after the plan show the simulation of exactly this plan "
                    "(summary.json, intervals.csv of this folder).";
  return content;
}

ReportContent sweep_report(const ReadResultFile& read, const std::vector<std::string>& shown) {
  const CsvTable sweep(need(read, "sweep.csv"), "sweep.csv");
  if (sweep.size() == 0) throw InputError("sweep.csv: expected a row per point, got none");
  std::vector<std::string> chosen = shown;
  if (chosen.empty()) {
    const std::string first = sweep.text(0, "point");
    for (std::size_t r = 0; r < sweep.size() && chosen.size() < 3; ++r)
      if (sweep.text(r, "point") == first && sweep.text(r, "scope") == "channels" &&
          sweep.text(r, "metric") == "service_level")
        chosen.push_back("channels." + sweep.text(r, "name") + ".service_level");
    chosen.push_back("overall.resolved_share");
    chosen.push_back("overall.cost");
  }
  ReportContent content;
  const std::string first_point = sweep.text(0, "point");
  const ordered_json summary = read_summary(read, first_point + "/summary.json");
  content.title = "supportsim sweep: " + summary["scenario"].value("name", "");
  content.facts = run_facts(summary);
  const std::vector<std::string> keys = varied_keys(sweep);
  std::vector<std::string> points;
  for (std::size_t r = 0; r < sweep.size(); ++r)
    if (std::find(points.begin(), points.end(), sweep.text(r, "point")) == points.end())
      points.push_back(sweep.text(r, "point"));
  std::string varied;
  for (const std::string& key : keys) varied += (varied.empty() ? "" : ", ") + key;
  content.facts.push_back({"points", fmt::format("{} ({} first)", points.size(), first_point)});
  content.facts.push_back({"varied", varied});
  content.charts.push_back(points_chart(sweep, chosen));
  content.reading = fmt::format(
      "Every point ran {} with the same seed: replication r of each point draws the same random "
      "numbers, so the differences between points are paired. Each point's own results (with the "
      "run charts) are in its folder: supportsim report <folder> draws them.",
      replications_text(summary));
  return content;
}

ReportContent mix_report(const ReadResultFile& read, const std::vector<std::string>& shown) {
  const CsvTable sweep(need(read, "sweep.csv"), "sweep.csv");
  const CsvTable mix(need(read, "mix.csv"), "mix.csv");
  if (sweep.size() == 0 || mix.size() == 0)
    throw InputError("sweep.csv, mix.csv: expected a row per point, got none");
  // The best point, as mix chose it from these numbers.
  const bool revenue = mix.number(0, "revenue") != 0;
  std::optional<std::size_t> best;
  for (std::size_t r = 0; r < mix.size(); ++r) {
    if (mix.text(r, "meets_targets") != "true") continue;
    const double value = revenue ? mix.number(r, "margin") : -mix.number(r, "cost");
    if (!best || value > (revenue ? mix.number(*best, "margin") : -mix.number(*best, "cost")))
      best = r;
  }
  std::string best_point;
  for (std::size_t r = 0; best && r < sweep.size() && best_point.empty(); ++r)
    if (sweep.text(r, "point").rfind(mix.text(*best, "point") + "_", 0) == 0)
      best_point = sweep.text(r, "point");
  auto has = [&](const std::string& metric) {
    const auto m = split_metric(metric);
    for (std::size_t r = 0; r < sweep.size(); ++r)
      if (is_metric(sweep, r, m) && std::isfinite(sweep.number(r, "mean"))) return true;
    return false;
  };
  std::vector<std::string> chosen = shown;
  if (chosen.empty())
    for (const char* m :
         {"overall.cost", "overall.resolved_share", "overall.ces", "overall.churned"})
      if (has(m)) chosen.push_back(m);
  std::string outcome = "overall.churned";
  if (!has(outcome))
    for (std::size_t r = 0; r < sweep.size(); ++r)
      if (sweep.text(r, "scope") == "channels" && sweep.text(r, "metric") == "service_level") {
        outcome = "channels." + sweep.text(r, "name") + ".service_level";
        break;
      }
  ReportContent content = sweep_report(read, chosen);
  content.title = "supportsim mix: " + content.title.substr(content.title.find(": ") + 2);
  content.charts = {frontier_chart(sweep, "overall.cost", outcome, best_point),
                    points_chart(sweep, chosen, best_point)};
  content.facts.push_back(
      {"best point", best ? best_point + " (mix.csv)" : "none met its targets"});
  content.reading +=
      " Every point was first staffed to the targets (its staffing/ folder), then all were "
      "evaluated on the same fresh random numbers (sweep.csv).";
  return content;
}

ReportContent folder_report(const ReadResultFile& read, const Scenario* scenario,
                            const std::vector<std::string>& shown) {
  if (read("fit.csv")) return fit_report(read);
  if (read("mix.csv")) return mix_report(read, shown);
  if (read("sweep.csv")) return sweep_report(read, shown);
  if (read("staffing.csv")) return staff_report(read, scenario);
  if (read("summary.json")) return run_report(read, scenario);
  throw InputError(
      "expected a results folder holding mix.csv (supportsim mix), sweep.csv (supportsim sweep), "
      "staffing.csv (supportsim staff), summary.json (supportsim run) or fit.csv (supportsim "
      "calibrate), got none of them");
}

}  // namespace supportsim
