#pragma once
// The files report.html is made of, compiled into the binary at build time
// (cmake/report_assets.cmake): the charting library and the page and chart templates.

#include <string_view>

namespace supportsim {

// The text of the asset `name`: "vega.min.js", "vega-lite.min.js" (the charting library,
// its source map comment removed and "</script" written "<\/script"), "page.html", or
// "<chart id>.vl.json" (a Vega-Lite spec without data, sim/output/report_templates/).
// Throws std::logic_error for another name (a programming error).
std::string_view report_asset(std::string_view name);

}  // namespace supportsim
