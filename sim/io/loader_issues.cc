// [[issue]]: handle times (one, or per channel), resolution probabilities, skills.

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 4> kIssueKeys = {"name", "handle_time", "resolve", "skill"};

}  // namespace

void ScenarioBuilder::read_issues() {
  for (const Member& m : issues_) {
    TableReader r(*m.table, m.path, source_);
    r.check_keys(kIssueKeys);
    Issue issue;
    issue.name = m.name;
    read_handle_time(r.require("handle_time", kDistributionHint), r.path("handle_time"), issue);
    for (const Channel& channel : scenario_.channels) {
      issue.resolve.push_back(channel.kind == ChannelKind::kAgents ? 1.0 : 0.0);
    }
    if (const toml::node* node = r.find("resolve")) {
      const KeyPath path = r.path("resolve");
      TableReader resolve(
          read_table(*node, path, "a table { <channel> = probability, ... }", source_), path,
          source_);
      for (const auto& [key, value] : resolve.entries()) {
        const int c = lookup(key->str(), channel_names_, "channel", key_region(*key, *value),
                             path / key->str());
        issue.resolve[c] = read_unit_interval(*value, path / key->str(), "probability", source_);
      }
    }
    std::string skill = m.name;
    if (const toml::node* node = r.find("skill"))
      skill = read_name(*node, r.path("skill"), source_);
    auto it = std::find(scenario_.skills.begin(), scenario_.skills.end(), skill);
    if (it == scenario_.skills.end()) it = scenario_.skills.insert(it, skill);
    issue.skill = static_cast<int>(it - scenario_.skills.begin());
    scenario_.issues.push_back(std::move(issue));
  }
}

// A distribution, or a table { <channel> = distribution, ..., default = distribution }.
void ScenarioBuilder::read_handle_time(const toml::node& node, const KeyPath& path,
                                       Issue& issue) const {
  issue.channel_handle_time.assign(scenario_.channels.size(), std::nullopt);
  const toml::table& table = read_table(
      node, path,
      "a distribution table or a table { <channel> = distribution, default = distribution }",
      source_);
  if (!per_channel_table(table)) {
    issue.handle_time = read_distribution(node, path);
    return;
  }
  std::vector<std::string> keys = channel_names_;
  keys.emplace_back("default");
  std::optional<Distribution> first;
  issue.has_default_handle_time = false;
  for (const auto& [key, value] : TableReader(table, path, source_).entries()) {
    const KeyPath channel_path = path / key->str();
    if (key->str() == "default") {
      issue.handle_time = read_distribution(*value, channel_path);
      issue.has_default_handle_time = true;
      continue;
    }
    const auto known = std::find(channel_names_.begin(), channel_names_.end(), key->str());
    if (known == channel_names_.end()) {
      fail(key_region(*key, *value), channel_path,
           "no channel named " + quote(key->str()) + name_suggestion(key->str(), keys, "keys"),
           source_);
    }
    const int c = static_cast<int>(known - channel_names_.begin());
    const Channel& channel = scenario_.channels[c];
    if (channel.kind != ChannelKind::kAgents) {
      fail(*value, channel_path,
           "handle time applies to agents channels only, " + quote(key->str()) + " is a " +
               quote(channel_kind_name(channel.kind)) + " channel",
           source_);
    }
    issue.channel_handle_time[c] = read_distribution(*value, channel_path);
    if (!first) first = issue.channel_handle_time[c];
  }
  if (!issue.has_default_handle_time) issue.handle_time = *first;
}

}  // namespace io

}  // namespace supportsim
