#include "sim/experiment/staffing_roster.h"

#include <fmt/format.h>
#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "sim/core/units.h"

namespace supportsim {
namespace {

// Rounding allowed in shares of an interval.
constexpr double kTiny = 1e-9;

struct ProblemDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// Records the relative gap of the incumbent while branch and cut runs.
void record_gap(glp_tree* tree, void* info) {
  if (glp_ios_reason(tree) == GLP_IBINGO || glp_ios_reason(tree) == GLP_ISELECT)
    *static_cast<double*>(info) = glp_ios_mip_gap(tree);
}

}  // namespace

int WeekGrid::intervals() const { return static_cast<int>(std::lround(kWeek / interval_s)); }

int WeekGrid::index_of(double t) const {
  double in_week = std::fmod(t - offset_s, kWeek);
  if (in_week < 0) in_week += kWeek;
  const int k = static_cast<int>(std::floor(in_week / interval_s + 1e-9));
  return std::min(k, intervals() - 1);
}

double roster_break_start(const ShiftTemplate& shift, double start, const WeekGrid& grid) {
  const double pause = shift.break_s();
  const double middle = start + (shift.length_s - pause) / 2;
  if (pause <= 0) return middle;
  // The interval boundary nearest the middle at which the whole break fits in the shift.
  const double w = grid.interval_s;
  const double nearest = grid.offset_s + std::round((middle - grid.offset_s) / w) * w;
  double best = middle, distance = kWeek;
  for (double b = nearest - 2 * w; b <= nearest + 2 * w; b += w)
    if (b >= start - 1e-9 && b + pause <= start + shift.length_s + 1e-9 &&
        std::abs(b - middle) < distance - 1e-9)
      best = b, distance = std::abs(b - middle);
  return best;
}

double on_duty_share(const ShiftTemplate& shift, double start, double break_start, double from,
                     double to) {
  const double end = start + shift.length_s, pause = shift.break_s();
  std::pair<double, double> segments[2] = {{start, end}, {end, end}};
  if (pause > 0) {
    segments[0] = {start, break_start};
    segments[1] = {break_start + pause, end};
  }
  double on = 0;
  for (const auto& [a, b] : segments)
    for (int week = -1; week <= 1; ++week) {
      const double lo = std::max(from, a + week * kWeek);
      const double hi = std::min(to, b + week * kWeek);
      if (hi > lo) on += hi - lo;
    }
  return on / (to - from);
}

std::vector<ShiftStart> shift_starts(const std::vector<ShiftTemplate>& shifts,
                                     const std::vector<int>& usable) {
  std::vector<ShiftStart> out;
  for (int day = 0; day < 7; ++day)
    for (int s : usable) {
      if (!shifts[s].days[day]) continue;
      for (double t : shifts[s].starts_s) out.push_back({s, day, t});
    }
  std::stable_sort(out.begin(), out.end(), [](const ShiftStart& a, const ShiftStart& b) {
    return a.week_start_s() < b.week_start_s();
  });
  return out;
}

namespace {

// [column]: the week intervals each start covers (on duty for the whole interval).
std::vector<std::vector<int>> coverage_matrix(const std::vector<ShiftTemplate>& shifts,
                                              const std::vector<ShiftStart>& starts,
                                              const WeekGrid& grid) {
  const int intervals = grid.intervals();
  std::vector<std::vector<int>> columns;
  for (const ShiftStart& st : starts) {
    const ShiftTemplate& shift = shifts[st.shift];
    const double start = st.week_start_s();
    const double pause = roster_break_start(shift, start, grid);
    std::vector<int> column;
    // Only intervals the shift can touch: from the one holding its start to a day later.
    const int first = grid.index_of(start);
    const int span = static_cast<int>(std::ceil(shift.length_s / grid.interval_s)) + 1;
    for (int j = 0; j <= span && j < intervals; ++j) {
      const int k = (first + j) % intervals;
      if (on_duty_share(shift, start, pause, grid.start(k), grid.start(k) + grid.interval_s) >
          1 - kTiny)
        column.push_back(k);
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace

int uncovered_interval(const std::vector<ShiftTemplate>& shifts, const std::vector<int>& usable,
                       const WeekGrid& grid, const std::vector<int>& required) {
  const auto starts = shift_starts(shifts, usable);
  std::vector<bool> covered(grid.intervals(), false);
  for (const auto& column : coverage_matrix(shifts, starts, grid))
    for (int k : column) covered[k] = true;
  for (int k = 0; k < grid.intervals(); ++k)
    if (required[k] > 0 && !covered[k]) return k;
  return -1;
}

std::string week_time_text(double t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  double in_week = std::fmod(t, kWeek);
  if (in_week < 0) in_week += kWeek;
  const long minutes = std::lround(in_week / kMinute) % (7 * 24 * 60);
  return fmt::format("{} {:02}:{:02}", kDays[minutes / (24 * 60)], minutes / 60 % 24, minutes % 60);
}

GroupRoster solve_roster(const std::vector<ShiftTemplate>& shifts, const std::vector<int>& usable,
                         const WeekGrid& grid, const std::vector<int>& required,
                         std::optional<int> max_agents, double time_limit_s) {
  const auto started = std::chrono::steady_clock::now();
  const int intervals = grid.intervals();
  GroupRoster roster;
  roster.required = required;
  if (const int k = uncovered_interval(shifts, usable, grid, required); k >= 0)
    throw RosterError(fmt::format("no shift template puts an agent on duty at {} ({} needed)",
                                  week_time_text(grid.start(k)), required[k]),
                      k);
  if (max_agents)
    for (int k = 0; k < intervals; ++k)
      if (required[k] > *max_agents)
        throw RosterError(fmt::format("{} agents needed at {}, above max_agents {}", required[k],
                                      week_time_text(grid.start(k)), *max_agents),
                          k);

  const std::vector<ShiftStart> starts = shift_starts(shifts, usable);
  const auto columns = coverage_matrix(shifts, starts, grid);
  std::vector<double> weight(starts.size());
  for (std::size_t j = 0; j < starts.size(); ++j) {
    const ShiftTemplate& s = shifts[starts[j].shift];
    weight[j] = s.paid_hours() * s.hourly_cost_factor;
  }

  glp_term_out(GLP_OFF);
  std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MIN);
  // One row per interval with a requirement (or every interval under a seat cap).
  std::vector<int> row_of(intervals, 0);
  int rows = 0;
  for (int k = 0; k < intervals; ++k)
    if (required[k] > 0 || max_agents) row_of[k] = ++rows;
  if (rows > 0) glp_add_rows(lp.get(), rows);
  for (int k = 0; k < intervals; ++k) {
    if (!row_of[k]) continue;
    const double need = std::max(0, required[k]);
    if (max_agents)
      glp_set_row_bnds(lp.get(), row_of[k],
                       need <= 0            ? GLP_UP
                       : need < *max_agents ? GLP_DB
                                            : GLP_FX,
                       need, *max_agents);
    else
      glp_set_row_bnds(lp.get(), row_of[k], GLP_LO, need, 0);
  }
  const int cols = static_cast<int>(starts.size());
  if (cols > 0) glp_add_cols(lp.get(), cols);
  std::vector<int> ia = {0}, ja = {0};
  std::vector<double> ar = {0};
  for (int j = 0; j < cols; ++j) {
    glp_set_col_kind(lp.get(), j + 1, GLP_IV);
    glp_set_col_bnds(lp.get(), j + 1, GLP_LO, 0, 0);
    glp_set_obj_coef(lp.get(), j + 1, weight[j]);
    for (int k : columns[j]) {
      if (!row_of[k]) continue;
      ia.push_back(row_of[k]), ja.push_back(j + 1), ar.push_back(1);
    }
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  roster.variables = cols;
  roster.constraints = rows;

  std::vector<double> x(cols, 0);
  if (rows > 0 && cols > 0) {
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    const int lp_code = glp_simplex(lp.get(), &simplex);
    if (lp_code != 0 || glp_get_status(lp.get()) != GLP_OPT)
      throw RosterError(
          "the shift templates cannot meet every interval's need (the linear "
          "relaxation has no solution)",
          -1);
    glp_iocp branch;
    glp_init_iocp(&branch);
    branch.msg_lev = GLP_MSG_OFF;
    branch.tm_lim = static_cast<int>(std::min(time_limit_s * 1000, 2e9));
    branch.gmi_cuts = GLP_ON;
    branch.mir_cuts = GLP_ON;
    branch.cov_cuts = GLP_ON;
    branch.fp_heur = GLP_ON;
    branch.ps_heur = GLP_OFF;
    double gap = 0;
    branch.cb_func = record_gap;
    branch.cb_info = &gap;
    glp_intopt(lp.get(), &branch);
    const int status = glp_mip_status(lp.get());
    if (status == GLP_OPT || status == GLP_FEAS) {
      roster.solve = status == GLP_OPT ? RosterSolve::kOptimal : RosterSolve::kTimeLimit;
      roster.gap = status == GLP_OPT ? 0 : gap;
      for (int j = 0; j < cols; ++j) x[j] = std::round(glp_mip_col_val(lp.get(), j + 1));
    } else {
      // No integer solution in time: the LP optimum rounded up covers at least as much.
      roster.solve = RosterSolve::kLpRounded;
      for (int j = 0; j < cols; ++j) x[j] = std::ceil(glp_get_col_prim(lp.get(), j + 1) - 1e-7);
    }
  }

  roster.on_duty.assign(intervals, 0);
  for (int j = 0; j < cols; ++j) {
    if (x[j] <= 0) continue;
    const int agents = static_cast<int>(x[j]);
    roster.lines.push_back({starts[j], agents});
    const ShiftTemplate& s = shifts[starts[j].shift];
    roster.paid_hours += agents * s.paid_hours();
    roster.weighted_paid_hours += agents * s.paid_hours() * s.hourly_cost_factor;
    for (int k : columns[j]) roster.on_duty[k] += agents;
  }
  roster.solve_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return roster;
}

}  // namespace supportsim
