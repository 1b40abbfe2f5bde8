#include "sim/experiment/staffing_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <tuple>

namespace supportsim {
namespace {

constexpr int kMaxAgentsPerInterval = 1'000'000;

class Search {
 public:
  Search(const Scenario& scenario, const StaffingOptions& options)
      : s_(scenario), o_(options), grid_(scenario.run) {
    planned_ = plannable_groups(s_);
    cf_ = closed_form_staffing(s_, grid_, planned_);
    radius_ = o_.radius > 0 ? o_.radius
                            : std::max(1, static_cast<int>(std::ceil(3600 / grid_.interval_s() - 1e-9)));
    // Groups that share a channel form a component; a channel's misses are blamed on removals
    // in its component only.
    const std::size_t groups = s_.groups.size();
    component_.resize(groups);
    std::iota(component_.begin(), component_.end(), 0);
    channel_groups_.resize(s_.channels.size());
    for (std::size_t g = 0; g < groups; ++g) {
      if (!planned_[g]) continue;
      for (int c : s_.groups[g].channels) channel_groups_[c].push_back(static_cast<int>(g));
    }
    for (const auto& answering : channel_groups_)
      for (std::size_t i = 1; i < answering.size(); ++i) unite(answering[0], answering[i]);
    for (std::size_t g = 0; g < groups; ++g) component_[g] = find(static_cast<int>(g));
  }

  StaffingResult run() {
    StaffingPlan x{planned_, {}};
    x.agents.resize(s_.groups.size());
    for (std::size_t g = 0; g < s_.groups.size(); ++g)
      if (planned_[g]) x.agents[g] = cf_.group_agents[g];
    sync_warmup(grid_, x);

    PlanEvaluation eval = correct(x);
    correction_simulations_ = simulations_;
    best_ = x;
    best_eval_ = eval;
    minimise(x);

    StaffingResult result{grid_, cf_, best_, apply_plan(s_, grid_, best_), std::move(best_eval_)};
    result.simulations = simulations_;
    result.correction_simulations = correction_simulations_;
    result.removals_tried = removals_tried_;
    result.removals_kept = removals_kept_;
    result.minimal = minimal_;
    return result;
  }

  const StaffingGrid& grid() const { return grid_; }

  PlanEvaluation simulate(const StaffingPlan& plan) {
    ++simulations_;
    return evaluate_plan(apply_plan(s_, grid_, plan), o_.rule, o_.jobs);
  }

 private:
  using Position = std::pair<int, int>;  // (group, window interval)

  int find(int g) { return parent_of(g) == g ? g : (parent_[g] = find(parent_of(g))); }
  int parent_of(int g) {
    if (parent_.empty()) {
      parent_.resize(s_.groups.size());
      std::iota(parent_.begin(), parent_.end(), 0);
    }
    return parent_[g];
  }
  void unite(int a, int b) { parent_[find(a)] = find(b); }

  int slot(int interval) const { return grid_.warmup_slots() + interval; }
  int& agents(StaffingPlan& p, int g, int interval) const { return p.agents[g][slot(interval)]; }

  void report(const std::string& line) const {
    if (o_.progress) o_.progress(fmt::format("simulation {}: {}", simulations_, line));
  }

  // Groups to add agents to when channel c misses: those carrying its closed-form load, else
  // every planned group answering it.
  std::vector<int> carriers(int c) const {
    std::vector<int> out;
    for (int g : channel_groups_[c])
      if (cf_.carries[c][g]) out.push_back(g);
    return out.empty() ? channel_groups_[c] : out;
  }

  std::string misses_text(const PlanEvaluation& eval) const {
    std::string text;
    int shown = 0;
    for (std::size_t i = 0; i < eval.outcomes.size(); ++i)
      for (std::size_t c = 0; c < eval.outcomes[i].size(); ++c) {
        if (eval.outcomes[i][c].meets) continue;
        if (shown++ < 5)
          text += fmt::format("{}{} at {}s", text.empty() ? "" : ", ", s_.channels[c].name,
                              grid_.start(slot(static_cast<int>(i))));
      }
    if (shown > 5) text += fmt::format(" and {} more", shown - 5);
    return text;
  }

  // Phase 1: add agents where intervals miss until every interval meets every target.
  PlanEvaluation correct(StaffingPlan& x) {
    const int intervals = grid_.window_slots();
    std::vector<std::vector<int>> step(intervals, std::vector<int>(s_.channels.size(), 1));
    for (;;) {
      if (simulations_ >= o_.max_simulations) {
        throw StaffingError(fmt::format(
            "no plan meeting every target within {} simulations (--max-simulations); last one "
            "missed {}",
            o_.max_simulations, last_misses_));
      }
      PlanEvaluation eval = simulate(x);
      if (eval.all_met()) {
        report(fmt::format("correcting: every interval meets its targets ({} agent-intervals)",
                           x.total_window_agents(grid_)));
        return eval;
      }
      last_misses_ = misses_text(eval);
      report(fmt::format("correcting: {} interval(s) miss a target", eval.failures));
      std::vector<std::vector<int>> add(s_.groups.size(), std::vector<int>(intervals, 0));
      for (int i = 0; i < intervals; ++i)
        for (std::size_t c = 0; c < s_.channels.size(); ++c) {
          if (eval.outcomes[i][c].meets) {
            step[i][c] = 1;
            continue;
          }
          for (int g : carriers(static_cast<int>(c))) add[g][i] = std::max(add[g][i], step[i][c]);
          step[i][c] = std::min(2 * step[i][c], kMaxAgentsPerInterval);
        }
      for (std::size_t g = 0; g < s_.groups.size(); ++g)
        for (int i = 0; i < intervals && planned_[g]; ++i) {
          int& n = agents(x, static_cast<int>(g), i);
          if (add[g][i] > kMaxAgentsPerInterval - n)
            throw StaffingError("no plan meeting every target: head counts grow without bound (missed " +
                                last_misses_ + ")");
          n += add[g][i];
        }
      sync_warmup(grid_, x);
    }
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
                                     const std::vector<std::vector<bool>>& essential) const {
    std::vector<Position> candidates;
    for (std::size_t g = 0; g < s_.groups.size(); ++g) {
      if (!planned_[g]) continue;
      for (int i = 0; i < grid_.window_slots(); ++i)
        if (x.agents[g][slot(i)] > 0 && !essential[g][i]) candidates.emplace_back(g, i);
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
  // channel's component within reach, else (when `nearest`) the nearest earlier member of the
  // component, else of any component; -1 when none.
  int blame(const std::vector<Position>& batch, int c, int interval, bool nearest) const {
    const int comp = channel_groups_[c].empty() ? -1 : component_[channel_groups_[c][0]];
    for (std::size_t b = 0; b < batch.size(); ++b) {
      const auto [g, i] = batch[b];
      if (component_[g] == comp && i >= interval - radius_ && i <= interval + 1)
        return static_cast<int>(b);
    }
    if (!nearest) return -1;
    for (bool same_component : {true, false}) {
      int chosen = -1;
      for (std::size_t b = 0; b < batch.size(); ++b) {
        const auto [g, i] = batch[b];
        if (same_component && component_[g] != comp) continue;
        if (i > interval + 1) continue;
        if (chosen < 0 || i > batch[chosen].second) chosen = static_cast<int>(b);
      }
      if (chosen >= 0) return chosen;
    }
    int chosen = -1;
    for (std::size_t b = 0; b < batch.size(); ++b)
      if (chosen < 0 || std::abs(batch[b].second - interval) < std::abs(batch[chosen].second - interval))
        chosen = static_cast<int>(b);
    return chosen;
  }

  void clear_marks_near(std::vector<std::vector<bool>>& essential, int g, int interval) const {
    for (std::size_t h = 0; h < s_.groups.size(); ++h) {
      if (!planned_[h] || component_[h] != component_[g]) continue;
      for (int j = std::max(0, interval - radius_ - 1);
           j <= std::min(grid_.window_slots() - 1, interval + radius_ + 1); ++j)
        essential[h][j] = false;
    }
  }

  void minimise(StaffingPlan& x) {
    std::vector<std::vector<bool>> essential(s_.groups.size(),
                                             std::vector<bool>(grid_.window_slots(), false));
    std::vector<Position> kept_unverified;  // removals kept since the last whole-plan check
    bool force_check = false;
    for (;;) {
      std::vector<Position> batch;
      if (!force_check) batch = choose_batch(x, essential);
      if (batch.empty() && kept_unverified.empty()) {
        minimal_ = !force_check;
        return;
      }
      if (simulations_ >= o_.max_simulations) return;
      if (batch.empty()) {
        // Check the plan as a whole; put back kept removals nearest to any miss.
        force_check = false;
        PlanEvaluation eval = simulate(x);
        if (eval.all_met()) {
          report(fmt::format("minimising: plan checked as a whole, {} agent-intervals",
                             x.total_window_agents(grid_)));
          accept(x, std::move(eval));
          kept_unverified.clear();
          continue;
        }
        int restored = 0;
        for (int i = 0; i < grid_.window_slots(); ++i)
          for (std::size_t c = 0; c < s_.channels.size(); ++c) {
            if (eval.outcomes[i][c].meets) continue;
            const int b = blame(kept_unverified, static_cast<int>(c), i, true);
            if (b < 0) continue;
            const auto [g, j] = kept_unverified[b];
            ++agents(x, g, j);
            clear_marks_near(essential, g, j);
            essential[g][j] = true;
            kept_unverified.erase(kept_unverified.begin() + b);
            --removals_kept_;
            ++restored;
          }
        sync_warmup(grid_, x);
        report(fmt::format("minimising: whole plan missed {} target(s), {} removal(s) put back",
                           eval.failures, restored));
        if (kept_unverified.empty()) {  // back to the last plan that met everything
          x = best_;
        }
        continue;
      }

      StaffingPlan trial = x;
      for (const auto& [g, i] : batch) --agents(trial, g, i);
      sync_warmup(grid_, trial);
      PlanEvaluation eval = simulate(trial);
      removals_tried_ += static_cast<int>(batch.size());
      if (eval.all_met()) {
        removals_kept_ += static_cast<int>(batch.size());
        x = trial;
        report(fmt::format("minimising: all {} removals kept, {} agent-intervals", batch.size(),
                           x.total_window_agents(grid_)));
        accept(x, std::move(eval));
        kept_unverified.clear();
        continue;
      }
      std::vector<bool> rejected(batch.size(), false);
      bool unexplained = false;
      for (int i = 0; i < grid_.window_slots(); ++i)
        for (std::size_t c = 0; c < s_.channels.size(); ++c) {
          if (eval.outcomes[i][c].meets) continue;
          int b = blame(batch, static_cast<int>(c), i, false);
          if (b < 0) {
            // Out of reach of every removal: if the plan itself is unchecked, suspect it.
            if (!kept_unverified.empty()) {
              unexplained = true;
              continue;
            }
            b = blame(batch, static_cast<int>(c), i, true);
          }
          rejected[b] = true;
        }
      if (unexplained) {
        report(fmt::format("minimising: {} removals tried, a miss out of their reach: checking "
                           "the plan",
                           batch.size()));
        force_check = true;
        continue;
      }
      int kept = 0;
      for (std::size_t b = 0; b < batch.size(); ++b) {
        const auto [g, i] = batch[b];
        if (rejected[b]) {
          essential[g][i] = true;
          continue;
        }
        --agents(x, g, i);
        kept_unverified.push_back(batch[b]);
        ++kept;
      }
      removals_kept_ += kept;
      sync_warmup(grid_, x);
      report(fmt::format("minimising: {} of {} removals kept, {} agent-intervals", kept,
                         batch.size(), x.total_window_agents(grid_)));
    }
  }

  void accept(const StaffingPlan& x, PlanEvaluation eval) {
    best_ = x;
    best_eval_ = std::move(eval);
  }

  const Scenario& s_;
  StaffingOptions o_;
  StaffingGrid grid_;
  std::vector<bool> planned_;
  ClosedFormStaffing cf_;
  int radius_ = 1;
  std::vector<int> parent_, component_;
  std::vector<std::vector<int>> channel_groups_;
  StaffingPlan best_;
  PlanEvaluation best_eval_;
  std::string last_misses_;
  int simulations_ = 0, correction_simulations_ = 0;
  int removals_tried_ = 0, removals_kept_ = 0;
  bool minimal_ = false;
};

}  // namespace

StaffingResult plan_staffing(const Scenario& scenario, const StaffingOptions& options) {
  return Search(scenario, options).run();
}

std::vector<AgentPosition> removable_agents(const Scenario& scenario, const StaffingResult& result,
                                            const StaffingOptions& options, int* simulations) {
  std::vector<AgentPosition> removable;
  int count = 0;
  const StaffingGrid& grid = result.grid;
  for (std::size_t g = 0; g < result.plan.agents.size(); ++g) {
    if (!result.plan.planned[g]) continue;
    for (int slot = grid.warmup_slots(); slot < grid.slots(); ++slot) {
      if (result.plan.agents[g][slot] == 0) continue;
      StaffingPlan trial = result.plan;
      --trial.agents[g][slot];
      sync_warmup(grid, trial);
      ++count;
      if (evaluate_plan(apply_plan(scenario, grid, trial), options.rule, options.jobs).all_met())
        removable.push_back({static_cast<int>(g), slot});
    }
  }
  if (simulations) *simulations = count;
  return removable;
}

}  // namespace supportsim
