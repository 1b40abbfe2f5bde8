#include "sim/experiment/staffing_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

#include "sim/analytic/erlang.h"

namespace supportsim {
namespace {

constexpr int kMaxPasses = 10;
constexpr int kMaxAttempts = 4;  // simulations per batch

class Search {
 public:
  Search(const Scenario& scenario, const StaffingOptions& options)
      : s_(scenario), o_(options), grid_(scenario.run) {
    planned_ = plannable_groups(s_);
    cf_ = closed_form_staffing(s_, grid_, planned_);
    radius_ = o_.radius > 0
                  ? o_.radius
                  : std::max(1, static_cast<int>(std::ceil(3600 / grid_.interval_s() - 1e-9)));
    // Groups that share a channel form a component; a channel's misses are blamed on removals
    // in its component only.
    const std::size_t groups = s_.groups.size();
    parent_.resize(groups);
    std::iota(parent_.begin(), parent_.end(), 0);
    channel_groups_.resize(s_.channels.size());
    for (std::size_t g = 0; g < groups; ++g) {
      if (!planned_[g]) continue;
      for (int c : s_.groups[g].channels) channel_groups_[c].push_back(static_cast<int>(g));
    }
    for (const auto& answering : channel_groups_)
      for (std::size_t i = 1; i < answering.size(); ++i) unite(answering[0], answering[i]);
    for (std::size_t g = 0; g < groups; ++g) component_.push_back(find(static_cast<int>(g)));
    for (std::size_t g = 0; g < groups; ++g)
      agent_limit_.push_back(agent_limit(s_, cf_, static_cast<int>(g)));
  }

  SearchResult run() {
    StaffingPlan x = closed_form_start(s_, grid_, cf_);
    SearchResult result;
    result.start = x;

    PlanEvaluation eval = correct(x);
    correction_simulations_ = simulations_;
    best_ = x;
    best_eval_ = eval;
    minimise(x);
    if (o_.verify_minimal) verify(best_);

    result.grid = grid_;
    result.closed_form = cf_;
    result.plan = best_;
    result.evaluation = std::move(best_eval_);
    result.simulations = simulations_;
    result.correction_simulations = correction_simulations_;
    result.removals_tried = removals_tried_;
    result.removals_kept = removals_kept_;
    result.misses_in_reach = misses_in_reach_;
    result.misses_out_of_reach = misses_out_of_reach_;
    result.minimal = minimal_;
    result.verified_minimal = verified_;
    result.verification_simulations = verification_simulations_;
    for (const auto& [cell, margin] : excused_)
      result.excused.push_back({cell.first, cell.second, margin});
    return result;
  }

 private:
  using Position = std::pair<int, int>;  // (group, window interval)

  // Union-find over groups.
  int find(int g) { return parent_[g] == g ? g : (parent_[g] = find(parent_[g])); }
  void unite(int a, int b) { parent_[find(a)] = find(b); }

  PlanEvaluation simulate(const StaffingPlan& plan) {
    ++simulations_;
    return evaluate_plan(apply_plan(s_, grid_, plan), s_.run.seed, s_.run.replications,
                         o_.confidence, o_.jobs);
  }

  int slot(int interval) const { return grid_.warmup_slots() + interval; }
  int& agents(StaffingPlan& p, int g, int interval) const { return p.agents[g][slot(interval)]; }

  void report(const std::string& line) const {
    if (o_.progress) o_.progress(fmt::format("simulation {}: {}", simulations_, line));
  }

  // Groups to add agents to when channel c misses: those carrying its closed-form load, else
  // every planned group answering it.
  std::vector<int> carriers(int c) const { return carrier_groups(s_, cf_, c); }

  // A target missed and not excused (excused: given up in the correction phase, and no
  // worse than then).
  bool missed(const PlanEvaluation& eval, int i, int c) const {
    const IntervalOutcome& o = eval.outcomes[i][c];
    if (o.meets) return false;
    const auto it = excused_.find({i, c});
    return it == excused_.end() || o.margin < it->second - 1e-9;
  }
  int misses(const PlanEvaluation& eval) const {
    int n = 0;
    for (std::size_t i = 0; i < eval.outcomes.size(); ++i)
      for (std::size_t c = 0; c < eval.outcomes[i].size(); ++c)
        n += missed(eval, static_cast<int>(i), static_cast<int>(c));
    return n;
  }

  // The minimisation rule for a cell of a plan with removals, against the plan it came from:
  // missed by the mean, or changed by the removals and not met by the confidence bound.
  bool fails(const PlanEvaluation& eval, const PlanEvaluation& base, int i, int c) const {
    const IntervalOutcome& o = eval.outcomes[i][c];
    if (excused_.count({i, c})) return missed(eval, i, c);
    if (!o.meets) return true;
    return !o.meets_confidently && !o.same_figures(base.outcomes[i][c]);
  }
  int failures(const PlanEvaluation& eval, const PlanEvaluation& base) const {
    int n = 0;
    for (std::size_t i = 0; i < eval.outcomes.size(); ++i)
      for (std::size_t c = 0; c < eval.outcomes[i].size(); ++c)
        n += fails(eval, base, static_cast<int>(i), static_cast<int>(c));
    return n;
  }

  std::string misses_text(const PlanEvaluation& eval) const {
    std::string text;
    int shown = 0;
    for (std::size_t i = 0; i < eval.outcomes.size(); ++i)
      for (std::size_t c = 0; c < eval.outcomes[i].size(); ++c) {
        if (!missed(eval, static_cast<int>(i), static_cast<int>(c))) continue;
        const IntervalOutcome& o = eval.outcomes[i][c];
        if (shown++ < 5)
          text += fmt::format(
              "{}{} at {}s (service level {:.3f}, abandonment {:.3f}, {:.2f} "
              "offered per replication)",
              text.empty() ? "" : ", ", s_.channels[c].name, grid_.start(slot(static_cast<int>(i))),
              o.service_level.value, o.abandonment.value, o.offered);
      }
    if (shown > 5) text += fmt::format(" and {} more", shown - 5);
    return text;
  }

  // Phase 1: add agents where intervals miss until every interval meets every target: to
  // each group carrying the channel's load, max(1, 5%) of its head count in that interval, and
  // when the same interval has missed three simulations in a row, also in the intervals whose
  // agents serve its cases later (later_intervals).
  PlanEvaluation correct(StaffingPlan& x) {
    const int intervals = grid_.window_slots();
    const std::size_t channels = s_.channels.size();
    std::vector<std::vector<int>> missed_in_row(intervals, std::vector<int>(channels, 0));
    std::vector<std::vector<double>> reference(intervals, std::vector<double>(channels, 0));
    for (;;) {
      if (simulations_ >= o_.max_simulations) {
        throw StaffingError(fmt::format(
            "no plan meeting every target within {} simulations (--max-simulations); the last "
            "one missed {}",
            o_.max_simulations, last_misses_));
      }
      PlanEvaluation eval = simulate(x);
      const int count = misses(eval);
      if (count == 0) {
        report(fmt::format("correcting: every interval meets its targets{}, {} agent-intervals",
                           excused_.empty() ? "" : " that agents can fix",
                           x.total_window_agents(grid_)));
        return eval;
      }
      last_misses_ = misses_text(eval);
      report(fmt::format("correcting: {} interval(s) miss a target, {} agent-intervals", count,
                         x.total_window_agents(grid_)));
      std::vector<std::vector<bool>> add(s_.groups.size(), std::vector<bool>(intervals, false));
      std::vector<std::pair<int, int>> adding;
      for (int i = 0; i < intervals; ++i)
        for (std::size_t c = 0; c < channels; ++c) {
          if (!missed(eval, i, static_cast<int>(c))) {
            missed_in_row[i][c] = 0;
            continue;
          }
          const double margin = eval.outcomes[i][c].margin;
          const int row = ++missed_in_row[i][c];
          // Six misses in a row without the margin moving since the third: agents of the
          // planned groups do not reach these cases (e.g. they wait for a named agent).
          if (row == 3) reference[i][c] = margin;
          if (row >= 6) {
            if (margin <= reference[i][c] + 1e-9) {
              excused_[{i, static_cast<int>(c)}] = margin;
              report(
                  fmt::format("correcting: giving up on {} at {}s: adding agents does not "
                              "move it",
                              s_.channels[c].name, grid_.start(slot(i))));
              continue;
            }
            missed_in_row[i][c] = 3;
            reference[i][c] = margin;
          }
          std::vector<int> where = {i};
          if (row >= 3) where = later_intervals(i, static_cast<int>(c));
          for (int g : carriers(static_cast<int>(c)))
            for (int j : where) add[g][j] = true;
          adding.emplace_back(i, static_cast<int>(c));
        }
      for (std::size_t g = 0; g < s_.groups.size(); ++g)
        for (int i = 0; i < intervals && planned_[g]; ++i) {
          if (!add[g][i]) continue;
          int& n = agents(x, static_cast<int>(g), i);
          n = std::min(agent_limit_[g], n + std::max(1, static_cast<int>(std::lround(0.05 * n))));
        }
      // Carriers already at the limit: give up on what they cannot fix.
      for (const auto& [i, c] : adding) {
        bool room = false;
        for (int g : carriers(c)) room |= agents(x, g, i) < agent_limit_[g];
        if (!room) {
          excused_[{i, c}] = eval.outcomes[i][c].margin;
          report(fmt::format("correcting: giving up on {} at {}s: {} agents would not do",
                             s_.channels[c].name, grid_.start(slot(i)),
                             agent_limit_[carriers(c)[0]]));
        }
      }
      sync_warmup(grid_, x);
    }
  }

  // Phase 3 (verify_minimal): every single-agent removal simulated alone; one that keeps every
  // target is applied at once, and sweeps repeat until a whole sweep applies nothing.
  void verify(StaffingPlan x) {
    const int before = simulations_;
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t g = 0; g < s_.groups.size(); ++g) {
        if (!planned_[g]) continue;
        for (int i = 0; i < grid_.window_slots(); ++i) {
          if (agents(x, static_cast<int>(g), i) == 0) continue;
          if (simulations_ >= o_.max_simulations) {
            verification_simulations_ = simulations_ - before;
            return;
          }
          StaffingPlan trial = x;
          --agents(trial, static_cast<int>(g), i);
          sync_warmup(grid_, trial);
          PlanEvaluation eval = simulate(trial);
          if (failures(eval, best_eval_) > 0) continue;
          changed = true;
          ++removals_kept_;
          x = std::move(trial);
          best_ = x;
          best_eval_ = std::move(eval);
          report(fmt::format("verifying: one agent of {} at {}s was not needed, removed",
                             s_.groups[g].name, grid_.start(slot(i))));
        }
      }
    }
    verification_simulations_ = simulations_ - before;
    verified_ = true;
    minimal_ = true;
    report(fmt::format("verifying: each of the plan's agents is needed ({} simulations)",
                       verification_simulations_));
  }

  std::vector<int> later_intervals(int i, int c) const {
    return serving_intervals(grid_, cf_, i, c);
  }

  double paid_hourly_cost(int g) const {
    const Group& group = s_.groups[g];
    return group.hourly_cost / (1 - group.shrinkage);
  }

  double margin(const PlanEvaluation& eval, int g, int interval) const {
    double m = std::numeric_limits<double>::infinity();
    for (int c : s_.groups[g].channels) m = std::min(m, eval.outcomes[interval][c].margin);
    return m;
  }

  std::vector<Position> choose_batch(const StaffingPlan& x,
                                     const std::vector<std::vector<bool>>& tried) const {
    std::vector<Position> candidates;
    for (std::size_t g = 0; g < s_.groups.size(); ++g) {
      if (!planned_[g]) continue;
      for (int i = 0; i < grid_.window_slots(); ++i)
        if (x.agents[g][slot(i)] > 0 && !tried[g][i]) candidates.emplace_back(g, i);
    }
    auto key = [&](const Position& p) {
      return std::make_tuple(-paid_hourly_cost(p.first), -margin(best_eval_, p.first, p.second),
                             p.second, p.first);
    };
    std::sort(candidates.begin(), candidates.end(),
              [&](const Position& a, const Position& b) { return key(a) < key(b); });
    const int spacing = radius_ + 2;
    std::vector<std::vector<bool>> taken(s_.groups.size(),
                                         std::vector<bool>(grid_.window_slots(), false));
    std::vector<Position> batch;
    for (const Position& p : candidates) {
      std::vector<bool>& row = taken[component_[p.first]];
      bool free = true;
      for (int d = -spacing + 1; d < spacing && free; ++d) {
        const int j = p.second + d;
        if (j >= 0 && j < grid_.window_slots() && row[j]) free = false;
      }
      if (!free) continue;
      row[p.second] = true;
      batch.push_back(p);
    }
    return batch;
  }

  // The batch member that a miss of channel c in `interval` is blamed on: the member of the
  // channel's component within reach (from `radius` intervals before to one after), else the
  // nearest earlier member of the component (a longer carry-over, or a sample path changed by
  // an earlier removal), else the nearest later one (cases that reach the channel long after
  // they arrive, e.g. through a forum's give-up time), and likewise in other components.
  int blame(const std::vector<Position>& batch, int c, int interval,
            bool* reached = nullptr) const {
    if (reached) *reached = false;
    const int comp = channel_groups_[c].empty() ? -1 : component_[channel_groups_[c][0]];
    int in_reach = -1, earlier = -1, later = -1;
    for (bool same_component : {true, false}) {
      for (std::size_t b = 0; b < batch.size(); ++b) {
        const auto [g, i] = batch[b];
        if ((component_[g] == comp) != same_component) continue;
        const int k = static_cast<int>(b);
        if (i >= interval - radius_ && i <= interval + 1) {
          if (in_reach < 0) in_reach = k;
        } else if (i < interval) {
          if (earlier < 0 || i > batch[earlier].second) earlier = k;
        } else if (later < 0 || i < batch[later].second) {
          later = k;
        }
      }
      if (in_reach >= 0) {
        if (reached) *reached = same_component;
        return in_reach;
      }
      if (earlier >= 0) return earlier;
      if (later >= 0) return later;
    }
    return 0;  // not reached: the batch is not empty
  }

  // Phase 2: remove agents in batches, keeping only what a simulation of the whole plan
  // confirms. A pass ends when every agent has been tried; passes repeat until one removes
  // nothing (the plan is then minimal) or max_passes is reached.
  void minimise(StaffingPlan& x) {
    for (int pass = 1; pass <= kMaxPasses; ++pass) {
      std::vector<std::vector<bool>> tried(s_.groups.size(),
                                           std::vector<bool>(grid_.window_slots(), false));
      bool changed = false;
      for (;;) {
        std::vector<Position> batch = choose_batch(x, tried);
        if (batch.empty()) break;
        for (const auto& [g, i] : batch) tried[g][i] = true;
        // Retry what is not blamed until the rest is confirmed or nothing is left.
        for (int attempt = 1; !batch.empty(); ++attempt) {
          if (simulations_ >= o_.max_simulations) return;
          StaffingPlan trial = x;
          for (const auto& [g, i] : batch) --agents(trial, g, i);
          sync_warmup(grid_, trial);
          PlanEvaluation eval = simulate(trial);
          removals_tried_ += static_cast<int>(batch.size());
          const int count = failures(eval, best_eval_);
          if (count == 0) {
            removals_kept_ += static_cast<int>(batch.size());
            changed = true;
            x = std::move(trial);
            report(fmt::format("minimising (pass {}): {} removal(s) kept, {} agent-intervals", pass,
                               batch.size(), x.total_window_agents(grid_)));
            best_ = x;
            best_eval_ = std::move(eval);
            break;
          }
          std::vector<bool> blamed(batch.size(), false);
          for (int i = 0; i < grid_.window_slots(); ++i)
            for (std::size_t c = 0; c < s_.channels.size(); ++c)
              if (fails(eval, best_eval_, i, static_cast<int>(c))) {
                bool reached = false;
                blamed[blame(batch, static_cast<int>(c), i, &reached)] = true;
                ++(reached ? misses_in_reach_ : misses_out_of_reach_);
              }
          std::vector<Position> rest;
          for (std::size_t b = 0; b < batch.size(); ++b)
            if (!blamed[b]) rest.push_back(batch[b]);
          report(
              fmt::format("minimising (pass {}): {} interval(s) miss or lose their margin, {} of "
                          "{} removal(s) blamed",
                          pass, count, batch.size() - rest.size(), batch.size()));
          batch = std::move(rest);
          // A batch that keeps missing after four simulations is dropped: its misses are then
          // mostly out of reach of the removals left (see the header on common random numbers).
          if (attempt == kMaxAttempts) break;
        }
      }
      if (!changed) {
        minimal_ = true;
        return;
      }
    }
  }

  const Scenario& s_;
  StaffingOptions o_;
  StaffingGrid grid_;
  std::vector<bool> planned_;
  ClosedFormStaffing cf_;
  int radius_ = 1;
  std::vector<int> parent_, component_, agent_limit_;
  std::vector<std::vector<int>> channel_groups_;
  StaffingPlan best_;
  PlanEvaluation best_eval_;
  std::string last_misses_;
  std::map<std::pair<int, int>, double> excused_;  // (interval, channel) -> margin then
  int simulations_ = 0, correction_simulations_ = 0;
  int removals_tried_ = 0, removals_kept_ = 0;
  int misses_in_reach_ = 0, misses_out_of_reach_ = 0;
  bool minimal_ = false, verified_ = false;
  int verification_simulations_ = 0;
};

}  // namespace

SearchResult search_staffing(const Scenario& scenario, const StaffingOptions& options) {
  return Search(scenario, options).run();
}

StaffingPlan closed_form_start(const Scenario& s, const StaffingGrid& grid,
                               const ClosedFormStaffing& cf) {
  StaffingPlan x{plannable_groups(s), {}};
  x.agents.resize(s.groups.size());
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    if (!x.planned[g]) continue;
    const Group& group = s.groups[g];
    const int limit = agent_limit(s, cf, static_cast<int>(g));
    for (int n : cf.group_agents[g]) {
      const int scheduled = static_cast<int>(std::ceil(n / (1 - group.absenteeism) - 1e-9));
      x.agents[g].push_back(std::min(limit, scheduled));
    }
  }
  sync_warmup(grid, x);
  return x;
}

std::vector<int> carrier_groups(const Scenario& s, const ClosedFormStaffing& cf, int c) {
  std::vector<int> carrying, answering;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const Group& group = s.groups[g];
    if (group.dedicated_to) continue;
    if (std::find(group.channels.begin(), group.channels.end(), c) == group.channels.end())
      continue;
    answering.push_back(static_cast<int>(g));
    if (cf.carries[c][g]) carrying.push_back(static_cast<int>(g));
  }
  return carrying.empty() ? answering : carrying;
}

std::vector<int> serving_intervals(const StaffingGrid& grid, const ClosedFormStaffing& cf, int i,
                                   int c) {
  std::vector<int> out = {i};
  if (i + 1 < grid.window_slots()) out.push_back(i + 1);
  const auto& reach = cf.reach[grid.warmup_slots() + i][c];
  double total = 0;
  for (const auto& [offset, offers] : reach) total += offers;
  for (const auto& [offset, offers] : reach) {
    const int j = i + offset;
    if (offset > 1 && offers >= 0.1 * total && j < grid.window_slots()) out.push_back(j);
  }
  return out;
}

int agent_limit(const Scenario& s, const ClosedFormStaffing& cf, int g) {
  if (s.groups[g].max_agents) return *s.groups[g].max_agents;
  int peak = 0;
  for (int n : cf.group_agents[g]) peak = std::max(peak, n);
  const double scheduled = std::ceil(peak / (1 - s.groups[g].absenteeism));
  return static_cast<int>(std::min(4 * scheduled + 20, 4.0 * kMaxServers));
}

std::vector<AgentPosition> removable_agents(const Scenario& scenario, const SearchResult& result,
                                            const StaffingOptions& options, int* simulations) {
  std::vector<AgentPosition> removable;
  int count = 0;
  const StaffingGrid& grid = result.grid;
  const PlanEvaluation& base = result.evaluation;
  for (std::size_t g = 0; g < result.plan.agents.size(); ++g) {
    if (!result.plan.planned[g]) continue;
    for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot) {
      if (result.plan.agents[g][slot] == 0) continue;
      StaffingPlan trial = result.plan;
      --trial.agents[g][slot];
      sync_warmup(grid, trial);
      ++count;
      const PlanEvaluation eval =
          evaluate_plan(apply_plan(scenario, grid, trial), scenario.run.seed,
                        scenario.run.replications, options.confidence, options.jobs);
      bool accepted = true;
      for (std::size_t i = 0; i < eval.outcomes.size(); ++i)
        for (std::size_t c = 0; c < eval.outcomes[i].size(); ++c) {
          const IntervalOutcome& o = eval.outcomes[i][c];
          bool excused = false, worse = false;
          for (const UnmetTarget& u : result.excused)
            if (u.interval == static_cast<int>(i) && u.channel == static_cast<int>(c)) {
              excused = true;
              worse = !o.meets && o.margin < u.margin - 1e-9;
            }
          if (excused)
            accepted &= !worse;
          else
            accepted &= o.meets && (o.meets_confidently || o.same_figures(base.outcomes[i][c]));
        }
      if (accepted) removable.push_back({static_cast<int>(g), slot});
    }
  }
  if (simulations) *simulations = count;
  return removable;
}

}  // namespace supportsim
