#include "sim/model/available_agents.h"

#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <set>
#include <vector>

namespace supportsim {
namespace {

// Agents come and go in random order: the best one is always the first of the routing order
// (most free capacity, longest available, lowest number), and removal by agent works
// wherever the agent sits in the heap.
TEST(AvailableAgentsTest, BestIsTheFirstInRoutingOrderThroughRandomChanges) {
  constexpr int kFirst = 10, kAgents = 60;
  AvailableAgents available(kFirst, kAgents);
  struct Key {
    int free_units;
    double since;
    int agent;
    bool operator<(const Key& o) const {
      if (free_units != o.free_units) return free_units > o.free_units;
      if (since != o.since) return since < o.since;
      return agent < o.agent;
    }
  };
  std::set<Key> oracle;
  std::vector<Key> in(kAgents + kFirst, Key{-1, 0, -1});
  boost::random::mt19937 rng(11);
  boost::random::uniform_int_distribution<int> agent_of(kFirst, kFirst + kAgents - 1), units(1, 3),
      when(0, 50);
  for (int step = 0; step < 20000; ++step) {
    const int agent = agent_of(rng);
    if (in[agent].agent < 0) {
      const Key k{units(rng), static_cast<double>(when(rng)), agent};
      available.insert({k.free_units, k.since, k.agent});
      oracle.insert(k);
      in[agent] = k;
    } else {
      available.remove(agent);
      oracle.erase(in[agent]);
      in[agent].agent = -1;
    }
    ASSERT_EQ(available.empty(), oracle.empty());
    if (!oracle.empty()) {
      ASSERT_EQ(available.best().agent, oracle.begin()->agent);
    }
  }
}

}  // namespace
}  // namespace supportsim
