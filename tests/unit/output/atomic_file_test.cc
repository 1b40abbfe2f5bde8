#include "sim/output/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::scratch_dir;
using testing::write_file;

std::set<std::string> names_in(const std::string& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(AtomicFileTest, ReplaceFolderFilesCreatesReplacesAndKeepsOtherEntries) {
  const std::string dir = scratch_dir("replace");
  const std::string out = dir + "/nested/out";
  replace_folder_files(out, {{"a.csv", "1"}, {"b.csv", "1"}}, true);
  EXPECT_EQ(read_file(out + "/a.csv"), "1");
  write_file(out + "/sub/kept.txt", "kept");
  write_file(out + "/other.txt", "other");
  fs::create_symlink("other.txt", out + "/link");
  replace_folder_files(out, {{"a.csv", "2"}, {"b.csv", "2"}}, true);
  EXPECT_EQ(read_file(out + "/a.csv"), "2");
  EXPECT_EQ(read_file(out + "/b.csv"), "2");
  EXPECT_EQ(read_file(out + "/sub/kept.txt"), "kept");
  EXPECT_EQ(read_file(out + "/link"), "other");
  EXPECT_EQ(names_in(dir + "/nested"), std::set<std::string>{"out"});  // no temporaries
  // Without keeping, the folder holds the new set only.
  replace_folder_files(out, {{"a.csv", "3"}}, false);
  EXPECT_EQ(names_in(out), std::set<std::string>{"a.csv"});
}

TEST(AtomicFileTest, ASymbolicLinkToTheFolderIsFollowed) {
  const std::string dir = scratch_dir("symlink");
  fs::create_directories(dir + "/real");
  fs::create_directory_symlink("real", dir + "/alias");
  replace_folder_files(dir + "/alias", {{"a.csv", "1"}}, true);
  EXPECT_TRUE(fs::is_symlink(dir + "/alias"));
  EXPECT_EQ(read_file(dir + "/real/a.csv"), "1");
}

TEST(AtomicFileTest, CleaningRemovesWhatInterruptedWritesLeft) {
  const std::string dir = scratch_dir("clean");
  write_file(dir + "/out/summary.csv", "old");
  write_file(dir + "/out/summary.json.tmp.4242", "half");
  write_file(dir + "/out/notes.tmp.txt", "mine");
  write_file(dir + "/.out.new.4242/summary.csv", "half");
  write_file(dir + "/.outer.new.4242/x", "another folder's");
  clean_folder_temporaries(dir + "/out");
  EXPECT_EQ(names_in(dir), (std::set<std::string>{".outer.new.4242", "out"}));
  EXPECT_EQ(names_in(dir + "/out"), (std::set<std::string>{"notes.tmp.txt", "summary.csv"}));
}

TEST(AtomicFileTest, InterruptedBetweenTheTwoRenamesTheEarlierSetComesBack) {
  const std::string dir = scratch_dir("restore");
  // Where the file system cannot exchange names, the earlier set is moved aside first.
  write_file(dir + "/.out.old.4242/summary.csv", "earlier");
  write_file(dir + "/.out.new.4242/summary.csv", "unfinished");
  clean_folder_temporaries(dir + "/out");
  EXPECT_EQ(read_file(dir + "/out/summary.csv"), "earlier");
  EXPECT_EQ(names_in(dir), std::set<std::string>{"out"});
}

TEST(AtomicFileTest, AFailedWriteLeavesTheEarlierSet) {
  const std::string dir = scratch_dir("failed");
  replace_folder_files(dir + "/out", {{"a.csv", "1"}}, true);
  EXPECT_THROW(replace_folder_files(dir + "/out", {{"a.csv", "2"}, {"no/such/x.csv", "2"}}, true),
               std::runtime_error);
  EXPECT_EQ(read_file(dir + "/out/a.csv"), "1");
  EXPECT_EQ(names_in(dir), std::set<std::string>{"out"});
}

}  // namespace
}  // namespace supportsim
