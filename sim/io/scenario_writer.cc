// Formats the TOML by hand, although TOML++ is linked: building a toml::table and printing it
// with TOML++ 3.x's toml_formatter (tried with 3.3) would change every scenario this writes,
// which results carry, users diff and tests compare byte for byte:
// - key order: a toml::table keeps its keys sorted by name, so `name` no longer leads each
//   [[segment]], shares lose the scenario's order (`entry = { phone = 0.25, chat = 0.75 }` comes
//   out as `{ chat = 0.75, phone = 0.25 }`), and every [table] is printed before the first
//   [[array of tables]] ([staffing] ahead of the [[segment]]s);
// - numbers: a float prints with 17 significant digits (0.8 as 0.80000000000000004), or with the
//   relaxed_float_precision flag with 6, which does not read back exactly; format_number gives
//   the shortest text that does;
// - comments: it writes none (the file's heading comment);
// - arrays print as `[ 1.0, 2.5 ]` and strings as 'literal' unless told otherwise.

#include "sim/io/scenario_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <tuple>

#include "sim/core/units.h"
#include "sim/io/toml_reader.h"

namespace supportsim {
namespace {

using io::quote;

// A TOML float that reads back as exactly `x` ("0.8", "1.0", "1e-06" is written "1e-06").
std::string number(double x) {
  std::string text = io::format_number(x);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string boolean(bool b) { return b ? "true" : "false"; }

std::string duration(double seconds) { return quote(format_duration(seconds)); }

// A table key: bare when TOML allows it, else quoted.
std::string key(std::string_view name) {
  const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  return bare ? std::string(name) : quote(name);
}

// The keys of a churn rule, separated by `separator` (a newline in a table, ", " inline).
std::string churn_keys(const ChurnRule& rule, const char* separator) {
  const std::pair<const char*, double> keys[] = {
      {"intercept", rule.intercept},       {"w_wait", rule.w_wait},
      {"w_handoff", rule.w_handoff},       {"w_repeat", rule.w_repeat},
      {"w_unresolved", rule.w_unresolved}, {"w_abandoned", rule.w_abandoned},
      {"w_resolution", rule.w_resolution}};
  std::string text;
  for (const auto& [name, value] : keys)
    text += (text.empty() ? "" : separator) + std::string(name) + " = " + number(value);
  return text;
}

std::string distribution(const Distribution& d) {
  std::string text = "{ dist = " + quote(Distribution::kind_name(d.kind()));
  switch (d.kind()) {
    case Distribution::Kind::kExponential:
      text += ", mean = " + duration(d.param_mean());
      break;
    case Distribution::Kind::kLognormal:
    case Distribution::Kind::kGamma:
      text += ", mean = " + duration(d.param_mean()) + ", cv = " + number(d.param_cv());
      break;
    case Distribution::Kind::kWeibull:
      text += ", mean = " + duration(d.param_mean()) + ", shape = " + number(d.param_shape());
      break;
    case Distribution::Kind::kUniform:
      text += ", min = " + duration(d.param_min()) + ", max = " + duration(d.param_max());
      break;
    case Distribution::Kind::kConstant:
      text += ", value = " + duration(d.param_value());
      break;
    case Distribution::Kind::kEmpirical:
      text += ", file = " + quote(d.file());
      break;
  }
  return text + " }";
}

std::string count_distribution(const CountDistribution& d) {
  std::string text = "{ dist = " + quote(CountDistribution::kind_name(d.kind()));
  switch (d.kind()) {
    case CountDistribution::Kind::kConstant:
      text += ", value = " + std::to_string(d.param_value());
      break;
    case CountDistribution::Kind::kGeometric:
      text += ", mean = " + number(d.param_mean());
      break;
    case CountDistribution::Kind::kEmpirical:
      text += ", file = " + quote(d.file());
      break;
  }
  return text + " }";
}

std::string numbers(const std::vector<double>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i) text += (i > 0 ? ", " : "") + number(values[i]);
  return text + "]";
}

template <typename Names>
std::string names(const std::vector<int>& indices, const Names& all, auto name_of) {
  std::string text = "[";
  for (std::size_t i = 0; i < indices.size(); ++i) {
    text += (i > 0 ? ", " : "") + quote(name_of(all[indices[i]]));
  }
  return text + "]";
}

std::string shares(const std::vector<Share>& list, auto name_of) {
  std::string text = "{ ";
  for (std::size_t i = 0; i < list.size(); ++i) {
    text += (i > 0 ? ", " : "") + key(name_of(list[i].index)) + " = " + number(list[i].share);
  }
  return text + " }";
}

void write_profile_keys(std::ostream& out, const Profile& p, const std::string& separator) {
  if (!p.daily.empty()) out << "daily = " << numbers(p.daily) << separator;
  if (!p.weekly.empty()) out << "weekly = " << numbers(p.weekly) << separator;
  out << "busyness_cv = " << number(p.busyness_cv);
}

// `deferred`: the targets of deferred channels are written too.
void write_target(std::ostream& out, const ServiceTarget& t, bool deferred) {
  out << "answer_within = " << duration(t.answer_within_s) << "\n";
  out << "service_level = " << number(t.service_level) << "\n";
  if (t.max_abandonment) out << "max_abandonment = " << number(*t.max_abandonment) << "\n";
  if (!deferred) return;
  out << "first_response_within = " << duration(t.first_response_within()) << "\n";
  out << "first_response_level = " << number(t.first_response_share()) << "\n";
  if (t.resolve_within_s) out << "resolve_within = " << duration(*t.resolve_within_s) << "\n";
  out << "resolve_level = " << number(t.resolve_share()) << "\n";
}

// One distribution when every agents channel has the same, else one per channel that has one.
std::string patience(const Scenario& s, const Segment& segment) {
  std::string per_channel, common;
  bool same_for_all_agents = true;
  for (std::size_t c = 0; c < segment.patience.size(); ++c) {
    const bool agents = s.channels[c].kind == ChannelKind::kAgents;
    if (!segment.patience[c]) {
      same_for_all_agents = same_for_all_agents && !agents;
      continue;
    }
    const std::string text = distribution(*segment.patience[c]);
    if (!agents || (!common.empty() && text != common)) same_for_all_agents = false;
    common = text;
    per_channel += (per_channel.empty() ? "" : ", ") + key(s.channels[c].name) + " = " + text;
  }
  if (per_channel.empty()) return "";
  if (same_for_all_agents) return "patience = " + common + "\n";
  return "patience = { " + per_channel + " }\n";
}

// One distribution, or a table with the channels that have their own (and `default`).
std::string handle_time(const Scenario& s, const Issue& issue) {
  std::string per_channel;
  for (std::size_t c = 0; c < issue.channel_handle_time.size(); ++c) {
    if (!issue.channel_handle_time[c]) continue;
    per_channel += (per_channel.empty() ? "" : ", ") + key(s.channels[c].name) + " = " +
                   distribution(*issue.channel_handle_time[c]);
  }
  if (per_channel.empty()) return "handle_time = " + distribution(issue.handle_time) + "\n";
  if (issue.has_default_handle_time)
    per_channel += ", default = " + distribution(issue.handle_time);
  return "handle_time = { " + per_channel + " }\n";
}

// [run]: every key, and the work limits where they differ from the defaults.
void write_run(std::ostream& out, const Scenario& s) {
  out << "[run]\n";
  out << "name = " << quote(s.run.name) << "\n";
  out << "horizon = " << duration(s.run.horizon_s) << "\n";
  out << "warmup = " << duration(s.run.warmup_s) << "\n";
  out << "replications = " << s.run.replications << "\n";
  out << "seed = " << s.run.seed << "\n";
  out << "interval = " << duration(s.run.interval_s) << "\n";
  out << "drain_limit = " << duration(s.run.drain_limit_s) << "\n";
  out << "monthly_discount_rate = " << number(s.run.monthly_discount_rate) << "\n";
  // Work limits do not change what is simulated, only whether it may be: written when raised
  // or lowered, so that the written scenario runs where this one ran.
  const WorkLimits defaults;
  for (auto [key, value, standard] :
       {std::tuple{"max_cases", s.run.limits.max_cases, defaults.max_cases},
        std::tuple{"max_agents", s.run.limits.max_agents, defaults.max_agents},
        std::tuple{"max_customers", s.run.limits.max_customers, defaults.max_customers},
        std::tuple{"max_intervals", s.run.limits.max_intervals, defaults.max_intervals},
        std::tuple{"max_interval_rows", s.run.limits.max_interval_rows, defaults.max_interval_rows},
        std::tuple{"max_open_cases", s.run.limits.max_open_cases, defaults.max_open_cases}}) {
    if (value != standard) out << key << " = " << static_cast<long long>(value) << "\n";
  }
}

// [targets] and a [targets.<channel>] table per channel with its own.
void write_targets(std::ostream& out, const Scenario& s) {
  out << "\n[targets]\n";
  write_target(out, s.targets.overall, s.has_deferred());
  for (const auto& [c, target] : s.targets.per_channel) {
    out << "\n[targets." << key(s.channels[c].name) << "]\n";
    write_target(out, target, s.channels[c].deferred);
  }
}

void write_segment(std::ostream& out, const Scenario& s, const Segment& segment) {
  const auto channel_name = [&](int c) { return s.channels[c].name; };
  const auto issue_name = [&](int i) { return s.issues[i].name; };
  out << "\n[[segment]]\n";
  out << "name = " << quote(segment.name) << "\n";
  if (segment.customers) {
    out << "customers = " << *segment.customers << "\n";
    out << "contact_rate = " << quote(format_rate(segment.contact_rate_per_s)) << "\n";
    out << "acquisition = " << quote(format_rate(segment.acquisition_per_s)) << "\n";
    out << "baseline_churn = " << number(segment.baseline_churn) << "\n";
  } else {
    out << "arrival_rate = " << quote(format_rate(segment.arrival_rate_per_s)) << "\n";
  }
  out << "monthly_revenue = " << number(segment.monthly_revenue) << "\n";
  out << "acquisition_cost = " << number(segment.acquisition_cost) << "\n";
  if (segment.churn) out << "churn = { " << churn_keys(*segment.churn, ", ") << " }\n";
  out << "entry = " << shares(segment.entry, channel_name) << "\n";
  out << "issues = " << shares(segment.issues, issue_name) << "\n";
  out << patience(s, segment);
  out << "priority = " << segment.priority << "\n";
  out << "recontact_share = " << number(segment.recontact_share) << "\n";
  out << "recontact_after = " << distribution(segment.recontact_after) << "\n";
  if (segment.profile) {
    out << "profile = { ";
    write_profile_keys(out, *segment.profile, ", ");
    out << " }\n";
  }
}

void write_issue(std::ostream& out, const Scenario& s, const Issue& issue) {
  out << "\n[[issue]]\n";
  out << "name = " << quote(issue.name) << "\n";
  out << handle_time(s, issue);
  out << "resolve = { ";
  for (std::size_t c = 0; c < issue.resolve.size(); ++c) {
    out << (c > 0 ? ", " : "") << key(s.channels[c].name) << " = " << number(issue.resolve[c]);
  }
  out << " }\n";
  out << "skill = " << quote(s.skills[issue.skill]) << "\n";
}

void write_channel(std::ostream& out, const Scenario& s, const Channel& channel) {
  out << "\n[[channel]]\n";
  out << "name = " << quote(channel.name) << "\n";
  out << "kind = " << quote(channel_kind_name(channel.kind)) << "\n";
  if (channel.escalate_to) {
    out << "escalate_to = " << quote(s.channels[*channel.escalate_to].name) << "\n";
  }
  out << "escalate_share = " << number(channel.escalate_share) << "\n";
  out << "context_transfer = " << boolean(channel.context_transfer) << "\n";
  out << "repeat_penalty = " << number(channel.repeat_penalty) << "\n";
  out << "cost_per_session = " << number(channel.cost_per_session) << "\n";
  out << "cost_per_resolution = " << number(channel.cost_per_resolution) << "\n";
  out << "fixed_cost_per_month = " << number(channel.fixed_cost_per_month) << "\n";
  out << "return_share = " << number(channel.return_share) << "\n";
  out << "return_after = " << distribution(channel.return_after) << "\n";
  if (channel.return_to)
    out << "return_to = " << quote(s.channels[*channel.return_to].name) << "\n";
  if (channel.kind == ChannelKind::kAgents) {
    out << "mode = " << quote(channel.deferred ? "deferred" : "live") << "\n";
    out << "concurrency = " << channel.concurrency << "\n";
    out << "handle_time_factor = " << number(channel.handle_time_factor) << "\n";
    if (channel.deferred) {
      out << "touches = " << count_distribution(channel.touches) << "\n";
      if (channel.reply_delay)
        out << "reply_delay = " << distribution(*channel.reply_delay) << "\n";
    } else {
      out << "retry_share = " << number(channel.retry_share) << "\n";
      if (channel.retry_delay)
        out << "retry_delay = " << distribution(*channel.retry_delay) << "\n";
      if (channel.callback_after_s) {
        out << "callback_after = " << duration(*channel.callback_after_s) << "\n";
        out << "callback_share = " << number(channel.callback_share) << "\n";
        out << "callback_connect = " << duration(channel.callback_connect_s) << "\n";
      }
    }
  }
  if (channel.session_time)
    out << "session_time = " << distribution(*channel.session_time) << "\n";
  if (channel.kind == ChannelKind::kAutomation && channel.max_sessions > 0)
    out << "max_sessions = " << channel.max_sessions << "\n";
  if (channel.kind == ChannelKind::kCommunity) {
    out << "answer_share = " << number(channel.answer_share) << "\n";
    out << "first_answer = " << distribution(*channel.first_answer) << "\n";
    out << "give_up_after = " << duration(channel.give_up_after_s) << "\n";
    out << "moderators = " << number(channel.moderators) << "\n";
    out << "moderator_hourly_cost = " << number(channel.moderator_hourly_cost) << "\n";
  }
}

void write_group(std::ostream& out, const Scenario& s, const Group& group) {
  out << "\n[[group]]\n";
  out << "name = " << quote(group.name) << "\n";
  out << "channels = "
      << names(group.channels, s.channels, [](const Channel& c) { return c.name; }) << "\n";
  // Left out when not given: "all skills" then also covers skills added by a later edit.
  if (!group.all_skills) {
    out << "skills = " << names(group.skills, s.skills, [](const std::string& k) { return k; })
        << "\n";
  }
  const Schedule& schedule = group.schedule;
  if (group.constant_agents) {
    out << "agents = " << (schedule.steps.empty() ? 0 : schedule.steps.front().second) << "\n";
  } else if (!schedule.csv_file.empty()) {
    out << "schedule = " << quote(schedule.csv_file) << "\n";
  } else {
    const auto slots = static_cast<long long>(std::llround(schedule.period_s / s.run.interval_s));
    out << "schedule = [";
    for (long long i = 0; i < slots; ++i) {
      out << (i > 0 ? ", " : "") << schedule.at(static_cast<double>(i) * s.run.interval_s);
    }
    out << "]\n";
  }
  out << "hourly_cost = " << number(group.hourly_cost) << "\n";
  out << "shrinkage = " << number(group.shrinkage) << "\n";
  out << "proactive_share = " << number(group.proactive_share) << "\n";
  if (group.dedicated_to)
    out << "dedicated_to = " << quote(s.segments[*group.dedicated_to].name) << "\n";
  if (group.backup_after_s) out << "backup_after = " << duration(*group.backup_after_s) << "\n";
  const bool answers_deferred = std::any_of(group.channels.begin(), group.channels.end(),
                                            [&](int c) { return s.channels[c].deferred; });
  if (answers_deferred || group.deferred_first)
    out << "deferred_first = " << boolean(group.deferred_first) << "\n";
  if (group.absenteeism > 0) out << "absenteeism = " << number(group.absenteeism) << "\n";
  if (group.max_occupancy) out << "max_occupancy = " << number(*group.max_occupancy) << "\n";
  if (group.max_agents) out << "max_agents = " << *group.max_agents << "\n";
}

// [staffing] and its [[staffing.shift]] templates, when the scenario has any.
void write_staffing(std::ostream& out, const Scenario& s) {
  const StaffingConfig& staffing = s.staffing;
  if (!staffing.shifts.empty() ||
      staffing.solver_time_limit_s != StaffingConfig{}.solver_time_limit_s) {
    out << "\n[staffing]\n";
    out << "solver_time_limit = " << duration(staffing.solver_time_limit_s) << "\n";
  }
  for (const ShiftTemplate& shift : staffing.shifts) {
    out << "\n[[staffing.shift]]\n";
    out << "name = " << quote(shift.name) << "\n";
    out << "length = " << duration(shift.length_s) << "\n";
    if (shift.start_every_s) {
      out << "start_every = " << duration(*shift.start_every_s) << "\n";
      if (shift.earliest_s)
        out << "earliest = " << quote(format_time_of_day(*shift.earliest_s)) << "\n";
      if (shift.latest_s) out << "latest = " << quote(format_time_of_day(*shift.latest_s)) << "\n";
    } else {
      out << "starts = [";
      for (std::size_t i = 0; i < shift.starts_s.size(); ++i)
        out << (i > 0 ? ", " : "") << quote(format_time_of_day(shift.starts_s[i]));
      out << "]\n";
    }
    if (!shift.days_text.empty()) out << "days = " << quote(shift.days_text) << "\n";
    if (shift.paid_break_s > 0) out << "paid_break = " << duration(shift.paid_break_s) << "\n";
    if (shift.unpaid_break_s > 0)
      out << "unpaid_break = " << duration(shift.unpaid_break_s) << "\n";
    out << "hourly_cost_factor = " << number(shift.hourly_cost_factor) << "\n";
    if (!shift.groups.empty())
      out << "groups = " << names(shift.groups, s.groups, [](const Group& g) { return g.name; })
          << "\n";
  }
}

}  // namespace

std::string scenario_to_toml(const Scenario& s) {
  std::ostringstream out;
  out << "# The fully resolved scenario: every default written out, overrides applied.\n\n";
  write_run(out, s);
  write_targets(out, s);
  out << "\n[profile]\n";
  write_profile_keys(out, s.profile, "\n");
  out << "\n";
  if (s.churn) out << "\n[churn]\n" << churn_keys(*s.churn, "\n") << "\n";

  for (const Segment& segment : s.segments) write_segment(out, s, segment);
  for (const Issue& issue : s.issues) write_issue(out, s, issue);
  for (const Channel& channel : s.channels) write_channel(out, s, channel);
  for (const Group& group : s.groups) write_group(out, s, group);
  write_staffing(out, s);
  return out.str();
}

}  // namespace supportsim
