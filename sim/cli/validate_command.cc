#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <memory>

#include "sim/analytic/erlang.h"
#include "sim/cli/commands.h"
#include "sim/cli/simulation_options.h"
#include "sim/core/units.h"
#include "sim/model/offered_load.h"

namespace supportsim {
namespace {

std::string shares(const std::vector<Share>& list, auto name_of) {
  std::string out;
  for (const Share& s : list)
    out += fmt::format("{}{} {:.0f}%", out.empty() ? "" : ", ", name_of(s.index), 100 * s.share);
  return out;
}

// "Mon 10:30": simulation time 0 is Monday 00:00.
std::string week_clock(double t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const long minutes = static_cast<long>(t / kMinute);
  const long day = minutes / (24 * 60);
  return fmt::format("{} {:02}:{:02}", kDays[day % 7], minutes / 60 % 24, minutes % 60);
}

std::string distribution_text(const Distribution& d) {
  return fmt::format("{} mean {}", Distribution::kind_name(d.kind()), format_duration(d.mean()));
}

// What limits a channel of this kind, and where its unresolved cases go.
std::string channel_text(const Scenario& s, const Channel& ch) {
  std::string text = channel_kind_name(ch.kind);
  switch (ch.kind) {
    case ChannelKind::kAgents:
      text += fmt::format(", concurrency {}", ch.concurrency);
      if (ch.deferred) {
        text += fmt::format(", deferred (backlog, no patience), {:g} touches per case",
                            ch.touches.mean());
        if (ch.reply_delay) text += ", reply after " + distribution_text(*ch.reply_delay);
      }
      if (ch.callback_after_s)
        text += fmt::format(", {:.0f}% of callers still waiting at {} accept a callback",
                            100 * ch.callback_share, format_duration(*ch.callback_after_s));
      if (ch.retry_share > 0)
        text += fmt::format(", {:.0f}% of abandoners retry after {}", 100 * ch.retry_share,
                            distribution_text(*ch.retry_delay));
      break;
    case ChannelKind::kSelfService:
      text += ", unlimited sessions, session time " + distribution_text(*ch.session_time);
      break;
    case ChannelKind::kAutomation:
      text += ch.max_sessions > 0 ? fmt::format(", at most {} sessions at once", ch.max_sessions)
                                  : std::string(", unlimited sessions");
      text += ", session time " + distribution_text(*ch.session_time);
      break;
    case ChannelKind::kCommunity:
      text += fmt::format(", {:.0f}% of posts answered", 100 * ch.answer_share);
      if (ch.first_answer) text += ", first answer " + distribution_text(*ch.first_answer);
      text += ", give up after " + format_duration(ch.give_up_after_s);
      if (ch.moderators > 0)
        text += fmt::format(", {:g} moderator{}", ch.moderators, ch.moderators == 1 ? "" : "s");
      break;
  }
  if (ch.escalate_to)
    text += fmt::format(", escalates {:.0f}% of unresolved to {}{}", 100 * ch.escalate_share,
                        s.channels[*ch.escalate_to].name,
                        ch.context_transfer ? " (context transferred)" : "");
  return text;
}

// Open arrivals, or a population's expected case rate at the start (a product: shown to four
// significant digits per day, as planners quote volumes, not as an exact rate).
std::string arrivals_text(const Segment& seg) {
  if (!seg.customers) return format_rate(seg.arrival_rate_per_s);
  return fmt::format("{} customers x {} = {:.4g}/d cases at the start", *seg.customers,
                     format_rate(seg.contact_rate_per_s), expected_case_rate(seg, 0) * 86400);
}

void describe(std::ostream& out, const Scenario& s) {
  out << fmt::format(
      "scenario \"{}\" is valid: horizon {}, warm-up {}, {} replications, seed {}, "
      "interval {}\n\n",
      s.run.name, format_duration(s.run.horizon_s), format_duration(s.run.warmup_s),
      s.run.replications, s.run.seed, format_duration(s.run.interval_s));
  auto channel_name = [&](int i) { return s.channels[i].name; };
  auto issue_name = [&](int i) { return s.issues[i].name; };
  out << "segments:\n";
  for (const Segment& seg : s.segments)
    out << fmt::format("  {}: {} (priority {}), entry: {}; issues: {}\n", seg.name,
                       arrivals_text(seg), seg.priority, shares(seg.entry, channel_name),
                       shares(seg.issues, issue_name));
  out << "issues:\n";
  for (const Issue& issue : s.issues)
    out << fmt::format("  {}: handle time {}, skill {}\n", issue.name,
                       distribution_text(issue.handle_time), s.skills[issue.skill]);
  out << "channels:\n";
  for (const Channel& ch : s.channels)
    out << fmt::format("  {}: {}\n", ch.name, channel_text(s, ch));
  out << "groups:\n";
  for (const Group& g : s.groups) {
    std::string channels;
    for (int c : g.channels) channels += (channels.empty() ? "" : ", ") + s.channels[c].name;
    std::string dedicated;
    if (g.dedicated_to) {
      dedicated = "; dedicated to " + s.segments[*g.dedicated_to].name;
      if (g.backup_after_s)
        dedicated += " (general queue after " + format_duration(*g.backup_after_s) + ")";
    }
    out << fmt::format(
        "  {}: channels {}; {}; {:.2f}/paid hour, shrinkage {:.0f}%{}\n", g.name, channels,
        g.constant_agents
            ? fmt::format("{} agent{}", g.schedule.at(0), g.schedule.at(0) == 1 ? "" : "s")
            : fmt::format("schedule of up to {} agent{}", g.schedule.max_agents(),
                          g.schedule.max_agents() == 1 ? "" : "s"),
        g.hourly_cost, 100 * g.shrinkage, dedicated);
  }
}

// Share of offers that abandon, from Erlang A at the agents on duty (exact for exponential
// patience; in deep overload, where that chain is long, the fluid limit 1 - capacity / load).
double abandon_share(double rate, double handle_s, int servers, double patience_s) {
  if (!(rate > 0) || !(handle_s > 0)) return 0;
  if (servers <= 0) return 1;
  const double erlangs = rate * handle_s;
  if (patience_s > 1e5 || servers > 20000 || erlangs > 2.0 * servers)
    return std::max(0.0, 1 - servers / erlangs);
  return erlang_a_figures(rate, handle_s, servers, patience_s,
                          std::numeric_limits<double>::infinity())
      .abandonment;
}

// Adds the expected retries of abandoners to each row: with a share p of offers abandoning and a
// share r of those trying again, every offer brings 1 / (1 - p r) offers in all (retries count
// in the interval of the offer they repeat). p grows with the retries: a few rounds settle it.
void add_retries(const Scenario& s, std::vector<OfferedLoad>& rows) {
  const double width = s.run.interval_s;
  for (OfferedLoad& row : rows) {
    const Channel& ch = s.channels[row.channel];
    if (!(ch.retry_share > 0) || !(row.cases > 0) || !(row.abandon_weight > 0)) continue;
    const double handle_s = row.erlangs * width * ch.concurrency / row.cases;
    const double patience_s = row.cases / row.abandon_weight;
    double multiplier = 1;
    for (int round = 0; round < 5; ++round) {
      const double p = abandon_share(row.cases * multiplier / width, handle_s,
                                     row.agents * ch.concurrency, patience_s);
      multiplier = 1 / std::max(1e-3, 1 - p * ch.retry_share);
    }
    row.cases *= multiplier;
    row.erlangs *= multiplier;
    row.abandon_weight *= multiplier;
  }
}

void print_load(std::ostream& out, const Scenario& s) {
  // One week when a weekly profile or schedule can matter, else one day; never past the run.
  const double run_end = s.run.warmup_s + s.run.horizon_s;
  const double span = std::min(run_end, kWeek);
  std::vector<OfferedLoad> rows = offered_load_by_interval(s, 0, span, run_end >= kWeek);
  add_retries(s, rows);

  out << "\nexpected offered load of the agents channels: entry arrivals, escalations from every\n"
         "channel and retries of abandoners (erlangs = offers x mean handle time / interval /\n"
         "concurrency; an escalation counts when it is expected to reach the channel)\n";
  // The peak first: the weekly table below is long.
  out << fmt::format("\npeak over {}:\n", span >= kWeek ? "the week" : format_duration(span));
  out << fmt::format("  {:<14}  {:>12}  {:>10}  {:>14}  {:>12}\n", "channel", "peak erlangs", "at",
                     "agents on duty", "mean erlangs");
  for (std::size_t c = 0; c < s.channels.size(); ++c) {
    if (s.channels[c].kind != ChannelKind::kAgents) continue;
    const OfferedLoad* peak = nullptr;
    double total = 0;
    int count = 0;
    for (const OfferedLoad& r : rows) {
      if (r.channel != static_cast<int>(c)) continue;
      total += r.erlangs, ++count;
      if (!peak || r.erlangs > peak->erlangs) peak = &r;
    }
    if (!peak) continue;
    const bool short_of_load = peak->erlangs > peak->agents;
    out << fmt::format("  {:<14}  {:>12.2f}  {:>10}  {:>14}  {:>12.2f}{}\n", s.channels[c].name,
                       peak->erlangs, week_clock(peak->interval_start_s), peak->agents,
                       total / count, short_of_load ? "  (fewer agents than erlangs)" : "");
  }

  out << "\nby interval:\n";
  out << fmt::format("{:>10}  {:<12}  {:>10}  {:>10}  {:>8}\n", "start", "channel", "cases",
                     "erlangs", "agents");
  for (const OfferedLoad& r : rows)
    out << fmt::format("{:>10}  {:<12}  {:>10.1f}  {:>10.2f}  {:>8}\n",
                       week_clock(r.interval_start_s), s.channels[r.channel].name, r.cases,
                       r.erlangs, r.agents);
}

}  // namespace

void add_validate_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<SimulationOptions>();
  CLI::App* validate =
      app.add_subcommand("validate", "load and check a scenario, print what it describes");
  validate->add_option("scenario", options->scenario_file, "scenario file")->required();
  validate->add_option("--set", options->sets, "override a scenario key: KEY=VALUE (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  validate->callback([&action, options] {
    action = [options] {
      const Scenario scenario = load_scenario(*options);
      std::cerr << set_shares_text(scenario);
      describe(std::cout, scenario);
      print_load(std::cout, scenario);
      return 0;
    };
  });
}

}  // namespace supportsim
