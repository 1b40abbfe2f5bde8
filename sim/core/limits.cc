#include "sim/core/limits.h"

#include <fstream>

namespace supportsim {

ActorBound max_actors_per_process() {
  // Mappings the program uses besides actor stacks (libraries, heap arenas, SimGrid itself),
  // with a wide margin: about 600 measured.
  constexpr std::int64_t kOtherMappings = 5'000;
  std::int64_t count = 0;
  std::ifstream in("/proc/sys/vm/max_map_count");
  if (!(in >> count) || count <= kOtherMappings) return {30'000, 0};
  return {(count - kOtherMappings) / 2, count};
}

}  // namespace supportsim
