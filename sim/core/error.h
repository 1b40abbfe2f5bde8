#pragma once
// Errors at the edges of the program, mapped to exit codes in one place (sim/cli/main.cc).

#include <stdexcept>
#include <string>

namespace supportsim {

// The user's input is wrong: a bad option, an unreadable or invalid scenario.
// what() is the complete, user-facing message, e.g.
//   "scenarios/x.toml:14:9: segment \"smb\" entry.bot: share must be in [0, 1], got 1.4"
// Exit status 2; nothing is simulated and nothing is written.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace supportsim
