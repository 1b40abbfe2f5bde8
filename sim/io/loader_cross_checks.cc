// Checks across tables, once all are read: every reachable agents channel answered and timed
// for every issue, and the estimated work within the limits of [run].

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/limits.h"
#include "sim/core/units.h"
#include "sim/io/scenario_builder.h"
#include "sim/model/work_estimate.h"

namespace supportsim {
namespace io {

// Every agents channel that a segment's cases can reach (through entry, escalation and
// returns) is answered by a group for each of the segment's issues, and has a handle time
// for each of them.
void ScenarioBuilder::check_coverage() const {
  const Scenario& s = scenario_;
  for (const Segment& segment : s.segments) {
    const std::vector<bool> reached = reachable(segment);
    for (std::size_t c = 0; c < s.channels.size(); ++c) {
      if (!reached[c] || s.channels[c].kind != ChannelKind::kAgents) continue;
      check_answered(segment, static_cast<int>(c));
      check_handle_times(segment, static_cast<int>(c));
    }
  }
}

// Channels a segment's cases can reach: its entry channels; from each, escalate_to (also
// when a bot is full) and return_to (a return without return_to goes back to the entry mix).
std::vector<bool> ScenarioBuilder::reachable(const Segment& segment) const {
  const auto& channels = scenario_.channels;
  std::vector<bool> reached(channels.size(), false);
  std::vector<int> todo;
  for (const Share& entry : segment.entry)
    if (entry.share > 0) todo.push_back(entry.index);
  while (!todo.empty()) {
    const int c = todo.back();
    todo.pop_back();
    if (reached[c]) continue;
    reached[c] = true;
    const Channel& channel = channels[c];
    if (channel.escalate_to && (channel.escalate_share > 0 || channel.max_sessions > 0))
      todo.push_back(*channel.escalate_to);
    if (channel.return_share > 0 && channel.return_to) todo.push_back(*channel.return_to);
  }
  return reached;
}

void ScenarioBuilder::check_handle_times(const Segment& segment, int channel) const {
  const Scenario& s = scenario_;
  for (const Share& share : segment.issues) {
    const Issue& issue = s.issues[share.index];
    if (share.share <= 0 || issue.has_default_handle_time || issue.channel_handle_time[channel])
      continue;
    const Member& m = issues_[share.index];
    fail(*m.table->get("handle_time"), m.path / "handle_time",
         "missing key " + quote(s.channels[channel].name) +
             " or \"default\" (a handle time for every agents channel the issue reaches; "
             "segment " +
             quote(segment.name) + " reaches " + quote(s.channels[channel].name) + ")",
         source_);
  }
}

void ScenarioBuilder::check_answered(const Segment& segment, int channel) const {
  const Scenario& s = scenario_;
  for (const Share& issue : segment.issues) {
    if (issue.share <= 0) continue;
    const int skill = s.issues[issue.index].skill;
    const int segment_index = static_cast<int>(&segment - s.segments.data());
    const bool answered = std::any_of(s.groups.begin(), s.groups.end(), [&](const Group& g) {
      return (!g.dedicated_to || *g.dedicated_to == segment_index) &&
             std::count(g.channels.begin(), g.channels.end(), channel) > 0 &&
             std::count(g.skills.begin(), g.skills.end(), skill) > 0;
    });
    if (!answered) {
      fail(*channels_[channel].table, KeyPath(),
           "no group answers channel " + quote(s.channels[channel].name) + " for skill " +
               quote(s.skills[skill]) + " (needed by segment " + quote(segment.name) + ")",
           source_);
    }
  }
}

// Refuses a scenario whose estimated work exceeds one of its limits (sim/core/limits.h), at
// the key that contributes most, before anything is simulated.
void ScenarioBuilder::check_work() const {
  const Scenario& s = scenario_;
  const WorkLimits& limits = s.run.limits;
  const WorkEstimate w = estimate_work(s);
  const auto largest = [](const std::vector<double>& values) {
    return static_cast<std::size_t>(std::max_element(values.begin(), values.end()) -
                                    values.begin());
  };
  const auto refuse = [&](const toml::node& at, const KeyPath& path, std::string_view what,
                          std::string_view key, double limit, const std::string& got) {
    fail(at, path,
         "expected at most " + rounded(limit) + " " + std::string(what) + " (run." +
             std::string(key) + "; raise it in [run] for a bigger run), got " + got,
         source_);
  };
  const auto number = [](double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", x);
    return std::string(buffer);
  };
  if (w.cases > limits.max_cases) {
    const std::size_t k = largest(w.segment_cases);
    const Member& m = segments_[k];
    const char* key = m.table->get("arrival_rate") ? "arrival_rate" : "contact_rate";
    refuse(*m.table->get(key), m.path / key, "expected cases in all replications", "max_cases",
           limits.max_cases,
           "about " + number(w.cases) + " (" + std::to_string(s.run.replications) +
               " replications of warm-up + horizon " +
               format_duration(s.run.warmup_s + s.run.horizon_s) + "; this segment " +
               number(w.segment_cases[k]) + " each)");
  }
  if (w.customers > limits.max_customers) {
    const std::size_t k = largest(w.segment_customers);
    const Member& m = segments_[k];
    const double start = static_cast<double>(*s.segments[k].customers);
    const char* key = start * 2 >= w.segment_customers[k] ? "customers" : "acquisition";
    refuse(*m.table->get(key), m.path / key, "customers in one replication", "max_customers",
           limits.max_customers,
           "about " + number(w.customers) + " (this segment " + rounded(start) + " at the start, " +
               number(w.segment_customers[k]) + " with acquisitions)");
  }
  if (w.seats > limits.max_agents) {
    const std::size_t g = largest(w.group_seats);
    const Member& m = groups_[g];
    const char* key = m.table->get("agents") ? "agents" : "schedule";
    refuse(*m.table->get(key), m.path / key, "agent seats (head count x concurrency, all groups)",
           "max_agents", limits.max_agents,
           rounded(w.seats) + " (this group " + rounded(w.group_seats[g]) + ")");
  }
  if (const ActorBound bound = max_actors_per_process();
      w.actors > static_cast<double>(bound.actors)) {
    // Not a limit of the scenario but of this system: no [run] key raises it.
    const std::size_t g = largest(w.group_seats);
    const toml::node* at = groups_.empty() ? segments_.front().table : groups_[g].table;
    const KeyPath path = groups_.empty() ? segments_.front().path : groups_[g].path;
    fail(*at, path,
         "expected at most " + std::to_string(bound.actors) +
             " SimGrid actors in one process (one per agent seat, segment and channel that "
             "is not an agents channel; each takes two memory mappings, vm.max_map_count = " +
             (bound.max_map_count > 0 ? std::to_string(bound.max_map_count) : "unknown") +
             "), got " + rounded(w.actors),
         source_);
  }
  const toml::node* run = root_.get("run");
  const auto run_node = [&](std::initializer_list<const char*> keys) {
    std::pair<const toml::node*, KeyPath> at{run, KeyPath::table("run")};
    for (const char* key : keys)
      if (run && run->as_table() && run->as_table()->get(key))
        return std::pair{run->as_table()->get(key), KeyPath::table("run") / key};
    return at;
  };
  if (w.intervals > limits.max_intervals) {
    const auto [node, path] = run_node({"interval", "drain_limit", "horizon"});
    refuse(*node, path, "reporting intervals (warm-up + horizon + drain limit)", "max_intervals",
           limits.max_intervals,
           number(w.intervals) + " intervals of " + format_duration(s.run.interval_s));
  }
  if (w.interval_rows > limits.max_interval_rows) {
    const auto [node, path] = run_node({"interval", "horizon"});
    refuse(*node, path, "interval rows (horizon intervals x channels x replications)",
           "max_interval_rows", limits.max_interval_rows, number(w.interval_rows));
  }
}

}  // namespace io

}  // namespace supportsim
