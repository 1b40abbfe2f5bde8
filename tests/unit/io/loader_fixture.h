#pragma once
// The small scenario the loader's tests edit, and how they edit and load it: shared by
// loader_test.cc (error messages) and loader_limits_test.cc (work limits).

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/error.h"
#include "sim/io/loader.h"

namespace supportsim::loader_fixture {

// Line numbers matter: the expected messages below point into this text.
inline constexpr std::string_view kMinimal = R"([run]
horizon = "8h"

[[segment]]
name = "smb"
arrival_rate = "100/h"
entry = { phone = 0.7, chat = 0.3 }
issues = { billing = 0.6, tech = 0.4 }

[[issue]]
name = "billing"
handle_time = { dist = "exponential", mean = "5m" }

[[issue]]
name = "tech"
handle_time = { dist = "lognormal", mean = "8m", cv = 0.5 }

[[channel]]
name = "phone"
kind = "agents"

[[channel]]
name = "chat"
kind = "agents"

[[group]]
name = "tier1"
channels = ["phone", "chat"]
agents = 10
)";

inline std::string data_dir() {
  return (std::filesystem::path(SUPPORTSIM_SOURCE_DIR) / "tests/data/io").lexically_normal();
}

// kMinimal with the first `from` replaced by `to` (appended when `from` is empty).
inline std::string edited(std::string_view from, std::string_view to) {
  std::string text(kMinimal);
  if (from.empty()) return text + std::string(to);
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("not in kMinimal: " + std::string(from));
  return text.replace(at, from.size(), to);
}

inline std::string load_error(const std::string& text, const std::vector<Override>& overrides = {}) {
  try {
    load_scenario_string(text, "x.toml", overrides, data_dir());
  } catch (const InputError& error) {
    return error.what();
  }
  return "(loaded without error)";
}

}  // namespace supportsim::loader_fixture
