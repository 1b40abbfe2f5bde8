#pragma once
// Rosters: how many agents start each shift template at each allowed start, so that the agents
// on duty cover every interval's requirement at least paid cost. An integer program over shift
// starts, solved with GLPK (branch and cut, `glp_intopt`).
//
// The plan is one week that repeats: week interval k covers [offset + k w, offset + (k + 1) w)
// modulo a week (time 0 is Monday 00:00), and a shift that passes Sunday midnight covers Monday
// morning of the same plan.
//
// Variables: x[s, d, t] >= 0, integer: agents starting template s on day d (one of its `days`)
// at start t (one of its starts). On duty: from the start for `length`, except for the break
// (paid_break + unpaid_break in one piece), which everyone on that start takes together at
// the interval boundary nearest the middle of the shift (a fixed-break model: different start
// times stagger the breaks). An agent counts in an interval only when on duty for all of it,
// so that coverage is a whole number of agents and the schedule is exactly the roster's
// on-duty count: a 30-minute break in hourly intervals takes a whole hour out of the agent's
// coverage (use 30- or 15-minute intervals to lose only the break itself), and a shift that
// starts or ends inside an interval does not count there.
//   on_duty[k] = sum over (s, d, t) covering all of interval k of x[s, d, t]
// Constraints: on_duty[k] >= required[k] for every week interval; with `max_agents`, also
// on_duty[k] <= max_agents. Objective: paid hours x hourly_cost_factor, paid hours being
// length - unpaid_break. Coverage with 0/1 coefficients of consecutive intervals keeps the
// linear relaxation close to integral, so branch and cut usually proves optimality at once.
//
// Solving: the LP relaxation by simplex, then glp_intopt (cuts, feasibility pump) with the time
// limit. If optimality is not proven in time, the best integer solution found is used and its
// gap to the bound reported; if none was found, the LP solution rounded up (feasible, since
// every coverage coefficient is >= 0; with a seat cap it may then exceed the cap). GLPK is
// deterministic, but a solve cut short by the time limit may stop at a different point on a
// busier machine.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/scenario.h"

namespace supportsim {

// The requirement can not be met by the templates (an interval no template covers, or a
// max_agents below a requirement). `interval` is the week interval at fault, or -1.
class RosterError : public std::runtime_error {
 public:
  RosterError(const std::string& what, int interval)
      : std::runtime_error(what), interval_(interval) {}
  int interval() const { return interval_; }

 private:
  int interval_;
};

// The weekly grid of a roster.
struct WeekGrid {
  double interval_s = 1800;
  double offset_s = 0;  // in [0, interval_s)
  int intervals() const;
  double start(int k) const { return offset_s + k * interval_s; }
  // The week interval holding time t (seconds since Monday 00:00 of the first week).
  int index_of(double t) const;
};

// One variable of the program: a template started on a day at a time of day.
struct ShiftStart {
  int shift = 0;       // index into the templates
  int day = 0;         // 0 = Monday
  double start_s = 0;  // seconds after midnight
  double week_start_s() const { return day * 86400.0 + start_s; }
};

struct RosterLine {
  ShiftStart start;
  int agents = 0;
};

enum class RosterSolve { kOptimal, kTimeLimit, kLpRounded };

struct GroupRoster {
  int group = 0;
  std::vector<RosterLine> lines;   // starts with agents > 0, by day, start, template
  std::vector<int> required;       // [week interval]
  std::vector<int> on_duty;        // [week interval] agents on duty for the whole interval
  double paid_hours = 0;           // per week: agents x (length - unpaid_break)
  double weighted_paid_hours = 0;  // the same x hourly_cost_factor (the objective)
  RosterSolve solve = RosterSolve::kOptimal;
  double gap = 0;  // relative gap to the best bound when the time limit ended the search
  double solve_s = 0;
  int variables = 0, constraints = 0;
};

// Where the break of `shift` started at week time `start` begins: the boundary of `grid`'s
// intervals nearest the middle of the shift at which the whole break fits (the exact middle
// when there is no such boundary or no break).
double roster_break_start(const ShiftTemplate& shift, double start, const WeekGrid& grid);

// The share of [from, to) during which an agent on `shift` started at week time `start` (seconds
// since Monday 00:00), on break from `break_start`, is on duty, the plan repeating weekly.
// REQUIRES from < to <= from + 1 week.
double on_duty_share(const ShiftTemplate& shift, double start, double break_start, double from,
                     double to);

// Every start of the templates listed in `usable` (indices into `shifts`), on their days.
std::vector<ShiftStart> shift_starts(const std::vector<ShiftTemplate>& shifts,
                                     const std::vector<int>& usable);

// The first week interval with a positive requirement that no start covers at all, or -1.
int uncovered_interval(const std::vector<ShiftTemplate>& shifts, const std::vector<int>& usable,
                       const WeekGrid& grid, const std::vector<int>& required);

// Solves the program above for one group. Throws RosterError when it has no solution.
GroupRoster solve_roster(const std::vector<ShiftTemplate>& shifts, const std::vector<int>& usable,
                         const WeekGrid& grid, const std::vector<int>& required,
                         std::optional<int> max_agents, double time_limit_s);

// "Sat 03:00" for a week time.
std::string week_time_text(double t);

}  // namespace supportsim
