#include "sim/engine/attempt_trace.h"

namespace supportsim {

void AttemptTrace::started(const Case& c, double now) {
  if (!c.counted) return;
  AttemptRecord& r = open_[c.id];
  r = AttemptRecord{};
  r.case_id = c.id;
  r.segment = c.segment;
  r.issue = c.issue;
  r.created_s = now;
}

void AttemptTrace::served(const Case& c, double wait, double handle) {
  if (!c.counted) return;
  AttemptRecord& r = open_[c.id];
  r.served = true;
  r.wait_s += wait;
  r.handle_s += handle;
}

void AttemptTrace::ended(const Case& c, bool resolved, int next_channel) {
  if (!c.counted) return;
  AttemptRecord& r = open_[c.id];
  r.resolved = resolved;
  r.next_channel = next_channel;
  finish(c, r);
}

void AttemptTrace::abandoned(const Case& c, double wait) {
  if (!c.counted) return;
  AttemptRecord& r = open_[c.id];
  r.abandoned = true;
  r.wait_s += wait;
  finish(c, r);
}

void AttemptTrace::finish(const Case& c, AttemptRecord& record) {
  // The channel at the end: a full bot may have passed the case on without a new attempt.
  record.channel = c.channel;
  observer_.attempt_ended(record);
  open_.erase(c.id);
}

}  // namespace supportsim
