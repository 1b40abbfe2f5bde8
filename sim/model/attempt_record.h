#pragma once
// One channel attempt of a case as it ended, for `supportsim run --log` (the contact log format
// of results/README.md). Plain data: the engine fills it, the output layer writes it.

#include <array>
#include <cstdint>
#include <string_view>

namespace supportsim {

// The contact log's columns, in the order `run --log` writes them (results/README.md). The first
// three are required in a log given to `calibrate`; the others are optional.
inline constexpr std::array<std::string_view, 10> kContactLogColumns = {
    "case_id", "created_at",    "channel",   "segment",  "issue",
    "wait_s",  "handle_time_s", "abandoned", "resolved", "next_channel"};
inline constexpr int kRequiredContactLogColumns = 3;

// Simulation time 0 (Monday 00:00) is written in a log as 2024-01-01T00:00, a Monday: this many
// days after 1970-01-01.
inline constexpr long kLogEpochDays = 19723;

struct AttemptRecord {
  std::uint64_t case_id = 0;
  int segment = 0;
  int issue = 0;
  int channel = 0;
  double created_s = 0;  // simulation time the attempt began (entered the channel)
  double wait_s = 0;     // in agent queues (a deferred attempt: its backlog waits, summed)
  double handle_s = 0;   // agent or session time (a deferred attempt: its touches, summed)
  bool served = false;   // an agent or a session took it (false: abandoned)
  bool abandoned = false;
  bool resolved = false;
  int next_channel = -1;  // escalated to; -1 when the case did not go on at once
};

// Receives every attempt of a counted case when it ends, in the order attempts end.
class AttemptObserver {
 public:
  virtual ~AttemptObserver() = default;
  virtual void attempt_ended(const AttemptRecord& record) = 0;
};

}  // namespace supportsim
