// Reading contact logs from strings: columns in any order, optional columns, quoting, and the
// exact messages for bad input.

#include "sim/calibrate/contact_log.h"

#include <gtest/gtest.h>

#include <sstream>

#include "sim/core/error.h"

namespace supportsim {
namespace {

struct Read {
  LogReadStats stats;
  std::vector<std::string> cases, channels, segments;
  std::vector<std::optional<double>> waits;
  std::vector<std::optional<bool>> abandoned;
};

Read read(const std::string& text, bool skip = false) {
  std::istringstream in(text);
  Read r;
  r.stats = read_contact_log(in, "log.csv", {skip}, [&](const LogRow& row) {
    r.cases.emplace_back(row.case_id);
    r.channels.emplace_back(row.channel);
    r.segments.emplace_back(row.segment);
    r.waits.push_back(row.wait_s);
    r.abandoned.push_back(row.abandoned);
  });
  return r;
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ContactLog, ColumnsInAnyOrderOptionalOnesMayBeMissingOrEmpty) {
  const Read r = read(
      "channel,created_at,case_id,wait_s,abandoned,extra\n"
      "phone,2024-01-01T08:00:00,c1,12.5,0,x\n"
      "\"live, chat\",2024-01-01T08:01:00,\"c\"\"2\",,1,y\r\n"
      "\n");
  ASSERT_EQ(r.cases.size(), 2u);
  EXPECT_EQ(r.cases[1], "c\"2");
  EXPECT_EQ(r.channels[1], "live, chat");
  EXPECT_EQ(r.segments[0], "");
  EXPECT_EQ(r.waits[0], 12.5);
  EXPECT_FALSE(r.waits[1]);
  EXPECT_EQ(r.abandoned[1], true);
  EXPECT_EQ(r.stats.ignored_columns, std::vector<std::string>{"extra"});
  EXPECT_EQ(r.stats.columns_present, (std::vector<std::string>{"wait_s", "abandoned"}));
}

TEST(ContactLog, BadInputNamesFileLineColumnExpectedAndFound) {
  const std::string header = "case_id,created_at,channel,wait_s,handle_time_s,abandoned\n";
  EXPECT_EQ(error_of("case_id,channel\n1,phone\n"),
            "log.csv:1: missing required column \"created_at\" (required: case_id, created_at, "
            "channel), got header \"case_id,channel\"");
  EXPECT_EQ(error_of(""),
            "log.csv:1: expected a header naming the columns (case_id, "
            "created_at, channel, ...), got an empty file");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,phone,1,2,0\n2,2024-02-30T08:00,phone,1,2,0\n"),
            "log.csv:3:2: created_at: expected a date (ISO 8601, e.g. 2024-03-04T09:30:00+01:00) "
            "or epoch seconds (no such date), got \"2024-02-30T08:00\"");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,phone,abc,2,0\n"),
            "log.csv:2:4: wait_s: expected a wait in seconds >= 0, got \"abc\"");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,phone,3,-2,0\n"),
            "log.csv:2:5: handle_time_s: expected a handle time in seconds >= 0, got \"-2\"");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,phone,3,2,yes\n"),
            "log.csv:2:6: abandoned: expected 0 or 1, got \"yes\"");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,phone\n"),
            "log.csv:2: expected 6 fields as the header has, got 3");
  EXPECT_EQ(error_of(header + ",2024-01-01T08:00,phone,1,1,0\n"),
            "log.csv:2:1: case_id: expected a case id, got \"\"");
  EXPECT_EQ(error_of("case_id,created_at,channel,channel\n"),
            "log.csv:1:4: column \"channel\" appears twice (first as column 3)");
  EXPECT_EQ(error_of(header + "1,2024-01-01T08:00,\"phone\n"),
            "log.csv:2: a quoted field is not closed before the end of the file");
}

TEST(ContactLog, SkipBadRowsCountsThemAndKeepsTheFirstMessages) {
  const Read r = read(
      "case_id,created_at,channel,wait_s\n"
      "1,2024-01-01T08:00,phone,1\n"
      "2,never,phone,1\n"
      "3,2024-01-01T08:02,phone,-1\n"
      "4,2024-01-01T08:03,phone,2\n",
      /*skip=*/true);
  EXPECT_EQ(r.stats.rows, 2);
  EXPECT_EQ(r.stats.skipped, 2);
  ASSERT_EQ(r.stats.errors.size(), 2u);
  EXPECT_EQ(r.stats.errors[1], "log.csv:4:4: wait_s: expected a wait in seconds >= 0, got \"-1\"");
  EXPECT_EQ(r.cases, (std::vector<std::string>{"1", "4"}));
}

}  // namespace
}  // namespace supportsim
