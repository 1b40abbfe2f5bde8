#include <iostream>
#include <memory>

#include "sim/cli/commands.h"
#include "sim/cli/default_scenario.h"
#include "sim/io/atomic_file.h"

namespace supportsim {

void add_init_command(CLI::App& app, CommandAction& action) {
  auto file = std::make_shared<std::string>();
  CLI::App* init = app.add_subcommand("init", "write the built-in default scenario");
  init->add_option("file", *file, "where to write it (default: standard output)");
  init->callback([&action, file] {
    action = [file] {
      if (file->empty()) {
        std::cout << default_scenario_toml();
        return 0;
      }
      AtomicFileSet files;
      files.add(*file, std::string(default_scenario_toml()));
      files.commit();
      return 0;
    };
  });
}

}  // namespace supportsim
