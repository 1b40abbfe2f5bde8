#pragma once
// The aligned text tables every command prints: columns padded to their widest cell and
// separated by two spaces, the first `left_columns` left-aligned (names, varied keys) and the
// rest right-aligned (numbers); no trailing spaces.

#include <cstddef>
#include <string>
#include <vector>

namespace supportsim {

std::string aligned_table(const std::vector<std::vector<std::string>>& rows,
                          std::size_t left_columns = 1);

}  // namespace supportsim
