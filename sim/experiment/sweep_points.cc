#include "sim/experiment/sweep_points.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

#include "sim/core/text.h"
#include "sim/core/error.h"
#include "sim/core/units.h"

namespace supportsim {
namespace {

constexpr std::size_t kMaxLabelLength = 80;
constexpr std::size_t kMaxRangeValues = 10000;

enum class RangeKind { kInteger, kNumber, kDuration, kRate };

std::optional<double> parse_number(std::string_view text) {
  double x = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(x))
    return std::nullopt;
  return x;
}

// The part as a value of `kind`, if it is one.
std::optional<double> parse_part(std::string_view part, RangeKind kind) {
  switch (kind) {
    case RangeKind::kInteger:
      if (part.find_first_of(".eE") != std::string_view::npos) return std::nullopt;
      return parse_number(part);
    case RangeKind::kNumber:
      return parse_number(part);
    case RangeKind::kDuration:
      return parse_duration(part);
    case RangeKind::kRate:
      return parse_rate(part);
  }
  return std::nullopt;
}

std::string format_part(double x, RangeKind kind) {
  switch (kind) {
    case RangeKind::kInteger:
      return std::to_string(std::llround(x));
    case RangeKind::kNumber:
      // 12 significant digits: 0.1 * 3 is written 0.3, not 0.30000000000000004.
      return fmt::format("{}", std::stod(fmt::format("{:.12g}", x)));
    case RangeKind::kDuration:
      return format_duration(x);
    case RangeKind::kRate:
      return format_rate(x);
  }
  return "";
}

}  // namespace

std::vector<std::string> split_values(std::string_view list, const std::string& option) {
  std::vector<std::string> values;
  std::string nesting;  // open brackets and braces, innermost last
  char quote = 0;
  std::size_t start = 0;
  auto take = [&](std::size_t end) {
    values.emplace_back(trim(list.substr(start, end - start)));
    if (values.back().empty()) {
      throw InputError(option + ": empty value in the list (values are separated by commas)");
    }
    start = end + 1;
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++i;  // an escaped character inside a basic string
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      nesting += c;
    } else if (c == ']' || c == '}') {
      const char open = c == ']' ? '[' : '{';
      if (nesting.empty() || nesting.back() != open) {
        throw InputError(option + ": unbalanced '" + std::string(1, c) + "' in the list");
      }
      nesting.pop_back();
    } else if (c == ',' && nesting.empty()) {
      take(i);
    }
  }
  if (quote) throw InputError(option + ": unclosed quote in the list");
  if (!nesting.empty()) {
    throw InputError(option + ": unclosed '" + std::string(1, nesting.back()) + "' in the list");
  }
  take(list.size());
  return values;
}

std::optional<std::vector<std::string>> expand_range(std::string_view value,
                                                     const std::string& option) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t colon = value.find(':', start);
    parts.push_back(value.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 3) return std::nullopt;
  std::optional<RangeKind> kind;
  for (RangeKind k :
       {RangeKind::kInteger, RangeKind::kNumber, RangeKind::kDuration, RangeKind::kRate}) {
    if (!parse_part(parts[0], k)) continue;
    if (parse_part(parts[1], k) && parse_part(parts[2], k)) {
      kind = k;
      break;
    }
    if (!kind) kind = k;  // the kind of the first part, for the message below
  }
  if (!kind) return std::nullopt;
  const auto fail = [&](const std::string& message) {
    throw InputError(fmt::format("{}: range {}: {}", option, value, message));
  };
  const auto start = parse_part(parts[0], *kind), end = parse_part(parts[1], *kind),
             step = parse_part(parts[2], *kind);
  if (!end || !step) {
    fail(
        "expected START:END:STEP all numbers, durations or rates (e.g. 0:0.6:0.1, "
        "10s:30s:10s), got parts of different kinds");
  }
  if (!(*step > 0)) fail("STEP must be greater than 0, got " + std::string(parts[2]));
  if (*end < *start) {
    fail("END must not be before START, got " + std::string(parts[1]) + " < " +
         std::string(parts[0]));
  }
  const double steps = std::floor((*end - *start) / *step + 1e-9);
  if (steps + 1 > kMaxRangeValues) {
    fail(fmt::format("expected at most {} values, got {:.0f}", kMaxRangeValues, steps + 1));
  }
  std::vector<std::string> values;
  for (int i = 0; i <= static_cast<int>(steps); ++i)
    values.push_back(format_part(*start + i * *step, *kind));
  return values;
}

SweepAxis parse_vary(std::string_view key_equals_values) {
  const std::string option = "--vary " + std::string(key_equals_values);
  const std::size_t equals = key_equals_values.find('=');
  SweepAxis axis;
  if (equals != std::string_view::npos) axis.key = std::string(trim(key_equals_values.substr(0, equals)));
  if (equals == std::string_view::npos || axis.key.empty()) {
    throw InputError(option + ": expected KEY=V1,V2,..., e.g. --vary group.tier1.agents=40,42,44");
  }
  for (std::string& value : split_values(key_equals_values.substr(equals + 1), option)) {
    if (auto range = expand_range(value, option))
      axis.values.insert(axis.values.end(), range->begin(), range->end());
    else
      axis.values.push_back(std::move(value));
  }
  return axis;
}

std::string SweepPoint::label() const {
  std::string out;
  for (const Override& o : settings) out += (out.empty() ? "" : ", ") + o.key + "=" + o.value;
  return out;
}

std::vector<SweepPoint> expand_points(const std::vector<SweepAxis>& axes, bool zip) {
  if (axes.empty()) throw InputError("sweep: give at least one --vary KEY=V1,V2,...");
  std::set<std::string> keys;
  for (const SweepAxis& axis : axes) {
    if (!keys.insert(axis.key).second) {
      throw InputError("--vary " + axis.key + ": the key is varied twice (give one list)");
    }
  }
  std::vector<std::vector<Override>> combinations;
  if (zip) {
    for (const SweepAxis& axis : axes) {
      if (axis.values.size() != axes.front().values.size()) {
        throw InputError(fmt::format(
            "--zip: the --vary lists must have equal lengths, got {} values for {} and {} for {}",
            axes.front().values.size(), axes.front().key, axis.values.size(), axis.key));
      }
    }
    for (std::size_t i = 0; i < axes.front().values.size(); ++i) {
      std::vector<Override> settings;
      for (const SweepAxis& axis : axes) settings.push_back({axis.key, axis.values[i]});
      combinations.push_back(std::move(settings));
    }
  } else {
    combinations.push_back({});
    for (const SweepAxis& axis : axes) {
      std::vector<std::vector<Override>> extended;
      for (const auto& prefix : combinations) {
        for (const std::string& value : axis.values) {
          extended.push_back(prefix);
          extended.back().push_back({axis.key, value});
        }
      }
      combinations = std::move(extended);
    }
  }
  std::vector<SweepPoint> points;
  const int count = static_cast<int>(combinations.size());
  for (int i = 0; i < count; ++i) {
    SweepPoint p;
    p.index = i;
    p.settings = std::move(combinations[i]);
    p.folder = point_folder_name(i, count, p.settings);
    points.push_back(std::move(p));
  }
  return points;
}

std::string point_folder_name(int index, int count, const std::vector<Override>& settings) {
  std::string label;
  for (const Override& o : settings) {
    const std::string part = o.key + "=" + o.value;
    label += label.empty() ? "" : "_";
    for (const char c : part) {
      const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '=' || c == '+' ||
                        c == '-';
      if (keep) {
        label += c;
      } else if (std::string_view(" \"'{}[]").find(c) != std::string_view::npos) {
        continue;  // TOML punctuation: `{ dist = "constant" }` reads as dist=constant
      } else if (!label.empty() && label.back() != '_') {
        label += '_';
      }
    }
    while (!label.empty() && label.back() == '_') label.pop_back();
  }
  if (label.size() > kMaxLabelLength) label.resize(kMaxLabelLength);
  while (!label.empty() && label.back() == '_') label.pop_back();
  const int width = std::max(2, static_cast<int>(std::to_string(std::max(0, count - 1)).size()));
  return fmt::format("p{:0{}}_{}", index, width, label);
}

}  // namespace supportsim
