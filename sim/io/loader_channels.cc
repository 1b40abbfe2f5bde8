// [[channel]]: kind, mode and the keys of each, escalation, returns, callbacks and retries.

#include <array>
#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/limits.h"
#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 29> kChannelKeys = {"name",
                                                           "kind",
                                                           "mode",
                                                           "escalate_to",
                                                           "escalate_share",
                                                           "context_transfer",
                                                           "repeat_penalty",
                                                           "cost_per_session",
                                                           "cost_per_resolution",
                                                           "fixed_cost_per_month",
                                                           "return_share",
                                                           "return_after",
                                                           "return_to",
                                                           "concurrency",
                                                           "touches",
                                                           "reply_delay",
                                                           "callback_after",
                                                           "callback_share",
                                                           "callback_connect",
                                                           "retry_share",
                                                           "retry_delay",
                                                           "handle_time_factor",
                                                           "session_time",
                                                           "max_sessions",
                                                           "answer_share",
                                                           "first_answer",
                                                           "give_up_after",
                                                           "moderators",
                                                           "moderator_hourly_cost"};

// Keys that belong to one kind of channel only (the common keys belong to all).
struct KindKey {
  std::string_view key;
  ChannelKind kind;
};
constexpr std::array<KindKey, 17> kKindKeys = {{
    {"mode", ChannelKind::kAgents},
    {"touches", ChannelKind::kAgents},
    {"reply_delay", ChannelKind::kAgents},
    {"callback_after", ChannelKind::kAgents},
    {"callback_share", ChannelKind::kAgents},
    {"callback_connect", ChannelKind::kAgents},
    {"concurrency", ChannelKind::kAgents},
    {"retry_share", ChannelKind::kAgents},
    {"retry_delay", ChannelKind::kAgents},
    {"handle_time_factor", ChannelKind::kAgents},
    {"max_sessions", ChannelKind::kAutomation},
    {"answer_share", ChannelKind::kCommunity},
    {"first_answer", ChannelKind::kCommunity},
    {"give_up_after", ChannelKind::kCommunity},
    {"moderators", ChannelKind::kCommunity},
    {"moderator_hourly_cost", ChannelKind::kCommunity},
    {"session_time", ChannelKind::kSelfService},  // and automation, see key_fits_kind
}};

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const ChannelKindName& kind : kChannelKindNames) names.emplace_back(kind.name);
  return names;
}

bool key_fits_kind(const KindKey& k, ChannelKind kind) {
  if (k.key == "session_time")
    return kind == ChannelKind::kSelfService || kind == ChannelKind::kAutomation;
  return k.kind == kind;
}

// Live agents channels only: keys about customers waiting on the line.
constexpr std::array<std::string_view, 5> kLiveKeys = {
    "callback_after", "callback_share", "callback_connect", "retry_share", "retry_delay"};

}  // namespace

void ScenarioBuilder::read_channels() {
  for (const Member& m : channels_) {
    TableReader r(*m.table, m.path, source_);
    Channel channel;
    channel.name = m.name;
    const toml::node& kind_node = r.require("kind", "one of " + list_quoted(kind_names()));
    channel.kind = read_kind(kind_node, r.path("kind"));
    r.check_keys(kChannelKeys);
    for (const KindKey& k : kKindKeys) {
      if (key_fits_kind(k, channel.kind) || !r.find(k.key)) continue;
      r.fail_at(k.key, "applies to " +
                           std::string(k.key == "session_time" ? "self_service and automation"
                                                               : channel_kind_name(k.kind)) +
                           " channels, not to " + quote(channel_kind_name(channel.kind)) + " ones");
    }
    read_kind_keys(r, channel);
    read_mode(r, channel);

    escalate_nodes_.push_back(r.find("escalate_to"));
    if (const toml::node* to = r.find("escalate_to")) {
      const std::string target = read_string(*to, r.path("escalate_to"), source_);
      channel.escalate_to =
          lookup(target, channel_names_, "channel", to->source(), r.path("escalate_to"));
    }
    channel.escalate_share = r.unit_interval("escalate_share", "share").value_or(1);
    channel.context_transfer = r.boolean("context_transfer").value_or(false);
    if (const toml::node* penalty = r.find("repeat_penalty")) {
      channel.repeat_penalty = read_number(*penalty, r.path("repeat_penalty"), source_);
      if (channel.repeat_penalty < 1) {
        fail(*penalty, r.path("repeat_penalty"),
             "must be at least 1 (a handle-time multiplier), got " + value_text(*penalty), source_);
      }
      if (channel.repeat_penalty > kMaxHandleTimeMultiplier) {
        fail(*penalty, r.path("repeat_penalty"),
             "must be at most 1000 (a handle-time multiplier), got " + value_text(*penalty),
             source_);
      }
    }
    channel.cost_per_session = r.money("cost_per_session").value_or(0);
    channel.cost_per_resolution = r.money("cost_per_resolution").value_or(0);
    channel.fixed_cost_per_month = r.money("fixed_cost_per_month").value_or(0);
    read_returns(r, channel);
    channel.concurrency =
        static_cast<int>(r.integer("concurrency", 1, kMaxConcurrency).value_or(1));
    if (const toml::node* factor = r.find("handle_time_factor")) {
      channel.handle_time_factor = read_number(*factor, r.path("handle_time_factor"), source_);
      if (!(channel.handle_time_factor > 0)) {
        fail(*factor, r.path("handle_time_factor"),
             "must be greater than 0 (a handle-time multiplier), got " + value_text(*factor),
             source_);
      }
      if (channel.handle_time_factor > kMaxHandleTimeMultiplier) {
        fail(*factor, r.path("handle_time_factor"),
             "must be at most 1000 (a handle-time multiplier), got " + value_text(*factor),
             source_);
      }
    }
    channel.retry_share = r.unit_interval("retry_share", "share").value_or(0);
    if (const toml::node* delay = r.find("retry_delay")) {
      channel.retry_delay = read_duration_or_distribution(*delay, r.path("retry_delay"));
    } else if (channel.retry_share > 0) {
      r.fail_here(
          "missing required key \"retry_delay\" (a duration or distribution, needed when "
          "retry_share > 0)");
    }
    scenario_.channels.push_back(std::move(channel));
  }
}

// mode, and the keys of one mode: touches and reply_delay (deferred); callbacks and retries
// (live).
void ScenarioBuilder::read_mode(const TableReader& r, Channel& channel) const {
  if (channel.kind != ChannelKind::kAgents) return;
  if (const toml::node* mode = r.find("mode")) {
    const std::string text = read_string(*mode, r.path("mode"), source_);
    const std::vector<std::string> modes = {"live", "deferred"};
    if (text == "deferred") {
      channel.deferred = true;
    } else if (text != "live") {
      std::string message = "expected \"live\" or \"deferred\", got " + quote(text);
      if (auto near = closest(text, modes)) message += " (did you mean " + quote(*near) + "?)";
      fail(*mode, r.path("mode"), message, source_);
    }
  }
  if (!channel.deferred) {
    for (std::string_view key : {"touches", "reply_delay"})
      if (r.find(key))
        r.fail_at(key, "expected a deferred channel (mode = \"deferred\"), got a live one");
    read_callbacks(r, channel);
    return;
  }
  for (std::string_view key : kLiveKeys)
    if (r.find(key))
      r.fail_at(key, "expected a live channel (mode = \"live\"), got a deferred one");
  if (const toml::node* touches = r.find("touches"))
    channel.touches = read_count_distribution(*touches, r.path("touches"));
  if (const toml::node* delay = r.find("reply_delay")) {
    channel.reply_delay = read_duration_or_distribution(*delay, r.path("reply_delay"));
  } else if (channel.touches.max() > 1) {
    r.fail_here(
        "missing required key \"reply_delay\" (a duration or distribution: the customer's "
        "answer between touches, needed when touches can exceed 1)");
  }
}

// callback_after, callback_share, callback_connect: virtual hold on a live channel.
void ScenarioBuilder::read_callbacks(const TableReader& r, Channel& channel) const {
  const bool after = r.find("callback_after") != nullptr;
  const bool share = r.find("callback_share") != nullptr;
  if (!after && !share) {
    if (r.find("callback_connect"))
      r.fail_at("callback_connect", "applies only with callback_after and callback_share");
    return;
  }
  if (!after)
    r.fail_here(
        "missing required key \"callback_after\" (a duration: how long a caller waits before "
        "being offered a callback)");
  if (!share)
    r.fail_here(
        "missing required key \"callback_share\" (the share of callers offered a callback "
        "who accept it)");
  channel.callback_after_s = r.duration("callback_after");
  channel.callback_share = *r.unit_interval("callback_share", "share");
  channel.callback_connect_s = r.duration("callback_connect").value_or(30);
}

// return_share, return_after, return_to: resolutions that do not hold.
void ScenarioBuilder::read_returns(const TableReader& r, Channel& channel) const {
  if (const toml::node* share = r.find("return_share")) {
    channel.return_share = read_number(*share, r.path("return_share"), source_);
    if (!(channel.return_share >= 0 && channel.return_share < 1)) {
      fail(*share, r.path("return_share"),
           "share must be in [0, 1) (a share of resolved cases that come back), got " +
               value_text(*share),
           source_);
    }
  }
  if (const toml::node* after = r.find("return_after")) {
    channel.return_after = read_duration_or_distribution(*after, r.path("return_after"));
  }
  if (const toml::node* to = r.find("return_to")) {
    const std::string target = read_string(*to, r.path("return_to"), source_);
    channel.return_to =
        lookup(target, channel_names_, "channel", to->source(), r.path("return_to"));
  }
}

// The keys of self-service, automation and community channels.
void ScenarioBuilder::read_kind_keys(const TableReader& r, Channel& channel) const {
  switch (channel.kind) {
    case ChannelKind::kAgents:
      return;
    case ChannelKind::kAutomation:
      channel.max_sessions = static_cast<int>(r.integer("max_sessions", 1, INT_MAX).value_or(0));
      [[fallthrough]];
    case ChannelKind::kSelfService:
      channel.session_time =
          read_distribution(r.require("session_time", kDistributionHint), r.path("session_time"));
      return;
    case ChannelKind::kCommunity:
      channel.answer_share = read_unit_interval(
          r.require("answer_share", "a share of posts that get an answer, e.g. 0.9"),
          r.path("answer_share"), "share", source_);
      channel.first_answer =
          read_distribution(r.require("first_answer", kDistributionHint), r.path("first_answer"));
      channel.give_up_after_s = read_duration(r.require("give_up_after", kDurationHint),
                                              r.path("give_up_after"), source_);
      channel.moderators = r.non_negative("moderators").value_or(0);
      if (channel.moderators > kMaxModerators)
        r.fail_at("moderators",
                  "must be at most 1000000, got " + value_text(*r.find("moderators")));
      channel.moderator_hourly_cost = r.money("moderator_hourly_cost").value_or(0);
      return;
  }
}

ChannelKind ScenarioBuilder::read_kind(const toml::node& node, const KeyPath& path) const {
  const std::string name = read_string(node, path, source_);
  for (const ChannelKindName& kind : kChannelKindNames)
    if (kind.name == name) return kind.kind;
  const std::vector<std::string> names = kind_names();
  std::string message = "expected one of " + list_quoted(names) + ", got " + quote(name);
  if (auto near = closest(name, names)) message += " (did you mean " + quote(*near) + "?)";
  fail(node, path, message, source_);
}

void ScenarioBuilder::check_escalation_loops() const {
  const auto& channels = scenario_.channels;
  for (std::size_t start = 0; start < channels.size(); ++start) {
    std::vector<int> chain = {static_cast<int>(start)};
    for (auto next = channels[start].escalate_to; next && chain.size() <= channels.size();
         next = channels[*next].escalate_to) {
      chain.push_back(*next);
      if (*next != static_cast<int>(start)) continue;
      std::string text;
      for (int c : chain) text += (text.empty() ? "" : " -> ") + quote(channels[c].name);
      fail(*escalate_nodes_[start], channels_[start].path / "escalate_to",
           "escalation loop " + text, source_);
    }
  }
}

}  // namespace io

}  // namespace supportsim
