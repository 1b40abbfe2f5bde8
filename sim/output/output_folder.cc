#include "sim/output/output_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/core/error.h"
#include "sim/output/atomic_file.h"
#include "sim/io/loader.h"

namespace supportsim {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void refuse(const std::string& option, const std::string& message) {
  throw InputError(option + ": " + message);
}

// Whether `inner` is `outer` or inside it (both absolute and normal).
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

std::string holder_of(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  std::string pid = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : "";
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "" : " (process " + pid + ")";
}

}  // namespace

OutputFolder::OutputFolder(const std::string& folder, const std::string& option) : folder_(folder) {
  if (folder.empty()) refuse(option, "expected a folder path, got an empty one");
  std::error_code error;
  fs::path path = fs::absolute(fs::path(folder), error).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  const fs::path canonical = fs::weakly_canonical(path, error);
  if (!error) path = canonical;
  const fs::path here = fs::weakly_canonical(fs::current_path(error), error);
  if (!path.has_filename() || within(here, path)) {
    refuse(option,
           "expected a folder that does not hold the current folder (results replace their "
           "folder), got " +
               path.string());
  }

  // Room for the hidden siblings (".<name>.new.<pid>") within a file system's 255 bytes.
  if (path.filename().string().size() > kMaxNameLength) {
    refuse(option, "expected a folder name of at most " + std::to_string(kMaxNameLength) +
                       " bytes, got " + std::to_string(path.filename().string().size()));
  }

  // The folder itself, else its nearest existing ancestor, must be a folder we may write in.
  fs::path existing = path;
  while (!fs::exists(fs::symlink_status(existing, error)) && existing.has_relative_path())
    existing = existing.parent_path();
  if (!fs::is_directory(existing, error)) {
    refuse(option, existing == path ? "expected a folder, got a file"
                                    : "expected a folder path, got a path through the file " +
                                          existing.string());
  }
  if (::access(existing.c_str(), W_OK | X_OK) != 0) {
    refuse(option, "expected a folder supportsim can write in, got " + existing.string() + " (" +
                       std::strerror(errno) + ")");
  }
  fs::create_directories(path.parent_path(), error);
  if (error) {
    refuse(option, "expected a folder supportsim can create, got " + path.parent_path().string() +
                       " (" + error.message() + ")");
  }

  lock_path_ = (path.parent_path() / ("." + path.filename().string() + ".lock")).string();
  // The lock file is removed on release, so a file opened just before that is stale: lock,
  // then check that the path still names the file locked.
  for (int attempt = 0;; ++attempt) {
    fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      refuse(option, "expected a folder supportsim can write in, got " +
                         path.parent_path().string() + " (cannot create " + lock_path_ + ": " +
                         std::strerror(errno) + ")");
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const std::string holder = holder_of(fd_);
      ::close(fd_);
      fd_ = -1;
      throw OutputBusy(folder + " is being written by another supportsim" + holder +
                       "; wait for it to end or choose another --out (lock file " + lock_path_ +
                       ")");
    }
    struct stat locked {
    }, named{};
    if (::fstat(fd_, &locked) == 0 && ::stat(lock_path_.c_str(), &named) == 0 &&
        locked.st_dev == named.st_dev && locked.st_ino == named.st_ino)
      break;
    ::close(fd_);
    fd_ = -1;
    if (attempt > 100) throw OutputBusy("cannot take the lock file " + lock_path_);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The process id is only for the message of a second writer.
  }
  clean_folder_temporaries(path.string());
}

OutputFolder::~OutputFolder() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());
  ::close(fd_);
}

}  // namespace supportsim
