#include "sim/model/agent_pool.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace supportsim {

AgentPool::AgentPool(const Scenario& scenario)
    : skill_count_(static_cast<int>(scenario.skills.size())),
      segment_count_(static_cast<int>(scenario.segments.size())) {
  const int channel_count = static_cast<int>(scenario.channels.size());
  const int group_count = static_cast<int>(scenario.groups.size());
  need_units_.assign(group_count, std::vector<int>(channel_count, 0));
  active_.assign(group_count, 0);
  groups_for_.assign(channel_count, std::vector<std::vector<int>>(skill_count_));
  group_queues_.resize(group_count);
  first_queues_.resize(group_count);
  second_queues_.resize(group_count);
  queues_.resize(static_cast<std::size_t>(channel_count) * skill_count_ * segment_count_);

  for (int g = 0; g < group_count; ++g) {
    const Group& group = scenario.groups[g];
    group_dedicated_to_.push_back(group.dedicated_to ? *group.dedicated_to : -1);
    int units = 1;
    for (int ch : group.channels) units = std::lcm(units, scenario.channels[ch].concurrency);
    group_units_.push_back(units);
    for (int ch : group.channels) {
      need_units_[g][ch] = units / scenario.channels[ch].concurrency;
      for (int skill : group.skills) {
        groups_for_[ch][skill].push_back(g);
        for (int segment = 0; segment < segment_count_; ++segment) {
          if (!serves_segment(g, segment)) continue;
          const int qi = queue_index(ch, skill, segment);
          group_queues_[g].push_back(qi);
          const bool first = scenario.channels[ch].deferred == group.deferred_first;
          (first ? first_queues_ : second_queues_)[g].push_back(qi);
        }
      }
    }
    group_first_agent_.push_back(static_cast<int>(agents_.size()));
    for (int i = 0; i < group.schedule.max_agents(); ++i) {
      Agent a;
      a.group = g;
      a.free_units = units;
      agents_.push_back(a);
    }
  }
  personal_.resize(agents_.size());
  for (int g = 0; g < group_count; ++g) {
    const int end =
        g + 1 < group_count ? group_first_agent_[g + 1] : static_cast<int>(agents_.size());
    available_.emplace_back(group_first_agent_[g], end - group_first_agent_[g]);
  }
}

int AgentPool::max_sessions(int agent) const {
  const int g = agents_[agent].group;
  int smallest_need = group_units_[g];
  for (int need : need_units_[g])
    if (need > 0) smallest_need = std::min(smallest_need, need);
  return group_units_[g] / smallest_need;
}

double AgentPool::capacity_share(int group, int channel) const {
  return static_cast<double>(need_units_[group][channel]) / group_units_[group];
}

int AgentPool::find_agent(int channel, int skill, int segment) const {
  for (int g : groups_for_[channel][skill]) {
    if (!serves_segment(g, segment)) continue;
    const auto& avail = available_[g];
    if (!avail.empty() && avail.best().free_units >= need_units_[g][channel])
      return avail.best().agent;
  }
  return -1;
}

bool AgentPool::can_take(int agent, int channel) const {
  const Agent& a = agents_[agent];
  const int need = need_units_[a.group][channel];  // 0: the group does not answer `channel`
  return a.available && need > 0 && a.free_units >= need;
}

bool AgentPool::watched(const Case& c) const {
  return queue_watched(queue_index(c.channel, c.skill, c.segment));
}

bool AgentPool::queue_watched(int queue_index) const {
  const int segment = queue_index % segment_count_;
  const int skill = queue_index / segment_count_ % skill_count_;
  const int channel = queue_index / segment_count_ / skill_count_;
  for (int g : groups_for_[channel][skill])
    if (active_[g] > 0 && serves_segment(g, segment)) return true;
  return false;
}

void AgentPool::remove_available(int agent) {
  Agent& a = agents_[agent];
  if (!a.available) return;
  available_[a.group].remove(agent);
  a.available = false;
}

void AgentPool::start_session(int agent, int channel) {
  Agent& a = agents_[agent];
  const bool was_available = a.available;
  remove_available(agent);
  a.free_units -= need_units_[a.group][channel];
  assert(a.free_units >= 0);
  ++a.sessions;
  // Still has room (chat concurrency): stays available, keeping its place in the idle order.
  if (was_available && a.free_units > 0) {
    available_[a.group].insert({a.free_units, a.available_since, agent});
    a.available = true;
  }
}

void AgentPool::end_session(int agent, int channel) {
  Agent& a = agents_[agent];
  remove_available(agent);
  a.free_units += need_units_[a.group][channel];
  --a.sessions;
}

void AgentPool::make_available(int agent, double now) {
  Agent& a = agents_[agent];
  remove_available(agent);
  if (!a.on_duty || a.leaving || a.free_units == 0) return;
  a.available_since = now;
  available_[a.group].insert({a.free_units, now, agent});
  a.available = true;
}

void AgentPool::push(Queue& queue, Case& c) {
  c.queue_token = next_token_++;
  queue.push_back({&c, c.queue_token});
  ++waiting_;
}

void AgentPool::enqueue(Case& c) { push(queues_[queue_index(c.channel, c.skill, c.segment)], c); }

void AgentPool::enqueue_personal(Case& c, int agent) { push(personal_[agent], c); }

bool AgentPool::withdraw(Case& c) {
  if (c.queue_token == 0) return false;
  c.queue_token = 0;  // its entry is now stale and is dropped when it reaches a head
  --waiting_;
  return true;
}

Case* AgentPool::live_head(Queue& queue, double now, AbandonHandler& handler) {
  while (!queue.empty()) {
    Entry e = queue.front();
    if (e.token != e.c->queue_token) {
      queue.pop_front();  // already withdrawn (and possibly re-queued elsewhere)
      continue;
    }
    if (e.c->deadline_s <= now) {
      queue.pop_front();
      e.c->queue_token = 0;
      --waiting_;
      handler.on_abandon(*e.c);
      continue;
    }
    return e.c;
  }
  return nullptr;
}

Case* AgentPool::best_head(const std::vector<int>& queues, double now, AbandonHandler& handler,
                           Queue** best_queue) {
  Case* best = nullptr;
  for (int qi : queues) {
    Queue& queue = queues_[qi];
    Case* head = live_head(queue, now, handler);
    if (!head) continue;
    if (!best || head->priority > best->priority ||
        (head->priority == best->priority &&
         (head->queued_at_s < best->queued_at_s ||
          (head->queued_at_s == best->queued_at_s && head->queue_token < best->queue_token)))) {
      best = head;
      *best_queue = &queue;
    }
  }
  return best;
}

Case* AgentPool::next_case_for(int agent, double now, AbandonHandler& handler, bool* reserved) {
  if (reserved) *reserved = false;
  if (waiting_ == 0) return nullptr;
  Agent& a = agents_[agent];
  // The agent's own customers first, then the class its group takes first, then the other.
  Queue* best_queue = &personal_[agent];
  Case* best = live_head(*best_queue, now, handler);
  bool second = false;
  if (!best) best = best_head(first_queues_[a.group], now, handler, &best_queue);
  if (!best && !second_queues_[a.group].empty()) {
    best = best_head(second_queues_[a.group], now, handler, &best_queue);
    second = true;
  }
  if (!best) return nullptr;
  if (need_units_[a.group][best->channel] > a.free_units) {
    // Reserved for what it takes first; second-class work waits for room without holding
    // the agent back from first-class cases.
    if (reserved && !second) *reserved = true;
    return nullptr;
  }
  best_queue->pop_front();
  best->queue_token = 0;
  --waiting_;
  return best;
}

void AgentPool::abandon_expired(double now, AbandonHandler& handler) {
  std::vector<Case*> expired;  // collected first: the handler may queue cases again
  for (auto* queues : {&queues_, &personal_})
    for (Queue& queue : *queues)
      for (Entry& e : queue)
        if (e.token == e.c->queue_token && e.c->deadline_s <= now) {
          e.c->queue_token = 0;  // the entry stays, stale
          --waiting_;
          expired.push_back(e.c);
        }
  for (Case* c : expired) handler.on_abandon(*c);
}

void AgentPool::go_on_duty(int agent, double now) {
  Agent& a = agents_[agent];
  if (!a.on_duty || a.leaving) ++active_[a.group];
  a.on_duty = true;
  a.leaving = false;
  make_available(agent, now);
}

bool AgentPool::go_off_duty(int agent) {
  Agent& a = agents_[agent];
  if (a.on_duty && !a.leaving) --active_[a.group];
  remove_available(agent);
  if (a.sessions == 0) {
    a.on_duty = false;
    a.leaving = false;
    return true;
  }
  a.leaving = true;
  return false;
}

bool AgentPool::finish_leaving(int agent) {
  Agent& a = agents_[agent];
  if (!a.leaving || a.sessions > 0) return false;
  a.on_duty = false;
  a.leaving = false;
  return true;
}

}  // namespace supportsim
