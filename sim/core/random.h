#pragma once
// Seeded random streams. DESIGN.md §4: every source of randomness has its own stream derived
// from (master seed, replication index, stream name), so that changing one part of a scenario
// does not shift the draws of the others (common random numbers across what-ifs).
// Deterministic across platforms: only Boost.Random engines and distributions are used.

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <string_view>

namespace supportsim {

using Rng = boost::random::mt19937_64;

// A stable 64-bit hash of a stream name (FNV-1a), independent of the standard library.
std::uint64_t stream_key(std::string_view name);

// The generator for stream `name` of replication `replication` under master seed `seed`.
// Distinct (seed, replication, name) triples give statistically independent streams.
Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view name);

// Uniform double in [0, 1).
double uniform01(Rng& rng);

}  // namespace supportsim
