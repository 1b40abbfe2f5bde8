#pragma once
// report.html: one self-contained page (results/README.md "report.html") holding the charting
// library, each chart's Vega-Lite spec with its rows, and a short script that draws every chart
// as SVG into its element `data-chart="<id>"`. The page asks no server for anything.

#include <string>

#include "sim/output/atomic_file.h"
#include "sim/output/report_data.h"

namespace supportsim {

inline constexpr const char* kReportFile = "report.html";

// The page. Deterministic: the same content gives the same bytes.
std::string report_html(const ReportContent& content);

// Reads the files of `folder` on disk.
ReadResultFile folder_reader(const std::string& folder);
// Reads `files` (plain names), e.g. the set a command is about to write; REQUIRES that `files`
// outlive the reader (it keeps a reference).
ReadResultFile files_reader(const FolderFiles& files);

// Writes report.html into `folder` whole (written to a temporary name, then renamed). Throws
// std::runtime_error naming the path on an I/O failure.
void write_report(const std::string& folder, const ReportContent& content);

// Removes report.html from `folder`, if there: what a command writing with --no-report does, so
// that no page shows other numbers than the folder's files. Throws std::runtime_error naming
// the path when it cannot.
void remove_report(const std::string& folder);

}  // namespace supportsim
