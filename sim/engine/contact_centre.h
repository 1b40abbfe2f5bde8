#pragma once
// The state of one replication and what happens to cases at each event: arrival, routing,
// queueing, answer, session end, escalation, abandonment, retry, shift changes. Every event
// waits in the agenda and fires from a SimGrid kernel timer at its date, running this
// bookkeeping in maestro (agenda.h, kernel_events.h): there are no actors, and every event has
// one code path.

#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/engine/agenda.h"
#include "sim/engine/attempt_trace.h"
#include "sim/engine/kernel_events.h"
#include "sim/engine/timer.h"
#include "sim/model/agent_pool.h"
#include "sim/model/arrival_profile.h"
#include "sim/model/case.h"
#include "sim/model/churn.h"
#include "sim/model/replication_result.h"
#include "sim/model/scenario.h"

namespace supportsim {

class ContactCentre : private AbandonHandler, private AgendaHandler {
 public:
  ContactCentre(const Scenario& scenario, int replication);

  // Sets the first events (arrivals, population events, shift changes, the end of the
  // horizon) on the SimGrid engine of this process; Engine::run() then runs the replication.
  void start();
  // `run --log`: reports every counted attempt to `observer` as it ends (before the run starts;
  // the observer must outlive the replication). Without one, nothing is traced.
  void trace_attempts(AttemptObserver& observer) { trace_.emplace(observer); }

  // Closes the books (after the engine stopped) and hands over.
  ReplicationResult finish();
  // Why the replication stopped early (run.max_open_cases reached), or empty.
  const std::string& overload() const { return overload_; }

 private:
  struct Slot {
    int agent = 0;
    Case* current = nullptr;
    double started = 0;
    double duration = 0;
    double capacity = 0;  // share of the agent this session uses
  };
  struct SegmentStreams {
    // Processes and birth attributes; a case's later draws come from its own Case::rng.
    Rng gaps, busyness, attributes, handle, population;
  };
  // The active customers of a population segment.
  struct Population {
    std::vector<std::int64_t> active;  // ids
    std::vector<int> position;         // id -> index in `active`, or -1 once gone
    double changed_at = 0;             // last time the count changed (for the integrals)
    // Bumps at every plan and when service churn changes the count: a pending event or
    // re-plan of an older generation is stale.
    std::uint32_t generation = 0;
  };
  // A session of a self-service, automation or community channel, decided when it starts.
  struct PendingEnd {
    double when;
    std::uint64_t seq;
    Case* c;
    bool resolved;
    bool operator>(const PendingEnd& o) const {
      return when != o.when ? when > o.when : seq > o.seq;
    }
  };
  struct ServiceChannel {
    std::priority_queue<PendingEnd, std::vector<PendingEnd>, std::greater<>> ends;
    int active = 0;  // sessions in progress (automation's max_sessions)
  };
  // The backlog of a deferred channel: cases waiting for an agent (not those in a session or
  // waiting for the customer's reply), all cases counted, warm-up ones included.
  struct Backlog {
    int count = 0;
    double changed_at = 0;          // for the time integral
    std::size_t next_interval = 0;  // the first interval whose end is not recorded yet
  };

  // Events, in sim/engine/model_events.cc.
  enum EventKind : int {
    kArrival,     // index: segment
    kPopulation,  // index: segment; stale unless its generation is the population's
    kReplan,      // index: segment; service churn changed the population (same staleness)
    kSessionEnd,  // index: slot
    kServiceEnd,  // index: channel
    kShiftChange,
    kHorizon,
    kDrainLimit,
    kTimer,  // index: the timer's callback
  };
  void on_event(const AgendaEvent& event) override;
  // Open arrivals: the segment's next arrival after `after`, if before the end of the horizon.
  void schedule_arrival(int segment, double after);
  void arrive(int segment, double now);
  // A customer population's events: contacts, acquisitions and baseline churn compete; the
  // count only changes at these events or through service churn, which re-plans (exact: the
  // exponential clocks are memoryless).
  void plan_population(int segment, double now);
  void population_event(int segment, double now);
  // Self-service, automation and community channels: the sessions ending by `now`.
  void end_service_sessions(int channel, double now);
  // Head count changes (schedules, absence, proactive turns).
  void schedule_shift_change(double now);
  void change_shifts(double now);
  // The end of the horizon: arrivals stop; the replication ends once every counted case has
  // ended, or at the drain limit.
  void reach_horizon();
  void end_replication(double now);
  bool ended() const { return events_.stopped(); }

  // Journey.
  Case& new_case(int segment, double now);
  // No case can be created without exceeding run.max_open_cases.
  bool case_limit_reached() const {
    return free_cases_.empty() &&
           static_cast<double>(case_storage_.size()) >= scenario_.run.limits.max_open_cases;
  }
  // More cases are open than run.max_open_cases: sets overload_ and stops every event.
  void stop_overloaded(double now);
  void offer(Case& c, double now);
  void offer_to_agents(Case& c, double now);
  // Deferred channels: a case entering the channel draws its touches; each touch is offered
  // to the channel's agents, or waits in the backlog (no patience); between touches the case
  // waits for the customer's reply outside the backlog.
  void enter_deferred(Case& c, double now);
  void offer_touch(Case& c, double now);
  void await_reply(Case& c, double now);
  void change_backlog(int channel, int delta, double now);
  // Backlog integral and interval-end counts up to `now`, before the count changes.
  void advance_backlog(int channel, double now);
  // Callbacks: a caller who will accept one is offered it at callback_after, if still waiting.
  void offer_callback(Case& c, double now);
  // Dedicated personal assistance: the case waited backup_after for its named agent.
  void back_up(Case& c, double now);
  // The named agent of `c` in dedicated `group`, or -1 when the group has no agents at all.
  int named_agent(const Case& c, int group) const;
  void queue_for_agents(Case& c, int named_agent);
  // Abandons `c` at its deadline by the timer unless it leaves its queue before (idempotent).
  void abandon_on_time(Case& c);
  void start_service(Case& c, double now);
  void begin_session(int agent, Case& c, double now);
  void end_session(Slot& slot, double now);
  void after_attempt(Case& c, bool resolved, double now);
  // A resolution in c.channel that does not hold (Channel::return_share): schedules the case's
  // return and returns true; false when the resolution holds.
  bool comes_back(Case& c, double now);
  // Hands the case on to its channel's escalate_to (or ends it unresolved when there is none).
  void hand_off(Case& c, bool repeat, double now);
  void on_abandon(Case& c) override;
  // `abandoned`: the case ends because its customer left this channel's queue.
  void end_case(Case& c, bool resolved, double now, bool abandoned = false);
  // A case ending unresolved that comes back (Segment::recontact_share): schedules its
  // recontact and returns true; false when it ends.
  bool recontacts(Case& c, double now);
  // The churn rule and the effort score for a case that ended; may remove its customer.
  void apply_experience(Case& c, bool resolved, double now);
  // Lets `agent` take waiting cases while it has room, then makes it available unless it is
  // reserved for a waiting case that needs more room (AgentPool::next_case_for).
  void fill_agent(int agent, double now);

  // Accounting.
  void count_answer(const Case& c, double wait);
  QueueCounts* queue_scopes(const Case& c, QueueCounts** segment, QueueCounts** interval);
  void add_busy(const Slot& slot, const Case& c, double from, double to);
  void set_on_duty(int group, int delta, double now);
  // Customer-time integrals up to `now`, before the count changes.
  void advance_population(int segment, double now);
  void add_customer(int segment, double now);
  bool remove_customer(int segment, std::int64_t id, double now);
  bool in_window(double t) const { return t >= window_start_ && t < window_end_; }
  std::size_t day_of(double t) const;
  void advance_duty(int group, double now);
  void apply_schedule(int group, double now);

  // Proactive work (Group::proactive_share), in sim/engine/proactive_work.cc. At the start of
  // every reporting interval, each group with a proactive share takes its next agents on shift,
  // in turn, off cases for the interval: as many as keep the proactive agent time within half
  // an agent-interval of proactive_share x the agents on shift. An agent holding a case
  // finishes it first, and one whose turn is over stays on proactive work until then, so the
  // head count serving cases stays (agents on shift - agents on proactive work) throughout.
  // Agents on proactive work count as on duty (paid), not as available to cases.
  void start_proactive_work();
  double next_proactive_turn(double now) const;
  void rotate_proactive(double now);
  void rotate_proactive(int group, double now);
  void begin_proactive(int agent, double now);
  // A busy agent whose turn had come finished its case (end_session).
  void proactive_block_begins(int agent, double now);
  // Back to cases (its turn is over) or, when its shift ends, off duty.
  void end_proactive(int agent, double now, bool back_to_cases);
  void set_proactive(int group, int delta, double now);
  bool on_shift(int agent) const {
    return proactive_agent_[agent] || (pool_.on_duty(agent) && !pool_.leaving(agent));
  }
  // Agents of `group` on duty at `now`: the schedule's count less those absent that day
  // (Group::absenteeism).
  int present_agents(int group, double now);

  const Scenario& scenario_;
  const int replication_;
  const double window_start_, window_end_;
  AgentPool pool_;
  KernelEvents events_;
  Agenda agenda_{events_, *this};
  Timer timer_{agenda_, kTimer};
  double ended_at_ = 0;
  std::vector<ArrivalProfile> profiles_;
  std::vector<SegmentStreams> streams_;
  std::vector<Slot> slots_;
  std::vector<ServiceChannel> service_;  // per channel (used by non-agents kinds)
  std::vector<Backlog> backlogs_;        // per channel (used by deferred channels)
  QueueCounts unscoped_queue_;  // deferred offers' segment scope: segments count live queues
  std::uint64_t next_end_seq_ = 0;
  std::vector<std::vector<int>> dedicated_group_;  // [segment][channel] -> group, or -1
  std::vector<Population> populations_;            // per segment (empty when open arrivals)
  // [segment][channel]: abandonment must be handled at its exact time (retries, churn).
  std::vector<std::vector<bool>> exact_abandonment_;
  std::vector<double> perfect_contact_churn_;          // per segment: churn probability after a
                                                       // perfect contact (0 without a rule)
  std::vector<std::vector<int>> idle_slots_;           // per agent
  std::vector<int> on_duty_count_;                     // per group
  std::vector<std::vector<char>> absent_;              // [group][k]: k-th scheduled agent absent
  std::vector<long> absent_day_;                       // [group]: the day absent_ was drawn for
  std::vector<double> duty_changed_at_;                // per group
  std::vector<std::vector<double>> duty_by_interval_;  // [group][interval] agent-seconds
  std::vector<char> proactive_agent_;   // per agent: its turn of proactive work (may be leaving)
  std::vector<int> proactive_count_;    // per group: agents doing proactive work now
  std::vector<double> proactive_owed_;  // per group: agent-intervals still owed (error diffusion)
  std::vector<int> proactive_cursor_;   // per group: whose turn is next
  // Per group: agents whose turn is over, waiting for a busy agent taking their place.
  std::vector<std::deque<int>> proactive_waiting_;
  bool has_proactive_ = false;
  std::deque<Case> case_storage_;
  std::vector<Case*> free_cases_;
  std::uint64_t next_case_id_ = 1;
  std::uint64_t open_counted_ = 0;
  bool arrivals_over_ = false;
  bool has_shift_changes_ = false;
  std::string overload_;
  ReplicationResult result_;
  std::optional<AttemptTrace> trace_;  // only under `run --log`
};

}  // namespace supportsim
