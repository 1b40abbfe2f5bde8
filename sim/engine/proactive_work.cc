// Proactive work of agent groups (Group::proactive_share): the ContactCentre methods declared
// under "Proactive work" in contact_centre.h.

#include <algorithm>
#include <cmath>

#include "sim/engine/contact_centre.h"

namespace supportsim {

void ContactCentre::start_proactive_work() {
  const std::size_t groups = scenario_.groups.size();
  proactive_agent_.assign(pool_.agent_count(), 0);
  proactive_count_.assign(groups, 0);
  proactive_owed_.assign(groups, 0);
  proactive_cursor_.assign(groups, 0);
  proactive_waiting_.assign(groups, {});
  for (const Group& g : scenario_.groups) has_proactive_ |= g.proactive_share > 0;
  has_shift_changes_ |= has_proactive_;
  rotate_proactive(0);
}

double ContactCentre::next_proactive_turn(double now) const {
  if (!has_proactive_) return kNever;
  const double width = scenario_.run.interval_s;
  return (std::floor(now / width + 1e-9) + 1) * width;
}

void ContactCentre::rotate_proactive(double now) {
  if (!has_proactive_) return;
  const double turns = now / scenario_.run.interval_s;
  if (std::abs(turns - std::round(turns)) > 1e-9) return;  // a shift change between turns
  for (std::size_t g = 0; g < scenario_.groups.size(); ++g)
    if (scenario_.groups[g].proactive_share > 0) rotate_proactive(static_cast<int>(g), now);
}

void ContactCentre::rotate_proactive(int group, double now) {
  const Group& g = scenario_.groups[group];
  const int first = pool_.first_agent(group);
  const int size = g.schedule.max_agents();
  int on = 0;
  for (int a = first; a < first + size; ++a) on += on_shift(a);
  // Error diffusion: the agent-intervals taken so far stay within half of the share owed.
  proactive_owed_[group] += g.proactive_share * on;
  const int turn = std::min(on, static_cast<int>(std::floor(proactive_owed_[group] + 0.5)));
  proactive_owed_[group] -= turn;
  std::vector<char> chosen(size, 0);
  int taken = 0, k = 0;
  for (; k < size && taken < turn; ++k) {
    const int a = first + (proactive_cursor_[group] + k) % size;
    if (!on_shift(a)) continue;
    chosen[a - first] = 1;
    ++taken;
  }
  if (size > 0) proactive_cursor_[group] = (proactive_cursor_[group] + k) % size;
  proactive_waiting_[group].clear();
  int busy = 0;  // agents taking their turn who first finish a case
  for (int a = first; a < first + size; ++a)
    if (chosen[a - first] && !proactive_agent_[a]) {
      begin_proactive(a, now);
      busy += pool_.leaving(a);
    }
  for (int a = first; a < first + size; ++a) {
    if (!proactive_agent_[a] || chosen[a - first]) continue;
    if (busy > 0 && !pool_.leaving(a)) {
      --busy;
      proactive_waiting_[group].push_back(a);  // until a busy agent takes its place
      continue;
    }
    end_proactive(a, now, /*back_to_cases=*/true);
  }
}

void ContactCentre::proactive_block_begins(int agent, double now) {
  const int group = pool_.group_of(agent);
  set_proactive(group, +1, now);
  std::deque<int>& waiting = proactive_waiting_[group];
  if (waiting.empty()) return;
  const int relieved = waiting.front();
  waiting.pop_front();
  end_proactive(relieved, now, /*back_to_cases=*/true);
}

void ContactCentre::begin_proactive(int agent, double now) {
  proactive_agent_[agent] = 1;
  if (!pool_.go_off_duty(agent)) return;  // finishes the case in hand first (end_session)
  const int group = pool_.group_of(agent);
  set_on_duty(group, -1, now);
  set_proactive(group, +1, now);
}

void ContactCentre::end_proactive(int agent, double now, bool back_to_cases) {
  proactive_agent_[agent] = 0;
  const int group = pool_.group_of(agent);
  std::deque<int>& waiting = proactive_waiting_[group];
  waiting.erase(std::remove(waiting.begin(), waiting.end(), agent), waiting.end());
  if (pool_.leaving(agent)) {
    // Still finishing a case: back to cases at once, or it now leaves at the end of its shift.
    if (back_to_cases) {
      pool_.go_on_duty(agent, now);
      fill_agent(agent, now);
    }
    return;
  }
  set_proactive(group, -1, now);
  if (!back_to_cases) return;
  pool_.go_on_duty(agent, now);
  set_on_duty(group, +1, now);
  fill_agent(agent, now);
}

void ContactCentre::set_proactive(int group, int delta, double now) {
  advance_duty(group, now);
  proactive_count_[group] += delta;
}

}  // namespace supportsim
