#pragma once
// The available agents of one group, in the order an arriving case takes them: most free
// capacity first, then the longest available, then the lowest agent number (a total order, so
// the choice never depends on how the structure is built). A 4-ary heap with each agent's
// position kept beside it: insert, remove and the best agent without allocating, where a
// std::set paid a node allocation per change (its operations were 7% of the Erlang A profile).

#include <cstddef>
#include <vector>

#include "sim/core/dary_heap.h"

namespace supportsim {

class AvailableAgents {
 public:
  struct Entry {
    int free_units;
    double since;
    int agent;
  };

  // For agents first_agent .. first_agent + agents - 1.
  AvailableAgents(int first_agent, int agents)
      : first_agent_(first_agent), position_(static_cast<std::size_t>(agents), 0) {}

  bool empty() const { return heap_.empty(); }
  const Entry& best() const { return heap_.top(); }
  void insert(const Entry& entry) { heap_.push(entry, record_position()); }
  // `agent` must be in the structure.
  void remove(int agent) {
    heap_.remove_at(position_[static_cast<std::size_t>(agent - first_agent_)], record_position());
  }

 private:
  struct TakenFirst {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.free_units != b.free_units) return a.free_units > b.free_units;
      if (a.since != b.since) return a.since < b.since;
      return a.agent < b.agent;
    }
  };
  struct RecordPosition {
    AvailableAgents* self;
    void operator()(const Entry& e, std::size_t position) const {
      self->position_[static_cast<std::size_t>(e.agent - self->first_agent_)] = position;
    }
  };
  RecordPosition record_position() { return {this}; }

  DaryHeap<Entry, TakenFirst> heap_;
  int first_agent_;
  std::vector<std::size_t> position_;  // by agent - first_agent_
};

}  // namespace supportsim
