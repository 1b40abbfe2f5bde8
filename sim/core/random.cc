#include "sim/core/random.h"

#include <array>
#include <boost/random/seed_seq.hpp>

namespace supportsim {
namespace {

// splitmix64 (Steele, Lea, Flood 2014): one step of a Weyl sequence followed by a strong
// finaliser, so that inputs differing in one bit give unrelated outputs.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t x) { return splitmix64(x); }

}  // namespace

std::uint64_t stream_key(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view name) {
  // Mixing between the parts keeps (seed, replication) pairs such as (1, 2) and (2, 1) apart,
  // which a plain XOR of the three would not.
  std::uint64_t state = mix(mix(mix(seed) ^ replication) ^ stream_key(name));
  // mt19937_64 seeded with one integer fills its state with a weak linear recurrence, so nearby
  // seeds start in correlated states; a seed_seq over 256 well-mixed bits avoids that.
  std::array<std::uint32_t, 8> words;
  for (std::size_t i = 0; i < words.size(); i += 2) {
    const std::uint64_t bits = splitmix64(state);
    words[i] = static_cast<std::uint32_t>(bits);
    words[i + 1] = static_cast<std::uint32_t>(bits >> 32);
  }
  boost::random::seed_seq sequence(words.begin(), words.end());
  return Rng(sequence);
}

double uniform01(Rng& rng) {
  // The top 53 bits scaled by 2^-53: every value is a multiple of 2^-53 in [0, 1), exactly
  // representable, and the same on every platform.
  return static_cast<double>(rng() >> 11) * 0x1p-53;
}

CaseRng make_case_rng(Rng& parent) {
  const std::uint64_t a = parent(), b = parent();
  const std::uint32_t words[3] = {static_cast<std::uint32_t>(a),
                                  static_cast<std::uint32_t>(a >> 32),
                                  static_cast<std::uint32_t>(b)};
  const std::uint32_t* first = words;
  CaseRng rng;
  rng.seed(first, words + 3);  // each component takes one word and fixes its invalid low bits
  return rng;
}

double uniform01(CaseRng& rng) {
  // 27 + 26 bits of two draws: a multiple of 2^-53 in [0, 1), as uniform01(Rng&).
  const std::uint32_t high = rng() >> 5, low = rng() >> 6;
  return (high * 67108864.0 + low) * 0x1p-53;
}

}  // namespace supportsim
