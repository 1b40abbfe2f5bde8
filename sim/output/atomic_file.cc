#include "sim/output/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

namespace supportsim {
namespace fs = std::filesystem;
namespace {

// The folder itself, with symbolic links on the way resolved; never a root or an empty name.
fs::path real_folder(const std::string& folder) {
  fs::path path = fs::absolute(fs::path(folder)).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  path = fs::weakly_canonical(path);
  if (!path.has_filename() || path == path.root_path())
    throw std::runtime_error(folder + ": not a folder that results can replace");
  return path;
}

// ".<name>.<kind>.<pid>" next to the folder: hidden, and recognisable by clean-up.
fs::path sibling(const fs::path& folder, const char* kind, long pid) {
  return folder.parent_path() /
         ("." + folder.filename().string() + "." + kind + "." + std::to_string(pid));
}

// Whether `entry` is a sibling of `folder` made by replace_folder_files with this `kind`.
bool is_sibling(const fs::path& folder, const std::string& entry, const char* kind) {
  const std::string prefix = "." + folder.filename().string() + "." + kind + ".";
  if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) return false;
  return entry.find_first_not_of("0123456789", prefix.size()) == std::string::npos;
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Recreates `entry` as `target` with hard links (copies where the file system refuses a link),
// folders recursively, so that the data is shared and the entry stays untouched.
void link_entry(const fs::directory_entry& entry, const fs::path& target) {
  const fs::file_status status = entry.symlink_status();
  if (fs::is_symlink(status)) {
    fs::copy_symlink(entry.path(), target);
  } else if (fs::is_directory(status)) {
    fs::create_directory(target, entry.path());
    for (const fs::directory_entry& inner : fs::directory_iterator(entry.path()))
      link_entry(inner, target / inner.path().filename());
  } else if (fs::is_regular_file(status)) {
    std::error_code refused;
    fs::create_hard_link(entry.path(), target, refused);
    if (refused) fs::copy_file(entry.path(), target);
  } else {
    throw std::runtime_error(entry.path().string() +
                             ": cannot carry a device, pipe or socket over to the new results");
  }
}

// The names in `folder` (read first, so that changing the folder cannot disturb the listing).
std::vector<fs::path> entries_of(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder))
    out.push_back(entry.path());
  return out;
}

// Puts `fresh` in the place of `folder` in one step when the file system can exchange two
// names; else in two renames (a reader may then briefly find no folder, never a mixed one; an
// interruption between them is repaired by clean_folder_temporaries).
void swap_in(const fs::path& fresh, const fs::path& folder) {
  if (!fs::exists(fs::symlink_status(folder))) {
    fs::rename(fresh, folder);
    return;
  }
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(fresh);  // the earlier set, now under the temporary name
    return;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
    throw std::runtime_error("cannot replace " + folder.string() + ": " + std::strerror(errno));
  }
  const fs::path old = sibling(folder, "old", ::getpid());
  fs::remove_all(old);
  fs::rename(folder, old);
  fs::rename(fresh, folder);
  fs::remove_all(old);
}

}  // namespace

AtomicFileSet::~AtomicFileSet() {
  std::error_code ignored;
  for (const auto& [temporary, final_path] : pending_) fs::remove(temporary, ignored);
}

void AtomicFileSet::add(const std::string& path, const std::string& content) {
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  pending_.emplace_back(temporary, path);
  write_file(temporary, content);
}

void AtomicFileSet::commit() {
  for (const auto& [temporary, final_path] : pending_) fs::rename(temporary, final_path);
  pending_.clear();
}

void replace_folder_files(const std::string& folder_text, const FolderFiles& files,
                          bool keep_other_entries) {
  const fs::path folder = real_folder(folder_text);
  fs::create_directories(folder.parent_path());
  const fs::path fresh = sibling(folder, "new", ::getpid());
  try {
    fs::remove_all(fresh);
    fs::create_directory(fresh);
    std::set<std::string> names;
    for (const auto& [name, content] : files) {
      names.insert(name);
      write_file(fresh / name, content);
    }
    const fs::file_status existing = fs::status(folder);
    if (fs::exists(existing) && !fs::is_directory(existing))
      throw std::runtime_error(folder.string() + ": exists and is not a folder");
    if (fs::is_directory(existing)) {
      fs::permissions(fresh, existing.permissions());
      if (keep_other_entries) {
        for (const fs::directory_entry& entry : fs::directory_iterator(folder))
          if (!names.count(entry.path().filename().string()))
            link_entry(entry, fresh / entry.path().filename());
      }
    }
    swap_in(fresh, folder);
  } catch (const fs::filesystem_error& e) {
    std::error_code ignored;
    fs::remove_all(fresh, ignored);
    throw std::runtime_error(std::string("cannot write results into ") + folder.string() + ": " +
                             e.code().message() + " (" + e.path1().string() + ")");
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(fresh, ignored);
    throw;
  }
}

void clean_folder_temporaries(const std::string& folder_text) {
  try {
    const fs::path folder = real_folder(folder_text);
    if (!fs::is_directory(folder.parent_path())) return;
    const bool present = fs::exists(fs::symlink_status(folder));
    bool restored = present;
    for (const fs::path& path : entries_of(folder.parent_path())) {
      const std::string name = path.filename().string();
      if (is_sibling(folder, name, "old") && !restored) {
        // Interrupted between the two renames of swap_in: the earlier set comes back.
        fs::rename(path, folder);
        restored = true;
      } else if (is_sibling(folder, name, "new") || is_sibling(folder, name, "old")) {
        fs::remove_all(path);
      }
    }
    if (!fs::is_directory(folder)) return;
    for (const fs::path& path : entries_of(folder)) {
      const std::string name = path.filename().string();
      const std::size_t tmp = name.rfind(".tmp.");
      if (tmp == std::string::npos || tmp + 5 >= name.size() ||
          name.find_first_not_of("0123456789", tmp + 5) != std::string::npos)
        continue;
      if (fs::is_regular_file(fs::symlink_status(path))) fs::remove(path);
    }
  } catch (const std::exception&) {
    // What is left is harmless: the next clean-up tries again.
  }
}

}  // namespace supportsim
