#pragma once
// Differences between two variants of a scenario measured over replications. Sweep points share
// the seed and the replication indices, and every source of randomness has its own stream
// (docs/determinism.md), so replication r of two points sees the same arrivals, handle times and
// patience where the variants do not change them: common random numbers. The difference is
// then estimated from the pairs, d_r = a_r - b_r, whose variance is var(a) + var(b) -
// 2 cov(a, b), far below var(a) + var(b) when the points are positively correlated.

#include <optional>
#include <vector>

#include "sim/core/statistics.h"

namespace supportsim {

// Paired difference a - b: `a` and `b` hold one value per replication index (NaN where the
// metric is undefined in that replication). Mean, Student-t 95% interval and stdev of d_r over
// the replications where both are defined; nullopt when there is none. Requires a.size() ==
// b.size() (else std::invalid_argument).
std::optional<Estimate> paired_difference(const std::vector<double>& a,
                                          const std::vector<double>& b);

// The same difference treated as if the two samples were independent (Welch's interval), for
// comparison: mean(a) - mean(b) over their defined values, with the Welch-Satterthwaite degrees
// of freedom; `stdev` holds the standard error of the difference. With fewer than two values on
// a side, or no spread at all, both interval ends equal the mean. nullopt when a side has no
// defined value.
std::optional<Estimate> unpaired_difference(const std::vector<double>& a,
                                            const std::vector<double>& b);

}  // namespace supportsim
