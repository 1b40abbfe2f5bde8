// [targets]: the service targets, overall and per channel.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 7> kTargetKeys = {
    "answer_within",        "service_level",  "max_abandonment", "first_response_within",
    "first_response_level", "resolve_within", "resolve_level"};

// Targets of deferred channels only.
constexpr std::array<std::string_view, 4> kDeferredTargetKeys = {
    "first_response_within", "first_response_level", "resolve_within", "resolve_level"};

}  // namespace

void ScenarioBuilder::read_targets() {
  const toml::node* node = root_.get("targets");
  if (node == nullptr) return;
  const KeyPath path = KeyPath::table("targets");
  TableReader r(read_table(*node, path, "a table [targets]", source_), path, source_);
  // Sub-tables are per-channel targets; every other key must be a target key.
  std::vector<std::string_view> known(kTargetKeys.begin(), kTargetKeys.end());
  for (const auto& [key, value] : r.entries()) {
    if (value->is_table()) known.push_back(key->str());
  }
  r.check_keys(known);
  Targets& targets = scenario_.targets;
  read_target(r, targets.overall);
  for (const auto& [key, value] : r.entries()) {
    if (!value->is_table()) continue;
    const KeyPath channel_path = path / key->str();
    const int c =
        lookup(key->str(), channel_names_, "channel", key_region(*key, *value), channel_path);
    ServiceTarget target = targets.overall;
    TableReader channel(*value->as_table(), channel_path, source_);
    channel.check_keys(kTargetKeys);
    const Channel& ch = scenario_.channels[c];
    if (!ch.deferred)
      for (std::string_view deferred_key : kDeferredTargetKeys)
        if (channel.find(deferred_key))
          channel.fail_at(deferred_key,
                          "expected a deferred channel (mode = \"deferred\"), got " +
                              (ch.kind == ChannelKind::kAgents
                                   ? std::string("a live one")
                                   : "a " + quote(channel_kind_name(ch.kind)) + " channel"));
    read_target(channel, target);
    targets.per_channel[c] = target;
  }
}

void ScenarioBuilder::read_target(const TableReader& r, ServiceTarget& target) const {
  target.answer_within_s = r.duration("answer_within").value_or(target.answer_within_s);
  target.service_level = r.unit_interval("service_level", "share").value_or(target.service_level);
  if (auto share = r.unit_interval("max_abandonment", "share")) target.max_abandonment = share;
  if (auto within = r.duration("first_response_within")) target.first_response_within_s = within;
  if (auto level = r.unit_interval("first_response_level", "share"))
    target.first_response_level = level;
  if (auto within = r.duration("resolve_within")) target.resolve_within_s = within;
  if (auto level = r.unit_interval("resolve_level", "share")) target.resolve_level = level;
}

}  // namespace io

}  // namespace supportsim
