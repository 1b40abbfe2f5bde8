#include "sim/output/mix_files.h"

#include <fmt/format.h>

#include "sim/output/csv.h"

namespace supportsim {

std::string mix_csv(const std::vector<SweepPoint>& points, const std::vector<MixRow>& rows) {
  std::string text = "point";
  for (const Override& o : points.front().settings) text += "," + csv_text(o.key);
  text += ",meets_targets";
  for (const std::string& metric : kMixMetrics)
    text += fmt::format(",{0},d_{0},d_{0}_ci95", metric);
  text += "\n";
  for (std::size_t p = 0; p < points.size(); ++p) {
    text += csv_text(points[p].folder.substr(0, points[p].folder.find('_')));
    for (const Override& o : points[p].settings) text += "," + csv_text(o.value);
    text += rows[p].meets_targets ? ",true" : ",false";
    for (std::size_t k = 0; k < kMixMetrics.size(); ++k) {
      const Estimate& e = rows[p].estimates[k];
      text += "," + (e.n > 0 ? csv_number(e.mean) : std::string());
      if (p == 0) {
        text += ",0,0";  // p00 against itself
      } else if (const auto& d = rows[p].versus_first[k]) {
        text += "," + csv_number(d->mean) + "," + csv_number((d->ci95_high - d->ci95_low) / 2);
      } else {
        text += ",,";
      }
    }
    text += "\n";
  }
  return text;
}

}  // namespace supportsim
