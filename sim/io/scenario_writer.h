#pragma once
// Scenario -> TOML: the fully resolved scenario actually simulated (every default written out,
// overrides applied), so that loading it back gives the same Scenario.

#include <string>

#include "sim/model/scenario.h"

namespace supportsim {

std::string scenario_to_toml(const Scenario& scenario);

}  // namespace supportsim
