#include "sim/output/csv.h"

#include <fmt/format.h>

#include <cmath>

namespace supportsim {

std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : ""; }

std::string exact_csv_number(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string quoted = "\"";
  for (const char ch : s) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

}  // namespace supportsim
