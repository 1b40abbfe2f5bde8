#pragma once
// The loader's reading of a parsed scenario document into a Scenario (the public entry points are
// in sim/io/loader.h). One class, defined over several files, one per scenario table or concern:
//   loader.cc                 the order tables are read in, arrays of tables, name look-up
//   loader_run.cc             [run]
//   loader_channels.cc        [[channel]]
//   loader_issues.cc          [[issue]]
//   loader_segments.cc        [[segment]], with [profile] and [churn] (also segment keys)
//   loader_groups.cc          [[group]]
//   loader_targets.cc         [targets]
//   loader_distributions.cc   distribution tables, and the data files they and schedules name
//   loader_cross_checks.cc    checks across tables, and the work limits
// ([staffing] is read by sim/io/staffing_reader.h.) Each file holds the keys of its tables, as
// documented in scenarios/README.md.
// Internal to sim/io (exposes toml++).

#include <toml++/toml.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/count_distribution.h"
#include "sim/core/distribution.h"
#include "sim/io/data_files.h"
#include "sim/io/toml_reader.h"
#include "sim/model/scenario.h"

namespace supportsim::io {

inline constexpr std::string_view kDurationHint = "a duration, e.g. \"5m\"";
inline constexpr std::string_view kDistributionHint =
    "a distribution table like { dist = \"exponential\", mean = \"5m\" }";

// A number for messages about computed values (sums), without binary noise.
inline std::string rounded(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", x);
  return buffer;
}

inline std::string list_quoted(const auto& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + quote(name);
  return text;
}

// The members of one array of tables ([[segment]], ...), with their names checked and unique.
struct Member {
  const toml::table* table;
  KeyPath path;  // `segment "smb"`
  std::string name;
};

// A data file named in the scenario (an empirical distribution, a CSV schedule).
struct DataPath {
  std::string shown;   // as opened and shown in messages: relative to the working folder
  std::string stored;  // absolute, so that the written scenario loads from anywhere
};

class ScenarioBuilder {
 public:
  ScenarioBuilder(const toml::table& root, const std::string& source_name,
                  const std::string& base_dir)
      : root_(root), source_{source_name}, base_dir_(base_dir) {}

  Scenario build();

 private:
  // loader.cc
  std::vector<Member> members(std::string_view key, std::string_view kind);
  int lookup(std::string_view name, const std::vector<std::string>& names, std::string_view kind,
             const toml::source_region& where, const KeyPath& path) const;

  // loader_run.cc
  void read_run();

  // loader_channels.cc
  void read_channels();
  void read_mode(const TableReader& r, Channel& channel) const;
  void read_callbacks(const TableReader& r, Channel& channel) const;
  void read_returns(const TableReader& r, Channel& channel) const;
  void read_kind_keys(const TableReader& r, Channel& channel) const;
  ChannelKind read_kind(const toml::node& node, const KeyPath& path) const;
  void check_escalation_loops() const;

  // loader_issues.cc
  void read_issues();
  void read_handle_time(const toml::node& node, const KeyPath& path, Issue& issue) const;

  // loader_segments.cc
  Segment read_segment(const Member& m);
  void read_arrivals(const TableReader& r, Segment& segment) const;
  void read_patience(const toml::node& node, const KeyPath& path, Segment& segment) const;
  std::vector<Share> read_shares(const toml::node& node, const KeyPath& path,
                                 const std::vector<std::string>& names, std::string_view kind,
                                 bool* set) const;
  Profile read_profile(const toml::node& node, const KeyPath& path) const;
  std::vector<double> read_volumes(const toml::node& node, const KeyPath& path,
                                   std::size_t size) const;
  ChurnRule read_churn(const toml::node& node, const KeyPath& path) const;

  // loader_groups.cc
  Group read_group(const Member& m) const;
  std::vector<int> read_name_list(const toml::node& node, const KeyPath& path,
                                  const std::vector<std::string>& names,
                                  std::string_view kind) const;
  Schedule read_schedule(const toml::node& node, const KeyPath& path) const;
  void repeat_csv_schedule(Schedule& schedule, const DataPath& data, const toml::node& node,
                           const KeyPath& path) const;
  void check_dedication() const;

  // loader_targets.cc
  void read_targets();
  void read_target(const TableReader& r, ServiceTarget& target) const;

  // loader_distributions.cc
  Distribution read_distribution(const toml::node& node, const KeyPath& path) const;
  Distribution read_duration_or_distribution(const toml::node& node, const KeyPath& path) const;
  CountDistribution read_count_distribution(const toml::node& node, const KeyPath& path) const;
  static bool per_channel_table(const toml::table& table);
  DataPath resolve_path(const std::string& file) const;
  [[noreturn]] void data_file_failure(const DataFileError& error, const DataPath& data,
                                      const toml::node& at, const KeyPath& path) const;

  // loader_cross_checks.cc
  void check_coverage() const;
  std::vector<bool> reachable(const Segment& segment) const;
  void check_handle_times(const Segment& segment, int channel) const;
  void check_answered(const Segment& segment, int channel) const;
  void check_work() const;

  const toml::table& root_;
  SourceInfo source_;
  std::string base_dir_;
  std::vector<Member> segments_, issues_, channels_, groups_;
  std::vector<std::string> channel_names_, issue_names_, segment_names_;
  std::vector<const toml::node*> escalate_nodes_;  // per channel, null when not given
  Scenario scenario_;
};

}  // namespace supportsim::io
