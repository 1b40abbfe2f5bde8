// [[group]]: channels, skills, head count or schedule, costs and shares, dedication.

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/limits.h"
#include "sim/core/units.h"
#include "sim/io/data_files.h"
#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 14> kGroupKeys = {
    "name",        "channels",      "skills",       "agents",        "schedule",
    "hourly_cost", "shrinkage",     "dedicated_to", "backup_after",  "proactive_share",
    "absenteeism", "max_occupancy", "max_agents",   "deferred_first"};

}  // namespace

Group ScenarioBuilder::read_group(const Member& m) const {
  TableReader r(*m.table, m.path, source_);
  r.check_keys(kGroupKeys);
  Group group;
  group.name = m.name;
  const toml::node& channels_node = r.require("channels", "an array of agents channel names");
  group.channels = read_name_list(channels_node, r.path("channels"), channel_names_, "channel");
  for (int c : group.channels) {
    if (scenario_.channels[c].kind == ChannelKind::kAgents) continue;
    fail(channels_node, r.path("channels"),
         "groups answer agents channels only, " + quote(scenario_.channels[c].name) + " is a " +
             quote(channel_kind_name(scenario_.channels[c].kind)) + " channel",
         source_);
  }
  // An agent's capacity is counted in units of 1/lcm(concurrencies) (sim/model/agent_pool.h).
  std::int64_t units = 1;
  for (int c : group.channels) {
    units = std::lcm(units, static_cast<std::int64_t>(scenario_.channels[c].concurrency));
    if (units > kMaxCapacityUnits) {
      fail(channels_node, r.path("channels"),
           "expected channels whose concurrencies have a least common multiple of at most "
           "1000000, got more (" +
               std::to_string(units) + " so far)",
           source_);
    }
  }
  if (const toml::node* node = r.find("dedicated_to")) {
    const std::string name = read_string(*node, r.path("dedicated_to"), source_);
    group.dedicated_to =
        lookup(name, segment_names_, "segment", node->source(), r.path("dedicated_to"));
  }
  if (r.find("backup_after")) {
    if (!group.dedicated_to) r.fail_at("backup_after", "applies only with dedicated_to");
    group.backup_after_s = r.duration("backup_after");
  }
  if (const toml::node* node = r.find("skills")) {
    group.skills = read_name_list(*node, r.path("skills"), scenario_.skills, "skill");
    group.all_skills = false;
  } else {
    for (std::size_t k = 0; k < scenario_.skills.size(); ++k) {
      group.skills.push_back(static_cast<int>(k));
    }
  }
  const toml::node* agents = r.find("agents");
  const toml::node* schedule = r.find("schedule");
  if (agents && schedule) {
    r.fail_at("schedule", "give either agents or schedule, not both");
  }
  if (!agents && !schedule) {
    r.fail_here(
        "missing required key \"agents\" (a head count) or \"schedule\" (head counts per "
        "interval, or a CSV path)");
  }
  if (agents) {
    group.schedule.steps = {
        {0.0, static_cast<int>(read_integer(*agents, r.path("agents"), 0, INT_MAX, source_))}};
  } else {
    group.schedule = read_schedule(*schedule, r.path("schedule"));
    group.constant_agents = false;
  }
  group.hourly_cost = r.money("hourly_cost").value_or(0);
  group.deferred_first = r.boolean("deferred_first").value_or(false);
  for (auto [key, share] : {std::pair{"shrinkage", &group.shrinkage},
                            std::pair{"proactive_share", &group.proactive_share}}) {
    const toml::node* node = r.find(key);
    if (node == nullptr) continue;
    *share = read_number(*node, r.path(key), source_);
    if (!(*share >= 0 && *share < 1)) {
      fail(*node, r.path(key), "share must be in [0, 1), got " + value_text(*node), source_);
    }
  }
  if (const toml::node* node = r.find("absenteeism")) {
    group.absenteeism = read_number(*node, r.path("absenteeism"), source_);
    if (group.absenteeism < 0 || group.absenteeism >= 1) {
      fail(*node, r.path("absenteeism"), "share must be in [0, 1), got " + value_text(*node),
           source_);
    }
  }
  if (const toml::node* node = r.find("max_occupancy")) {
    group.max_occupancy = read_number(*node, r.path("max_occupancy"), source_);
    if (!(*group.max_occupancy > 0) || *group.max_occupancy > 1) {
      fail(*node, r.path("max_occupancy"), "share must be in (0, 1], got " + value_text(*node),
           source_);
    }
  }
  if (r.find("max_agents"))
    group.max_agents = static_cast<int>(r.integer("max_agents", 1, 1000000).value());
  return group;
}

// An array of distinct names, each one of `names`; at least one.
std::vector<int> ScenarioBuilder::read_name_list(const toml::node& node, const KeyPath& path,
                                                 const std::vector<std::string>& names,
                                                 std::string_view kind) const {
  const std::string what = "an array of " + std::string(kind) + " names";
  const toml::array& array = read_array(node, path, what, source_);
  if (array.empty()) fail(node, path, "expected " + what + ", got an empty array", source_);
  std::vector<int> indices;
  for (const toml::node& element : array) {
    const std::string name = read_string(element, path, source_);
    const int index = lookup(name, names, kind, element.source(), path);
    if (std::find(indices.begin(), indices.end(), index) != indices.end()) {
      fail(element, path, quote(name) + " is listed twice", source_);
    }
    indices.push_back(index);
  }
  return indices;
}

Schedule ScenarioBuilder::read_schedule(const toml::node& node, const KeyPath& path) const {
  Schedule schedule;
  if (const toml::value<std::string>* file_node = node.as_string()) {
    const DataPath data = resolve_path(file_node->get());
    try {
      schedule.steps = read_schedule_csv(data.shown);
    } catch (const DataFileError& error) {
      data_file_failure(error, data, node, path);
    }
    schedule.csv_file = data.stored;
    repeat_csv_schedule(schedule, data, node, path);
    return schedule;
  }
  const toml::array& array =
      read_array(node, path, "an array of head counts per run.interval, or a CSV path", source_);
  const double interval = scenario_.run.interval_s;
  const auto per_day = static_cast<std::size_t>(std::llround(kDay / interval));
  if (array.size() != per_day && array.size() != 7 * per_day) {
    fail(node, path,
         "expected " + std::to_string(per_day) + " head counts (one day of " +
             quote(format_duration(interval)) + " intervals) or " + std::to_string(7 * per_day) +
             " (one week), got " + std::to_string(array.size()),
         source_);
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    const int agents = static_cast<int>(read_integer(*array.get(i), path, 0, INT_MAX, source_));
    schedule.steps.emplace_back(static_cast<double>(i) * interval, agents);
  }
  schedule.period_s = array.size() == per_day ? kDay : kWeek;
  return schedule;
}

// A CSV schedule repeats like an inline one (Schedule::repeat_rows); rows for some other
// number of days (what `staff` writes for a run of that length) must cover the warm-up and
// horizon.
void ScenarioBuilder::repeat_csv_schedule(Schedule& schedule, const DataPath& data,
                                          const toml::node& node, const KeyPath& path) const {
  const double covered = schedule.repeat_rows();
  const double needed = scenario_.run.warmup_s + scenario_.run.horizon_s;
  if (covered != kDay && covered != kWeek && needed > covered) {
    fail(node, path,
         "expected rows for one day or one week in " + data.shown +
             " (they then repeat), or for the whole run (warm-up + horizon = " +
             format_duration(needed) + "), got rows for " + format_duration(covered),
         source_);
  }
}

// One group at most is dedicated to a segment: its customers have one named agent.
void ScenarioBuilder::check_dedication() const {
  const auto& groups = scenario_.groups;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (!groups[g].dedicated_to) continue;
    for (std::size_t h = 0; h < g; ++h) {
      if (groups[h].dedicated_to != groups[g].dedicated_to) continue;
      TableReader(*groups_[g].table, groups_[g].path, source_)
          .fail_at("dedicated_to", "segment " +
                                       quote(scenario_.segments[*groups[g].dedicated_to].name) +
                                       " already has a dedicated group, " + quote(groups[h].name));
    }
  }
}

}  // namespace io

}  // namespace supportsim
