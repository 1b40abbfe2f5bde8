#pragma once
// `--set KEY=VALUE` overrides, applied to the parsed scenario document before validation so that
// overridden values are checked like the rest and their errors name the option.
// Internal to sim/io (exposes toml++); the public entry points are in sim/io/loader.h.

#include <toml++/toml.h>

#include <vector>

#include "sim/io/loader.h"

namespace supportsim::io {

// Sets each KEY to VALUE in order, creating missing tables on the way; members of arrays of
// tables are addressed by their `name` (`segment.consumer.entry.bot`). VALUE is read as a TOML
// value (`8`, `0.4`, `true`, `[1, 2]`, `{ dist = "exponential", mean = "5m" }`), and as a string
// when it is not one (`8h`). The new values carry the source path "--set KEY=VALUE", which
// messages print instead of file:line:col.
// Throws InputError naming the option when the path addresses a missing array member or goes
// through a value that is not a table.
void apply_overrides(toml::table& root, const std::vector<Override>& overrides);

}  // namespace supportsim::io
