#include "sim/output/contact_log_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "sim/core/civil_time.h"

namespace supportsim {
namespace {

// Names may hold commas or quotes (scenarios/README.md allows them): quoted as RFC 4180 wants.
void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string contact_log_csv(const Scenario& scenario, std::vector<AttemptRecord> records) {
  std::stable_sort(
      records.begin(), records.end(), [](const AttemptRecord& a, const AttemptRecord& b) {
        return a.created_s != b.created_s ? a.created_s < b.created_s : a.case_id < b.case_id;
      });
  const double epoch_s = static_cast<double>(kLogEpochDays) * 86400.0;
  std::string out;
  out.reserve(records.size() * 96 + 128);
  for (std::size_t i = 0; i < kContactLogColumns.size(); ++i) {
    if (i) out += ',';
    out += kContactLogColumns[i];
  }
  out += '\n';
  for (const AttemptRecord& r : records) {
    out += std::to_string(r.case_id);
    out += ',';
    out += format_civil_time(epoch_s + r.created_s);
    out += ',';
    append_field(out, scenario.channels[r.channel].name);
    out += ',';
    append_field(out, scenario.segments[r.segment].name);
    out += ',';
    append_field(out, scenario.issues[r.issue].name);
    out += fmt::format(",{:.3f},{},{:d},{:d},", r.wait_s,
                       r.served ? fmt::format("{:.3f}", r.handle_s) : std::string(), r.abandoned,
                       r.resolved);
    if (r.next_channel >= 0) append_field(out, scenario.channels[r.next_channel].name);
    out += '\n';
  }
  return out;
}

}  // namespace supportsim
