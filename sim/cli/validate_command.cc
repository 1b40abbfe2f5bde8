#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

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

const char* kind_name(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kAgents:
      return "agents";
    case ChannelKind::kSelfService:
      return "self_service";
    case ChannelKind::kAutomation:
      return "automation";
    case ChannelKind::kCommunity:
      return "community";
  }
  return "?";
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
                       format_rate(seg.arrival_rate_per_s), seg.priority,
                       shares(seg.entry, channel_name), shares(seg.issues, issue_name));
  out << "issues:\n";
  for (const Issue& issue : s.issues)
    out << fmt::format("  {}: handle time {} mean {}, skill {}\n", issue.name,
                       Distribution::kind_name(issue.handle_time.kind()),
                       format_duration(issue.handle_time.mean()), s.skills[issue.skill]);
  out << "channels:\n";
  for (const Channel& ch : s.channels)
    out << fmt::format("  {}: {}, concurrency {}{}\n", ch.name, kind_name(ch.kind), ch.concurrency,
                       ch.escalate_to
                           ? fmt::format(", escalates {:.0f}% of unresolved to {}",
                                         100 * ch.escalate_share, s.channels[*ch.escalate_to].name)
                           : std::string());
  out << "groups:\n";
  for (const Group& g : s.groups) {
    std::string channels;
    for (int c : g.channels) channels += (channels.empty() ? "" : ", ") + s.channels[c].name;
    out << fmt::format(
        "  {}: channels {}; {}; {:.2f}/paid hour, shrinkage {:.0f}%\n", g.name, channels,
        g.constant_agents ? fmt::format("{} agents", g.schedule.at(0))
                          : fmt::format("schedule of up to {} agents", g.schedule.max_agents()),
        g.hourly_cost, 100 * g.shrinkage);
  }
}

void print_load_table(std::ostream& out, const Scenario& s) {
  // One week when a weekly profile or schedule can matter, else one day; never past the run.
  const double span = std::min(s.run.warmup_s + s.run.horizon_s, kWeek);
  const std::vector<OfferedLoad> rows = offered_load_by_interval(s, 0, span);
  out << "\noffered load from entry arrivals (erlangs = cases x mean handle time / concurrency;\n"
         "escalations and retries add to it) against agents on duty:\n";
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
      print_load_table(std::cout, scenario);
      return 0;
    };
  });
}

}  // namespace supportsim
