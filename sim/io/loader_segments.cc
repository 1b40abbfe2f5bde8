// [[segment]]: arrivals or a customer population, entry and issue shares, patience; and the
// [profile] and [churn] tables, which a segment may also give for itself.

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/limits.h"
#include "sim/io/scenario_builder.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 16> kSegmentKeys = {
    "name",        "arrival_rate",    "customers",       "contact_rate",
    "acquisition", "monthly_revenue", "baseline_churn",  "acquisition_cost",
    "churn",       "entry",           "issues",          "patience",
    "priority",    "profile",         "recontact_share", "recontact_after"};

constexpr std::array<std::string_view, 3> kProfileKeys = {"daily", "weekly", "busyness_cv"};

constexpr std::array<std::string_view, 7> kChurnKeys = {
    "intercept", "w_wait", "w_handoff", "w_repeat", "w_unresolved", "w_abandoned", "w_resolution"};

// A churn weight in [-kMaxChurnWeight, kMaxChurnWeight]: the logistic is saturated long
// before, and the weighted sum stays finite whatever a case went through.
std::optional<double> weight(const TableReader& r, std::string_view key) {
  const std::optional<double> w = r.number(key);
  if (w && std::abs(*w) > kMaxChurnWeight)
    r.fail_at(key, "expected a weight in [-1000, 1000], got " + value_text(*r.find(key)));
  return w;
}

}  // namespace

Segment ScenarioBuilder::read_segment(const Member& m) {
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
void ScenarioBuilder::read_arrivals(const TableReader& r, Segment& segment) const {
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
  if (const toml::node* node = r.find("churn")) segment.churn = read_churn(*node, r.path("churn"));
}

void ScenarioBuilder::read_patience(const toml::node& node, const KeyPath& path,
                                    Segment& segment) const {
  const toml::table& table = read_table(
      node, path, "a distribution table or a table { <channel> = distribution }", source_);
  if (!per_channel_table(table)) {
    const Distribution patience = read_distribution(node, path);
    for (std::size_t c = 0; c < scenario_.channels.size(); ++c) {
      const Channel& channel = scenario_.channels[c];
      if (channel.kind == ChannelKind::kAgents && !channel.deferred) segment.patience[c] = patience;
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

// `{ name = share, ... }` over `names`, summing to 1; ordered by index. When `--set` set one
// member of a table read from the file, the other members are rescaled in proportion so that
// the table sums to 1 again; several members set together are taken as given. *set tells
// whether `--set` set any member.
std::vector<Share> ScenarioBuilder::read_shares(const toml::node& node, const KeyPath& path,
                                                const std::vector<std::string>& names,
                                                std::string_view kind, bool* set) const {
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

Profile ScenarioBuilder::read_profile(const toml::node& node, const KeyPath& path) const {
  TableReader r(read_table(node, path, "a table with daily, weekly or busyness_cv", source_), path,
                source_);
  r.check_keys(kProfileKeys);
  Profile profile;
  if (const toml::node* daily = r.find("daily")) {
    profile.daily = read_volumes(*daily, r.path("daily"), 0);
  }
  if (const toml::node* weekly = r.find("weekly")) {
    profile.weekly = read_volumes(*weekly, r.path("weekly"), 7);
  }
  profile.busyness_cv = r.non_negative("busyness_cv").value_or(0);
  if (profile.busyness_cv != 0 && (profile.busyness_cv < kMinCv || profile.busyness_cv > kMaxCv)) {
    r.fail_at("busyness_cv", "expected 0 or a coefficient of variation in [0.001, 1000], got " +
                                 value_text(*r.find("busyness_cv")));
  }
  return profile;
}

// Relative volumes: non-negative numbers, not all 0; exactly `size` of them unless 0.
std::vector<double> ScenarioBuilder::read_volumes(const toml::node& node, const KeyPath& path,
                                                  std::size_t size) const {
  const std::string what =
      size == 7 ? "an array of 7 relative volumes (Monday first)" : "an array of relative volumes";
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

ChurnRule ScenarioBuilder::read_churn(const toml::node& node, const KeyPath& path) const {
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

}  // namespace io

}  // namespace supportsim
