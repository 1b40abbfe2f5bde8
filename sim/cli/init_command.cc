// `supportsim init [FILE]`: the built-in default scenario as a starting point, on standard
// output or in FILE (named after FILE, so that its results go to results/<stem>/).

#include <filesystem>
#include <iostream>
#include <memory>
#include <string_view>

#include "sim/cli/commands.h"
#include "sim/cli/default_scenario.h"
#include "sim/core/error.h"
#include "sim/output/atomic_file.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

struct InitOptions {
  std::string file;  // empty: standard output
  bool force = false;
};

// The default scenario with its [run] name replaced by `name` (the first `name = ` line after
// the `[run]` header; the loader checks the result like any scenario).
std::string renamed(std::string_view toml, const std::string& name) {
  std::string text(toml);
  const std::size_t run = text.find("\n[run]\n");
  const std::size_t line = run == std::string::npos ? run : text.find("\nname = ", run + 1);
  if (line == std::string::npos) return text;
  const std::size_t value = line + 8, end = text.find('\n', value);
  return text.replace(value, end - value, "\"" + name + "\"");
}

// A run name from a file's stem: characters that names may not hold become '_'.
std::string name_from_stem(const fs::path& file) {
  std::string name = file.stem().string();
  for (char& c : name)
    if (c == '.' || c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = '_';
  if (name.size() > kMaxNameLength) name.resize(kMaxNameLength);
  return name.empty() ? "scenario" : name;
}

int run_init(const InitOptions& o) {
  if (o.file.empty()) {
    std::cout << default_scenario_toml();
    return 0;
  }
  const fs::path file(o.file);
  std::error_code error;
  const fs::file_status status = fs::status(file, error);
  if (fs::is_directory(status))
    throw InputError(o.file + ": is a folder, expected the path of a scenario file to write");
  if (fs::exists(status) && !o.force)
    throw InputError(o.file + ": already exists; give --force to overwrite it");
  const std::string text = renamed(default_scenario_toml(), name_from_stem(file));
  load_scenario_string(text, o.file);  // the written scenario must load as it is
  AtomicFileSet files;
  files.add(o.file, text);
  files.commit();
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand(
      "init",
      "write the built-in default scenario as a starting point; in FILE its run.name is FILE's "
      "stem, so that its results go to results/<stem>/");
  init->add_option("file", o->file,
                   "where to write it (default: standard output); an existing FILE is kept "
                   "unless --force is given");
  init->add_flag("--force", o->force, "overwrite FILE if it exists");
  init->callback([&action, o] { action = [o] { return run_init(*o); }; });
}

}  // namespace supportsim
