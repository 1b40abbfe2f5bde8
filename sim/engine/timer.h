#pragma once
// Events that carry more than an agenda event holds (a customer's patience running out when
// that triggers a retry, a retry's re-arrival, a reply between touches): their callbacks wait
// here, each under an agenda event of the timer's kind, so they take their turn in the same
// order as every other event (time, then scheduling order).

#include <functional>
#include <vector>

#include "sim/engine/agenda.h"

namespace supportsim {

class Timer {
 public:
  using Callback = std::function<void()>;

  Timer(Agenda& agenda, int kind) : agenda_(agenda), kind_(kind) {}
  // Runs `callback` at simulated time `when` (>= now).
  void schedule(double when, Callback callback);
  // The agenda's event of the timer's kind with this index is due.
  void run(int index);

 private:
  Agenda& agenda_;
  const int kind_;
  std::vector<Callback> callbacks_;  // by index; free ones are empty
  std::vector<int> free_;
};

}  // namespace supportsim
