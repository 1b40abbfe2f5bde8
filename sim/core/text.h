#pragma once
// Small text helpers shared by the readers of scenarios, overrides and data files.

#include <string_view>

namespace supportsim {

// `text` without leading and trailing spaces, tabs and carriage returns (a CSV written on
// Windows ends its lines with "\r\n").
constexpr std::string_view trim(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r";
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlank) - first + 1);
}

}  // namespace supportsim
