// `supportsim erlang`: closed-form Erlang C / Erlang A figures for a given head count, and
// sizing: the smallest head count meeting a service level, an abandonment ceiling and an
// occupancy cap, converted into the head count to schedule with --shrinkage.

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "sim/analytic/erlang.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

// The longest Erlang A queue (states) the figures for a given head count may walk: beyond it
// (patience far longer than handle time in overload) the chain would take minutes.
constexpr double kMaxQueueStates = 2e7;

struct ErlangOptions {
  std::string rate, aht, patience, within = "20s", format = "table";
  std::optional<long long> agents;
  std::optional<double> target, max_abandonment, max_occupancy, shrinkage;
  long long concurrency = 1;
};

double parse_or_throw(bool is_rate, const std::string& option, const std::string& text) {
  std::string why;
  const auto value = is_rate ? parse_rate(text, &why) : parse_duration(text, &why);
  if (!value) throw InputError(fmt::format("{} {}: {}", option, text, why));
  if (!std::isfinite(*value))
    throw InputError(fmt::format("{} {}: expected a finite value, got {}", option, text, text));
  return *value;
}

// A share option: finite and inside the range the option allows.
void check_share(const std::optional<double>& value, const char* option, double low, bool low_open,
                 double high, bool high_open, const char* range) {
  if (!value) return;
  const double v = *value;
  const bool ok =
      std::isfinite(v) && (low_open ? v > low : v >= low) && (high_open ? v < high : v <= high);
  if (!ok) throw InputError(fmt::format("{}: expected a share in {}, got {}", option, range, v));
}

struct Answer {
  int agents = 0;  // head count on duty (servers / concurrency, rounded up)
  QueueFigures figures;
};

std::string percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

void print_figures(const QueueFigures& f, int agents, bool erlang_a) {
  std::cout << fmt::format("{:>8}  {:>9}  {:>9}  {:>12}  {:>13}  {:>11}  {:>9}\n", "agents",
                           "wait prob", "ASA s", "mean wait s", "service level", "abandonment",
                           "occupancy");
  if (!f.stable) {
    std::cout << fmt::format("{:>8}  unstable: offered load >= agents, queue grows without bound\n",
                             agents);
    return;
  }
  std::cout << fmt::format(
      "{:>8}  {:>8.1f}%  {:>9.1f}  {:>12.1f}  {:>12.1f}%  {:>10.2f}%  {:>8.1f}%\n", agents,
      100 * f.wait_prob, f.asa_s, f.mean_wait_s, 100 * f.service_level,
      erlang_a ? 100 * f.abandonment : 0.0, 100 * f.occupancy);
}

nlohmann::ordered_json figures_json(const QueueFigures& f, int agents, int concurrency) {
  nlohmann::ordered_json j;
  j["agents"] = agents;
  j["servers"] = static_cast<long long>(agents) * concurrency;
  j["stable"] = f.stable;
  if (!f.stable) return j;
  j["wait_prob"] = f.wait_prob;
  j["asa_s"] = f.asa_s;
  j["mean_wait_s"] = f.mean_wait_s;
  j["service_level"] = f.service_level;
  j["abandonment"] = f.abandonment;
  j["occupancy"] = f.occupancy;
  return j;
}

// The question asked, read and checked: rates and times in seconds, concurrency k.
struct Question {
  double rate = 0, aht = 0, within = 0, load = 0;
  std::optional<double> patience;  // Erlang A when given, else Erlang C
  int k = 1;
  bool erlang_a() const { return patience.has_value(); }
  QueueFigures figures(int agents) const {
    const int servers = agents * k;
    return erlang_a() ? erlang_a_figures(rate, aht, servers, *patience, within)
                      : erlang_c_figures(rate, aht, servers, within);
  }
};

Question read_question(const ErlangOptions& o) {
  Question q;
  q.rate = parse_or_throw(true, "--rate", o.rate);
  q.aht = parse_or_throw(false, "--aht", o.aht);
  q.within = parse_or_throw(false, "--within", o.within);
  if (!o.patience.empty()) q.patience = parse_or_throw(false, "--patience", o.patience);
  if (!(q.aht > 0))
    throw InputError("--aht " + o.aht + ": expected a duration above 0, got " + o.aht);
  if (q.patience && !(*q.patience > 0))
    throw InputError("--patience " + o.patience + ": expected a duration above 0, got " +
                     o.patience);
  check_share(o.target, "--target", 0, false, 1, true, "[0, 1)");
  check_share(o.max_abandonment, "--max-abandonment", 0, true, 1, false, "(0, 1]");
  check_share(o.max_occupancy, "--max-occupancy", 0, true, 1, false, "(0, 1]");
  check_share(o.shrinkage, "--shrinkage", 0, false, 1, true, "[0, 1)");
  if (o.concurrency < 1 || o.concurrency > 1000)
    throw InputError(fmt::format(
        "--concurrency: expected sessions per agent from 1 to 1000, got {}", o.concurrency));
  q.k = static_cast<int>(o.concurrency);
  if (o.max_abandonment && !q.patience)
    throw InputError(
        "--max-abandonment: expected --patience with it (Erlang C has no abandonment), got none");
  q.load = q.rate * q.aht;
  if (!(q.load <= kMaxServers))
    throw InputError(
        fmt::format("--rate {}: expected an offered load of at most {} erlangs, got {:.4g} erlangs "
                    "({} x {})",
                    o.rate, kMaxServers, q.load, o.rate, o.aht));
  if (o.agents && (*o.agents < 1 || *o.agents * q.k > kMaxServers))
    throw InputError(fmt::format("--agents: expected a head count from 1 to {}, got {}",
                                 kMaxServers / q.k, *o.agents));

  return q;
}

// The figures at --agents (when given) and the smallest head count meeting the target.
struct Sizing {
  std::optional<Answer> given;
  SizingTarget target;
  Answer sized;
  double shrinkage = 0;
  int to_schedule = 0;
  std::string requirement;  // the target in words
};

Sizing size_agents(const ErlangOptions& o, const Question& q) {
  Sizing z;
  if (o.agents) {
    const int n = static_cast<int>(*o.agents);
    if (q.erlang_a() && (q.load - n * q.k) * *q.patience / q.aht > kMaxQueueStates)
      throw InputError(fmt::format(
          "--patience {}: expected a patience the Erlang A chain can walk at {} agents (queue "
          "of about {:.3g} callers), got one {:.3g} times the handle time",
          o.patience, n, (q.load - n * q.k) * *q.patience / q.aht, *q.patience / q.aht));
    z.given = Answer{n, q.figures(n)};
  }

  // Sizing: the service level target unless only an abandonment ceiling was asked for.
  SizingTarget& target = z.target;
  target.within_s = q.within;
  target.max_abandonment = o.max_abandonment;
  target.max_occupancy = o.max_occupancy;
  if (o.target || !o.max_abandonment) target.service_level = o.target.value_or(0.8);
  const int servers = smallest_servers(q.rate, q.aht, target, q.patience);
  if (servers < 0)
    throw InputError(
        fmt::format("--rate {}: expected a load that at most {} agents can meet, got "
                    "{:.4g} erlangs",
                    o.rate, kMaxServers / q.k, q.load));
  z.sized = Answer{(servers + q.k - 1) / q.k, {}};
  if (z.sized.agents > 0) z.sized.figures = q.figures(z.sized.agents);
  z.shrinkage = o.shrinkage.value_or(0);
  z.to_schedule = static_cast<int>(std::ceil(z.sized.agents / (1 - z.shrinkage) - 1e-9));

  std::string& requirement = z.requirement;
  if (target.service_level)
    requirement = fmt::format("service level {:.0f}% within {}", 100 * *target.service_level,
                              format_duration(q.within));
  if (target.max_abandonment)
    requirement += fmt::format("{}abandonment <= {}", requirement.empty() ? "" : " and ",
                               percent(*target.max_abandonment));
  if (target.max_occupancy)
    requirement += fmt::format(", occupancy <= {}", percent(*target.max_occupancy));
  return z;
}

void print_json(const Question& q, const Sizing& z) {
  nlohmann::ordered_json j;
  j["model"] = q.erlang_a() ? "erlang_a" : "erlang_c";
  j["rate_per_s"] = q.rate;
  j["aht_s"] = q.aht;
  j["offered_erlangs"] = q.load;
  j["within_s"] = q.within;
  if (q.patience) j["patience_s"] = *q.patience;
  j["concurrency"] = q.k;
  if (z.given) j["given"] = figures_json(z.given->figures, z.given->agents, q.k);
  nlohmann::ordered_json sizing;
  if (z.target.service_level) sizing["target_service_level"] = *z.target.service_level;
  if (z.target.max_abandonment) sizing["max_abandonment"] = *z.target.max_abandonment;
  if (z.target.max_occupancy) sizing["max_occupancy"] = *z.target.max_occupancy;
  sizing["shrinkage"] = z.shrinkage;
  sizing["agents"] = z.sized.agents;
  sizing["schedule_agents"] = z.to_schedule;
  sizing["figures"] = figures_json(z.sized.figures, z.sized.agents, q.k);
  j["sizing"] = std::move(sizing);
  std::cout << j.dump(2) << "\n";
}


void print_text(const ErlangOptions& o, const Question& q, const Sizing& z) {
  std::cout << fmt::format(
      "{}: offered load {:.3f} erlangs ({} at {} handle time{}), service level within {}\n",
      q.erlang_a() ? "Erlang A (M/M/n+M)" : "Erlang C (M/M/n)", q.load, format_rate(q.rate),
      format_duration(q.aht), q.k > 1 ? fmt::format(", {} sessions per agent", q.k) : "",
      format_duration(q.within));
  if (z.given) {
    print_figures(z.given->figures, z.given->agents, q.erlang_a());
    if (o.max_occupancy && z.given->figures.stable &&
        z.given->figures.occupancy > *o.max_occupancy + 1e-12)
      std::cout << fmt::format("occupancy {} is above the cap {}\n",
                               percent(z.given->figures.occupancy), percent(*o.max_occupancy));
    std::cout << "\n";
  }
  std::cout << fmt::format("smallest head count meeting {}: {}\n", z.requirement, z.sized.agents);
  if (z.sized.agents > 0) print_figures(z.sized.figures, z.sized.agents, q.erlang_a());
  if (o.shrinkage)
    std::cout << fmt::format("head count to schedule at {} shrinkage: {} (= {} / (1 - {}))\n",
                             percent(z.shrinkage), z.to_schedule, z.sized.agents, z.shrinkage);
}

int run_erlang(const ErlangOptions& o) {
  const Question q = read_question(o);
  const Sizing z = size_agents(o, q);
  if (o.format == "json")
    print_json(q, z);
  else
    print_text(o, q, z);
  return 0;
}

}  // namespace

void add_erlang_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<ErlangOptions>();
  CLI::App* cmd = app.add_subcommand(
      "erlang", "closed-form Erlang C / Erlang A figures, and the smallest head count");
  cmd->add_option("--rate", o->rate, "arrival rate, e.g. 1140/h")->required();
  cmd->add_option("--aht", o->aht, "mean handle time, e.g. 3m")->required();
  cmd->add_option("--agents", o->agents, "agents on duty (optional: figures for this head count)");
  cmd->add_option("--patience", o->patience, "mean patience (Erlang A); none: Erlang C");
  cmd->add_option("--within", o->within, "service-level threshold (default 20s)");
  cmd->add_option("--target", o->target,
                  "service-level target for sizing (default 0.8 unless only --max-abandonment "
                  "is given)");
  cmd->add_option("--max-abandonment", o->max_abandonment,
                  "abandonment ceiling for sizing (needs --patience)");
  cmd->add_option("--max-occupancy", o->max_occupancy,
                  "occupancy cap for sizing: never size above it");
  cmd->add_option("--shrinkage", o->shrinkage,
                  "share of paid time not available: head count to schedule = agents / (1 - "
                  "shrinkage)");
  cmd->add_option("--concurrency", o->concurrency, "sessions per agent at once (default 1)");
  cmd->add_option("--format", o->format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&action, o] { action = [o] { return run_erlang(*o); }; });
}

}  // namespace supportsim
