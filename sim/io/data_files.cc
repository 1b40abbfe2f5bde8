#include "sim/io/data_files.h"

#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "sim/core/text.h"
#include "sim/core/limits.h"
#include "sim/io/toml_reader.h"

namespace supportsim::io {
namespace {

std::optional<double> to_number(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// Larger data files are refused rather than read into memory (kMaxDataFileBytes): the size is
// checked before reading and again while reading (a file may grow, or report no size).
std::vector<std::string> read_lines(const std::string& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::is_directory(status))
    throw DataFileError(0, "expected a CSV file, got a folder");
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw DataFileError(0, "expected a CSV file, got a device, pipe or socket");
  const auto too_large = [](const std::string& size) {
    return DataFileError(0, "expected a CSV file of at most 256 MiB, got " + size);
  };
  if (std::filesystem::exists(status) &&
      std::filesystem::file_size(path, error) > kMaxDataFileBytes)
    throw too_large(std::to_string(std::filesystem::file_size(path, error)) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataFileError(0, "cannot read file: " + std::string(std::strerror(errno)));
  std::vector<std::string> lines;
  std::uint64_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size() + 1;
    if (bytes > kMaxDataFileBytes) throw too_large("more");
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

std::vector<double> read_samples_csv(const std::string& path) {
  std::vector<double> samples;
  bool seen_content = false;
  const std::vector<std::string> lines = read_lines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = trim(lines[i]);
    if (text.empty()) continue;
    const bool first = !seen_content;
    seen_content = true;
    const std::optional<double> value = to_number(text);
    if (!value && first) continue;  // a header
    const int line = static_cast<int>(i + 1);
    if (!value) {
      throw DataFileError(line, "expected a duration in seconds (a number), got " + quote(text));
    }
    if (*value < 0) {
      throw DataFileError(line, "durations must not be negative, got " + format_number(*value));
    }
    if (*value > kMaxDurationS) {
      throw DataFileError(line, "durations must be at most 1e9 seconds (about 31 years), got " +
                                    format_number(*value));
    }
    samples.push_back(*value);
  }
  if (samples.empty()) throw DataFileError(0, "no samples (one duration in seconds per line)");
  return samples;
}

std::vector<int> read_counts_csv(const std::string& path) {
  std::vector<int> counts;
  bool seen_content = false;
  const std::vector<std::string> lines = read_lines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = trim(lines[i]);
    if (text.empty()) continue;
    const bool first = !seen_content;
    seen_content = true;
    int count = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    const bool whole = ec == std::errc() && end == text.data() + text.size();
    if (!whole && first && !to_number(text)) continue;  // a header
    if (!whole || count < 1) {
      throw DataFileError(static_cast<int>(i + 1),
                          "expected a count (an integer >= 1), got " + quote(text));
    }
    counts.push_back(count);
  }
  if (counts.empty()) throw DataFileError(0, "no counts (one integer >= 1 per line)");
  return counts;
}

std::vector<std::pair<double, int>> read_schedule_csv(const std::string& path) {
  std::vector<std::pair<double, int>> steps;
  bool seen_header = false;
  const std::vector<std::string> lines = read_lines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = trim(lines[i]);
    if (text.empty()) continue;
    const int line = static_cast<int>(i + 1);
    const std::size_t comma = text.find(',');
    const std::string_view first = trim(text.substr(0, comma));
    const std::string_view second =
        comma == std::string_view::npos ? std::string_view() : trim(text.substr(comma + 1));
    if (!seen_header) {
      if (first != "interval_start_s" || second != "agents") {
        throw DataFileError(line,
                            "expected the header interval_start_s,agents, got " + quote(text));
      }
      seen_header = true;
      continue;
    }
    if (comma == std::string_view::npos || second.find(',') != std::string_view::npos) {
      throw DataFileError(line, "expected two columns interval_start_s,agents, got " + quote(text));
    }
    const std::optional<double> start = to_number(first);
    if (!start || *start < 0) {
      throw DataFileError(
          line, "interval_start_s: expected a number of seconds >= 0, got " + quote(first));
    }
    if (steps.empty() && *start != 0) {
      throw DataFileError(
          line, "interval_start_s: the first row must start at 0, got " + format_number(*start));
    }
    if (!steps.empty() && *start <= steps.back().first) {
      throw DataFileError(line, "interval_start_s: must increase from row to row, got " +
                                    format_number(*start) + " after " +
                                    format_number(steps.back().first));
    }
    int agents = 0;
    const auto [end, ec] = std::from_chars(second.data(), second.data() + second.size(), agents);
    if (second.empty() || ec != std::errc() || end != second.data() + second.size() || agents < 0) {
      throw DataFileError(line, "agents: expected a non-negative integer, got " + quote(second));
    }
    steps.emplace_back(*start, agents);
  }
  if (!seen_header)
    throw DataFileError(0, "empty file (expected the header interval_start_s,agents)");
  if (steps.empty()) throw DataFileError(0, "no rows after the header interval_start_s,agents");
  return steps;
}

}  // namespace supportsim::io
