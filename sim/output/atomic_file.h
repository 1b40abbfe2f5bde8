#pragma once
// Files that appear whole or not at all.
//
// AtomicFileSet: content goes to a temporary file in the same folder, and commit() renames each
// into place, so that no file is ever half-written (single files: `init`, sweep.csv).
//
// replace_folder_files: a set of files that must be seen together (a run's result files). They
// are written into a fresh sibling folder, which is then swapped with the folder in one rename
// (renameat2 RENAME_EXCHANGE), so that a reader sees the old set or the new set, never a mix;
// an interrupted write leaves the earlier set in place and only a hidden sibling behind, which
// clean_folder_temporaries() removes.

#include <string>
#include <utility>
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

// (file name, content) pairs; names are plain file names, no folders.
using FolderFiles = std::vector<std::pair<std::string, std::string>>;

// Makes `folder` hold `files`, replacing the files of those names as one set (creating the
// folder and its parents when missing). With `keep_other_entries`, whatever else the folder
// holds (e.g. the staffing/ and sweep/ sub-folders of results/<name>/) is kept, by hard links
// into the new folder (copies where a link is refused); without, the folder holds `files` only.
// Symbolic links to the folder are followed. REQUIRES that no other process writes into the
// folder meanwhile (hold its OutputLock). Throws std::runtime_error naming the path on failure,
// leaving the earlier folder as it was.
void replace_folder_files(const std::string& folder, const FolderFiles& files,
                          bool keep_other_entries);

// Removes what interrupted writes into `folder` left: its hidden siblings from
// replace_folder_files (restoring the earlier folder if an interruption left none), and
// temporaries of AtomicFileSet inside it. REQUIRES the folder's OutputLock. Never throws.
void clean_folder_temporaries(const std::string& folder);

}  // namespace supportsim
