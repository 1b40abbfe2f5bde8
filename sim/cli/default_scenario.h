#pragma once
// The built-in default scenario: scenarios/default.toml, compiled in at build time.

#include <string_view>

namespace supportsim {

std::string_view default_scenario_toml();
inline constexpr const char* kDefaultScenarioName = "default.toml";

}  // namespace supportsim
