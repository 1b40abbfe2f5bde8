#pragma once
// The `[staffing]` table and its `[[staffing.shift]]` templates (scenarios/README.md,
// "Staffing"), read for the loader. Internal to sim/io (exposes toml++).
//
// Every reader throws InputError in the loader's `file:line:col: key: expected ..., got ...`
// form: a start that is not a time of day ("HH:MM" from "00:00" to "23:59"), `earliest` after
// `latest`, a shift longer than a day or with breaks as long as the shift, an unknown day or
// group, a group that `staff` does not plan (dedicated_to).

#include <map>
#include <string>
#include <vector>

#include "sim/io/toml_reader.h"
#include "sim/model/scenario.h"

namespace supportsim::io {

// Reads `[staffing]` from `node`. `groups` are the scenario's groups (already read), in order
// with `group_names`. Records the location of the table and of each template in `locations`
// (keys `staffing` and `staffing.shift "<name>"`).
StaffingConfig read_staffing(const toml::node& node, const std::vector<Group>& groups,
                             const std::vector<std::string>& group_names, const SourceInfo& source,
                             std::map<std::string, std::string>& locations);

// "HH:MM" -> seconds after midnight, if `text` is a time of day from 00:00 to 23:59.
std::optional<double> parse_time_of_day(std::string_view text);
// "Mon-Fri", "Sat,Sun", "Mon,Wed-Fri" (ranges may wrap: "Fri-Mon") -> days, Monday first;
// nullopt when a part is not a day or range of days (`why` says which).
std::optional<std::array<bool, 7>> parse_days(std::string_view text, std::string* why = nullptr);

}  // namespace supportsim::io
