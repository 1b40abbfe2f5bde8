#include "sim/experiment/staffing_closed_form.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "sim/analytic/erlang.h"
#include "sim/core/units.h"
#include "sim/experiment/staffing_evaluation.h"
#include "sim/model/arrival_profile.h"
#include "sim/model/offered_load.h"

namespace supportsim {
namespace {

// Deferred work waits without abandoning and its targets are hours, not seconds: the start is
// the agents that do the slot's work as it arrives (at the occupancy cap, if any), and the
// search moves it to the hours that meet the day's targets.
int deferred_agents(const SlotLoad& load, double length_s, int concurrency,
                    std::optional<double> max_occupancy) {
  const double busy = load.erlangs(length_s) / concurrency / max_occupancy.value_or(1.0);
  return static_cast<int>(std::ceil(busy - 1e-9));
}

}  // namespace

int closed_form_agents(const SlotLoad& load, double length_s, const ServiceTarget& target,
                       int concurrency, std::optional<double> max_occupancy) {
  if (load.cases <= 0 || load.work_s <= 0 || length_s <= 0) return 0;
  if (load.erlangs(length_s) > kMaxServers) return kMaxServers + 1;
  if (load.deferred) return deferred_agents(load, length_s, concurrency, max_occupancy);
  SizingTarget sizing;
  // A reachable target: a service level below 1 and a positive ceiling.
  sizing.service_level = std::min(target.service_level, 1 - 1e-6);
  sizing.within_s = target.answer_within_s;
  std::optional<double> patience;
  if (load.abandon_weight > 0) patience = load.cases / load.abandon_weight;
  if (target.max_abandonment && patience)
    sizing.max_abandonment = std::max(*target.max_abandonment, 1e-6);
  const int servers = smallest_servers(load.rate(length_s), load.mean_handle_s(), sizing, patience);
  if (servers < 0) return kMaxServers + 1;
  int agents = (servers + concurrency - 1) / concurrency;
  // The cap on the offered load, so that it holds even when nobody abandons.
  if (max_occupancy)
    agents = std::max(
        agents,
        static_cast<int>(std::ceil(load.erlangs(length_s) / concurrency / *max_occupancy - 1e-9)));
  return agents;
}

ClosedFormStaffing closed_form_staffing(const Scenario& s, const StaffingGrid& grid,
                                        const std::vector<bool>& planned) {
  const std::size_t channels = s.channels.size(), skills = s.skills.size();
  const std::size_t groups = s.groups.size();
  ClosedFormStaffing out;
  // Profiles of mean 1, scaled by each segment's mean rate at the slot's middle.
  std::vector<ArrivalProfile> profiles;
  for (const Segment& seg : s.segments) profiles.emplace_back(1.0, s.profile_of(seg));

  for (int slot = 0; slot < grid.slots(); ++slot) {
    std::vector<std::vector<SlotLoad>> load(channels, std::vector<SlotLoad>(skills));
    std::vector<std::map<int, double>> reach(channels);
    auto add = [&](const ExpectedOffer& o) {
      SlotLoad& l = load[o.channel][o.skill];
      l.cases += o.cases;
      l.work_s += o.cases * o.handle_s;
      if (o.patience_s) l.abandon_weight += o.cases / *o.patience_s;
      reach[o.channel][static_cast<int>(std::floor(o.delay_s / grid.interval_s() + 0.5))] +=
          o.cases;
    };
    for (std::size_t k = 0; k < s.segments.size(); ++k) {
      const double middle = (grid.start(slot) + grid.end(slot)) / 2;
      const double arrivals = expected_case_rate(s.segments[k], middle) *
                              profiles[k].expected_arrivals(grid.start(slot), grid.end(slot));
      for (const Share& entry : s.segments[k].entry)
        for (const Share& issue : s.segments[k].issues)
          follow_expected_cases(s, static_cast<int>(k), issue.index, entry.index,
                                arrivals * entry.share * issue.share, add);
    }
    out.load.push_back(std::move(load));
    out.reach.push_back(std::move(reach));
  }

  // Skill k of channel c goes to the first planned group answering c with skill k.
  std::vector<std::vector<int>> owner(channels, std::vector<int>(skills, -1));
  for (std::size_t g = groups; g-- > 0;) {
    if (!planned[g]) continue;
    for (int c : s.groups[g].channels)
      for (int k : s.groups[g].skills) owner[c][k] = static_cast<int>(g);
  }
  out.carries.assign(channels, std::vector<bool>(groups, false));
  out.group_agents.assign(groups, std::vector<int>(grid.slots(), 0));
  for (int slot = 0; slot < grid.slots(); ++slot) {
    const double length = grid.end(slot) - grid.start(slot);
    std::vector<int> row(channels, 0);
    for (std::size_t c = 0; c < channels; ++c) {
      if (s.channels[c].kind != ChannelKind::kAgents) continue;
      const ServiceTarget& target = s.targets.for_channel(static_cast<int>(c));
      const int concurrency = s.channels[c].concurrency;
      SlotLoad whole;
      whole.deferred = s.channels[c].deferred;
      std::vector<SlotLoad> by_group(groups);
      for (SlotLoad& mine : by_group) mine.deferred = whole.deferred;
      for (std::size_t k = 0; k < skills; ++k) {
        const SlotLoad& l = out.load[slot][c][k];
        if (l.cases <= 0) continue;
        whole.cases += l.cases, whole.work_s += l.work_s, whole.abandon_weight += l.abandon_weight;
        if (owner[c][k] < 0) continue;
        SlotLoad& mine = by_group[owner[c][k]];
        mine.cases += l.cases, mine.work_s += l.work_s, mine.abandon_weight += l.abandon_weight;
        out.carries[c][owner[c][k]] = true;
      }
      row[c] = closed_form_agents(whole, length, target, concurrency,
                                  occupancy_cap(s, static_cast<int>(c)));
      for (std::size_t g = 0; g < groups; ++g)
        out.group_agents[g][slot] +=
            closed_form_agents(by_group[g], length, target, concurrency, s.groups[g].max_occupancy);
    }
    out.channel_agents.push_back(std::move(row));
  }
  return out;
}

}  // namespace supportsim
