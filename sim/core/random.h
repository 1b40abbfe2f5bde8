#pragma once
// Seeded random streams. docs/determinism.md: every source of randomness has its own stream derived
// from (master seed, replication index, stream name), so that changing one part of a scenario
// does not shift the draws of the others (common random numbers across what-ifs).
// Deterministic across platforms: only Boost.Random engines and distributions are used.

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/taus88.hpp>
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

// A small generator owned by one case (L'Ecuyer's taus88: three 32-bit words), seeded from its
// segment's stream when the case is born. Everything drawn about a case after its birth
// (patience, later handle times, resolution, escalation, retries, churn) comes from it, so a
// case's draws do not depend on the order of other cases' events: a what-if that changes one
// agent's shift leaves every other case's luck in place (common random numbers).
using CaseRng = boost::random::taus88;
CaseRng make_case_rng(Rng& parent);
double uniform01(CaseRng& rng);

}  // namespace supportsim
