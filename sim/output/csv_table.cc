#include "sim/output/csv_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "sim/core/error.h"

namespace supportsim {

CsvTable::CsvTable(std::string_view text, const std::string& file) : file_(file) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, in_quotes = false;
  int line = 1, record_line = 1;
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    const std::size_t expected = records.empty() ? record.size() : records.front().size();
    if (record.size() != expected)
      throw InputError(file_ + ":" + std::to_string(record_line) + ": expected " +
                       std::to_string(expected) + " fields as in the header, got " +
                       std::to_string(record.size()));
    records.push_back(std::move(record));
    record.clear();
    quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      quoted = false;
    } else if (c == '\n') {
      end_record();
      record_line = ++line;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (in_quotes) throw InputError(file_ + ":" + std::to_string(record_line) + ": unclosed quote");
  if (!field.empty() || !record.empty() || quoted) end_record();
  if (records.empty()) throw InputError(file_ + ": expected a header row, got an empty file");
  header_ = std::move(records.front());
  rows_.assign(std::make_move_iterator(records.begin() + 1),
               std::make_move_iterator(records.end()));
}

bool CsvTable::has(std::string_view column) const {
  return std::find(header_.begin(), header_.end(), column) != header_.end();
}

std::size_t CsvTable::index(std::string_view column) const {
  const auto it = std::find(header_.begin(), header_.end(), column);
  if (it == header_.end())
    throw InputError(file_ + ": expected a column \"" + std::string(column) + "\", got none");
  return static_cast<std::size_t>(it - header_.begin());
}

const std::string& CsvTable::text(std::size_t row, std::string_view column) const {
  return rows_.at(row)[index(column)];
}

double CsvTable::number(std::size_t row, std::string_view column) const {
  const std::string& s = text(row, column);
  if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size())
    throw InputError(file_ + ":" + std::to_string(row + 2) + ": " + std::string(column) +
                     ": expected a number, got \"" + s + "\"");
  return value;
}

}  // namespace supportsim
