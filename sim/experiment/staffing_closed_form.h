#pragma once
// The closed-form start of the staffing search: per slot and agents channel, the expected
// offered load, and the head counts that Erlang C or Erlang A says meet the channel's target.
//
// Load model (expected values, no simulation): each segment's entry arrivals in the slot,
// followed down the `escalate_to` chains as sim/model/offered_load.h describes
// (follow_expected_cases). Retries and the escalations that abandonment or full bots change are
// left to the simulation. A case's load
// counts in the slot where it arrived, as in intervals.csv; `reach` records how much later
// (the expected time spent in the channels before, a forum's give-up time for unanswered posts)
// its offers come, so that the search knows which intervals' agents serve them.
//
// Head counts are agents on duty (before absenteeism); per channel, Erlang A with the
// offered-weighted mean abandonment rate of its customers (exact for exponential patience, an
// approximation with the same mean otherwise) when any of them abandon, else Erlang C; with
// `concurrency` k an agent is k servers, so agents = ceil(servers / k). The channel's target is
// `Targets::for_channel` (service level within answer_within, and max_abandonment when given), and
// a group's `max_occupancy` puts a floor of offered erlangs / (k x max_occupancy) under its count
// (the channel's count takes the strictest cap of the groups answering it). A deferred channel's
// load (all its touches) is sized to the agents that work it as it arrives, at the cap: its
// targets are judged per day, which no closed form here gives, and the search corrects it.
//
// Split between groups: each skill's load in a channel goes to the first listed group that
// answers the channel with that skill (as routing offers it first), and a group gets the sum
// of the head counts its shares need, channel by channel, as if each were its own queue. That
// over-staffs pooled (multi-skill, blended) groups, which the simulation then trims.

#include <map>
#include <optional>
#include <vector>

#include "sim/experiment/staffing_plan.h"
#include "sim/model/scenario.h"

namespace supportsim {

struct SlotLoad {
  double cases = 0;           // expected offers in the slot
  double work_s = 0;          // their expected handle time (before concurrency)
  double abandon_weight = 0;  // sum over cases of 1 / mean patience (0: never abandons)
  bool deferred = false;      // a deferred channel's load: sized to its work, not by Erlang
  double rate(double length_s) const { return cases / length_s; }
  double mean_handle_s() const { return cases > 0 ? work_s / cases : 0; }
  double erlangs(double length_s) const { return work_s / length_s; }
};

struct ClosedFormStaffing {
  // [slot][channel][skill]: expected load of agents channels (empty rows for other kinds).
  std::vector<std::vector<std::vector<SlotLoad>>> load;
  // [slot][channel]: expected offers by how many slots after the arrival slot they reach the
  // queue (0 for entry arrivals; escalations later by the expected time spent before).
  std::vector<std::vector<std::map<int, double>>> reach;
  // [slot][channel]: Erlang head count if the channel's whole load had one queue.
  std::vector<std::vector<int>> channel_agents;
  // [group][slot]: the split described above (0 for groups not planned).
  std::vector<std::vector<int>> group_agents;
  // [channel][group]: group g carries some of the channel's closed-form load (these are the
  // groups the search adds agents to when the channel misses its target).
  std::vector<std::vector<bool>> carries;
};

ClosedFormStaffing closed_form_staffing(const Scenario& scenario, const StaffingGrid& grid,
                                        const std::vector<bool>& planned);

// Smallest head count of agents (not servers) for `load` over `length_s` against `target`
// with `concurrency` sessions per agent, and no more occupancy than `max_occupancy` (of the
// offered load); 0 when there is no load, kMaxServers + 1 when the load is beyond what the
// closed forms size (sim/analytic/erlang.h).
int closed_form_agents(const SlotLoad& load, double length_s, const ServiceTarget& target,
                       int concurrency, std::optional<double> max_occupancy = std::nullopt);

}  // namespace supportsim
