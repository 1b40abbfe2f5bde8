#pragma once
// TOML -> Scenario (scenarios/README.md). sim/io is the only layer that includes toml++, through
// its internal headers (toml_reader.h, scenario_builder.h, ...); this public one does not.
// Every function here can fail on user input: it throws InputError whose message names the
// file, line and column (when TOML++ gives them), the key path, what was expected and what was
// found, with a "did you mean" suggestion for misspelt keys and names (docs/cli.md).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

// Longest name (run.name, segment, channel, ... names) in bytes: a run name is also a folder
// name, which file systems limit to 255 bytes with room left for temporary suffixes.
inline constexpr std::size_t kMaxNameLength = 200;

// One `--set KEY=VALUE`: a dotted path into the scenario (arrays of tables by `name`).
struct Override {
  std::string key;
  std::string value;
};
// Parses "KEY=VALUE"; throws InputError naming the option when there is no '='.
Override parse_override(std::string_view key_equals_value);

// Loads, applies overrides (before validation, so overridden values are validated like the
// rest), validates and resolves. Relative paths inside the scenario (CSV schedules, empirical
// distributions) are relative to the scenario file's folder.
Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});

// Same from a string; `source_name` is used in messages and as the default run name's stem;
// relative paths are relative to `base_dir`.
Scenario load_scenario_string(std::string_view toml, const std::string& source_name,
                              const std::vector<Override>& overrides = {},
                              const std::string& base_dir = ".");

}  // namespace supportsim
