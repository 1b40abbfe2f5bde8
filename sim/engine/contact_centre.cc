#include "sim/engine/contact_centre.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <simgrid/s4u/Engine.hpp>

#include "sim/core/units.h"

namespace supportsim {
namespace {

double now_s() { return simgrid::s4u::Engine::get_clock(); }

// Index of the share list entry that a uniform draw u falls into.
int pick_share(const std::vector<Share>& shares, double u) {
  double cumulative = 0;
  for (const Share& s : shares) {
    cumulative += s.share;
    if (u < cumulative) return s.index;
  }
  return shares.back().index;  // u beyond a sum rounded below 1
}

}  // namespace

ContactCentre::ContactCentre(const Scenario& scenario, int replication)
    : scenario_(scenario),
      replication_(replication),
      window_start_(scenario.run.warmup_s),
      window_end_(scenario.run.warmup_s + scenario.run.horizon_s),
      pool_(scenario) {
  const auto seed = scenario.run.seed;
  for (const Segment& s : scenario.segments) {
    // A population segment's profile is per customer: its events scale it by the active count.
    profiles_.emplace_back(s.customers ? s.contact_rate_per_s : s.arrival_rate_per_s,
                           scenario.profile_of(s), window_end_);
    auto stream = [&](const char* purpose) {
      return make_stream(seed, replication, std::string(purpose) + ":" + s.name);
    };
    streams_.push_back({stream("gaps"), stream("busyness"), stream("attributes"), stream("handle"),
                        stream("population")});
  }
  for (const Segment& segment : scenario.segments) {
    const ChurnRule* rule = scenario.churn_of(segment);
    const bool population_churn = segment.customers && rule;
    std::vector<bool> exact;
    for (const Channel& ch : scenario.channels)
      exact.push_back(population_churn || ch.retry_share > 0 || segment.recontact_share > 0);
    exact_abandonment_.push_back(exact);
    perfect_contact_churn_.push_back(rule ? rule->probability(kPerfectContact) : 0);
  }
  service_.resize(scenario.channels.size());
  backlogs_.resize(scenario.channels.size());
  dedicated_group_.assign(scenario.segments.size(), std::vector<int>(scenario.channels.size(), -1));
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const Group& group = scenario.groups[g];
    if (!group.dedicated_to) continue;
    for (int ch : group.channels) dedicated_group_[*group.dedicated_to][ch] = static_cast<int>(g);
  }

  const std::size_t intervals =
      static_cast<std::size_t>(std::ceil(scenario.run.horizon_s / scenario.run.interval_s));
  result_ = empty_result(scenario);
  result_.replication = replication;
  populations_.resize(scenario.segments.size());
  for (std::size_t k = 0; k < scenario.segments.size(); ++k) {
    const Segment& segment = scenario.segments[k];
    if (!segment.customers) continue;
    Population& population = populations_[k];
    for (int id = 0; id < *segment.customers; ++id) {
      population.position.push_back(id);
      population.active.push_back(id);
    }
  }

  idle_slots_.resize(pool_.agent_count());
  for (int agent = 0; agent < pool_.agent_count(); ++agent)
    for (int k = 0; k < pool_.max_sessions(agent); ++k) {
      idle_slots_[agent].push_back(static_cast<int>(slots_.size()));
      Slot slot;
      slot.agent = agent;
      slots_.push_back(slot);
    }
  const std::size_t groups = scenario.groups.size();
  on_duty_count_.assign(groups, 0);
  duty_changed_at_.assign(groups, 0);
  duty_by_interval_.assign(groups, std::vector<double>(intervals, 0));
  absent_.resize(groups);
  absent_day_.assign(groups, -1);
  for (std::size_t g = 0; g < groups; ++g) {
    const Schedule& schedule = scenario.groups[g].schedule;
    has_shift_changes_ |= schedule.next_change_after(0) < kNever;
    has_shift_changes_ |= scenario.groups[g].absenteeism > 0 && schedule.max_agents() > 0;
    const int first = pool_.first_agent(static_cast<int>(g));
    const int present = present_agents(static_cast<int>(g), 0);
    for (int i = 0; i < present; ++i) pool_.go_on_duty(first + i, 0);
    on_duty_count_[g] = present;
  }
  start_proactive_work();
}

int ContactCentre::present_agents(int group, double now) {
  const Group& g = scenario_.groups[group];
  const int wanted = g.schedule.at(now);
  if (g.absenteeism <= 0 || wanted == 0) return wanted;
  // Whole agent-days: the k-th agent the schedule puts on duty is absent all day or not, from
  // a stream of its own per (replication, group, day), so that absence does not depend on
  // anything else that happens in the replication (common random numbers).
  const auto day = static_cast<long>(std::floor(now / kDay));
  std::vector<char>& absent = absent_[group];
  if (absent_day_[group] != day) {
    Rng rng = make_stream(scenario_.run.seed, static_cast<std::uint64_t>(replication_),
                          "absence:" + g.name + ":" + std::to_string(day));
    absent.resize(static_cast<std::size_t>(g.schedule.max_agents()));
    for (char& a : absent) a = uniform01(rng) < g.absenteeism;
    absent_day_[group] = day;
  }
  int present = 0;
  for (int k = 0; k < wanted; ++k) present += !absent[k];
  return present;
}

// ---- journey ------------------------------------------------------------------------------

Case& ContactCentre::new_case(int segment, double now) {
  Case* c;
  if (free_cases_.empty()) {
    assert(!case_limit_reached());  // the events creating cases check it first
    c = &case_storage_.emplace_back();
  } else {
    c = free_cases_.back();
    free_cases_.pop_back();
    *c = Case{};
  }
  const Segment& seg = scenario_.segments[segment];
  SegmentStreams& streams = streams_[segment];
  // A fixed number of draws per case from each stream keeps cases aligned across what-ifs
  // (common random numbers, docs/determinism.md).
  const double u_issue = uniform01(streams.attributes);
  const double u_entry = uniform01(streams.attributes);
  c->book_draw = uniform01(streams.attributes);
  c->id = next_case_id_++;
  c->segment = segment;
  c->issue = pick_share(seg.issues, u_issue);
  c->skill = scenario_.issues[c->issue].skill;
  c->channel = pick_share(seg.entry, u_entry);
  c->priority = seg.priority;
  c->arrival_s = now;
  c->handle_rng = make_case_rng(streams.handle);
  c->rng = make_case_rng(streams.attributes);
  c->live = true;
  c->counted = now >= window_start_;
  if (c->counted) {
    c->interval = std::min<int>(static_cast<int>((now - window_start_) / scenario_.run.interval_s),
                                static_cast<int>(result_.intervals.size()) - 1);
    ++open_counted_;
    ++result_.overall.cases;
    ++result_.segments[segment].cases;
    ++result_.daily[day_of(now)][segment].cases;
  }
  ++result_.cases_created;
  return *c;
}

void ContactCentre::stop_overloaded(double now) {
  // Name the channel where most open cases are (the queue that grows), then stop every event:
  // the replication has no result, run_replication reports overload().
  std::vector<std::size_t> open(scenario_.channels.size(), 0);
  for (const Case& c : case_storage_)
    if (c.live) ++open[static_cast<std::size_t>(c.channel)];
  const auto most = std::max_element(open.begin(), open.end()) - open.begin();
  overload_ = "more than " + std::to_string(case_storage_.size()) +
              " cases open at once (run.max_open_cases) at " + format_duration(std::floor(now)) +
              " of simulated time, " + std::to_string(open[most]) + " of them in channel \"" +
              scenario_.channels[most].name +
              "\": the scenario is overloaded (add agents or patience limits, or raise "
              "run.max_open_cases)";
  events_.stop();
}

QueueCounts* ContactCentre::queue_scopes(const Case& c, QueueCounts** segment,
                                         QueueCounts** interval) {
  // The segments' queue metrics are those of live channels: a backlog's waits are another
  // measure (first response), and would swamp a segment's ASA.
  *segment = scenario_.channels[c.channel].deferred ? &unscoped_queue_
                                                    : &result_.segments[c.segment].queue;
  *interval = &result_.intervals[c.interval][c.channel].queue;
  return &result_.channels[c.channel].queue;
}

void ContactCentre::offer(Case& c, double now) {
  if (trace_) trace_->started(c, now);
  if (scenario_.channels[c.channel].kind == ChannelKind::kAgents)
    offer_to_agents(c, now);
  else
    start_service(c, now);
}

void ContactCentre::offer_to_agents(Case& c, double now) {
  const Channel& channel = scenario_.channels[c.channel];
  if (channel.deferred) {
    enter_deferred(c, now);
    return;
  }
  const auto& patience = scenario_.segments[c.segment].patience[c.channel];
  c.deadline_s = patience ? now + patience->sample(c.rng) : kNever;
  if (channel.callback_after_s) c.callback_draw = uniform01(c.rng);
  if (c.counted) {
    QueueCounts *seg, *interval;
    QueueCounts* ch = queue_scopes(c, &seg, &interval);
    ++ch->offered, ++seg->offered, ++interval->offered;
  }
  c.queued_at_s = now;
  const int dedicated = dedicated_group_[c.segment][c.channel];
  const int named = dedicated >= 0 ? named_agent(c, dedicated) : -1;
  if (named >= 0 && pool_.on_duty(named) && !pool_.leaving(named)) {
    // The named agent first; the general queue only after backup_after. A customer whose
    // agent is not at work goes to the general queue at once.
    if (pool_.can_take(named, c.channel)) {
      begin_session(named, c, now);
      return;
    }
    queue_for_agents(c, named);
    if (const auto& backup = scenario_.groups[dedicated].backup_after_s) {
      Case* waiting = &c;
      const std::uint64_t token = c.queue_token;
      timer_.schedule(now + *backup, [this, waiting, token] {
        if (waiting->queue_token == token && pool_.withdraw(*waiting)) back_up(*waiting, now_s());
      });
    }
    return;
  }
  const int agent = pool_.find_agent(c.channel, c.skill, c.segment);
  if (agent >= 0) {
    begin_session(agent, c, now);
    return;
  }
  queue_for_agents(c, -1);
}

void ContactCentre::enter_deferred(Case& c, double now) {
  c.touches_left = scenario_.channels[c.channel].touches.sample(c.rng);
  c.entered_channel_s = now;
  c.awaiting_first_response = true;
  if (c.counted) {
    ++result_.channels[c.channel].entries;
    ++result_.intervals[c.interval][c.channel].entries;
  }
  offer_touch(c, now);
}

void ContactCentre::offer_touch(Case& c, double now) {
  c.deadline_s = kNever;
  c.queued_at_s = now;
  if (c.counted) {
    ++result_.channels[c.channel].queue.offered;
    ++result_.intervals[c.interval][c.channel].queue.offered;
  }
  // A customer's named agent answers their tickets when free; else whoever is free, else the
  // backlog (deferred work never waits in a personal queue).
  int agent = -1;
  if (const int dedicated = dedicated_group_[c.segment][c.channel]; dedicated >= 0) {
    const int named = named_agent(c, dedicated);
    if (named >= 0 && pool_.can_take(named, c.channel)) agent = named;
  }
  if (agent < 0) agent = pool_.find_agent(c.channel, c.skill, c.segment);
  if (agent >= 0) {
    begin_session(agent, c, now);
    return;
  }
  pool_.enqueue(c);
  c.in_backlog = true;
  change_backlog(c.channel, +1, now);
}

void ContactCentre::await_reply(Case& c, double now) {
  const double when = now + scenario_.channels[c.channel].reply_delay->sample(c.rng);
  Case* waiting = &c;
  timer_.schedule(when, [this, waiting, when] { offer_touch(*waiting, when); });
}

void ContactCentre::change_backlog(int channel, int delta, double now) {
  advance_backlog(channel, now);
  backlogs_[channel].count += delta;
}

void ContactCentre::advance_backlog(int channel, double now) {
  Backlog& b = backlogs_[channel];
  ChannelCounts& counts = result_.channels[channel];
  const double from = std::max(b.changed_at, window_start_), to = std::min(now, window_end_);
  if (to > from) counts.backlog_s += b.count * (to - from);
  b.changed_at = now;
  // A change at an interval's end comes after it: the interval ends with the count before.
  const double width = scenario_.run.interval_s;
  const std::size_t intervals = result_.intervals.size();
  while (b.next_interval < intervals) {
    const double end =
        std::min(window_start_ + static_cast<double>(b.next_interval + 1) * width, window_end_);
    if (end > now) break;
    result_.intervals[b.next_interval][channel].backlog = b.count;
    if (++b.next_interval == intervals) counts.backlog_end = b.count;
  }
}

void ContactCentre::offer_callback(Case& c, double now) {
  const double when =
      std::max(now, c.queued_at_s + *scenario_.channels[c.channel].callback_after_s);
  if (when >= c.deadline_s) return;  // their patience runs out first
  Case* waiting = &c;
  const std::uint64_t token = c.queue_token;
  timer_.schedule(when, [this, waiting, token, when] {
    if (waiting->queue_token != token) return;  // answered (or moved) before
    // The caller keeps their place, off the line: no patience from now on.
    waiting->deadline_s = kNever;
    waiting->callback_at_s = when;
    if (waiting->counted) ++result_.channels[waiting->channel].callbacks;
  });
}

int ContactCentre::named_agent(const Case& c, int group) const {
  // Customers are spread evenly over the agents' books: a known customer keeps one named agent
  // for the whole run; an anonymous one (open arrivals) drew its book at birth.
  const int book = scenario_.groups[group].schedule.max_agents();
  if (book == 0) return -1;  // nobody to name: the general queue
  const std::int64_t index =
      c.customer >= 0
          ? c.customer % book
          : std::min<std::int64_t>(book - 1, static_cast<std::int64_t>(c.book_draw * book));
  return pool_.first_agent(group) + static_cast<int>(index);
}

void ContactCentre::back_up(Case& c, double now) {
  if (c.deadline_s <= now) {  // its patience ran out first
    on_abandon(c);
    return;
  }
  const int agent = pool_.find_agent(c.channel, c.skill, c.segment);
  if (agent >= 0)
    begin_session(agent, c, now);
  else
    queue_for_agents(c, -1);
}

void ContactCentre::queue_for_agents(Case& c, int named_agent) {
  // A named agent is on duty and not leaving (offer_to_agents): it watches its own queue.
  if (named_agent >= 0)
    pool_.enqueue_personal(c, named_agent);
  else
    pool_.enqueue(c);
  // A retry, or a customer leaving, must happen at its exact time; and a case that no agent on
  // duty may take would never be met at a queue head: for these, the abandonment cannot wait
  // to be discovered lazily by the next agent looking at the queue.
  if (exact_abandonment_[c.segment][c.channel] || (named_agent < 0 && !pool_.watched(c)))
    abandon_on_time(c);
  const Channel& channel = scenario_.channels[c.channel];
  if (channel.callback_after_s && c.callback_at_s == kNever &&
      c.callback_draw < channel.callback_share)
    offer_callback(c, now_s());
}

void ContactCentre::abandon_on_time(Case& c) {
  if (c.deadline_s == kNever || c.timed_token == c.queue_token) return;
  c.timed_token = c.queue_token;
  Case* waiting = &c;
  const std::uint64_t token = c.queue_token;
  timer_.schedule(c.deadline_s, [this, waiting, token] {
    // Still waiting, and still on the line (not waiting for a callback).
    if (waiting->queue_token == token && waiting->deadline_s <= now_s() && pool_.withdraw(*waiting))
      on_abandon(*waiting);
  });
}

void ContactCentre::start_service(Case& c, double now) {
  // A full bot hands the case on at once, as hand_off does (nothing was said to the bot:
  // nothing to repeat); a chain of full bots is walked in this loop, not by recursion, so that
  // its length does not depend on the actors' stack size.
  for (;;) {
    const Channel& full = scenario_.channels[c.channel];
    if (!(full.max_sessions > 0 && service_[c.channel].active >= full.max_sessions)) break;
    if (c.counted) ++result_.channels[c.channel].blocked;
    if (!full.escalate_to || scenario_.channels[*full.escalate_to].kind == ChannelKind::kAgents) {
      hand_off(c, /*repeat=*/false, now);
      return;
    }
    ++c.handoffs;
    c.channel = *full.escalate_to;
  }
  const Channel& channel = scenario_.channels[c.channel];
  ServiceChannel& service = service_[c.channel];
  ChannelCounts& counts = result_.channels[c.channel];
  CaseRng& rng = c.rng;
  const double resolve = scenario_.issues[c.issue].resolve[c.channel];
  double duration;
  bool resolved;
  if (channel.kind == ChannelKind::kCommunity) {
    // Draw all three every time, so the stream stays aligned across what-ifs.
    const bool answered = uniform01(rng) < channel.answer_share;
    const double delay = channel.first_answer->sample(rng);
    const bool helpful = uniform01(rng) < resolve;
    const bool in_time = answered && delay < channel.give_up_after_s;
    duration = in_time ? delay : channel.give_up_after_s;
    resolved = in_time && helpful;
    if (in_time && c.counted) {
      ++counts.answered_posts;
      counts.first_answer_sum_s += delay;
    }
  } else {
    duration = channel.session_time->sample(rng);
    resolved = uniform01(rng) < resolve;
  }
  ++c.sessions;
  if (c.counted) {
    ++counts.sessions;
    ++counts.segment_sessions[c.segment];
  }
  if (trace_) trace_->served(c, 0, duration);
  ++service.active;
  service.ends.push({now + duration, next_end_seq_++, &c, resolved});
  agenda_.schedule(now + duration, kServiceEnd, c.channel);
}

void ContactCentre::count_answer(const Case& c, double wait) {
  if (!c.counted) return;
  const double within = scenario_.targets.for_channel(c.channel).answer_within_s;
  QueueCounts *seg, *interval;
  QueueCounts* ch = queue_scopes(c, &seg, &interval);
  for (QueueCounts* q : {ch, seg, interval}) {
    ++q->answered;
    q->wait_answered_s += wait;
    q->wait_all_s += wait;
    if (wait > 0) ++q->waited;
    if (wait <= within) ++q->answered_within;
  }
}

void ContactCentre::begin_session(int agent, Case& c, double now) {
  const Channel& channel = scenario_.channels[c.channel];
  const double wait = now - c.queued_at_s;
  count_answer(c, wait);
  // The customer's own wait (effort, churn) is their time on the line: not a ticket's time in
  // a backlog (resolution time covers that), nor the time after accepting a callback.
  double extra_s = 0;
  const double waited_before = c.waited_s;
  if (channel.deferred) {
    if (c.in_backlog) {
      c.in_backlog = false;
      change_backlog(c.channel, -1, now);
    }
    if (c.awaiting_first_response) {
      c.awaiting_first_response = false;
      if (c.counted) {
        ChannelCounts& ch = result_.channels[c.channel];
        const double response = now - c.entered_channel_s;
        ++ch.first_responses;
        ch.first_response_sum_s += response;
        ch.first_response_time->add(response);
        if (response <= scenario_.targets.for_channel(c.channel).first_response_within()) {
          ++ch.first_response_within;
          ++result_.intervals[c.interval][c.channel].first_response_within;
        }
      }
    }
  } else if (c.callback_at_s < kNever) {
    c.waited_s += c.callback_at_s - c.queued_at_s;
    if (c.counted) {
      ChannelCounts& ch = result_.channels[c.channel];
      ++ch.callbacks_made;
      ch.callback_wait_sum_s += now - c.callback_at_s;
    }
    c.callback_at_s = kNever;
    extra_s = channel.callback_connect_s;
  } else {
    c.waited_s += wait;
  }
  pool_.start_session(agent, c.channel);
  auto& idle = idle_slots_[agent];
  assert(!idle.empty());
  Slot& slot = slots_[idle.back()];
  idle.pop_back();
  ++c.sessions;
  ++c.agent_sessions;
  const double handle = scenario_.issues[c.issue].handle_time_in(c.channel).sample(c.handle_rng);
  slot.current = &c;
  slot.started = now;
  slot.duration = handle * channel.handle_time_factor * c.handle_factor + extra_s;
  slot.capacity = pool_.capacity_share(pool_.group_of(agent), c.channel);
  if (c.counted) {
    ChannelCounts& ch = result_.channels[c.channel];
    ++ch.sessions;
    ++ch.segment_sessions[c.segment];
  }
  result_.total_session_capacity_s += slot.duration * slot.capacity;
  if (trace_)
    trace_->served(c, channel.deferred ? wait : c.waited_s - waited_before, slot.duration);
  agenda_.schedule(now + slot.duration, kSessionEnd, static_cast<int>(&slot - slots_.data()));
}

void ContactCentre::end_session(Slot& slot, double now) {
  Case& c = *slot.current;
  add_busy(slot, c, slot.started, now);
  slot.current = nullptr;
  const int agent = slot.agent;
  idle_slots_[agent].push_back(static_cast<int>(&slot - slots_.data()));
  pool_.end_session(agent, c.channel);

  if (scenario_.channels[c.channel].deferred && --c.touches_left > 0) {
    await_reply(c, now);  // the attempt goes on after the customer's answer
  } else {
    const double resolve = scenario_.issues[c.issue].resolve[c.channel];
    const bool resolved = resolve >= 1 || uniform01(c.rng) < resolve;
    after_attempt(c, resolved, now);
  }

  const int group = pool_.group_of(agent);
  if (pool_.finish_leaving(agent)) {
    set_on_duty(group, -1, now);
    if (proactive_agent_[agent]) proactive_block_begins(agent, now);
    return;
  }
  if (pool_.leaving(agent)) return;
  fill_agent(agent, now);
}

void ContactCentre::fill_agent(int agent, double now) {
  bool reserved = false;
  while (!idle_slots_[agent].empty()) {
    Case* next = pool_.next_case_for(agent, now, *this, &reserved);
    if (!next) break;
    begin_session(agent, *next, now);
  }
  if (!reserved) pool_.make_available(agent, now);
}

void ContactCentre::after_attempt(Case& c, bool resolved, double now) {
  const Channel& channel = scenario_.channels[c.channel];
  // Drawn only for an unresolved attempt, as before: the case's stream is the same either way.
  const bool escalate = !resolved && channel.escalate_to &&
                        (channel.escalate_share >= 1 || uniform01(c.rng) < channel.escalate_share);
  if (trace_) trace_->ended(c, resolved, escalate ? *channel.escalate_to : -1);
  if (resolved) {
    if (c.counted) {
      ++result_.channels[c.channel].resolved;
      ++result_.channels[c.channel].segment_resolved[c.segment];
    }
    if (channel.return_share > 0 && comes_back(c, now)) return;
    end_case(c, true, now);
    return;
  }
  if (!escalate) {
    end_case(c, false, now);
    return;
  }
  if (c.counted) ++result_.channels[c.channel].escalated;
  hand_off(c, !channel.context_transfer, now);
}

bool ContactCentre::comes_back(Case& c, double now) {
  const Channel& channel = scenario_.channels[c.channel];
  // The same draws whether or not the resolution holds, from the case's own generator.
  const bool back = uniform01(c.rng) < channel.return_share;
  const double when = now + channel.return_after.sample(c.rng);
  const double u_entry = uniform01(c.rng);
  if (!back) return false;
  const int to = channel.return_to ? *channel.return_to
                                   : pick_share(scenario_.segments[c.segment].entry, u_entry);
  ++c.returns;
  if (c.counted) {
    ++result_.channels[c.channel].returned;
    ++result_.overall.returns;
    ++result_.segments[c.segment].returns;
  }
  Case* returning = &c;
  timer_.schedule(when, [this, returning, to, when] {
    ++returning->handoffs;  // one more contact for the customer
    returning->channel = to;
    offer(*returning, when);
  });
  return true;
}

void ContactCentre::hand_off(Case& c, bool repeat, double now) {
  const Channel& channel = scenario_.channels[c.channel];
  if (!channel.escalate_to) {
    end_case(c, false, now);
    return;
  }
  ++c.handoffs;
  if (repeat) {
    ++c.repeats;
    c.handle_factor *= channel.repeat_penalty;
  }
  c.channel = *channel.escalate_to;
  offer(c, now);
}

void ContactCentre::on_abandon(Case& c) {
  const double wait = c.deadline_s - c.queued_at_s;
  c.waited_s += wait;
  c.abandoned = true;
  if (trace_) trace_->abandoned(c, wait);
  if (c.counted) {
    const double within = scenario_.targets.for_channel(c.channel).answer_within_s;
    QueueCounts *seg, *interval;
    QueueCounts* ch = queue_scopes(c, &seg, &interval);
    for (QueueCounts* q : {ch, seg, interval}) {
      ++q->abandoned;
      q->wait_all_s += wait;
      if (wait > 0) ++q->waited;
      if (wait <= within) ++q->abandoned_within;
    }
  }
  const Channel& channel = scenario_.channels[c.channel];
  if (channel.retry_share > 0 && uniform01(c.rng) < channel.retry_share) {
    c.retried = true;
    Case* retrying = &c;
    const double when = c.deadline_s + channel.retry_delay->sample(c.rng);
    timer_.schedule(when, [this, retrying, when] { offer(*retrying, when); });
    return;
  }
  end_case(c, false, c.deadline_s, true);
}

bool ContactCentre::recontacts(Case& c, double now) {
  const Segment& segment = scenario_.segments[c.segment];
  // The same draws whether or not the customer comes back, from the case's own generator.
  const bool back = uniform01(c.rng) < segment.recontact_share;
  const double when = std::max(now + segment.recontact_after.sample(c.rng), now_s());
  const double u_entry = uniform01(c.rng);
  if (!back) return false;
  const int to = pick_share(segment.entry, u_entry);
  ++c.recontacts;
  if (c.counted) {
    ++result_.overall.recontacts;
    ++result_.segments[c.segment].recontacts;
  }
  Case* again = &c;
  timer_.schedule(when, [this, again, to, when] {
    ++again->handoffs;  // one more contact for the customer
    again->channel = to;
    offer(*again, when);
  });
  return true;
}

void ContactCentre::end_case(Case& c, bool resolved, double now, bool abandoned) {
  if (!resolved && scenario_.segments[c.segment].recontact_share > 0 && recontacts(c, now)) return;
  apply_experience(c, resolved, now);
  if (c.counted) {
    for (CaseCounts* scope : {&result_.overall, &result_.segments[c.segment]}) {
      if (resolved) {
        ++scope->resolved;
        scope->resolution_time_sum_s += now - c.arrival_s;
        scope->resolution_time.add(now - c.arrival_s);
        if (c.sessions == 1 && c.handoffs == 0 && !c.retried) ++scope->first_contact_resolved;
      } else {
        ++scope->unresolved;
      }
      scope->time_to_end.add(now - c.arrival_s);
      scope->handoffs += c.handoffs;
      scope->repeats += c.repeats;
    }
    ChannelCounts& channel = result_.channels[c.channel];
    ++channel.ended;
    if (!resolved) ++channel.gave_up;
    if (abandoned) ++channel.ended_abandoned;
    if (resolved && scenario_.channels[c.channel].deferred)
      if (const auto& within = scenario_.targets.for_channel(c.channel).resolve_within_s)
        if (now - c.arrival_s <= *within) {
          ++channel.resolved_within;
          ++result_.intervals[c.interval][c.channel].resolved_within;
        }
    if (--open_counted_ == 0 && arrivals_over_) end_replication(now);
  }
  c.live = false;
  free_cases_.push_back(&c);
}

void ContactCentre::apply_experience(Case& c, bool resolved, double now) {
  const Segment& segment = scenario_.segments[c.segment];
  const ChurnRule* rule = scenario_.churn_of(segment);
  if (!rule && !c.counted) return;  // nothing to decide, nothing to report
  CaseExperience e;
  e.waited_minutes = c.waited_s / kMinute;
  e.handoffs = c.handoffs;
  e.repeats = c.repeats;
  e.unresolved = !resolved;
  e.abandoned = c.abandoned;
  e.resolution_hours = (now - c.arrival_s) / kHour;
  const double p = rule ? rule->probability(e) : 0;
  // From the case's own generator: the same case has the same luck in every what-if.
  const bool leaves = rule && uniform01(c.rng) < p;
  if (c.counted) {
    for (CaseCounts* scope : {&result_.overall, &result_.segments[c.segment]}) {
      ++scope->ended;
      scope->churn_risk_sum += p;
      scope->churn_by_experience_sum += p - perfect_contact_churn_[c.segment];
      scope->effort_sum += effort_score(e);
    }
  }
  if (!leaves || c.customer < 0) return;
  // Abandonments of population segments are exact (see queue_for_agents), so `now` is the
  // present here; the population's books can only move forward.
  now = std::max(now, now_s());
  if (!remove_customer(c.segment, c.customer, now)) return;
  if (c.counted) {
    ++result_.overall.churned;
    ++result_.segments[c.segment].churned;
    if (in_window(now)) ++result_.daily[day_of(now)][c.segment].churned;
  }
  // The population's planner must account for one customer fewer from now on: the pending
  // event is stale, and the population plans again now (after the event at hand).
  Population& population = populations_[c.segment];
  const std::uint32_t generation = ++population.generation;
  if (now < window_end_) agenda_.schedule(now, kReplan, c.segment, generation);
}

std::size_t ContactCentre::day_of(double t) const {
  return std::min(static_cast<std::size_t>(std::max(0.0, t - window_start_) / kDay),
                  result_.daily.size() - 1);
}

void ContactCentre::advance_population(int segment, double now) {
  Population& population = populations_[segment];
  const double n = static_cast<double>(population.active.size());
  const double from = std::max(population.changed_at, window_start_);
  const double to = std::min(now, window_end_);
  population.changed_at = now;
  if (to <= from || n == 0) return;
  result_.segments[segment].customer_s += n * (to - from);
  result_.overall.customer_s += n * (to - from);
  for (double t = from; t < to;) {
    const std::size_t day = day_of(t);
    const double day_end = std::min(to, window_start_ + (day + 1) * kDay);
    result_.daily[day][segment].customer_s += n * (day_end - t);
    if (day_end <= t) break;
    t = day_end;
  }
}

void ContactCentre::add_customer(int segment, double now) {
  advance_population(segment, now);
  Population& population = populations_[segment];
  const auto id = static_cast<std::int64_t>(population.position.size());
  population.position.push_back(static_cast<int>(population.active.size()));
  population.active.push_back(id);
  if (in_window(now)) {
    ++result_.segments[segment].acquired;
    ++result_.overall.acquired;
    ++result_.daily[day_of(now)][segment].acquired;
  }
}

bool ContactCentre::remove_customer(int segment, std::int64_t id, double now) {
  Population& population = populations_[segment];
  const int at = population.position[id];
  if (at < 0) return false;  // already gone (baseline churn while a case was open)
  advance_population(segment, now);
  const std::int64_t last = population.active.back();
  population.active[at] = last;
  population.position[last] = at;
  population.active.pop_back();
  population.position[id] = -1;
  return true;
}

// ---- agents on duty and busy time ----------------------------------------------------------

void ContactCentre::add_busy(const Slot& slot, const Case& c, double from, double to) {
  result_.total_busy_capacity_s += (to - from) * slot.capacity;
  const double start = std::max(from, window_start_), end = std::min(to, window_end_);
  if (end <= start) return;
  const double busy = (end - start) * slot.capacity;
  const int group = pool_.group_of(slot.agent);
  ChannelCounts& ch = result_.channels[c.channel];
  ch.busy_capacity_s += busy;
  ch.segment_busy_capacity_s[c.segment] += busy;
  GroupCounts& g = result_.groups[group];
  g.busy_capacity_s += busy;
  g.channel_busy_capacity_s[c.channel] += busy;
  g.segment_busy_capacity_s[c.segment] += busy;
  // Split over reporting intervals (sessions are short, so this loops once or twice).
  const double width = scenario_.run.interval_s;
  for (double t = start; t < end;) {
    const auto i = std::min(static_cast<std::size_t>((t - window_start_) / width),
                            result_.intervals.size() - 1);
    const double interval_end = std::min(end, window_start_ + (i + 1) * width);
    result_.intervals[i][c.channel].busy_capacity_s += (interval_end - t) * slot.capacity;
    result_.group_intervals[i][group].busy_capacity_s += (interval_end - t) * slot.capacity;
    if (interval_end <= t) break;  // last interval reached through rounding
    t = interval_end;
  }
}

void ContactCentre::advance_duty(int group, double now) {
  const double from = std::max(duty_changed_at_[group], window_start_);
  const double to = std::min(now, window_end_);
  duty_changed_at_[group] = now;
  if (to > from) result_.groups[group].proactive_agent_s += proactive_count_[group] * (to - from);
  const int count = on_duty_count_[group];
  if (to <= from || count == 0) return;
  result_.groups[group].on_duty_agent_s += count * (to - from);
  const double width = scenario_.run.interval_s;
  auto& by_interval = duty_by_interval_[group];
  for (double t = from; t < to;) {
    const auto i =
        std::min(static_cast<std::size_t>((t - window_start_) / width), by_interval.size() - 1);
    const double interval_end = std::min(to, window_start_ + (i + 1) * width);
    by_interval[i] += count * (interval_end - t);
    if (interval_end <= t) break;
    t = interval_end;
  }
}

void ContactCentre::set_on_duty(int group, int delta, double now) {
  advance_duty(group, now);
  on_duty_count_[group] += delta;
}

void ContactCentre::apply_schedule(int group, double now) {
  const int wanted = present_agents(group, now);
  const int first = pool_.first_agent(group);
  const int size = scenario_.groups[group].schedule.max_agents();
  int active = 0;  // on shift: on duty and not leaving, or on proactive work
  for (int a = first; a < first + size; ++a) active += on_shift(a);
  // Coming on: leaving agents stay on first (they are here), then off-duty ones.
  for (int a = first; a < first + size && active < wanted; ++a)
    if (pool_.leaving(a) && !proactive_agent_[a]) {
      pool_.go_on_duty(a, now);
      fill_agent(a, now);
      ++active;
    }
  for (int a = first; a < first + size && active < wanted; ++a)
    if (!pool_.on_duty(a) && !proactive_agent_[a]) {
      pool_.go_on_duty(a, now);
      set_on_duty(group, +1, now);
      fill_agent(a, now);
      ++active;
    }
  // Going off: agents on proactive work first, then idle agents, then busy ones finish the
  // case in hand and leave.
  bool went_off = false;
  for (int a = first + size - 1; a >= first && active > wanted; --a)
    if (proactive_agent_[a]) {
      end_proactive(a, now, /*back_to_cases=*/false);
      --active;
      went_off = true;
    }
  for (int pass = 0; pass < 2 && active > wanted; ++pass)
    for (int a = first + size - 1; a >= first && active > wanted; --a) {
      if (!pool_.on_duty(a) || pool_.leaving(a)) continue;
      if (pass == 0 && pool_.sessions(a) > 0) continue;
      if (pool_.go_off_duty(a)) set_on_duty(group, -1, now);
      pool_.visit_personal(a, [this](Case& c) { abandon_on_time(c); });
      --active;
      went_off = true;
    }
  if (went_off && pool_.active_agents(group) == 0)
    pool_.visit_unwatched(group, [this](Case& c) { abandon_on_time(c); });
}

// ---- end of the replication ----------------------------------------------------------------

ReplicationResult ContactCentre::finish() {
  if (!ended()) ended_at_ = now_s();  // SimGrid ran out of events before the drain ended it
  const double now = ended_at_;
  for (std::size_t ch = 0; ch < scenario_.channels.size(); ++ch)
    if (scenario_.channels[ch].deferred) advance_backlog(static_cast<int>(ch), now);
  for (Slot& slot : slots_)
    if (slot.current) {
      add_busy(slot, *slot.current, slot.started, now);
      result_.total_session_capacity_s -= (slot.started + slot.duration - now) * slot.capacity;
    }
  pool_.drain_queues([&](Case& c) {
    if (!c.counted) return;
    QueueCounts *seg, *interval;
    QueueCounts* ch = queue_scopes(c, &seg, &interval);
    for (QueueCounts* q : {ch, seg, interval}) {
      ++q->open_at_end;
      q->wait_all_s += now - c.queued_at_s;
      if (now > c.queued_at_s) ++q->waited;
    }
  });
  for (const Case& c : case_storage_)
    if (c.live && c.counted)
      for (CaseCounts* scope : {&result_.overall, &result_.segments[c.segment]}) {
        ++scope->open_at_end;
        scope->handoffs += c.handoffs;
        scope->repeats += c.repeats;
        scope->time_to_end.add(now - c.arrival_s);  // at least this long: still open
      }
  for (std::size_t g = 0; g < scenario_.groups.size(); ++g) {
    advance_duty(static_cast<int>(g), now);
    for (std::size_t i = 0; i < result_.intervals.size(); ++i)
      result_.group_intervals[i][g].on_duty_agent_s = duty_by_interval_[g][i];
    for (int ch : scenario_.groups[g].channels)
      for (std::size_t i = 0; i < result_.intervals.size(); ++i) {
        result_.intervals[i][ch].on_duty_agent_s += duty_by_interval_[g][i];
        result_.channels[ch].on_duty_agent_s += duty_by_interval_[g][i];
      }
  }
  result_.simgrid_waits = static_cast<double>(events_.count());
  return std::move(result_);
}

}  // namespace supportsim
