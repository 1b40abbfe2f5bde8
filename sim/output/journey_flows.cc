#include "sim/output/journey_flows.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace supportsim {
namespace {

double mean_of(const nlohmann::ordered_json& scope, const char* metric) {
  if (!scope.contains(metric)) return 0;
  const auto& mean = scope[metric].value("mean", nlohmann::ordered_json());
  return mean.is_number() ? mean.get<double>() : 0;
}

// The escalation target of each channel of summary.json, by name ("" when none or unknown).
std::map<std::string, std::string> escalation_targets(const Scenario* scenario) {
  std::map<std::string, std::string> to;
  if (!scenario) return to;
  for (const Channel& c : scenario->channels)
    if (c.escalate_to) to[c.name] = scenario->channels[*c.escalate_to].name;
  return to;
}

// Columns 1.. by escalation depth: a channel sits one column right of the deepest channel
// escalating to it. Escalation chains have no cycles; the loop stops after `n` rounds anyway.
std::map<std::string, int> channel_columns(const std::vector<std::string>& names,
                                           const std::map<std::string, std::string>& to) {
  std::map<std::string, int> column;
  for (const std::string& n : names) column[n] = 1;
  for (std::size_t round = 0; round < names.size(); ++round) {
    bool moved = false;
    for (const auto& [from, target] : to)
      if (column.count(from) && column.count(target) && column[target] <= column[from]) {
        column[target] = column[from] + 1;
        moved = true;
      }
    if (!moved) break;
  }
  return column;
}

// Stacks each column's nodes from the top, a gap of 6% of the tallest column between them.
void lay_out(JourneyFlows& flows) {
  std::map<int, double> column_total;
  for (const FlowNode& n : flows.nodes) column_total[n.column] += n.cases;
  double tallest = 0;
  for (const auto& [column, total] : column_total) tallest = std::max(tallest, total);
  const double gap = 0.06 * tallest;
  std::map<int, double> filled;
  for (FlowNode& n : flows.nodes) {
    double& top = filled[n.column];
    n.y = top + n.cases / 2;
    top += n.cases + gap;
    flows.height = std::max(flows.height, top - gap);
  }
}

}  // namespace

JourneyFlows journey_flows(const nlohmann::ordered_json& channels, const Scenario* scenario) {
  JourneyFlows flows;
  const auto to = escalation_targets(scenario);
  std::vector<std::string> names;
  for (const auto& [name, metrics] : channels.items()) names.push_back(name);
  const auto column = channel_columns(names, to);
  int last_column = 1;
  for (const auto& [name, c] : column) last_column = std::max(last_column, c);

  flows.nodes.push_back({"arrivals", 0, 0, 0, "arrivals"});
  std::map<std::string, int> index;
  for (const std::string& name : names) {
    index[name] = static_cast<int>(flows.nodes.size());
    flows.nodes.push_back({name, column.at(name), 0, 0, "channel"});
  }
  const std::vector<std::string> outcomes = {"resolved", "came back", "abandoned",
                                             "ended unresolved", "escalated"};
  for (const std::string& o : outcomes) {
    index["outcome:" + o] = static_cast<int>(flows.nodes.size());
    flows.nodes.push_back({o, last_column + 1, 0, 0, "outcome"});
  }
  std::map<std::string, double> received_by_escalation;
  for (const std::string& name : names) {
    const auto target = to.find(name);
    if (target != to.end() && index.count(target->second))
      received_by_escalation[target->second] += mean_of(channels[name], "escalated");
  }
  auto link = [&](int from, int target, double cases) {
    if (cases > 1e-9) flows.links.push_back({from, target, cases});
  };
  for (const std::string& name : names) {
    const auto& m = channels[name];
    const double ended = mean_of(m, "ended"), gave_up = mean_of(m, "gave_up");
    const double abandoned = mean_of(m, "ended_abandoned");
    const double escalated = mean_of(m, "escalated"), returned = mean_of(m, "returned");
    const int self = index[name];
    link(0, self, std::max(0.0, ended + escalated + returned - received_by_escalation[name]));
    const auto target = to.find(name);
    link(self, target != to.end() && index.count(target->second) ? index[target->second]
                                                                  : index["outcome:escalated"],
         escalated);
    link(self, index["outcome:resolved"], ended - gave_up);
    link(self, index["outcome:came back"], returned);
    link(self, index["outcome:abandoned"], abandoned);
    link(self, index["outcome:ended unresolved"], gave_up - abandoned);
  }
  std::vector<double> in(flows.nodes.size(), 0), out(flows.nodes.size(), 0);
  for (const FlowLink& l : flows.links) out[l.from] += l.cases, in[l.to] += l.cases;
  for (std::size_t n = 0; n < flows.nodes.size(); ++n)
    flows.nodes[n].cases = std::max(in[n], out[n]);
  // Nodes nothing flows through are left out (and links renumbered).
  std::vector<int> kept(flows.nodes.size(), -1);
  std::vector<FlowNode> nodes;
  for (std::size_t n = 0; n < flows.nodes.size(); ++n)
    if (flows.nodes[n].cases > 1e-9) {
      kept[n] = static_cast<int>(nodes.size());
      nodes.push_back(flows.nodes[n]);
    }
  for (FlowLink& l : flows.links) l.from = kept[l.from], l.to = kept[l.to];
  flows.nodes = std::move(nodes);
  lay_out(flows);
  return flows;
}

}  // namespace supportsim
