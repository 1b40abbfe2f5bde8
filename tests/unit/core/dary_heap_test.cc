#include "sim/core/dary_heap.h"

#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <set>
#include <utility>

namespace supportsim {
namespace {

struct Smaller {
  bool operator()(const std::pair<int, int>& a, const std::pair<int, int>& b) const {
    return a < b;
  }
};

// A long random mix of pushes and pops with many equal first keys: the heap gives out exactly
// what an ordered multiset does.
TEST(DaryHeapTest, PopsInTheOrderOfAnOrderedSet) {
  boost::random::mt19937 rng(7);
  boost::random::uniform_int_distribution<int> key(0, 20), action(0, 2);
  DaryHeap<std::pair<int, int>, Smaller> heap;
  std::multiset<std::pair<int, int>> oracle;
  for (int step = 0; step < 20000; ++step) {
    if (action(rng) > 0 || oracle.empty()) {
      const std::pair<int, int> item{key(rng), step};
      heap.push(item);
      oracle.insert(item);
    } else {
      ASSERT_EQ(heap.top(), *oracle.begin());
      heap.pop();
      oracle.erase(oracle.begin());
    }
    ASSERT_EQ(heap.size(), oracle.size());
  }
  while (!oracle.empty()) {
    ASSERT_EQ(heap.top(), *oracle.begin());
    heap.pop();
    oracle.erase(oracle.begin());
  }
  EXPECT_TRUE(heap.empty());
}

}  // namespace
}  // namespace supportsim
