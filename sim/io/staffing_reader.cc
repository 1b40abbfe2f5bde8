#include "sim/io/staffing_reader.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>

#include "sim/core/text.h"
#include "sim/core/units.h"

namespace supportsim::io {
namespace {

constexpr std::array<std::string_view, 2> kStaffingKeys = {"shift", "solver_time_limit"};
constexpr std::array<std::string_view, 11> kShiftKeys = {
    "name", "length",     "starts",       "start_every",        "earliest", "latest",
    "days", "paid_break", "unpaid_break", "hourly_cost_factor", "groups"};
constexpr std::array<std::string_view, 7> kDayNames = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
constexpr std::string_view kTimeHint = "a time of day \"HH:MM\" from \"00:00\" to \"23:59\"";

int day_index(std::string_view name) {
  for (std::size_t d = 0; d < kDayNames.size(); ++d)
    if (name.size() == 3 &&
        std::equal(name.begin(), name.end(), kDayNames[d].begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return static_cast<int>(d);
  return -1;
}

double read_time(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  if (!node.is_string())
    fail(node, path, "expected " + std::string(kTimeHint) + ", got " + describe(node), source);
  const auto t = parse_time_of_day(node.as_string()->get());
  if (!t)
    fail(node, path, "expected " + std::string(kTimeHint) + ", got " + value_text(node), source);
  return *t;
}

class ShiftReader {
 public:
  ShiftReader(const std::vector<Group>& groups, const std::vector<std::string>& group_names,
              const SourceInfo& source)
      : groups_(groups), group_names_(group_names), source_(source) {}

  ShiftTemplate read(const toml::table& table, const KeyPath& path, const std::string& name) const {
    TableReader r(table, path, source_);
    r.check_keys(kShiftKeys);
    ShiftTemplate shift;
    shift.name = name;
    const toml::node& length = r.require("length", "a duration, e.g. \"8h30m\"");
    shift.length_s = read_duration(length, r.path("length"), source_);
    if (!(shift.length_s > 0) || shift.length_s > kDay)
      fail(length, r.path("length"),
           "expected a shift length above 0 and at most a day, got " + value_text(length), source_);
    read_starts(r, shift);
    if (const toml::node* days = r.find("days")) {
      const std::string text = read_string(*days, r.path("days"), source_);
      std::string why;
      const auto parsed = parse_days(text, &why);
      if (!parsed)
        fail(*days, r.path("days"),
             "expected days like \"Mon-Fri\" or \"Sat,Sun\", got " + quote(text) + " (" + why + ")",
             source_);
      shift.days = *parsed;
      shift.days_text = text;
    }
    shift.paid_break_s = r.duration("paid_break").value_or(0);
    shift.unpaid_break_s = r.duration("unpaid_break").value_or(0);
    for (const char* key : {"paid_break", "unpaid_break"})
      if (const toml::node* node = r.find(key);
          node && read_duration(*node, r.path(key), source_) < 0)
        fail(*node, r.path(key), "must not be negative, got " + value_text(*node), source_);
    if (shift.break_s() >= shift.length_s) {
      const char* key = r.find("unpaid_break") ? "unpaid_break" : "paid_break";
      r.fail_at(key, "expected breaks shorter than the shift's length " +
                         quote(format_duration(shift.length_s)) + ", got " +
                         quote(format_duration(shift.break_s())) + " in all");
    }
    if (const toml::node* factor = r.find("hourly_cost_factor")) {
      shift.hourly_cost_factor = read_number(*factor, r.path("hourly_cost_factor"), source_);
      if (!(shift.hourly_cost_factor > 0))
        fail(*factor, r.path("hourly_cost_factor"),
             "expected a multiplier above 0, got " + value_text(*factor), source_);
    }
    if (const toml::node* node = r.find("groups")) read_groups(*node, r.path("groups"), shift);
    return shift;
  }

 private:
  void read_starts(const TableReader& r, ShiftTemplate& shift) const {
    const toml::node* starts = r.find("starts");
    const toml::node* every = r.find("start_every");
    if (starts && every) r.fail_at("start_every", "give either starts or start_every, not both");
    for (const char* key : {"earliest", "latest"})
      if (r.find(key) && !every) r.fail_at(key, "applies only with start_every");
    if (!starts && !every)
      r.fail_here(
          "missing required key \"starts\" (an array of times of day like [\"07:00\", \"08:30\"]) "
          "or \"start_every\" (a duration, with earliest and latest)");
    if (starts) {
      const toml::array& array = read_array(*starts, r.path("starts"),
                                            "an array of times of day like [\"07:00\"]", source_);
      if (array.empty())
        fail(*starts, r.path("starts"), "expected at least one start time, got an empty array",
             source_);
      for (const toml::node& element : array) {
        const double t = read_time(element, r.path("starts"), source_);
        if (std::find(shift.starts_s.begin(), shift.starts_s.end(), t) != shift.starts_s.end())
          fail(element, r.path("starts"), value_text(element) + " is listed twice", source_);
        shift.starts_s.push_back(t);
      }
      std::sort(shift.starts_s.begin(), shift.starts_s.end());
      return;
    }
    const double step = read_duration(*every, r.path("start_every"), source_);
    if (!(step >= 60) || step > kDay)
      fail(*every, r.path("start_every"),
           "expected a duration from \"1m\" to \"1d\", got " + value_text(*every), source_);
    const double earliest =
        r.find("earliest") ? read_time(*r.find("earliest"), r.path("earliest"), source_) : 0;
    const double latest =
        r.find("latest") ? read_time(*r.find("latest"), r.path("latest"), source_) : kDay - 60;
    if (latest < earliest)
      r.fail_at("latest", "expected a time at or after earliest " +
                              quote(format_time_of_day(earliest)) + ", got " +
                              quote(format_time_of_day(latest)));
    shift.start_every_s = step;
    if (r.find("earliest")) shift.earliest_s = earliest;
    if (r.find("latest")) shift.latest_s = latest;
    for (double t = earliest; t <= latest + 1e-9; t += step) shift.starts_s.push_back(t);
  }

  void read_groups(const toml::node& node, const KeyPath& path, ShiftTemplate& shift) const {
    const toml::array& array = read_array(node, path, "an array of group names", source_);
    if (array.empty())
      fail(node, path, "expected an array of group names, got an empty array", source_);
    for (const toml::node& element : array) {
      const std::string name = read_string(element, path, source_);
      const auto it = std::find(group_names_.begin(), group_names_.end(), name);
      if (it == group_names_.end())
        fail(element, path,
             "no group named " + quote(name) + name_suggestion(name, group_names_, "groups"),
             source_);
      const int g = static_cast<int>(it - group_names_.begin());
      if (groups_[g].dedicated_to)
        fail(element, path,
             "expected a group that staff plans, got " + quote(name) +
                 " (dedicated_to: its named agents are not planned)",
             source_);
      if (std::find(shift.groups.begin(), shift.groups.end(), g) != shift.groups.end())
        fail(element, path, quote(name) + " is listed twice", source_);
      shift.groups.push_back(g);
    }
  }

  const std::vector<Group>& groups_;
  const std::vector<std::string>& group_names_;
  const SourceInfo& source_;
};

}  // namespace

std::optional<double> parse_time_of_day(std::string_view text) {
  const std::string t(trim(text));
  const auto colon = t.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || t.size() != colon + 3)
    return std::nullopt;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (i != colon && !std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
  const int hours = std::stoi(t.substr(0, colon)), minutes = std::stoi(t.substr(colon + 1));
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 3600.0 + minutes * 60.0;
}

std::optional<std::array<bool, 7>> parse_days(std::string_view text, std::string* why) {
  std::array<bool, 7> days{};
  std::string rest(text);
  bool any = false;
  for (std::size_t start = 0; start <= rest.size();) {
    const std::size_t comma = std::min(rest.find(',', start), rest.size());
    const std::string part(trim(std::string_view(rest).substr(start, comma - start)));
    start = comma + 1;
    const auto dash = part.find('-');
    const int first = day_index(trim(part.substr(0, dash)));
    const int last = dash == std::string::npos ? first : day_index(trim(part.substr(dash + 1)));
    if (first < 0 || last < 0) {
      if (why)
        *why = (part.empty() ? std::string("an empty part") : quote(part) + " is not a day") +
               "; days are Mon, Tue, Wed, Thu, Fri, Sat, Sun";
      return std::nullopt;
    }
    for (int d = first;; d = (d + 1) % 7) {
      days[d] = true;
      if (d == last) break;
    }
    any = true;
    if (comma >= rest.size()) break;
  }
  if (!any) return std::nullopt;
  return days;
}

StaffingConfig read_staffing(const toml::node& node, const std::vector<Group>& groups,
                             const std::vector<std::string>& group_names, const SourceInfo& source,
                             std::map<std::string, std::string>& locations) {
  const KeyPath path = KeyPath::table("staffing");
  TableReader r(read_table(node, path, "a table [staffing]", source), path, source);
  r.check_keys(kStaffingKeys);
  locations["staffing"] = location(node.source(), source.name);
  StaffingConfig config;
  if (const toml::node* limit = r.find("solver_time_limit")) {
    config.solver_time_limit_s = read_duration(*limit, r.path("solver_time_limit"), source);
    if (!(config.solver_time_limit_s >= 0.1) || config.solver_time_limit_s > kDay)
      fail(*limit, r.path("solver_time_limit"),
           "expected a duration from \"0.1s\" to \"1d\", got " + value_text(*limit), source);
  }
  const toml::node* shifts = r.find("shift");
  if (!shifts) return config;
  const toml::array* array = shifts->as_array();
  if (!array ||
      !std::all_of(array->begin(), array->end(), [](const auto& n) { return n.is_table(); }))
    fail(*shifts, r.path("shift"),
         "expected an array of tables [[staffing.shift]], got " + describe(*shifts), source);
  const ShiftReader reader(groups, group_names, source);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    const KeyPath numbered = KeyPath::member_number("staffing.shift", i + 1);
    const toml::node& name_node =
        TableReader(table, numbered, source).require("name", "a unique name");
    const std::string name = read_name(name_node, numbered / "name", source);
    if (std::find(names.begin(), names.end(), name) != names.end())
      fail(name_node, numbered / "name", "duplicate name " + quote(name), source);
    names.push_back(name);
    const KeyPath member = KeyPath::member("staffing.shift", name);
    config.shifts.push_back(reader.read(table, member, name));
    locations[member.text()] = location(table.source(), source.name);
  }
  return config;
}

}  // namespace supportsim::io
