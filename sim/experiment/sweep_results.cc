#include "sim/experiment/sweep_results.h"

#include <map>
#include <string>
#include <tuple>

#include "sim/experiment/paired.h"

namespace supportsim {
namespace {

using MetricKey = std::tuple<std::string, std::string, std::string>;

// Value of each metric by replication index.
std::map<MetricKey, std::map<int, double>> by_replication(
    const std::vector<ReplicationOutput>& outputs) {
  std::map<MetricKey, std::map<int, double>> values;
  for (const ReplicationOutput& o : outputs)
    for (const MetricValue& m : o.metrics)
      values[{m.scope, m.name, m.metric}][o.replication] = m.value;
  return values;
}

}  // namespace

std::vector<SweepRow> compare_points(const std::vector<Scenario>& scenarios,
                                     const std::vector<std::vector<ReplicationOutput>>& outputs) {
  std::vector<SweepRow> rows;
  if (outputs.empty()) return rows;
  const auto base = by_replication(outputs.front());
  for (std::size_t p = 0; p < outputs.size(); ++p) {
    const Summary summary = summarize(scenarios[p], outputs[p]);
    const auto values = by_replication(outputs[p]);
    for (const MetricSummary& m : summary.metrics) {
      SweepRow row{p, m, std::nullopt};
      const auto mine = values.find({m.scope, m.name, m.metric});
      const auto theirs = base.find({m.scope, m.name, m.metric});
      if (mine != values.end() && theirs != base.end()) {
        std::vector<double> a, b;
        for (const auto& [replication, value] : mine->second) {
          const auto other = theirs->second.find(replication);
          if (other == theirs->second.end()) continue;
          a.push_back(value);
          b.push_back(other->second);
        }
        row.difference = paired_difference(a, b);
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace supportsim
