#include "sim/engine/timer.h"

namespace supportsim {

void Timer::schedule(double when, Callback callback) {
  int index;
  if (free_.empty()) {
    index = static_cast<int>(callbacks_.size());
    callbacks_.push_back(std::move(callback));
  } else {
    index = free_.back();
    free_.pop_back();
    callbacks_[index] = std::move(callback);
  }
  agenda_.schedule(when, kind_, index);
}

void Timer::run(int index) {
  Callback callback = std::move(callbacks_[index]);
  callbacks_[index] = nullptr;
  free_.push_back(index);
  callback();
}

}  // namespace supportsim
