#include "sim/io/loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/limits.h"
#include "sim/io/overrides.h"
#include "sim/io/scenario_builder.h"
#include "sim/io/sha256.h"
#include "sim/io/staffing_reader.h"

namespace supportsim {
namespace io {

namespace {

constexpr std::array<std::string_view, 9> kTopKeys = {
    "run", "targets", "profile", "segment", "issue", "channel", "group", "churn", "staffing"};

}  // namespace

Scenario ScenarioBuilder::build() {
  TableReader(root_, KeyPath(), source_).check_keys(kTopKeys);
  segments_ = members("segment", "segment");
  issues_ = members("issue", "issue");
  channels_ = members("channel", "channel");
  groups_ = members("group", "group");
  for (const Member& m : channels_) channel_names_.push_back(m.name);
  for (const Member& m : issues_) issue_names_.push_back(m.name);
  for (const Member& m : segments_) segment_names_.push_back(m.name);

  read_run();
  if (segments_.empty()) {
    fail(root_, KeyPath(), "missing required [[segment]] (at least one customer segment)", source_);
  }
  read_channels();
  check_escalation_loops();
  read_issues();
  if (const toml::node* node = root_.get("profile")) {
    scenario_.profile = read_profile(*node, KeyPath::table("profile"));
  }
  if (const toml::node* node = root_.get("churn")) {
    scenario_.churn = read_churn(*node, KeyPath::table("churn"));
  }
  for (const Member& m : segments_) scenario_.segments.push_back(read_segment(m));
  for (const Member& m : groups_) {
    scenario_.groups.push_back(read_group(m));
    scenario_.locations[m.path.text()] = location(m.table->source(), source_.name);
    for (const char* key : {"max_agents", "max_occupancy"})
      if (const toml::node* node = m.table->get(key))
        scenario_.locations[(m.path / key).text()] = location(node->source(), source_.name);
  }
  check_dedication();
  if (const toml::node* node = root_.get("staffing")) {
    std::vector<std::string> group_names;
    for (const Member& m : groups_) group_names.push_back(m.name);
    scenario_.staffing =
        read_staffing(*node, scenario_.groups, group_names, source_, scenario_.locations);
  }
  read_targets();
  check_coverage();
  check_work();
  return std::move(scenario_);
}

std::vector<Member> ScenarioBuilder::members(std::string_view key, std::string_view kind) {
  std::vector<Member> out;
  const toml::node* node = root_.get(key);
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  const bool tables = array != nullptr && std::all_of(array->begin(), array->end(),
                                                      [](const auto& n) { return n.is_table(); });
  if (!tables) {
    fail(*node, KeyPath::table(key),
         "expected an array of tables [[" + std::string(key) + "]], got " + describe(*node),
         source_);
  }
  std::map<std::string, const toml::node*> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *array->get(i)->as_table();
    const KeyPath numbered = KeyPath::member_number(kind, i + 1);
    const toml::node& name_node =
        TableReader(table, numbered, source_).require("name", "a unique name");
    std::string name = read_name(name_node, numbered / "name", source_);
    if (auto [it, fresh] = seen.emplace(name, &name_node); !fresh) {
      fail(name_node, numbered / "name",
           "duplicate name " + quote(name) + " (first used at " +
               location(it->second->source(), source_.name) + ")",
           source_);
    }
    out.push_back({&table, KeyPath::member(kind, name), std::move(name)});
  }
  return out;
}

// Index of `name` among `names`, else an error at `where` ("no channel named ...").
int ScenarioBuilder::lookup(std::string_view name, const std::vector<std::string>& names,
                            std::string_view kind, const toml::source_region& where,
                            const KeyPath& path) const {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  fail(where, path,
       "no " + std::string(kind) + " named " + quote(name) +
           name_suggestion(name, names, std::string(kind) + "s"),
       source_);
}

}  // namespace io

Scenario load_scenario_string(std::string_view toml, const std::string& source_name,
                              const std::vector<Override>& overrides, const std::string& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml, std::string_view(source_name));
  } catch (const toml::parse_error& error) {
    throw InputError(io::location(error.source(), source_name) + ": " +
                     std::string(error.description()));
  }
  io::apply_overrides(root, overrides);
  Scenario scenario = io::ScenarioBuilder(root, source_name, base_dir).build();
  scenario.sha256 = sha256_hex(toml);
  return scenario;
}

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError(path + ": cannot read file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read file: " + std::strerror(errno));
  // Read no more than the limit allows, whatever the file is (a device, a pipe, /dev/zero).
  std::string bytes;
  char chunk[65536];
  while (bytes.size() <= kMaxScenarioFileBytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(path + ": cannot read file: " + std::strerror(errno));
  if (bytes.size() > kMaxScenarioFileBytes)
    throw InputError(path + ": expected a scenario file of at most 16 MiB, got more");
  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  Scenario scenario = load_scenario_string(bytes, path, overrides, base_dir);
  scenario.file = path;
  return scenario;
}

}  // namespace supportsim
