#pragma once
// CSV cells as every result file writes them: numbers in the shortest text that reads back as
// the same double (empty when undefined), text quoted (RFC 4180) when it holds a comma, quote or
// line break.

#include <string>

namespace supportsim {

// Empty for NaN and infinities (undefined values, as in summary.csv).
std::string csv_number(double v);
// Empty for NaN only: infinities are kept ("inf"), for files read back exactly.
std::string exact_csv_number(double v);
std::string csv_text(const std::string& s);

}  // namespace supportsim
