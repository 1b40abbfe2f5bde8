#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>

#include "sim/analytic/erlang.h"
#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

struct ErlangOptions {
  std::string rate, aht, patience, within = "20s";
  int agents = 0;
  double target = 0.8;
  std::optional<double> max_abandonment;
};

double parse_or_throw(bool is_rate, const std::string& option, const std::string& text) {
  std::string why;
  const auto value = is_rate ? parse_rate(text, &why) : parse_duration(text, &why);
  if (!value) throw InputError(fmt::format("{} {}: {}", option, text, why));
  return *value;
}

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

}  // namespace

void add_erlang_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<ErlangOptions>();
  CLI::App* cmd = app.add_subcommand("erlang", "closed-form Erlang C / Erlang A figures");
  cmd->add_option("--rate", o->rate, "arrival rate, e.g. 1140/h")->required();
  cmd->add_option("--aht", o->aht, "mean handle time, e.g. 3m")->required();
  cmd->add_option("--agents", o->agents, "agents on duty")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--patience", o->patience, "mean patience (Erlang A); none: Erlang C");
  cmd->add_option("--within", o->within, "service-level threshold (default 20s)");
  cmd->add_option("--target", o->target, "service-level target for sizing (default 0.8)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-abandonment", o->max_abandonment, "abandonment ceiling for sizing")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([&action, o] {
    action = [o] {
      const double rate = parse_or_throw(true, "--rate", o->rate);
      const double aht = parse_or_throw(false, "--aht", o->aht);
      const double within = parse_or_throw(false, "--within", o->within);
      std::optional<double> patience;
      if (!o->patience.empty()) patience = parse_or_throw(false, "--patience", o->patience);
      if (aht <= 0) throw InputError("--aht " + o->aht + ": must be > 0");
      if (patience && *patience <= 0)
        throw InputError("--patience " + o->patience + ": must be > 0");
      const bool erlang_a = patience.has_value();
      const double load = rate * aht;
      std::cout << fmt::format(
          "{}: offered load {:.3f} erlangs ({} at {} handle time), "
          "service level within {}\n",
          erlang_a ? "Erlang A (M/M/n+M)" : "Erlang C (M/M/n)", load, format_rate(rate),
          format_duration(aht), format_duration(within));
      auto figures = [&](int n) {
        return erlang_a ? erlang_a_figures(rate, aht, n, *patience, within)
                        : erlang_c_figures(rate, aht, n, within);
      };
      print_figures(figures(o->agents), o->agents, erlang_a);
      const int needed =
          smallest_agents(rate, aht, within, o->target, o->max_abandonment, patience);
      std::cout << fmt::format(
          "\nsmallest head count meeting service level {:.0f}% within {}{}: {}\n", 100 * o->target,
          format_duration(within),
          o->max_abandonment ? fmt::format(" and abandonment <= {:.1f}%", 100 * *o->max_abandonment)
                             : "",
          needed);
      print_figures(figures(needed), needed, erlang_a);
      return 0;
    };
  });
}

}  // namespace supportsim
