#include "sim/output/report_page.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "sim/output/report_assets.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON inside a <script> element: '<' only occurs in strings, where \u003c is the same text and
// cannot close the element or open a comment.
std::string script_json(const ordered_json& j) {
  const std::string text = j.dump();
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return out;
}

// `page` with each {{name}} replaced by values.at(name), in one pass (inserted text is never
// scanned again).
std::string fill(std::string_view page, const std::map<std::string, std::string>& values) {
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t open = page.find("{{", at);
    if (open == std::string_view::npos) return out.append(page.substr(at));
    const std::size_t close = page.find("}}", open);
    out.append(page.substr(at, open - at));
    out += values.at(std::string(page.substr(open + 2, close - open - 2)));
    at = close + 2;
  }
}

}  // namespace

std::string report_html(const ReportContent& content) {
  const ordered_json config = ordered_json::parse(report_asset("config.json"));
  ordered_json data = {{"charts", ordered_json::array()}};
  std::string sections;
  for (const ReportChart& chart : content.charts) {
    ordered_json spec = ordered_json::parse(report_asset(chart.id + ".vl.json"));
    spec.merge_patch(chart.patch);
    spec["datasets"] = chart.datasets;
    spec["config"] = config;
    data["charts"].push_back({{"id", chart.id}, {"spec", std::move(spec)}});
    sections += "<section class=\"chart\">\n<h2>" + html_escape(chart.title) +
                "</h2>\n<p class=\"note\">" + html_escape(chart.note) + "</p>\n<div data-chart=\"" +
                html_escape(chart.id) + "\"></div>\n</section>\n";
  }
  std::string facts = "<dl>\n";
  for (const auto& [what, value] : content.facts)
    facts += "<dt>" + html_escape(what) + "</dt><dd>" + html_escape(value) + "</dd>\n";
  facts += "</dl>";
  return fill(report_asset("page.html"),
              {{"title", html_escape(content.title)},
               {"version", SUPPORTSIM_VERSION},
               {"facts", facts},
               {"reading", html_escape(content.reading)},
               {"sections", sections},
               {"data", script_json(data)},
               {"vega", std::string(report_asset("vega.min.js"))},
               {"vega_lite", std::string(report_asset("vega-lite.min.js"))}});
}

ReadResultFile folder_reader(const std::string& folder) {
  return [folder](const std::string& path) -> std::optional<std::string> {
    const fs::path file = fs::path(folder) / path;
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw std::runtime_error("cannot read " + file.string());
    return text.str();
  };
}

ReadResultFile files_reader(const FolderFiles& files) {
  return [&files](const std::string& path) -> std::optional<std::string> {
    for (const auto& [name, text] : files)
      if (name == path) return text;
    return std::nullopt;
  };
}

void write_report(const std::string& folder, const ReportContent& content) {
  AtomicFileSet files;
  files.add((fs::path(folder) / kReportFile).string(), report_html(content));
  files.commit();
}

void remove_report(const std::string& folder) {
  std::error_code error;
  fs::remove(fs::path(folder) / kReportFile, error);
  if (error)
    throw std::runtime_error("cannot remove " + (fs::path(folder) / kReportFile).string() + ": " +
                             error.message());
}

}  // namespace supportsim
