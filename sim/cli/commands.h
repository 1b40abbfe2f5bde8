#pragma once
// One function per subcommand (each in its own file). Each adds its subcommand to `app`
// and, when chosen, stores in `action` what to run after parsing; the action returns the exit
// status (docs/cli.md) and may throw InputError (exit 2) or other exceptions (exit 1).

#include <CLI/CLI.hpp>
#include <functional>

namespace supportsim {

using CommandAction = std::function<int()>;

void add_run_command(CLI::App& app, CommandAction& action);
void add_validate_command(CLI::App& app, CommandAction& action);
void add_erlang_command(CLI::App& app, CommandAction& action);
void add_init_command(CLI::App& app, CommandAction& action);
void add_staff_command(CLI::App& app, CommandAction& action);
void add_sweep_command(CLI::App& app, CommandAction& action);
void add_mix_command(CLI::App& app, CommandAction& action);
void add_report_command(CLI::App& app, CommandAction& action);
void add_calibrate_command(CLI::App& app, CommandAction& action);

}  // namespace supportsim
