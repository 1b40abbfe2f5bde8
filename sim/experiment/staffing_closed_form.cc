#include "sim/experiment/staffing_closed_form.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "sim/analytic/erlang.h"
#include "sim/core/units.h"
#include "sim/experiment/staffing_evaluation.h"
#include "sim/model/arrival_profile.h"

namespace supportsim {
namespace {

// Where expected offers land: one slot's agents-channel load, and by how many slots after the
// arrival slot each offer is expected to reach its queue.
struct Flow {
  std::vector<std::vector<SlotLoad>>& load;   // [channel][skill]
  std::vector<std::map<int, double>>& reach;  // [channel]: slot offset -> offers
  double interval_s;
};

// Follows `mass` expected cases of one segment and issue from `channel` down its escalation
// chain, `delay_s` after their arrival, adding to the load of every agents channel reached. A
// community post is two branches: answered (after the mean first answer, at most
// give_up_after) and unanswered (after give_up_after). Loops are refused by the loader; the
// depth guard only bounds the walk.
void follow(const Scenario& s, int segment, int issue, int channel, double mass,
            double handle_factor, double delay_s, Flow& flow, int depth = 0) {
  if (mass <= 1e-12 || depth > static_cast<int>(s.channels.size())) return;
  const Channel& ch = s.channels[channel];
  const Issue& is = s.issues[issue];
  const double resolve = is.resolve[channel];
  const double factor = ch.context_transfer ? handle_factor : handle_factor * ch.repeat_penalty;
  auto move_on = [&](double unresolved, double spent_s) {
    if (ch.escalate_to)
      follow(s, segment, issue, *ch.escalate_to, unresolved * ch.escalate_share, factor,
             delay_s + spent_s, flow, depth + 1);
  };
  switch (ch.kind) {
    case ChannelKind::kAgents: {
      SlotLoad& l = flow.load[channel][is.skill];
      const double handle = is.handle_time.mean() * handle_factor;
      l.cases += mass;
      l.work_s += mass * handle;
      const auto& patience = s.segments[segment].patience[channel];
      if (patience) l.abandon_weight += mass / std::max(patience->mean(), 1e-3);
      flow.reach[channel][static_cast<int>(std::floor(delay_s / flow.interval_s + 0.5))] += mass;
      move_on(mass * (1 - resolve), handle);
      break;
    }
    case ChannelKind::kCommunity: {
      const double answer_s = ch.first_answer
                                  ? std::min(ch.first_answer->mean(), ch.give_up_after_s)
                                  : ch.give_up_after_s;
      move_on(mass * ch.answer_share * (1 - resolve), answer_s);
      move_on(mass * (1 - ch.answer_share), ch.give_up_after_s);
      break;
    }
    default:
      move_on(mass * (1 - resolve), ch.session_time ? ch.session_time->mean() : 0);
      break;
  }
}

// A segment's mean arrival rate at time t: open arrivals, or contact_rate times the expected
// population, which starts at `customers` and moves towards acquisition / hazard under baseline
// churn (service churn, an outcome of the simulation, is left out).
double mean_rate(const Segment& seg, double t) {
  if (!seg.customers) return seg.arrival_rate_per_s;
  const double start = *seg.customers;
  const double hazard = seg.baseline_churn > 0 ? -std::log1p(-seg.baseline_churn) / kMonth : 0;
  const double population = hazard > 0
                                ? start * std::exp(-hazard * t) +
                                      seg.acquisition_per_s / hazard * -std::expm1(-hazard * t)
                                : start + seg.acquisition_per_s * t;
  return seg.contact_rate_per_s * population;
}

}  // namespace

int closed_form_agents(const SlotLoad& load, double length_s, const ServiceTarget& target,
                       int concurrency, std::optional<double> max_occupancy) {
  if (load.cases <= 0 || load.work_s <= 0 || length_s <= 0) return 0;
  if (load.erlangs(length_s) > kMaxServers) return kMaxServers + 1;
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
    Flow flow{load, reach, grid.interval_s()};
    for (std::size_t k = 0; k < s.segments.size(); ++k) {
      const double middle = (grid.start(slot) + grid.end(slot)) / 2;
      const double arrivals = mean_rate(s.segments[k], middle) *
                              profiles[k].expected_arrivals(grid.start(slot), grid.end(slot));
      for (const Share& entry : s.segments[k].entry)
        for (const Share& issue : s.segments[k].issues)
          follow(s, static_cast<int>(k), issue.index, entry.index,
                 arrivals * entry.share * issue.share, 1.0, 0.0, flow);
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
      std::vector<SlotLoad> by_group(groups);
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
