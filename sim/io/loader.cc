#include "sim/io/loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "sim/core/error.h"
#include "sim/core/limits.h"
#include "sim/core/units.h"
#include "sim/io/data_files.h"
#include "sim/io/overrides.h"
#include "sim/io/sha256.h"
#include "sim/io/staffing_reader.h"
#include "sim/io/toml_reader.h"
#include "sim/model/work_estimate.h"

namespace supportsim {
namespace io {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// The keys of each table, as documented in scenarios/README.md.

constexpr std::array<std::string_view, 9> kTopKeys = {
    "run", "targets", "profile", "segment", "issue", "channel", "group", "churn", "staffing"};

constexpr std::array<std::string_view, 14> kRunKeys = {"name",
                                                       "horizon",
                                                       "warmup",
                                                       "replications",
                                                       "seed",
                                                       "interval",
                                                       "drain_limit",
                                                       "monthly_discount_rate",
                                                       "max_cases",
                                                       "max_agents",
                                                       "max_customers",
                                                       "max_intervals",
                                                       "max_interval_rows",
                                                       "max_open_cases"};

constexpr std::array<std::string_view, 7> kChurnKeys = {
    "intercept", "w_wait", "w_handoff", "w_repeat", "w_unresolved", "w_abandoned", "w_resolution"};

constexpr std::array<std::string_view, 7> kTargetKeys = {
    "answer_within",        "service_level",  "max_abandonment", "first_response_within",
    "first_response_level", "resolve_within", "resolve_level"};

// Targets of deferred channels only.
constexpr std::array<std::string_view, 4> kDeferredTargetKeys = {
    "first_response_within", "first_response_level", "resolve_within", "resolve_level"};

constexpr std::array<std::string_view, 3> kProfileKeys = {"daily", "weekly", "busyness_cv"};

constexpr std::array<std::string_view, 16> kSegmentKeys = {
    "name",        "arrival_rate",    "customers",       "contact_rate",
    "acquisition", "monthly_revenue", "baseline_churn",  "acquisition_cost",
    "churn",       "entry",           "issues",          "patience",
    "priority",    "profile",         "recontact_share", "recontact_after"};

constexpr std::array<std::string_view, 4> kIssueKeys = {"name", "handle_time", "resolve", "skill"};

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

constexpr std::array<std::string_view, 14> kGroupKeys = {
    "name",         "channels",        "skills",       "agents",        "schedule",
    "hourly_cost",  "shrinkage",       "dedicated_to", "backup_after",  "proactive_share",
    "absenteeism",  "max_occupancy",   "max_agents",   "deferred_first"};

// Live agents channels only: keys about customers waiting on the line.
constexpr std::array<std::string_view, 5> kLiveKeys = {
    "callback_after", "callback_share", "callback_connect", "retry_share", "retry_delay"};

struct DistributionKeys {
  std::string_view name;
  Distribution::Kind kind;
  std::array<std::string_view, 3> keys;  // "dist" and the parameters ("" when fewer)
};
constexpr std::array<DistributionKeys, 7> kDistributions = {{
    {"exponential", Distribution::Kind::kExponential, {"dist", "mean", ""}},
    {"lognormal", Distribution::Kind::kLognormal, {"dist", "mean", "cv"}},
    {"gamma", Distribution::Kind::kGamma, {"dist", "mean", "cv"}},
    {"weibull", Distribution::Kind::kWeibull, {"dist", "mean", "shape"}},
    {"uniform", Distribution::Kind::kUniform, {"dist", "min", "max"}},
    {"constant", Distribution::Kind::kConstant, {"dist", "value", ""}},
    {"empirical", Distribution::Kind::kEmpirical, {"dist", "file", ""}},
}};

constexpr std::string_view kDurationHint = "a duration, e.g. \"5m\"";
constexpr std::string_view kDistributionHint =
    "a distribution table like { dist = \"exponential\", mean = \"5m\" }";

// A number for messages about computed values (sums), without binary noise.
std::string rounded(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", x);
  return buffer;
}

std::string list_quoted(const auto& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + quote(name);
  return text;
}

// The members of one array of tables ([[segment]], ...), with their names checked and unique.
struct Member {
  const toml::table* table;
  KeyPath path;  // `segment "smb"`
  std::string name;
};

class ScenarioBuilder {
 public:
  ScenarioBuilder(const toml::table& root, const std::string& source_name,
                  const std::string& base_dir)
      : root_(root), source_{source_name}, base_dir_(base_dir) {}

  Scenario build() {
    TableReader(root_, KeyPath(), source_).check_keys(kTopKeys);
    segments_ = members("segment", "segment");
    issues_ = members("issue", "issue");
    channels_ = members("channel", "channel");
    groups_ = members("group", "group");
    for (const Member& m : channels_) channel_names_.push_back(m.name);
    for (const Member& m : issues_) issue_names_.push_back(m.name);
    for (const Member& m : segments_) segment_names_.push_back(m.name);

    read_run();
    if (segments_.empty()) {
      fail(root_, KeyPath(), "missing required [[segment]] (at least one customer segment)",
           source_);
    }
    read_channels();
    check_escalation_loops();
    read_issues();
    if (const toml::node* node = root_.get("profile")) {
      scenario_.profile = read_profile(*node, KeyPath::table("profile"));
    }
    if (const toml::node* node = root_.get("churn")) {
      scenario_.churn = read_churn(*node, KeyPath::table("churn"));
    }
    for (const Member& m : segments_) scenario_.segments.push_back(read_segment(m));
    for (const Member& m : groups_) {
      scenario_.groups.push_back(read_group(m));
      scenario_.locations[m.path.text()] = location(m.table->source(), source_.name);
      for (const char* key : {"max_agents", "max_occupancy"})
        if (const toml::node* node = m.table->get(key))
          scenario_.locations[(m.path / key).text()] = location(node->source(), source_.name);
    }
    check_dedication();
    if (const toml::node* node = root_.get("staffing")) {
      std::vector<std::string> group_names;
      for (const Member& m : groups_) group_names.push_back(m.name);
      scenario_.staffing =
          read_staffing(*node, scenario_.groups, group_names, source_, scenario_.locations);
    }
    read_targets();
    check_coverage();
    check_work();
    return std::move(scenario_);
  }

 private:
  // --- arrays of tables and names ---------------------------------------------------------------

  std::vector<Member> members(std::string_view key, std::string_view kind) {
    std::vector<Member> out;
    const toml::node* node = root_.get(key);
    if (node == nullptr) return out;
    const toml::array* array = node->as_array();
    const bool tables = array != nullptr && std::all_of(array->begin(), array->end(),
                                                        [](const auto& n) { return n.is_table(); });
    if (!tables) {
      fail(*node, KeyPath::table(key),
           "expected an array of tables [[" + std::string(key) + "]], got " + describe(*node),
           source_);
    }
    std::map<std::string, const toml::node*> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table& table = *array->get(i)->as_table();
      const KeyPath numbered = KeyPath::member_number(kind, i + 1);
      const toml::node& name_node =
          TableReader(table, numbered, source_).require("name", "a unique name");
      std::string name = read_name(name_node, numbered / "name", source_);
      if (auto [it, fresh] = seen.emplace(name, &name_node); !fresh) {
        fail(name_node, numbered / "name",
             "duplicate name " + quote(name) + " (first used at " +
                 location(it->second->source(), source_.name) + ")",
             source_);
      }
      out.push_back({&table, KeyPath::member(kind, name), std::move(name)});
    }
    return out;
  }

  // Index of `name` among `names`, else an error at `where` ("no channel named ...").
  int lookup(std::string_view name, const std::vector<std::string>& names, std::string_view kind,
             const toml::source_region& where, const KeyPath& path) const {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    fail(where, path,
         "no " + std::string(kind) + " named " + quote(name) +
             name_suggestion(name, names, std::string(kind) + "s"),
         source_);
  }

  // --- [run] -------------------------------------------------------------------------------------

  void read_run() {
    static const toml::table kEmpty;
    const KeyPath path = KeyPath::table("run");
    const toml::node* node = root_.get("run");
    TableReader r(node ? read_table(*node, path, "a table [run]", source_) : kEmpty, path, source_);
    r.check_keys(kRunKeys);
    RunConfig& run = scenario_.run;

    if (const toml::node* name = r.find("name")) {
      run.name = read_name(*name, r.path("name"), source_);
    } else {
      run.name = fs::path(source_.name).stem().string();
      if (run.name.empty()) run.name = "scenario";
    }
    const toml::node& horizon = r.require("horizon", "a duration, e.g. \"8h\"");
    run.horizon_s = read_duration(horizon, r.path("horizon"), source_);
    if (!(run.horizon_s > 0)) {
      fail(horizon, r.path("horizon"), "must be greater than 0, got " + value_text(horizon),
           source_);
    }
    run.warmup_s = r.duration("warmup").value_or(run.warmup_s);
    run.replications =
        static_cast<int>(r.integer("replications", 1, kMaxReplications).value_or(run.replications));
    run.seed = static_cast<std::uint64_t>(
        r.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(run.seed));
    if (const toml::node* interval = r.find("interval")) {
      run.interval_s = read_duration(*interval, r.path("interval"), source_);
      const double per_day = kDay / run.interval_s;
      if (run.interval_s > 0 && run.interval_s < kMinIntervalS) {
        fail(*interval, r.path("interval"), "must be at least 1s, got " + value_text(*interval),
             source_);
      }
      if (!(run.interval_s > 0) || run.interval_s > kDay ||
          std::abs(per_day - std::round(per_day)) > 1e-9) {
        fail(*interval, r.path("interval"),
             "must divide a day evenly (e.g. \"15m\", \"30m\", \"1h\"), got " +
                 value_text(*interval),
             source_);
      }
    }
    run.drain_limit_s = r.duration("drain_limit").value_or(run.drain_limit_s);
    run.monthly_discount_rate =
        r.unit_interval("monthly_discount_rate", "rate").value_or(run.monthly_discount_rate);
    WorkLimits& limits = run.limits;
    for (auto [key, limit] :
         {std::pair{"max_cases", &limits.max_cases}, std::pair{"max_agents", &limits.max_agents},
          std::pair{"max_customers", &limits.max_customers},
          std::pair{"max_intervals", &limits.max_intervals},
          std::pair{"max_interval_rows", &limits.max_interval_rows},
          std::pair{"max_open_cases", &limits.max_open_cases}}) {
      if (auto value = r.integer(key, 1, std::numeric_limits<std::int64_t>::max()))
        *limit = static_cast<double>(*value);
    }
  }

  // --- [[channel]] -------------------------------------------------------------------------------

  void read_channels() {
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
               "must be at least 1 (a handle-time multiplier), got " + value_text(*penalty),
               source_);
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
  void read_mode(const TableReader& r, Channel& channel) const {
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
  void read_callbacks(const TableReader& r, Channel& channel) const {
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

  // A count: an integer >= 1, or { dist = "constant", value = N }, { dist = "geometric",
  // mean = x }, { dist = "empirical", file = "counts.csv" }.
  CountDistribution read_count_distribution(const toml::node& node, const KeyPath& path) const {
    constexpr std::string_view kHint =
        "a count distribution like { dist = \"geometric\", mean = 2 } or an integer count";
    if (node.is_integer())
      return CountDistribution::constant(
          static_cast<int>(read_integer(node, path, 1, INT_MAX, source_)));
    if (!node.is_table())
      fail(node, path, "expected " + std::string(kHint) + ", got " + describe(node), source_);
    TableReader r(*node.as_table(), path, source_);
    const std::vector<std::string> names = {"constant", "geometric", "empirical"};
    const toml::node& dist_node = r.require("dist", "one of " + list_quoted(names));
    const std::string dist = read_string(dist_node, r.path("dist"), source_);
    if (std::find(names.begin(), names.end(), dist) == names.end()) {
      std::string message =
          "expected a count distribution, one of " + list_quoted(names) + ", got " + quote(dist);
      if (auto near = closest(dist, names)) message += " (did you mean " + quote(*near) + "?)";
      fail(dist_node, r.path("dist"), message, source_);
    }
    if (dist == "constant") {
      r.check_keys(std::array<std::string_view, 2>{"dist", "value"});
      const toml::node& value = r.require("value", "an integer count >= 1");
      return CountDistribution::constant(
          static_cast<int>(read_integer(value, r.path("value"), 1, INT_MAX, source_)));
    }
    if (dist == "geometric") {
      r.check_keys(std::array<std::string_view, 2>{"dist", "mean"});
      const toml::node& mean = r.require("mean", "a mean count >= 1, e.g. 2");
      const double value = read_number(mean, r.path("mean"), source_);
      if (!(value >= 1) || !std::isfinite(value))
        fail(mean, r.path("mean"), "expected a mean count >= 1, got " + value_text(mean), source_);
      return CountDistribution::geometric(value);
    }
    r.check_keys(std::array<std::string_view, 2>{"dist", "file"});
    const toml::node& file_node =
        r.require("file", "a CSV path, one count (an integer >= 1) per line");
    const DataPath data = resolve_path(read_string(file_node, r.path("file"), source_));
    std::vector<int> counts;
    try {
      counts = read_counts_csv(data.shown);
    } catch (const DataFileError& error) {
      data_file_failure(error, data, file_node, r.path("file"));
    }
    return CountDistribution::empirical(data.stored, std::move(counts));
  }

  // return_share, return_after, return_to: resolutions that do not hold.
  void read_returns(const TableReader& r, Channel& channel) const {
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
  void read_kind_keys(const TableReader& r, Channel& channel) const {
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

  ChannelKind read_kind(const toml::node& node, const KeyPath& path) const {
    const std::string name = read_string(node, path, source_);
    for (const ChannelKindName& kind : kChannelKindNames)
      if (kind.name == name) return kind.kind;
    const std::vector<std::string> names = kind_names();
    std::string message = "expected one of " + list_quoted(names) + ", got " + quote(name);
    if (auto near = closest(name, names)) message += " (did you mean " + quote(*near) + "?)";
    fail(node, path, message, source_);
  }

  void check_escalation_loops() const {
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

  // --- [[issue]] ---------------------------------------------------------------------------------

  void read_issues() {
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
  void read_handle_time(const toml::node& node, const KeyPath& path, Issue& issue) const {
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

  // A table of per-channel distributions holds only tables; anything else is read as one
  // distribution, so that a misspelt `dist` is reported as such.
  static bool per_channel_table(const toml::table& table) {
    return !table.empty() && !table.contains("dist") &&
           std::all_of(table.begin(), table.end(),
                       [](const auto& entry) { return entry.second.is_table(); });
  }

  // --- distributions -----------------------------------------------------------------------------

  Distribution read_distribution(const toml::node& node, const KeyPath& path) const {
    TableReader r(read_table(node, path, kDistributionHint, source_), path, source_);
    std::vector<std::string> names;
    for (const DistributionKeys& d : kDistributions) names.emplace_back(d.name);
    const toml::node& dist_node = r.require("dist", "one of " + list_quoted(names));
    const std::string dist = read_string(dist_node, r.path("dist"), source_);
    const auto spec = std::find_if(kDistributions.begin(), kDistributions.end(),
                                   [&](const DistributionKeys& d) { return d.name == dist; });
    if (spec == kDistributions.end()) {
      std::string message = "expected one of " + list_quoted(names) + ", got " + quote(dist);
      if (auto near = closest(dist, names)) message += " (did you mean " + quote(*near) + "?)";
      fail(dist_node, r.path("dist"), message, source_);
    }
    const auto used = std::find(spec->keys.begin(), spec->keys.end(), std::string_view());
    r.check_keys(std::span<const std::string_view>(spec->keys.begin(), used));

    const auto duration = [&](std::string_view key) {
      return read_duration(r.require(key, kDurationHint), r.path(key), source_);
    };
    const auto number = [&](std::string_view key) {
      return read_number(r.require(key, "a number, e.g. 0.5"), r.path(key), source_);
    };
    try {
      switch (spec->kind) {
        case Distribution::Kind::kExponential:
          return Distribution::exponential(duration("mean"));
        case Distribution::Kind::kLognormal:
          return Distribution::lognormal(duration("mean"), number("cv"));
        case Distribution::Kind::kGamma:
          return Distribution::gamma(duration("mean"), number("cv"));
        case Distribution::Kind::kWeibull:
          return Distribution::weibull(duration("mean"), number("shape"));
        case Distribution::Kind::kUniform:
          return Distribution::uniform(duration("min"), duration("max"));
        case Distribution::Kind::kConstant:
          return Distribution::constant(duration("value"));
        case Distribution::Kind::kEmpirical:
          break;
      }
    } catch (const std::invalid_argument& error) {
      r.fail_here(error.what());
    }
    const toml::node& file_node = r.require("file", "a CSV path, one duration in seconds per line");
    const std::string file = read_string(file_node, r.path("file"), source_);
    const DataPath data = resolve_path(file);
    std::vector<double> samples;
    try {
      samples = read_samples_csv(data.shown);
    } catch (const DataFileError& error) {
      data_file_failure(error, data, file_node, r.path("file"));
    }
    return Distribution::empirical(data.stored, std::move(samples));
  }

  Distribution read_duration_or_distribution(const toml::node& node, const KeyPath& path) const {
    if (node.is_table()) return read_distribution(node, path);
    if (node.is_string() || node.is_integer() || node.is_floating_point()) {
      return Distribution::constant(read_duration(node, path, source_));
    }
    fail(node, path,
         "expected a duration like \"10m\" or " + std::string(kDistributionHint) + ", got " +
             describe(node),
         source_);
  }

  // --- files next to the scenario ----------------------------------------------------------------

  struct DataPath {
    std::string shown;   // as opened and shown in messages: relative to the working folder
    std::string stored;  // absolute, so that the written scenario loads from anywhere
  };

  DataPath resolve_path(const std::string& file) const {
    const fs::path given(file);
    const fs::path shown =
        (given.is_absolute() ? given : fs::path(base_dir_) / given).lexically_normal();
    return {shown.string(), fs::absolute(shown).lexically_normal().string()};
  }

  [[noreturn]] void data_file_failure(const DataFileError& error, const DataPath& data,
                                      const toml::node& at, const KeyPath& path) const {
    if (error.line() > 0) {
      throw InputError(data.shown + ":" + std::to_string(error.line()) + ": " + path.text() + ": " +
                       error.what());
    }
    fail(at, path, data.shown + ": " + error.what(), source_);
  }

  // --- [profile] ---------------------------------------------------------------------------------

  Profile read_profile(const toml::node& node, const KeyPath& path) const {
    TableReader r(read_table(node, path, "a table with daily, weekly or busyness_cv", source_),
                  path, source_);
    r.check_keys(kProfileKeys);
    Profile profile;
    if (const toml::node* daily = r.find("daily")) {
      profile.daily = read_volumes(*daily, r.path("daily"), 0);
    }
    if (const toml::node* weekly = r.find("weekly")) {
      profile.weekly = read_volumes(*weekly, r.path("weekly"), 7);
    }
    profile.busyness_cv = r.non_negative("busyness_cv").value_or(0);
    if (profile.busyness_cv != 0 &&
        (profile.busyness_cv < kMinCv || profile.busyness_cv > kMaxCv)) {
      r.fail_at("busyness_cv", "expected 0 or a coefficient of variation in [0.001, 1000], got " +
                                   value_text(*r.find("busyness_cv")));
    }
    return profile;
  }

  // Relative volumes: non-negative numbers, not all 0; exactly `size` of them unless 0.
  std::vector<double> read_volumes(const toml::node& node, const KeyPath& path,
                                   std::size_t size) const {
    const std::string what = size == 7 ? "an array of 7 relative volumes (Monday first)"
                                       : "an array of relative volumes";
    const toml::array& array = read_array(node, path, what, source_);
    if (array.empty() || (size > 0 && array.size() != size)) {
      fail(node, path, "expected " + what + ", got " + std::to_string(array.size()) + " values",
           source_);
    }
    std::vector<double> volumes;
    double sum = 0;
    for (const toml::node& element : array) {
      volumes.push_back(read_number(element, path, source_));
      if (volumes.back() < 0) {
        fail(element, path, "volumes must not be negative, got " + value_text(element), source_);
      }
      sum += volumes.back();
    }
    if (!(sum > 0)) fail(node, path, "volumes must not all be 0", source_);
    return volumes;
  }

  // --- [[segment]] -------------------------------------------------------------------------------

  Segment read_segment(const Member& m) {
    TableReader r(*m.table, m.path, source_);
    r.check_keys(kSegmentKeys);
    Segment segment;
    segment.name = m.name;
    read_arrivals(r, segment);
    const int index = static_cast<int>(scenario_.segments.size());
    bool set = false;
    segment.entry = read_shares(r.require("entry", "a table { <channel> = share, ... }"),
                                r.path("entry"), channel_names_, "channel", &set);
    if (set) scenario_.set_shares.push_back({index, "entry"});
    segment.issues = read_shares(r.require("issues", "a table { <issue> = share, ... }"),
                                 r.path("issues"), issue_names_, "issue", &set);
    if (set) scenario_.set_shares.push_back({index, "issues"});
    segment.patience.assign(scenario_.channels.size(), std::nullopt);
    if (const toml::node* node = r.find("patience"))
      read_patience(*node, r.path("patience"), segment);
    segment.priority = static_cast<int>(r.integer("priority", INT_MIN, INT_MAX).value_or(0));
    if (const toml::node* node = r.find("profile")) {
      segment.profile = read_profile(*node, r.path("profile"));
    }
    if (const toml::node* share = r.find("recontact_share")) {
      segment.recontact_share = read_number(*share, r.path("recontact_share"), source_);
      if (!(segment.recontact_share >= 0 && segment.recontact_share < 1)) {
        fail(*share, r.path("recontact_share"),
             "share must be in [0, 1) (a share of unresolved cases that come back), got " +
                 value_text(*share),
             source_);
      }
    }
    if (const toml::node* after = r.find("recontact_after"))
      segment.recontact_after = read_duration_or_distribution(*after, r.path("recontact_after"));
    return segment;
  }

  // Open arrivals (`arrival_rate`) or a customer population (`customers` and `contact_rate`,
  // with `acquisition`, `baseline_churn`); revenue and churn keys.
  void read_arrivals(const TableReader& r, Segment& segment) const {
    const bool open = r.find("arrival_rate") != nullptr;
    const bool population = r.find("customers") || r.find("contact_rate");
    if (open && population) {
      r.fail_at(r.find("customers") ? "customers" : "contact_rate",
                "give either arrival_rate (open arrivals) or customers and contact_rate (a "
                "customer population), not both");
    }
    if (!open && !population) {
      r.fail_here(
          "missing required key \"arrival_rate\" (a rate, e.g. \"1140/h\"), or \"customers\" "
          "and \"contact_rate\" for a customer population");
    }
    if (open) {
      segment.arrival_rate_per_s =
          read_rate(*r.find("arrival_rate"), r.path("arrival_rate"), source_);
      for (std::string_view key : {"acquisition", "baseline_churn"}) {
        if (r.find(key)) r.fail_at(key, "needs a customer population (customers, contact_rate)");
      }
    } else {
      segment.customers = static_cast<int>(
          read_integer(r.require("customers", "a count of active customers, e.g. 9000"),
                       r.path("customers"), 0, 100'000'000, source_));
      segment.contact_rate_per_s =
          read_rate(r.require("contact_rate", "a rate per customer, e.g. \"0.4/month\""),
                    r.path("contact_rate"), source_);
      if (const toml::node* node = r.find("acquisition"))
        segment.acquisition_per_s = read_rate(*node, r.path("acquisition"), source_);
      if (const toml::node* node = r.find("baseline_churn")) {
        segment.baseline_churn =
            read_unit_interval(*node, r.path("baseline_churn"), "share", source_);
        if (segment.baseline_churn >= 1) {
          fail(*node, r.path("baseline_churn"),
               "share must be below 1 (a share lost per month), got " + value_text(*node), source_);
        }
      }
    }
    segment.monthly_revenue = r.money("monthly_revenue").value_or(0);
    segment.acquisition_cost = r.money("acquisition_cost").value_or(0);
    if (const toml::node* node = r.find("churn"))
      segment.churn = read_churn(*node, r.path("churn"));
  }

  ChurnRule read_churn(const toml::node& node, const KeyPath& path) const {
    TableReader r(read_table(node, path, "a table of churn weights", source_), path, source_);
    r.check_keys(kChurnKeys);
    ChurnRule rule;
    // -inf switches service churn off for this rule (probability exactly 0).
    const toml::node* intercept = r.find("intercept");
    const auto* as_float = intercept ? intercept->as_floating_point() : nullptr;
    if (as_float && std::isinf(as_float->get()) && as_float->get() < 0)
      rule.intercept = as_float->get();
    else
      rule.intercept = weight(r, "intercept").value_or(rule.intercept);
    rule.w_wait = weight(r, "w_wait").value_or(0);
    rule.w_handoff = weight(r, "w_handoff").value_or(0);
    rule.w_repeat = weight(r, "w_repeat").value_or(0);
    rule.w_unresolved = weight(r, "w_unresolved").value_or(0);
    rule.w_abandoned = weight(r, "w_abandoned").value_or(0);
    rule.w_resolution = weight(r, "w_resolution").value_or(0);
    return rule;
  }

  // A churn weight in [-kMaxChurnWeight, kMaxChurnWeight]: the logistic is saturated long
  // before, and the weighted sum stays finite whatever a case went through.
  static std::optional<double> weight(const TableReader& r, std::string_view key) {
    const std::optional<double> w = r.number(key);
    if (w && std::abs(*w) > kMaxChurnWeight)
      r.fail_at(key, "expected a weight in [-1000, 1000], got " + value_text(*r.find(key)));
    return w;
  }

  // `{ name = share, ... }` over `names`, summing to 1; ordered by index. When `--set` set one
  // member of a table read from the file, the other members are rescaled in proportion so that
  // the table sums to 1 again; several members set together are taken as given. *set tells
  // whether `--set` set any member.
  std::vector<Share> read_shares(const toml::node& node, const KeyPath& path,
                                 const std::vector<std::string>& names, std::string_view kind,
                                 bool* set) const {
    const std::string what = "a table { <" + std::string(kind) + "> = share, ... }";
    TableReader r(read_table(node, path, what, source_), path, source_);
    std::vector<Share> shares;
    std::vector<std::size_t> set_members;  // positions in `shares` of members set by --set
    std::vector<const toml::node*> set_nodes;
    std::string set_keys;
    double sum = 0;
    for (const auto& [key, value] : r.entries()) {
      const KeyPath share_path = path / key->str();
      const int index = lookup(key->str(), names, kind, key_region(*key, *value), share_path);
      shares.push_back({index, read_unit_interval(*value, share_path, "share", source_)});
      sum += shares.back().share;
      if (from_override(*value) && !from_override(node)) {
        set_members.push_back(shares.size() - 1);
        set_nodes.push_back(value);
        set_keys += (set_keys.empty() ? "" : ", ") + std::string(key->str());
      }
    }
    if (shares.empty()) fail(node, path, "expected " + what + ", got an empty table", source_);
    *set = !set_members.empty() || from_override(node);
    if (set_members.size() == 1 && std::abs(sum - 1) > 1e-9) {
      Share& fixed = shares[set_members.front()];
      const double others = sum - fixed.share;
      if (!(others > 0)) {
        fail(*set_nodes.front(), path,
             "cannot rescale the other shares to make room for " + set_keys + " = " +
                 rounded(fixed.share) + ": they are all 0 (expected shares summing to 1, got " +
                 rounded(sum) + ")",
             source_);
      }
      const double scale = (1 - fixed.share) / others;
      sum = fixed.share;
      for (Share& share : shares) {
        if (&share == &fixed) continue;
        // Rounded to 12 decimals, so that the written scenario shows 0.45, not 0.44999999999999996.
        share.share = std::round(share.share * scale * 1e12) / 1e12;
        sum += share.share;
      }
    }
    if (std::abs(sum - 1) > 1e-9) {
      if (set_members.size() > 1) {
        fail(*set_nodes.back(), path,
             "expected shares summing to 1 when several are set together (" + set_keys +
                 ": the others are not rescaled), got " + rounded(sum),
             source_);
      }
      fail(set_nodes.empty() ? node : *set_nodes.front(), path,
           "shares must sum to 1, got " + rounded(sum), source_);
    }
    std::sort(shares.begin(), shares.end(),
              [](const Share& a, const Share& b) { return a.index < b.index; });
    return shares;
  }

  void read_patience(const toml::node& node, const KeyPath& path, Segment& segment) const {
    const toml::table& table = read_table(
        node, path, "a distribution table or a table { <channel> = distribution }", source_);
    if (!per_channel_table(table)) {
      const Distribution patience = read_distribution(node, path);
      for (std::size_t c = 0; c < scenario_.channels.size(); ++c) {
        const Channel& channel = scenario_.channels[c];
        if (channel.kind == ChannelKind::kAgents && !channel.deferred)
          segment.patience[c] = patience;
      }
      return;
    }
    for (const auto& [key, value] : TableReader(table, path, source_).entries()) {
      const KeyPath channel_path = path / key->str();
      const int c =
          lookup(key->str(), channel_names_, "channel", key_region(*key, *value), channel_path);
      // Only agents channels have queues to abandon.
      if (scenario_.channels[c].kind != ChannelKind::kAgents) {
        fail(*value, channel_path,
             "patience applies to agents channels only, " + quote(key->str()) + " is a " +
                 quote(channel_kind_name(scenario_.channels[c].kind)) + " channel",
             source_);
      }
      if (scenario_.channels[c].deferred) {
        fail(*value, channel_path,
             "expected a live agents channel (patience is how long a customer waits on the "
             "line), got deferred channel " +
                 quote(key->str()),
             source_);
      }
      segment.patience[c] = read_distribution(*value, channel_path);
    }
  }

  // --- [[group]] ---------------------------------------------------------------------------------

  Group read_group(const Member& m) const {
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
  std::vector<int> read_name_list(const toml::node& node, const KeyPath& path,
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

  // A CSV schedule repeats like an inline one (Schedule::repeat_rows); rows for some other
  // number of days (what `staff` writes for a run of that length) must cover the warm-up and
  // horizon.
  void repeat_csv_schedule(Schedule& schedule, const DataPath& data, const toml::node& node,
                           const KeyPath& path) const {
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

  Schedule read_schedule(const toml::node& node, const KeyPath& path) const {
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

  // --- [targets] ---------------------------------------------------------------------------------

  void read_targets() {
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

  void read_target(const TableReader& r, ServiceTarget& target) const {
    target.answer_within_s = r.duration("answer_within").value_or(target.answer_within_s);
    target.service_level = r.unit_interval("service_level", "share").value_or(target.service_level);
    if (auto share = r.unit_interval("max_abandonment", "share")) target.max_abandonment = share;
    if (auto within = r.duration("first_response_within")) target.first_response_within_s = within;
    if (auto level = r.unit_interval("first_response_level", "share"))
      target.first_response_level = level;
    if (auto within = r.duration("resolve_within")) target.resolve_within_s = within;
    if (auto level = r.unit_interval("resolve_level", "share")) target.resolve_level = level;
  }

  // --- cross-checks ------------------------------------------------------------------------------

  // Every agents channel that a segment's cases can reach (through entry, escalation and
  // returns) is answered by a group for each of the segment's issues, and has a handle time
  // for each of them.
  void check_coverage() const {
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
  std::vector<bool> reachable(const Segment& segment) const {
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

  void check_handle_times(const Segment& segment, int channel) const {
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

  void check_answered(const Segment& segment, int channel) const {
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

  // --- work limits ------------------------------------------------------------------------------

  // Refuses a scenario whose estimated work exceeds one of its limits (sim/core/limits.h), at
  // the key that contributes most, before anything is simulated.
  void check_work() const {
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
             "about " + number(w.customers) + " (this segment " + rounded(start) +
                 " at the start, " + number(w.segment_customers[k]) + " with acquisitions)");
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

  // One group at most is dedicated to a segment: its customers have one named agent.
  void check_dedication() const {
    const auto& groups = scenario_.groups;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (!groups[g].dedicated_to) continue;
      for (std::size_t h = 0; h < g; ++h) {
        if (groups[h].dedicated_to != groups[g].dedicated_to) continue;
        TableReader(*groups_[g].table, groups_[g].path, source_)
            .fail_at("dedicated_to",
                     "segment " + quote(scenario_.segments[*groups[g].dedicated_to].name) +
                         " already has a dedicated group, " + quote(groups[h].name));
      }
    }
  }

  const toml::table& root_;
  SourceInfo source_;
  std::string base_dir_;
  std::vector<Member> segments_, issues_, channels_, groups_;
  std::vector<std::string> channel_names_, issue_names_, segment_names_;
  std::vector<const toml::node*> escalate_nodes_;  // per channel, null when not given
  Scenario scenario_;
};

}  // namespace
}  // namespace io

Scenario load_scenario_string(std::string_view toml, const std::string& source_name,
                              const std::vector<Override>& overrides, const std::string& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml, std::string_view(source_name));
  } catch (const toml::parse_error& error) {
    throw InputError(io::location(error.source(), source_name) + ": " +
                     std::string(error.description()));
  }
  io::apply_overrides(root, overrides);
  Scenario scenario = io::ScenarioBuilder(root, source_name, base_dir).build();
  scenario.sha256 = sha256_hex(toml);
  return scenario;
}

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError(path + ": cannot read file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read file: " + std::strerror(errno));
  // Read no more than the limit allows, whatever the file is (a device, a pipe, /dev/zero).
  std::string bytes;
  char chunk[65536];
  while (bytes.size() <= kMaxScenarioFileBytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(path + ": cannot read file: " + std::strerror(errno));
  if (bytes.size() > kMaxScenarioFileBytes)
    throw InputError(path + ": expected a scenario file of at most 16 MiB, got more");
  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  Scenario scenario = load_scenario_string(bytes, path, overrides, base_dir);
  scenario.file = path;
  return scenario;
}

}  // namespace supportsim
