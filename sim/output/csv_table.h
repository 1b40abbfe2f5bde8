#pragma once
// A CSV file as written by supportsim (RFC 4180: comma separated, fields with commas, quotes or
// line breaks quoted, quotes doubled), read back by column name: what report.html is made from.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace supportsim {

class CsvTable {
 public:
  // Parses `text`: a header row, then rows. Throws InputError naming `file` and the line when a
  // row has another number of fields than the header, or a quote is not closed.
  CsvTable(std::string_view text, const std::string& file);

  const std::vector<std::string>& header() const { return header_; }
  std::size_t size() const { return rows_.size(); }
  bool has(std::string_view column) const;
  // The field of `column` in row `row`. Throws InputError naming the file when the column is
  // missing.
  const std::string& text(std::size_t row, std::string_view column) const;
  // The same as a number; NaN for an empty field. Throws InputError naming the file, line and
  // column for text that is not a number.
  double number(std::size_t row, std::string_view column) const;

 private:
  std::size_t index(std::string_view column) const;

  std::string file_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace supportsim
