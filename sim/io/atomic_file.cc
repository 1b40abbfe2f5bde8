#include "sim/io/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace supportsim {
namespace fs = std::filesystem;

AtomicFileSet::~AtomicFileSet() {
  std::error_code ignored;
  for (const auto& [temporary, final_path] : pending_) fs::remove(temporary, ignored);
}

void AtomicFileSet::add(const std::string& path, const std::string& content) {
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + temporary);
  pending_.emplace_back(temporary, path);
}

void AtomicFileSet::commit() {
  for (const auto& [temporary, final_path] : pending_) fs::rename(temporary, final_path);
  pending_.clear();
}

}  // namespace supportsim
