#pragma once
// SHA-256 (FIPS 180-4) of a byte string, to identify the exact scenario file a result came from.

#include <string>
#include <string_view>

namespace supportsim {

// Lower-case hexadecimal digest (64 characters) of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace supportsim
