#include "sim/io/toml_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include "sim/core/error.h"
#include "sim/core/limits.h"
#include "sim/core/units.h"
#include "sim/io/loader.h"

namespace supportsim::io {
namespace {

constexpr std::string_view kDurationExamples = "\"20s\", \"5m\", \"1.5h\"";
constexpr std::string_view kRateExamples = "\"1140/h\", \"100/30m\", \"0.1/month\"";

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

bool is_bare_number(const toml::node& node) {
  return node.is_integer() || node.is_floating_point();
}

std::string expected_got(std::string_view expected, const toml::node& node) {
  return "expected " + std::string(expected) + ", got " + describe(node);
}

}  // namespace

std::string location(const toml::source_region& where, std::string_view fallback) {
  if (where.path && where.path->starts_with(kOverrideSourcePrefix)) return *where.path;
  if (where.begin.line == 0) return std::string(fallback);
  const std::string file = where.path ? *where.path : std::string(fallback);
  return file + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
}

std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance <= limit && distance < word.size() && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best || word.size() < 3) return best;
  // An abbreviation ("expo") names the one candidate it starts.
  for (const std::string& candidate : candidates) {
    if (!candidate.starts_with(word)) continue;
    if (best) return std::nullopt;
    best = candidate;
  }
  return best;
}

std::string name_suggestion(std::string_view word, std::span<const std::string> names,
                            std::string_view plural) {
  if (auto near = closest(word, names)) return " (did you mean " + quote(*near) + "?)";
  if (names.empty()) return " (there are no " + std::string(plural) + ")";
  std::string text = " (known " + std::string(plural) + ": ";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i > 0 ? ", " : "") + quote(names[i]);
  return text + ")";
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string format_number(double x) {
  std::array<char, 64> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
  return std::string(buffer.data(), result.ptr);
}

std::string value_text(const toml::node& node) {
  if (auto v = node.as_integer()) return std::to_string(v->get());
  if (auto v = node.as_floating_point()) return format_number(v->get());
  if (auto v = node.as_string()) return quote(v->get());
  if (auto v = node.as_boolean()) return v->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

std::string describe(const toml::node& node) {
  if (node.is_integer()) return "integer " + value_text(node);
  if (node.is_floating_point()) return "float " + value_text(node);
  if (node.is_string()) return "string " + value_text(node);
  if (node.is_boolean()) return "boolean " + value_text(node);
  return value_text(node);
}

KeyPath KeyPath::operator/(std::string_view key) const {
  // Keys that are not bare TOML keys are quoted, so that the path stays unambiguous.
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  const std::string shown = bare ? std::string(key) : quote(key);
  if (text_.empty()) return KeyPath(shown, false);
  return KeyPath(text_ + (after_name_ ? " " : ".") + shown, false);
}

void fail(const toml::source_region& where, const KeyPath& path, std::string_view message,
          const SourceInfo& source) {
  std::string text = location(where, source.name) + ": ";
  if (!path.is_root()) text += path.text() + ": ";
  throw InputError(text + std::string(message));
}

void fail(const toml::node& at, const KeyPath& path, std::string_view message,
          const SourceInfo& source) {
  fail(at.source(), path, message, source);
}

std::string read_string(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  if (auto v = node.as_string()) return v->get();
  fail(node, path, expected_got("a string", node), source);
}

std::string read_name(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  if (!node.is_string()) fail(node, path, expected_got("a name (a string)", node), source);
  std::string name = node.as_string()->get();
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (name.empty() || name.size() > kMaxNameLength || control ||
      name.find_first_of("./\\") != std::string::npos) {
    // A name is also a folder name (run.name) and a `--set` path part.
    const std::string shown = name.size() <= 60 ? quote(name)
                                                : quote(name.substr(0, 40)) + "... (" +
                                                      std::to_string(name.size()) + " bytes)";
    fail(node, path,
         "expected a name of 1 to " + std::to_string(kMaxNameLength) +
             " bytes without '.', '/', '\\' or control characters, got " + shown,
         source);
  }
  return name;
}

std::int64_t read_integer(const toml::node& node, const KeyPath& path, std::int64_t min,
                          std::int64_t max, const SourceInfo& source) {
  auto v = node.as_integer();
  if (!v) fail(node, path, expected_got("an integer", node), source);
  if (v->get() < min) {
    fail(node, path,
         (min == 0 ? std::string("must not be negative")
                   : "must be at least " + std::to_string(min)) +
             ", got " + value_text(node),
         source);
  }
  if (v->get() > max) {
    fail(node, path, "must be at most " + std::to_string(max) + ", got " + value_text(node),
         source);
  }
  return v->get();
}

double read_number(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  if (auto v = node.as_integer()) return static_cast<double>(v->get());
  if (auto v = node.as_floating_point()) {
    if (!std::isfinite(v->get())) {
      fail(node, path, "expected a finite number, got " + value_text(node), source);
    }
    return v->get();
  }
  fail(node, path, expected_got("a number", node), source);
}

double read_non_negative(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  const double x = read_number(node, path, source);
  if (x < 0) fail(node, path, "must not be negative, got " + value_text(node), source);
  return x;
}

double read_money(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  const double x = read_non_negative(node, path, source);
  if (x > kMaxMoney) {
    fail(node, path, "expected an amount of at most 1e12, got " + value_text(node), source);
  }
  return x;
}

double read_unit_interval(const toml::node& node, const KeyPath& path, std::string_view noun,
                          const SourceInfo& source) {
  const double x = read_number(node, path, source);
  if (x < 0 || x > 1) {
    fail(node, path, std::string(noun) + " must be in [0, 1], got " + value_text(node), source);
  }
  return x;
}

bool read_bool(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  if (auto v = node.as_boolean()) return v->get();
  fail(node, path, expected_got("a boolean (true or false)", node), source);
}

namespace {

// What durations and rates share: a string with a unit, parsed by `parse`; a bare number, a
// missing unit or a malformed string each get their own message.
struct UnitQuantity {
  const char* name;             // "duration", "rate"
  const char* like;             // the type hint: "a duration string like \"20s\""
  std::string_view examples;    // kDurationExamples, kRateExamples
  std::optional<double> (*parse)(std::string_view, std::string*);
};

double read_with_unit(const toml::node& node, const KeyPath& path, const SourceInfo& source,
                      const UnitQuantity& q) {
  const std::string needs_unit =
      std::string(q.name) + " needs a unit (write e.g. " + std::string(q.examples) + "), got ";
  if (is_bare_number(node)) fail(node, path, needs_unit + value_text(node), source);
  if (!node.is_string()) fail(node, path, expected_got(q.like, node), source);
  std::string why;
  const std::string& text = node.as_string()->get();
  const std::optional<double> value = q.parse(text, &why);
  if (!value && why.starts_with("missing unit")) fail(node, path, needs_unit + quote(text), source);
  if (!value) {
    fail(node, path,
         "expected a " + std::string(q.name) + " like " + std::string(q.examples) + ", got " +
             quote(text) + " (" + why + ")",
         source);
  }
  return *value;
}

}  // namespace

double read_duration(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  const double seconds = read_with_unit(
      node, path, source,
      {"duration", "a duration string like \"20s\"", kDurationExamples, &parse_duration});
  if (seconds > kMaxDurationS) {
    fail(node, path,
         "expected a duration of at most \"1e9s\" (about 31 years), got " +
             quote(node.as_string()->get()),
         source);
  }
  return seconds;
}

double read_rate(const toml::node& node, const KeyPath& path, const SourceInfo& source) {
  const double rate = read_with_unit(
      node, path, source, {"rate", "a rate string like \"1140/h\"", kRateExamples, &parse_rate});
  const std::string& text = node.as_string()->get();
  if (rate > 0 && rate < kMinRatePerS) {
    fail(node, path,
         "expected a rate of 0 or at least \"1e-9/s\" (about 0.0026/month), got " + quote(text),
         source);
  }
  if (rate > kMaxRatePerS)
    fail(node, path, "expected a rate of at most \"1e9/s\", got " + quote(text), source);
  return rate;
}

const toml::table& read_table(const toml::node& node, const KeyPath& path, std::string_view what,
                              const SourceInfo& source) {
  if (auto t = node.as_table()) return *t;
  fail(node, path, expected_got(what, node), source);
}

const toml::array& read_array(const toml::node& node, const KeyPath& path, std::string_view what,
                              const SourceInfo& source) {
  if (auto a = node.as_array()) return *a;
  fail(node, path, expected_got(what, node), source);
}

bool from_override(const toml::node& node) {
  const auto& path = node.source().path;
  return path && path->starts_with(kOverrideSourcePrefix);
}

toml::source_region key_region(const toml::key& key, const toml::node& value) {
  return key.source().begin.line != 0 ? key.source() : value.source();
}

std::vector<std::pair<const toml::key*, const toml::node*>> TableReader::entries() const {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (const auto& [key, value] : *table_) out.emplace_back(&key, &value);
  // File order: line, then column; values from `--set` (no line) come after.
  const auto order = [](const auto& entry) {
    const toml::source_region where = key_region(*entry.first, *entry.second);
    const bool from_file =
        where.begin.line != 0 && where.path && !where.path->starts_with(kOverrideSourcePrefix);
    return std::tuple(!from_file, where.begin.line, where.begin.column);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto& a, const auto& b) { return order(a) < order(b); });
  return out;
}

void TableReader::check_keys(std::span<const std::string_view> known) const {
  for (const auto& [key, value] : entries()) {
    const std::string_view name = key->str();
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const toml::source_region where = key_region(*key, *value);
    const std::vector<std::string> candidates(known.begin(), known.end());
    std::string message =
        (path_.is_root() ? "unknown top-level key " : "unknown key ") + quote(name);
    if (auto near = closest(name, candidates)) {
      message += " (did you mean " + quote(*near) + "?)";
    } else {
      message += " (valid keys: ";
      for (std::size_t i = 0; i < known.size(); ++i) {
        message += (i > 0 ? ", " : "") + std::string(known[i]);
      }
      message += ")";
    }
    fail(where, path_, message, *source_);
  }
}

const toml::node& TableReader::require(std::string_view key, std::string_view hint) const {
  if (const toml::node* node = find(key)) return *node;
  fail_here("missing required key " + quote(key) + " (" + std::string(hint) + ")");
}

void TableReader::fail_at(std::string_view key, std::string_view message) const {
  const toml::node* node = find(key);
  fail(node ? *node : *table_, path(key), message, *source_);
}

std::optional<double> TableReader::duration(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_duration(*node, path(key), *source_);
  return std::nullopt;
}

std::optional<double> TableReader::number(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_number(*node, path(key), *source_);
  return std::nullopt;
}

std::optional<double> TableReader::non_negative(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_non_negative(*node, path(key), *source_);
  return std::nullopt;
}

std::optional<double> TableReader::money(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_money(*node, path(key), *source_);
  return std::nullopt;
}

std::optional<double> TableReader::unit_interval(std::string_view key,
                                                 std::string_view noun) const {
  if (const toml::node* node = find(key)) {
    return read_unit_interval(*node, path(key), noun, *source_);
  }
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) const {
  if (const toml::node* node = find(key)) return read_integer(*node, path(key), min, max, *source_);
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_bool(*node, path(key), *source_);
  return std::nullopt;
}

std::optional<std::string> TableReader::string(std::string_view key) const {
  if (const toml::node* node = find(key)) return read_string(*node, path(key), *source_);
  return std::nullopt;
}

}  // namespace supportsim::io
