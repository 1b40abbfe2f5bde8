#pragma once
// Files that appear whole or not at all: content goes to a temporary file in the same folder,
// and commit() renames every one into place, so an interrupted run leaves no half-written file.

#include <string>
#include <vector>

namespace supportsim {

class AtomicFileSet {
 public:
  ~AtomicFileSet();  // removes temporaries that were not committed
  // Writes `content` to a temporary next to `path` (creating folders). Throws
  // std::runtime_error naming the path on failure.
  void add(const std::string& path, const std::string& content);
  // Renames every temporary into place.
  void commit();

 private:
  std::vector<std::pair<std::string, std::string>> pending_;  // (temporary, final)
};

}  // namespace supportsim
