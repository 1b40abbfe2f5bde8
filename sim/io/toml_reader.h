#pragma once
// Typed, located access to a parsed TOML document, for the loader. Every reader either returns a
// valid value or throws InputError in the docs/cli.md form
//   <where>: <key path>: <expected>, got <found>
// where <where> is "file:line:col", or "--set KEY=VALUE" for a value that came from an override
// (apply_overrides parses those with that text as the source path).
// Internal to sim/io: this header exposes toml++, which no other layer includes.

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace supportsim::io {

// Marks the source path of values that came from `--set`; such locations print as the path alone.
inline constexpr std::string_view kOverrideSourcePrefix = "--set ";

// "file:line:col" of `where`, the option text for override values, or `fallback` when the region
// has no source (nodes built in code).
std::string location(const toml::source_region& where, std::string_view fallback);

// The closest of `candidates` to `word` by optimal-string-alignment distance, if it is close
// enough to be a likely typo: distance <= 2 or <= a third of the word, and less than the word's
// length; else the only candidate that starts with a word of 3 or more characters ("expo").
// Ties go to the earlier candidate.
std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates);

// What to append to "no <kind> named "<word>"": ` (did you mean "x"?)` when one name is close,
// else ` (known <plural>: "a", "b")`, or ` (there are no <plural>)`.
std::string name_suggestion(std::string_view word, std::span<const std::string> names,
                            std::string_view plural);

// `"text"` as a TOML basic string (quotes and escapes), also used to quote names in messages.
std::string quote(std::string_view text);
// Shortest text that reads back as exactly `x` ("0.8", "1e-06", "3").
std::string format_number(double x);
// A found value with its type, for type errors: integer 20, string "ten", float 1.5, boolean true.
std::string describe(const toml::node& node);
// A found value alone, for range errors: 20, 1.4, "8h".
std::string value_text(const toml::node& node);

// A key path as printed in messages: `run.horizon`, `targets.chat.answer_within`, or for a
// member of an array of tables `segment "smb" entry.bot` (`segment #2` when the name is bad).
class KeyPath {
 public:
  KeyPath() = default;  // the document root: messages carry no path
  static KeyPath table(std::string_view key) { return KeyPath(std::string(key), false); }
  static KeyPath member(std::string_view kind, std::string_view name) {
    return KeyPath(std::string(kind) + " " + quote(name), true);
  }
  static KeyPath member_number(std::string_view kind, std::size_t number) {
    return KeyPath(std::string(kind) + " #" + std::to_string(number), true);
  }
  KeyPath operator/(std::string_view key) const;
  bool is_root() const { return text_.empty(); }
  const std::string& text() const { return text_; }

 private:
  KeyPath(std::string text, bool after_name) : text_(std::move(text)), after_name_(after_name) {}
  std::string text_;
  bool after_name_ = false;  // the next key follows a space, not a dot
};

// Everything a reader needs besides the node: the name used when a node has no location.
struct SourceInfo {
  std::string name;  // file path as given, or the string source's name
};

[[noreturn]] void fail(const toml::source_region& where, const KeyPath& path,
                       std::string_view message, const SourceInfo& source);
[[noreturn]] void fail(const toml::node& at, const KeyPath& path, std::string_view message,
                       const SourceInfo& source);

// Value readers. `path` names the value; each checks type and range and throws on mismatch.
std::string read_string(const toml::node& node, const KeyPath& path, const SourceInfo& source);
// A name usable as a folder name and in `--set` paths: 1 to kMaxNameLength bytes, no '.', '/',
// '\' or control characters (NUL included).
std::string read_name(const toml::node& node, const KeyPath& path, const SourceInfo& source);
std::int64_t read_integer(const toml::node& node, const KeyPath& path, std::int64_t min,
                          std::int64_t max, const SourceInfo& source);
double read_number(const toml::node& node, const KeyPath& path, const SourceInfo& source);
double read_non_negative(const toml::node& node, const KeyPath& path, const SourceInfo& source);
// An amount of money: a number in [0, kMaxMoney] (sim/core/limits.h).
double read_money(const toml::node& node, const KeyPath& path, const SourceInfo& source);
// A number in [0, 1]; `noun` starts the range message ("share must be in [0, 1], got 1.4").
double read_unit_interval(const toml::node& node, const KeyPath& path, std::string_view noun,
                          const SourceInfo& source);
bool read_bool(const toml::node& node, const KeyPath& path, const SourceInfo& source);
// A duration string in [0, kMaxDurationS]; a rate string, 0 or in [kMinRatePerS, kMaxRatePerS]
// (sim/core/limits.h).
double read_duration(const toml::node& node, const KeyPath& path, const SourceInfo& source);
double read_rate(const toml::node& node, const KeyPath& path, const SourceInfo& source);
const toml::table& read_table(const toml::node& node, const KeyPath& path, std::string_view what,
                              const SourceInfo& source);
const toml::array& read_array(const toml::node& node, const KeyPath& path, std::string_view what,
                              const SourceInfo& source);

// One TOML table being read: finds keys, reports unknown, refused and missing ones.
class TableReader {
 public:
  TableReader(const toml::table& table, KeyPath path, const SourceInfo& source)
      : table_(&table), path_(std::move(path)), source_(&source) {}

  // Throws on the first key (in file order) that is not in `known`, with a "did you mean"
  // among `known`, or the list of valid keys when nothing is close.
  void check_keys(std::span<const std::string_view> known) const;
  // The keys in file order (values from `--set` last, by option order).
  std::vector<std::pair<const toml::key*, const toml::node*>> entries() const;

  const toml::node* find(std::string_view key) const { return table_->get(key); }
  // Throws `<path>: missing required key "<key>" (<hint>)` at the table's location.
  const toml::node& require(std::string_view key, std::string_view hint) const;

  std::optional<double> duration(std::string_view key) const;
  std::optional<double> number(std::string_view key) const;
  std::optional<double> non_negative(std::string_view key) const;
  std::optional<double> money(std::string_view key) const;
  std::optional<double> unit_interval(std::string_view key, std::string_view noun) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::string> string(std::string_view key) const;

  [[noreturn]] void fail_here(std::string_view message) const {
    fail(*table_, path_, message, *source_);
  }
  [[noreturn]] void fail_at(std::string_view key, std::string_view message) const;

  const toml::table& table() const { return *table_; }
  const KeyPath& path() const { return path_; }
  KeyPath path(std::string_view key) const { return path_ / key; }
  const SourceInfo& source() const { return *source_; }

 private:
  const toml::table* table_;
  KeyPath path_;
  const SourceInfo* source_;
};

// Whether `node` came from a `--set` option.
bool from_override(const toml::node& node);

// Location of `key` inside `table`: the key itself when it has one, else its value.
toml::source_region key_region(const toml::key& key, const toml::node& value);

}  // namespace supportsim::io
