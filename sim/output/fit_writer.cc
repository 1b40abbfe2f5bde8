#include "sim/output/fit_writer.h"

#include <fmt/format.h>

namespace supportsim {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string fit_csv(const std::vector<FitParameter>& fit) {
  std::string out = "parameter,estimate,ci95_low,ci95_high,n\n";
  for (const FitParameter& p : fit)
    out += fmt::format("{},{:.6g},{:.6g},{:.6g},{}\n", csv_field(p.name), p.value.estimate, p.value.low, p.value.high, p.value.n);
  return out;
}

}  // namespace supportsim
