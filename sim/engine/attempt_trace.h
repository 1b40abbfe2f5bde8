#pragma once
// Follows each counted case's current attempt for an AttemptObserver (`run --log`). The
// contact centre calls it only when an observer is attached, so that an ordinary run pays
// nothing but a null check at the few places where an attempt starts, is served or ends.

#include <cstdint>
#include <unordered_map>

#include "sim/model/attempt_record.h"
#include "sim/model/case.h"

namespace supportsim {

class AttemptTrace {
 public:
  explicit AttemptTrace(AttemptObserver& observer) : observer_(observer) {}

  // The case enters c.channel at `now` (first contact, escalation, retry, return, recontact).
  void started(const Case& c, double now);
  // An agent or a session takes it after `wait`, for `handle` (deferred: once per touch).
  void served(const Case& c, double wait, double handle);
  // The attempt ends: served and resolved or not; next_channel is where it escalates (-1: none).
  void ended(const Case& c, bool resolved, int next_channel);
  // The customer left the queue after `wait`.
  void abandoned(const Case& c, double wait);

 private:
  void finish(const Case& c, AttemptRecord& record);

  AttemptObserver& observer_;
  std::unordered_map<std::uint64_t, AttemptRecord> open_;  // by case id
};

}  // namespace supportsim
