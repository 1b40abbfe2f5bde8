#pragma once
// The validated, immutable scenario (scenarios/README.md). Built only by the loader (sim/io/loader.h),
// which applies every default and checks every constraint; the engine never re-checks input.
// Cross-references are resolved to indices into the vectors below.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/count_distribution.h"
#include "sim/core/distribution.h"
#include "sim/core/limits.h"
#include "sim/model/churn.h"

namespace supportsim {

struct RunConfig {
  std::string name;      // default: the scenario file's stem
  double horizon_s = 0;  // required, > 0
  double warmup_s = 0;
  int replications = 10;  // >= 1
  std::uint64_t seed = 1;
  double interval_s = 1800;  // reporting / staffing interval, > 0
  double drain_limit_s = 30 * 86400.0;
  double monthly_discount_rate = 0.01;  // for customer lifetime value (extension)
  WorkLimits limits;                    // max_cases, max_agents, ... (sim/core/limits.h)
};

struct ServiceTarget {
  double answer_within_s = 20;
  double service_level = 0.8;
  std::optional<double> max_abandonment;
  // Deferred channels only (the loader refuses them in a live channel's table). Unset keys
  // take the defaults below; `resolve_level` is undefined without `resolve_within`.
  std::optional<double> first_response_within_s;
  std::optional<double> first_response_level;
  std::optional<double> resolve_within_s;
  std::optional<double> resolve_level;
  static constexpr double kFirstResponseWithin = 86400;  // 24 h
  static constexpr double kFirstResponseLevel = 0.9;
  static constexpr double kResolveLevel = 0.9;
  double first_response_within() const {
    return first_response_within_s.value_or(kFirstResponseWithin);
  }
  double first_response_share() const { return first_response_level.value_or(kFirstResponseLevel); }
  double resolve_share() const { return resolve_level.value_or(kResolveLevel); }
};

struct Targets {
  ServiceTarget overall;
  // `[targets.<channel>]`, keyed by channel index; keys not given inherit from `overall`.
  std::map<int, ServiceTarget> per_channel;
  const ServiceTarget& for_channel(int channel) const {
    auto it = per_channel.find(channel);
    return it == per_channel.end() ? overall : it->second;
  }
};

// Arrival profile (scenarios/README.md [profile]). Empty `daily`/`weekly` mean flat.
struct Profile {
  std::vector<double> daily;   // relative volumes of equal slices of a day
  std::vector<double> weekly;  // 7 relative volumes, Monday first
  double busyness_cv = 0;      // cv of the mean-1 gamma factor drawn per day
};

// A share of something, by index (entry channel or issue). Shares of a list sum to 1.
struct Share {
  int index = 0;
  double share = 0;
};

struct Segment {
  std::string name;
  double arrival_rate_per_s = 0;  // open arrivals: mean rate over a week
  // A customer population instead of open arrivals: cases come at contact_rate per active
  // customer (times the profile), customers join at `acquisition` and leave through baseline
  // churn (a constant hazard) and service churn (the churn rule, when a case ends).
  std::optional<int> customers;    // active customers at time 0
  double contact_rate_per_s = 0;   // cases per active customer per second (mean over a week)
  double acquisition_per_s = 0;    // new customers per second
  double monthly_revenue = 0;      // per active customer
  double baseline_churn = 0;       // share lost per month, as given
  double acquisition_cost = 0;     // per customer, for CLV (extension)
  std::optional<ChurnRule> churn;  // [segment.churn]; else the scenario's [churn]
  std::vector<Share> entry;        // channel index -> share
  std::vector<Share> issues;       // issue index -> share
  // Patience per channel index (size == channels.size()); nullopt: never abandons.
  std::vector<std::optional<Distribution>> patience;
  int priority = 0;
  std::optional<Profile> profile;  // else the scenario's global profile
  // Coming back: a case that ends unresolved (gave up, abandoned without retry, escalation
  // refused) comes back with this share after recontact_after, the same case, through `entry`.
  double recontact_share = 0;  // in [0, 1)
  Distribution recontact_after = Distribution::exponential(2 * 86400.0);
};

struct Issue {
  std::string name;
  // The issue's handle time: the plain distribution, or the `default` of a table
  // `{ <channel> = distribution, default = distribution }`. A table without `default` leaves
  // here the distribution of the first channel it lists (has_default_handle_time is false then;
  // the loader checked that every agents channel the issue can reach has its own).
  Distribution handle_time = Distribution::constant(0);
  bool has_default_handle_time = true;
  // Per channel index (size == channels.size()): the table's entry for that channel, if any.
  std::vector<std::optional<Distribution>> channel_handle_time;
  // Chance one attempt in channel i resolves the case (size == channels.size()), with the
  // defaults applied: 1 for agents channels, 0 for the others.
  std::vector<double> resolve;
  int skill = 0;  // index into Scenario::skills (the issue's name unless `skill` is given)

  // The handle time in `channel` before the channel's handle_time_factor.
  const Distribution& handle_time_in(int channel) const {
    const auto& own = channel_handle_time[channel];
    return own ? *own : handle_time;
  }
};

enum class ChannelKind { kAgents, kSelfService, kAutomation, kCommunity };

// Every kind with its name in scenario files ("agents", "self_service", "automation",
// "community"), in that order: the one table the loader, the writer and `validate` use.
struct ChannelKindName {
  ChannelKind kind;
  const char* name;
};
inline constexpr std::array<ChannelKindName, 4> kChannelKindNames = {{
    {ChannelKind::kAgents, "agents"},
    {ChannelKind::kSelfService, "self_service"},
    {ChannelKind::kAutomation, "automation"},
    {ChannelKind::kCommunity, "community"},
}};
constexpr const char* channel_kind_name(ChannelKind kind) {
  for (const ChannelKindName& k : kChannelKindNames)
    if (k.kind == kind) return k.name;
  return "agents";
}

struct Channel {
  std::string name;
  ChannelKind kind = ChannelKind::kAgents;
  std::optional<int> escalate_to;  // channel index
  double escalate_share = 1;
  bool context_transfer = false;
  double repeat_penalty = 1.2;
  double cost_per_session = 0;
  double cost_per_resolution = 0;  // per session that resolved (returns are still charged)
  double fixed_cost_per_month = 0;
  // Returns (false resolutions): a share of the cases this channel resolved come back, the
  // same case, after return_after, to return_to (none: the segment's entry mix, redrawn).
  double return_share = 0;  // in [0, 1)
  Distribution return_after = Distribution::exponential(2 * 86400.0);
  std::optional<int> return_to;  // channel index
  // agents
  // Deferred work (email, tickets, async messaging): cases wait in a backlog without patience;
  // each needs `touches` agent sessions, with the customer's reply_delay between them.
  bool deferred = false;
  CountDistribution touches = CountDistribution::constant(1);
  std::optional<Distribution> reply_delay;  // required when touches can exceed 1
  // Callbacks (virtual hold), live channels: a caller still waiting at callback_after accepts
  // a callback with callback_share, keeps their place without patience, and the agent's
  // session takes callback_connect longer.
  std::optional<double> callback_after_s;
  double callback_share = 0;
  double callback_connect_s = 30;
  int concurrency = 1;
  double handle_time_factor = 1;  // multiplies the issues' handle times in this channel
  double retry_share = 0;
  std::optional<Distribution> retry_delay;  // required when retry_share > 0
  // self_service and automation: how long one session lasts (required for these kinds)
  std::optional<Distribution> session_time;
  // automation: concurrent sessions; 0 means unlimited. A case finding it full goes on to
  // escalate_to at once (or ends unresolved when there is none).
  int max_sessions = 0;
  // community: a post is answered with probability answer_share after first_answer; an answer
  // that comes before give_up_after resolves with the issue's `resolve`, an unhelpful answer
  // ends the attempt then; an unanswered post ends the attempt at give_up_after.
  double answer_share = 0;
  std::optional<Distribution> first_answer;
  double give_up_after_s = 0;
  double moderators = 0;
  double moderator_hourly_cost = 0;
};

// Head count over time: `steps` are (start_s, agents) in increasing start order, the first at 0;
// the count holds until the next step. With period_s > 0 the span [repeat_from_s,
// repeat_from_s + period_s) repeats after itself for ever (repeat_from_s is 0 for a schedule of
// one day or one week; a longer CSV schedule repeats its last day or week).
struct Schedule {
  std::vector<std::pair<double, int>> steps;
  double period_s = 0;
  double repeat_from_s = 0;
  std::string csv_file;  // set when loaded from a CSV (written back as the path)
  int at(double t) const;
  int max_agents() const;
  // The first time after t at which the count may change, or +infinity.
  double next_change_after(double t) const;
  // For head counts given as rows with their start times (a CSV schedule): sets the repetition
  // from the whole days the rows reach into, counted from 0. One day or one week repeats from
  // 0, like an inline schedule; other spans are taken as written and then repeat their last
  // week (7 days or more) or last day, so that hours and weekdays still match. Returns the span
  // covered (whole days); REQUIRES steps.
  double repeat_rows();
};

struct Group {
  std::string name;
  std::vector<int> channels;    // agents channel indices
  std::vector<int> skills;      // skill indices (all skills when not given)
  bool all_skills = true;       // `skills` was not given
  Schedule schedule;            // constant `agents = N` is one step
  bool constant_agents = true;  // given as `agents`, not `schedule`
  double hourly_cost = 0;
  double shrinkage = 0;
  // Share of on-duty time spent on proactive work (onboarding, reviews, renewals), unavailable
  // to cases but paid. In each reporting interval the engine takes that share of the group's
  // agents on shift off cases, in turn (see sim/engine/contact_centre.h).
  double proactive_share = 0;  // in [0, 1)
  // Dedicated personal assistance: each customer of this segment has one named agent of the
  // group, who serves them first; the group serves no other segment. After backup_after
  // without that agent answering, the case joins the channel's general queue.
  std::optional<int> dedicated_to;       // segment index
  std::optional<double> backup_after_s;  // only with dedicated_to; none: wait for the agent
  // Deferred work before live cases (default: live cases first, deferred work when no live
  // case the agent can take is waiting).
  bool deferred_first = false;
  // Share of scheduled agent-days lost without notice: each agent the schedule puts on duty
  // is absent for the whole day with this probability (drawn per replication, group, day and
  // agent); absent time is neither on duty nor paid.
  double absenteeism = 0;
  // Staffing only (`supportsim staff`, `erlang`): the planner never plans an occupancy
  // (busy / on-duty agent time) above this share; none: no cap.
  std::optional<double> max_occupancy;
  // Staffing only: seats, the most agents of the group the planner may put on duty at once.
  std::optional<int> max_agents;
};

// A shift template of `[[staffing.shift]]`: what a roster may use. Times are seconds; a start
// is a time of day, a shift may run past midnight (and past Sunday midnight into Monday: the
// roster repeats weekly).
struct ShiftTemplate {
  std::string name;
  double length_s = 0;           // > 0, at most a day
  std::vector<double> starts_s;  // allowed starts, seconds after midnight in [0, 1d), sorted
  std::array<bool, 7> days = {true, true, true, true, true, true, true};  // Monday first
  double paid_break_s = 0;                                                // off the phones, paid
  double unpaid_break_s = 0;                                              // off the phones, unpaid
  double hourly_cost_factor = 1;  // multiplies the group's hourly_cost
  std::vector<int> groups;        // group indices; empty: every group `staff` plans
  // How the template was written, so that the scenario writes back as given.
  std::optional<double> start_every_s, earliest_s, latest_s;
  std::string days_text;  // "" when not given (every day)

  double break_s() const { return paid_break_s + unpaid_break_s; }
  double paid_hours() const { return (length_s - unpaid_break_s) / 3600.0; }
};

// `[staffing]`: how `supportsim staff` turns per-interval needs into rosters.
struct StaffingConfig {
  std::vector<ShiftTemplate> shifts;  // none: per-interval plans, no roster
  double solver_time_limit_s = 10;    // for the integer program, per group
};

// A share table (`entry` or `issues` of a segment) of which `--set` changed members, so that
// the command can show the resolved shares (they are also in the written scenario).
struct SetShares {
  int segment = 0;
  std::string table;  // "entry" or "issues"
};

struct Scenario {
  std::string file;    // path as given ("" for the built-in or a string)
  std::string sha256;  // of the file's bytes (before overrides)
  std::vector<SetShares> set_shares;
  RunConfig run;
  Targets targets;
  Profile profile;  // global; flat by default
  std::vector<Segment> segments;
  std::vector<Issue> issues;
  std::vector<Channel> channels;
  std::vector<Group> groups;
  std::vector<std::string> skills;  // distinct skill names, in order of first appearance
  std::optional<ChurnRule> churn;   // [churn]; no table anywhere means no service churn
  StaffingConfig staffing;          // [staffing]
  // "file:line:col" of keys that checks made after loading refer to (e.g. a shift template
  // that cannot cover an interval the planner must staff), by key path as printed in
  // messages (`staffing.shift "early"`, `group "phone" max_agents`). Absent: no location.
  std::map<std::string, std::string> locations;
  std::string location_of(const std::string& key_path) const {
    auto it = locations.find(key_path);
    return it == locations.end() ? (file.empty() ? "scenario" : file) : it->second;
  }

  // Mean handle time of `issue` in agents channel `channel`, handle_time_factor applied.
  double mean_handle_s(int issue, int channel) const {
    return issues[issue].handle_time_in(channel).mean() * channels[channel].handle_time_factor;
  }
  const Profile& profile_of(const Segment& s) const { return s.profile ? *s.profile : profile; }
  bool has_deferred() const {
    for (const Channel& c : channels)
      if (c.deferred) return true;
    return false;
  }
  const ChurnRule* churn_of(const Segment& s) const {
    return s.churn ? &*s.churn : churn ? &*churn : nullptr;
  }
};

}  // namespace supportsim
