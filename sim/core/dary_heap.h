#pragma once
// A d-ary min-heap (4 children per node by default) in one vector, for queues whose entries
// must be removable from the middle (the available agents of a group, sim/model/available_agents.h)
// without the node allocation of a std::set. `Before(a, b)` is true when a comes out first;
// entries that no `Before` separates come out in an unspecified order, so callers give a total
// order. (The agenda keeps std::priority_queue: there a 4-ary heap measured more instructions
// per event, since every event is popped once and nothing is removed from the middle.)
//
// The changing calls take an optional `on_move(entry, position)`, called whenever an entry lands
// at a position, so that a caller can keep an index from entries to positions
// (sim/model/available_agents.h). It is passed per call rather than stored, so the heap holds
// no pointer into its owner and can be copied and moved freely.

#include <cstddef>
#include <utility>
#include <vector>

namespace supportsim {

struct NoPositionIndex {
  template <class T>
  void operator()(const T&, std::size_t) const {}
};

template <class T, class Before, std::size_t Arity = 4>
class DaryHeap {
 public:
  explicit DaryHeap(Before before = Before()) : before_(before) {}

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const T& top() const { return items_.front(); }

  template <class OnMove = NoPositionIndex>
  void push(const T& item, OnMove on_move = OnMove()) {
    items_.push_back(item);
    sift_up(items_.size() - 1, on_move);
  }
  template <class OnMove = NoPositionIndex>
  void pop(OnMove on_move = OnMove()) {
    remove_at(0, on_move);
  }
  // Removes the entry at `position` (as last reported to on_move).
  template <class OnMove = NoPositionIndex>
  void remove_at(std::size_t position, OnMove on_move = OnMove()) {
    T last = std::move(items_.back());
    items_.pop_back();
    if (position == items_.size()) return;
    items_[position] = std::move(last);
    if (position > 0 && before_(items_[position], items_[(position - 1) / Arity]))
      sift_up(position, on_move);
    else
      sift_down(position, on_move);
  }

 private:
  template <class OnMove>
  void sift_up(std::size_t position, OnMove& on_move) {
    T item = std::move(items_[position]);
    while (position > 0) {
      const std::size_t parent = (position - 1) / Arity;
      if (!before_(item, items_[parent])) break;
      place(position, std::move(items_[parent]), on_move);
      position = parent;
    }
    place(position, std::move(item), on_move);
  }
  template <class OnMove>
  void sift_down(std::size_t position, OnMove& on_move) {
    T item = std::move(items_[position]);
    const std::size_t n = items_.size();
    for (;;) {
      const std::size_t first = position * Arity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + Arity < n ? first + Arity : n;
      for (std::size_t child = first + 1; child < end; ++child)
        if (before_(items_[child], items_[best])) best = child;
      if (!before_(items_[best], item)) break;
      place(position, std::move(items_[best]), on_move);
      position = best;
    }
    place(position, std::move(item), on_move);
  }
  template <class OnMove>
  void place(std::size_t position, T&& item, OnMove& on_move) {
    items_[position] = std::move(item);
    on_move(items_[position], position);
  }

  std::vector<T> items_;
  Before before_;
};

}  // namespace supportsim
