// supportsim: the command line. Subcommands live in sim/cli/*_command.cc; exit statuses are
// mapped here, in one place: 0 success, 2 wrong input, 1 any other failure.

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "sim/cli/commands.h"
#include "sim/core/error.h"

int main(int argc, char** argv) {
  using namespace supportsim;
  CLI::App app{"supportsim: discrete-event simulation of customer-support operations"};
  app.set_version_flag("--version", SUPPORTSIM_VERSION);
  app.require_subcommand(1);
  CommandAction action;
  add_run_command(app, action);
  add_init_command(app, action);
  add_validate_command(app, action);
  add_erlang_command(app, action);
  add_staff_command(app, action);
  add_sweep_command(app, action);
  add_mix_command(app, action);
  add_report_command(app, action);
  add_calibrate_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "supportsim: " << e.what() << "\n(see supportsim --help)\n";
    return 2;
  }
  try {
    const int status = action ? action() : 0;
    // What a command printed is part of its result: a full disk or a closed pipe is a failure.
    errno = 0;
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
      const int error = errno;
      std::cerr << "supportsim: cannot write to standard output"
                << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
      return 1;
    }
    return status;
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "supportsim: " << e.what() << "\n";
    return 1;
  }
}
