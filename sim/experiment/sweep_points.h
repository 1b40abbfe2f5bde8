#pragma once
// The points of a what-if sweep (docs/cli.md `sweep`): `--vary KEY=V1,V2,...` lists combined as a
// grid (every combination) or, with `--zip`, taken in step. Each point is a list of overrides
// applied after the command's own `--set` options.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/loader.h"

namespace supportsim {

// One `--vary KEY=V1,V2,...`.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

// Splits a value list at the commas that are outside brackets, braces and quotes, so that TOML
// arrays and inline tables can be values: `1,2` -> {"1", "2"};
// `[1, 2],{ dist = "constant", value = "1m" }` -> two values. Values are trimmed.
// Throws InputError (naming `option`) on an empty value or unbalanced brackets or quotes.
std::vector<std::string> split_values(std::string_view list, const std::string& option);

// A range `START:END:STEP` stands for START, START + STEP, ... up to END inclusive (with a
// tolerance of 1e-9 steps): numbers ("0:0.6:0.1", "40:48:2"), durations ("10s:30s:10s") or
// rates ("100/h:300/h:100/h"), all three parts of one kind. Returns the values as text, or
// nullopt when `value` is not a range (not three parts, or a first part of none of those
// kinds). Throws InputError naming `option` when STEP is not > 0, END is before START, the
// parts mix kinds, or the range has more than 10000 values.
std::optional<std::vector<std::string>> expand_range(std::string_view value,
                                                     const std::string& option);

// Parses "KEY=V1,V2,..." (split at the first '='), each value possibly a range (expand_range).
// Throws InputError naming the option.
SweepAxis parse_vary(std::string_view key_equals_values);

struct SweepPoint {
  int index = 0;
  std::vector<Override> settings;  // one per axis, in --vary order
  std::string folder;              // sub-folder name, e.g. "p03_group.tier1.agents=42"

  // "group.tier1.agents=42, run.seed=2": how messages and tables name the point.
  std::string label() const;
};

// Grid: every combination, the first axis varying slowest. Zip: the i-th value of every axis.
// Throws InputError when there is no axis, a key is varied twice, or (zip) the lists differ in
// length.
std::vector<SweepPoint> expand_points(const std::vector<SweepAxis>& axes, bool zip);

// The sub-folder of point `index` of `count`: "p" + the index zero-padded to the width of
// count - 1 (at least 2 digits) + "_" + the settings as KEY=VALUE joined by "_": spaces, quotes
// and brackets dropped, any other character but letters, digits and ._=+- replaced by "_" (runs
// collapsed), cut to 80 characters. Unique through the index; deterministic. E.g.
// "p01_segment.web.patience=dist=constant_value=2m".
std::string point_folder_name(int index, int count, const std::vector<Override>& settings);

}  // namespace supportsim
