#include "sim/io/sha256.h"

#include <nettle/sha2.h>

#include <array>
#include <cstdint>

namespace supportsim {

std::string sha256_hex(std::string_view bytes) {
  // Nettle (Debian nettle-dev), the cryptographic library GnuTLS is built on.
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t b : digest) hex += {kHex[b >> 4], kHex[b & 15]};
  return hex;
}

}  // namespace supportsim
