#pragma once
// The folder a command writes its results into, checked and taken before anything is simulated,
// so that a folder that cannot take results costs no simulation and two commands never write
// into one folder at once.

#include <stdexcept>
#include <string>

namespace supportsim {

// Another process holds the folder (exit status 1: the input is fine, try again later).
class OutputBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputFolder {
 public:
  // Checks that `folder` can receive results, then takes it for the life of this object:
  // - `folder` must be a folder or not exist yet, must not be or contain the current folder
  //   (results may replace the folder as a whole), and must be writable; the missing parent
  //   folders are created;
  // - an exclusive lock (flock) on the file `.<name>.lock` next to the folder, which holds the
  //   locking process's id and is removed on release;
  // - what interrupted writes left is cleaned (clean_folder_temporaries).
  // `option` names the folder in messages ("--out x", or "output folder results/x").
  // Throws InputError (exit 2) when the folder cannot take results, OutputBusy when another
  // process holds it. Forked children share the lock; they must not outlive this process.
  OutputFolder(const std::string& folder, const std::string& option);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  const std::string& path() const { return folder_; }

 private:
  std::string folder_;
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace supportsim
