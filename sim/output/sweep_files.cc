#include "sim/output/sweep_files.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "sim/output/csv.h"

namespace supportsim {
namespace {

constexpr std::string_view kReplicationsHeader = "replication,scope,name,metric,value";

// Splits one CSV line (RFC 4180 quoting); nullopt if a quote is not closed.
std::optional<std::vector<std::string>> csv_fields(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  return fields;
}

std::optional<double> read_number(const std::string& text) {
  if (text.empty()) return std::nan("");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string replications_csv(const std::vector<ReplicationOutput>& outputs) {
  std::string out = std::string(kReplicationsHeader) + "\n";
  for (const ReplicationOutput& o : outputs)
    for (const MetricValue& m : o.metrics)
      out += fmt::format("{},{},{},{},{}\n", o.replication, m.scope, csv_text(m.name), m.metric,
                         exact_csv_number(m.value));
  return out;
}

std::optional<std::vector<ReplicationOutput>> parse_replications_csv(std::string_view text) {
  std::vector<ReplicationOutput> outputs;
  std::size_t start = 0;
  bool header = true;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;  // every line ends with '\n'
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (header) {
      if (line != kReplicationsHeader) return std::nullopt;
      header = false;
      continue;
    }
    const auto fields = csv_fields(line);
    if (!fields || fields->size() != 5) return std::nullopt;
    const auto replication = read_number((*fields)[0]);
    const auto value = read_number((*fields)[4]);
    if ((*fields)[0].empty() || !replication || !value) return std::nullopt;
    const int r = static_cast<int>(*replication);
    if (r != *replication || r < 0) return std::nullopt;
    if (outputs.empty() || outputs.back().replication != r) {
      outputs.emplace_back();
      outputs.back().replication = r;
    }
    outputs.back().metrics.push_back({(*fields)[1], (*fields)[2], (*fields)[3], *value});
  }
  if (header) return std::nullopt;
  for (const ReplicationOutput& o : outputs) {
    if (o.metrics.size() != outputs.front().metrics.size()) return std::nullopt;
    for (std::size_t i = 0; i < o.metrics.size(); ++i) {
      const MetricValue &a = o.metrics[i], &b = outputs.front().metrics[i];
      if (a.scope != b.scope || a.name != b.name || a.metric != b.metric) return std::nullopt;
    }
  }
  return outputs;
}

std::string sweep_csv(const std::vector<SweepPoint>& points, const std::vector<SweepRow>& rows) {
  std::string out;
  if (!points.empty())
    for (const Override& o : points.front().settings) out += csv_text(o.key) + ",";
  out +=
      "point,scope,name,metric,mean,ci95_low,ci95_high,stdev,diff_mean,diff_ci95_low,"
      "diff_ci95_high\n";
  const double nan = std::nan("");
  for (const SweepRow& row : rows) {
    const SweepPoint& point = points[row.point];
    for (const Override& o : point.settings) out += csv_text(o.value) + ",";
    const MetricSummary& m = row.summary;
    const Estimate& e = m.estimate;
    const bool d = row.difference.has_value();
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{}\n", point.folder, m.scope, csv_text(m.name), m.metric,
        csv_number(m.defined ? e.mean : nan), csv_number(m.defined ? e.ci95_low : nan),
        csv_number(m.defined ? e.ci95_high : nan), csv_number(m.defined ? e.stdev : nan),
        csv_number(d ? row.difference->mean : nan), csv_number(d ? row.difference->ci95_low : nan),
        csv_number(d ? row.difference->ci95_high : nan));
  }
  return out;
}

std::string sweep_json(const std::vector<SweepPoint>& points, const std::vector<SweepRow>& rows) {
  using nlohmann::ordered_json;
  auto number = [](double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr); };
  ordered_json list = ordered_json::array();
  for (const SweepPoint& p : points) {
    ordered_json settings = ordered_json::object();
    for (const Override& o : p.settings) settings[o.key] = o.value;
    list.push_back({{"point", p.index},
                    {"folder", p.folder},
                    {"settings", settings},
                    {"overall", ordered_json::object()},
                    {"channels", ordered_json::object()},
                    {"segments", ordered_json::object()},
                    {"groups", ordered_json::object()}});
  }
  for (const SweepRow& row : rows) {
    const MetricSummary& m = row.summary;
    const double nan = std::nan("");
    const Estimate& e = m.estimate;
    ordered_json value = {
        {"mean", number(m.defined ? e.mean : nan)},
        {"ci95", {number(m.defined ? e.ci95_low : nan), number(m.defined ? e.ci95_high : nan)}},
        {"stdev", number(m.defined ? e.stdev : nan)}};
    if (row.difference) {
      value["diff"] = {
          {"mean", number(row.difference->mean)},
          {"ci95", {number(row.difference->ci95_low), number(row.difference->ci95_high)}}};
    } else {
      value["diff"] = {{"mean", nullptr}, {"ci95", {nullptr, nullptr}}};
    }
    ordered_json& point = list[row.point];
    if (m.scope == "overall")
      point["overall"][m.metric] = value;
    else
      point[m.scope][m.name][m.metric] = value;
  }
  return ordered_json{{"points", list}}.dump(2) + "\n";
}

}  // namespace supportsim
