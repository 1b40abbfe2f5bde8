#pragma once
// Routing inside agents channels (scenarios/README.md "Routing inside an agents channel"): who is
// available, who takes an arriving case, and which waiting case a freed agent takes.
// Plain C++, no SimGrid: the engine calls it and owns time.
//
// Capacity: an agent has capacity 1; a session of a channel with `concurrency` c uses 1/c of
// it (kept as integer units of 1/L, L = lcm of the concurrencies of the group's channels), so
// a blended phone + chat agent holds either one call or up to c chats.
//
// Policy, checked by tests/unit/model/agent_pool_test.cc:
//  - an arriving case goes to an available agent who has its skill and enough free capacity:
//    groups in the order listed; inside a group the agent with the most free capacity, then
//    the longest available (idle) first;
//  - a freed agent takes, among the waiting cases it can serve, the one of highest segment
//    priority, then the longest waiting (queue entry time), then the earliest entry; if that
//    case needs more capacity than the agent has free (a call waiting while it holds a chat),
//    the agent takes nothing more and is reserved for it until its sessions end, so that calls
//    are not starved by a stream of chats;
//  - deferred work (Channel::deferred: email, tickets) is a second class: a freed agent takes a
//    deferred case only when no live case it can serve is waiting (priority and age order
//    inside each class), and is never reserved for one that does not fit; a group with
//    `deferred_first` takes the classes the other way round (and is reserved for deferred work
//    as others are for live work). Deferred cases never wait in personal queues;
//  - expired cases (patience ran out: deadline <= now) met on the way are removed and handed to
//    the AbandonHandler (lazy abandonment: exact, because their abandonment time is their
//    deadline whenever they are found, provided an agent on duty still looks at their queue;
//    the engine times the abandonment of cases no such agent watches, see `watched`).
//  - dedicated personal assistance: a group dedicated to a segment serves only that segment's
//    cases; each such case may wait in its named agent's personal queue, which that agent
//    serves before anything else (the engine moves it to the general queue after backup_after).
// A case leaves a queue by being picked or by `withdraw` (the engine's exact-time reaper);
// entries left behind are recognised as stale through Case::queue_token.

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/model/available_agents.h"
#include "sim/model/case.h"
#include "sim/model/scenario.h"

namespace supportsim {

class AbandonHandler {
 public:
  virtual ~AbandonHandler() = default;
  // `c` left its queue at c.deadline_s without being answered; c.queue_token is already 0.
  virtual void on_abandon(Case& c) = 0;
};

class AgentPool {
 public:
  explicit AgentPool(const Scenario& scenario);

  int agent_count() const { return static_cast<int>(agents_.size()); }
  int group_of(int agent) const { return agents_[agent].group; }
  // Agents of a group are numbered first_agent(g) .. first_agent(g) + max head count - 1.
  int first_agent(int group) const { return group_first_agent_[group]; }
  int max_sessions(int agent) const;  // slots the engine provides per agent
  // Share of one agent's capacity that a session of `channel` takes in `group` (1/concurrency).
  double capacity_share(int group, int channel) const;

  bool on_duty(int agent) const { return agents_[agent].on_duty; }
  bool leaving(int agent) const { return agents_[agent].leaving; }
  int sessions(int agent) const { return agents_[agent].sessions; }

  // An available agent that can take a case of (channel, skill, segment) now, or -1.
  int find_agent(int channel, int skill, int segment) const;
  // Whether `agent` is available, its group answers `channel`, and it has room for a session
  // of `channel` now.
  bool can_take(int agent, int channel) const;
  // Reserves capacity for a session of `channel` on `agent`.
  void start_session(int agent, int channel);
  // Releases the capacity of a finished session; the agent is not made available yet (the
  // engine first lets it pick a waiting case, then calls make_available).
  void end_session(int agent, int channel);
  // Puts the agent back among the available ones if it is on duty, not leaving, with free
  // capacity; `now` is when it became free (for longest-idle-first).
  void make_available(int agent, double now);

  // Queues a case in the general queue of its (channel, skill, segment), or in the personal
  // queue of `agent`. REQUIRES c.queued_at_s and c.deadline_s set. Sets c.queue_token.
  void enqueue(Case& c);
  void enqueue_personal(Case& c, int agent);
  // Removes a waiting case from its queue (it abandons at its deadline); false if not waiting.
  bool withdraw(Case& c);
  // The waiting case `agent` takes now (removed from its queue), or nullptr. When the best
  // case does not fit the agent's free capacity, returns nullptr and sets *reserved.
  Case* next_case_for(int agent, double now, AbandonHandler& handler, bool* reserved = nullptr);
  // Removes every waiting case, oldest first, calling `visit` on each (end of a replication).
  template <class Visit>
  void drain_queues(Visit visit);
  // Removes every waiting case whose patience ran out by `now` and hands it to `handler`.
  void abandon_expired(double now, AbandonHandler& handler);
  std::size_t waiting() const { return waiting_; }

  // Whether some agent on duty and not leaving may take `c` from its general queue: while one
  // does, `c` is met at the head of its queue in time and its abandonment noticed exactly.
  bool watched(const Case& c) const;
  // Agents of `group` on duty and not leaving.
  int active_agents(int group) const { return active_[group]; }
  // Calls `visit` on each case waiting in a general queue of `group` that no agent watches any
  // more (after the group's last active agent left).
  template <class Visit>
  void visit_unwatched(int group, Visit visit) const;
  // Calls `visit` on each case waiting in `agent`'s personal queue.
  template <class Visit>
  void visit_personal(int agent, Visit visit) const;

  // Shift changes. go_on_duty makes an off-duty (or leaving) agent available again.
  // go_off_duty takes an agent off at once if it holds no session, else marks it leaving
  // (it finishes what it holds, takes nothing new); returns true if it went off at once.
  void go_on_duty(int agent, double now);
  bool go_off_duty(int agent);
  // A leaving agent whose last session just ended goes off duty; returns true if so.
  bool finish_leaving(int agent);

 private:
  struct Agent {
    int group = 0;
    int free_units = 0;
    int sessions = 0;
    bool on_duty = false;
    bool leaving = false;
    bool available = false;  // in its group's available set
    double available_since = 0;
  };
  struct Entry {
    Case* c;
    std::uint64_t token;
  };
  // FIFO of one (channel, skill, segment): all its cases share the segment's priority.
  using Queue = std::deque<Entry>;

  int queue_index(int channel, int skill, int segment) const {
    return (channel * skill_count_ + skill) * segment_count_ + segment;
  }
  void push(Queue& queue, Case& c);
  void remove_available(int agent);
  // Drops stale and expired entries at the head of a queue; returns the live head or nullptr.
  Case* live_head(Queue& queue, double now, AbandonHandler& handler);
  // The best live head among `queues` (priority, then age, then entry order), or nullptr;
  // *queue is set to its queue.
  Case* best_head(const std::vector<int>& queues, double now, AbandonHandler& handler,
                  Queue** queue);
  // Whether an active agent serves the general queue of this index.
  bool queue_watched(int queue_index) const;
  bool serves_segment(int group, int segment) const {
    return group_dedicated_to_[group] < 0 || group_dedicated_to_[group] == segment;
  }

  int skill_count_;
  int segment_count_;
  std::vector<Agent> agents_;
  std::vector<int> active_;  // per group: on duty and not leaving
  std::vector<int> group_first_agent_;
  std::vector<int> group_units_;                           // L per group
  std::vector<std::vector<int>> need_units_;               // [group][channel], 0 if not served
  std::vector<AvailableAgents> available_;  // per group
  std::vector<std::vector<std::vector<int>>> groups_for_;  // [channel][skill] -> groups in order
  std::vector<int> group_dedicated_to_;                    // segment index, or -1
  std::vector<std::vector<int>> group_queues_;             // general queue indices a group serves
  // The same, split by what the group takes first (its `first_` class) and only when none of
  // those waits (`second_`): live then deferred, or deferred then live with deferred_first.
  std::vector<std::vector<int>> first_queues_, second_queues_;
  std::vector<Queue> queues_;
  std::vector<Queue> personal_;  // per agent
  std::uint64_t next_token_ = 1;
  std::size_t waiting_ = 0;
};

template <class Visit>
void AgentPool::drain_queues(Visit visit) {
  for (auto* queues : {&queues_, &personal_})
    for (Queue& queue : *queues) {
      for (Entry& e : queue)
        if (e.token == e.c->queue_token) {
          e.c->queue_token = 0;
          --waiting_;
          visit(*e.c);
        }
      queue.clear();
    }
}

template <class Visit>
void AgentPool::visit_unwatched(int group, Visit visit) const {
  for (int qi : group_queues_[group]) {
    const Queue& queue = queues_[qi];
    if (queue.empty() || queue_watched(qi)) continue;
    for (const Entry& e : queue)
      if (e.token == e.c->queue_token) visit(*e.c);
  }
}

template <class Visit>
void AgentPool::visit_personal(int agent, Visit visit) const {
  for (const Entry& e : personal_[agent])
    if (e.token == e.c->queue_token) visit(*e.c);
}

}  // namespace supportsim
