#include "sim/experiment/sweep_points.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/output/sweep.h"

namespace supportsim {
namespace {

using Strings = std::vector<std::string>;

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

Strings labels(const std::vector<SweepPoint>& points) {
  Strings out;
  for (const SweepPoint& p : points) out.push_back(p.label());
  return out;
}

TEST(SweepPointsTest, SplitValuesKeepsArraysInlineTablesAndQuotesWhole) {
  const struct {
    std::string list;
    Strings values;
  } cases[] = {
      {"40,42,44", {"40", "42", "44"}},
      {" 0.1 , 0.2 ", {"0.1", "0.2"}},
      {"8h", {"8h"}},
      {"[1, 2, 3],[4, 5]", {"[1, 2, 3]", "[4, 5]"}},
      {"{ dist = \"exponential\", mean = \"3m\" },{ dist = \"constant\", value = \"2m\" }",
       {"{ dist = \"exponential\", mean = \"3m\" }", "{ dist = \"constant\", value = \"2m\" }"}},
      {"[{ a = [1, 2] }, { b = 3 }],x", {"[{ a = [1, 2] }, { b = 3 }]", "x"}},
      {"\"a,b\",'c,d',\"e\\\",f\"", {"\"a,b\"", "'c,d'", "\"e\\\",f\""}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(split_values(c.list, "--vary k=" + c.list), c.values) << c.list;
}

TEST(SweepPointsTest, ParseVaryErrorsNameTheOption) {
  const SweepAxis axis = parse_vary("group.tier1.agents=40,42");
  EXPECT_EQ(axis.key, "group.tier1.agents");
  EXPECT_EQ(axis.values, (Strings{"40", "42"}));
  EXPECT_EQ(error_of([] { parse_vary("group.tier1.agents"); }),
            "--vary group.tier1.agents: expected KEY=V1,V2,..., e.g. --vary "
            "group.tier1.agents=40,42,44");
  EXPECT_EQ(error_of([] { parse_vary("=1,2"); }),
            "--vary =1,2: expected KEY=V1,V2,..., e.g. --vary group.tier1.agents=40,42,44");
  EXPECT_EQ(error_of([] { parse_vary("a.b=1,,2"); }),
            "--vary a.b=1,,2: empty value in the list (values are separated by commas)");
  EXPECT_EQ(error_of([] { parse_vary("a.b=1,"); }),
            "--vary a.b=1,: empty value in the list (values are separated by commas)");
  EXPECT_EQ(error_of([] { parse_vary("a.b=[1,2"); }), "--vary a.b=[1,2: unclosed '[' in the list");
  EXPECT_EQ(error_of([] { parse_vary("a.b={ x = 1 ]"); }),
            "--vary a.b={ x = 1 ]: unbalanced ']' in the list");
  EXPECT_EQ(error_of([] { parse_vary("a.b=\"1,2"); }),
            "--vary a.b=\"1,2: unclosed quote in the list");
}

TEST(SweepPointsTest, RangesExpandInclusivelyWithoutBinaryNoise) {
  const struct {
    std::string vary;
    Strings values;
  } rows[] = {
      {"k=0:0.6:0.1", {"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"}},
      {"k=40:48:2", {"40", "42", "44", "46", "48"}},
      {"k=40:47:2", {"40", "42", "44", "46"}},  // the end is not on a step
      {"k=0.3:0.3:0.1", {"0.3"}},
      {"k=-1:1:0.5", {"-1", "-0.5", "0", "0.5", "1"}},
      {"k=1e-3:3e-3:1e-3", {"0.001", "0.002", "0.003"}},
      {"k=10s:30s:10s", {"10s", "20s", "30s"}},
      {"k=1m:2m:20s", {"1m", "1m20s", "1m40s", "2m"}},
      {"k=100/h:300/h:100/h", {"100/h", "200/h", "300/h"}},
      // Ranges mix with plain values; other values with colons are left alone.
      {"k=1,5:7:1,9", {"1", "5", "6", "7", "9"}},
      {"k=\"a:b:c\",10:30", {"\"a:b:c\"", "10:30"}},
      {"k=x:1:2", {"x:1:2"}},
  };
  for (const auto& row : rows) EXPECT_EQ(parse_vary(row.vary).values, row.values) << row.vary;
}

TEST(SweepPointsTest, BadRangesAreInputErrors) {
  EXPECT_EQ(error_of([] { parse_vary("segment.consumer.entry.bot=0:0.6:0"); }),
            "--vary segment.consumer.entry.bot=0:0.6:0: range 0:0.6:0: STEP must be greater than "
            "0, got 0");
  EXPECT_EQ(error_of([] { parse_vary("k=0:0.6:-0.1"); }),
            "--vary k=0:0.6:-0.1: range 0:0.6:-0.1: STEP must be greater than 0, got -0.1");
  EXPECT_EQ(error_of([] { parse_vary("k=1:0:0.1"); }),
            "--vary k=1:0:0.1: range 1:0:0.1: END must not be before START, got 0 < 1");
  EXPECT_EQ(error_of([] { parse_vary("k=10s:1m:10"); }),
            "--vary k=10s:1m:10: range 10s:1m:10: expected START:END:STEP all numbers, durations "
            "or rates (e.g. 0:0.6:0.1, 10s:30s:10s), got parts of different kinds");
  EXPECT_EQ(error_of([] { parse_vary("k=0:1:0.00001"); }),
            "--vary k=0:1:0.00001: range 0:1:0.00001: expected at most 10000 values, got 100001");
}

TEST(SweepPointsTest, GridIsEveryCombinationFirstAxisSlowest) {
  const auto points =
      expand_points({parse_vary("a.x=1,2"), parse_vary("b.y=p,q,r")}, /*zip=*/false);
  EXPECT_EQ(labels(points), (Strings{"a.x=1, b.y=p", "a.x=1, b.y=q", "a.x=1, b.y=r", "a.x=2, b.y=p",
                                     "a.x=2, b.y=q", "a.x=2, b.y=r"}));
  for (int i = 0; i < 6; ++i) EXPECT_EQ(points[static_cast<std::size_t>(i)].index, i);
  EXPECT_EQ(points[4].folder, "p04_a.x=2_b.y=q");
  EXPECT_EQ(expand_points({parse_vary("a.x=1,2,3")}, false).size(), 3u);
}

TEST(SweepPointsTest, ZipTakesTheListsInStep) {
  const auto points = expand_points({parse_vary("a.x=1,2,3"), parse_vary("b.y=p,q,r")}, true);
  EXPECT_EQ(labels(points), (Strings{"a.x=1, b.y=p", "a.x=2, b.y=q", "a.x=3, b.y=r"}));
  EXPECT_EQ(error_of([] {
              expand_points({parse_vary("a.x=1,2,3"), parse_vary("b.y=p,q")}, true);
            }),
            "--zip: the --vary lists must have equal lengths, got 3 values for a.x and 2 for b.y");
}

TEST(SweepPointsTest, RefusesNoAxisAndAKeyVariedTwice) {
  EXPECT_EQ(error_of([] { expand_points({}, false); }),
            "sweep: give at least one --vary KEY=V1,V2,...");
  EXPECT_EQ(error_of([] {
              expand_points({parse_vary("a.x=1"), parse_vary("a.x=2")}, false);
            }),
            "--vary a.x: the key is varied twice (give one list)");
}

TEST(SweepPointsTest, FolderNamesAreReadableUniqueAndSafe) {
  EXPECT_EQ(point_folder_name(3, 10, {{"group.tier1.agents", "42"}}), "p03_group.tier1.agents=42");
  EXPECT_EQ(point_folder_name(7, 120, {{"run.seed", "2"}}), "p007_run.seed=2");
  EXPECT_EQ(point_folder_name(
                1, 2, {{"segment.web.patience", "{ dist = \"constant\", value = \"2m\" }"}}),
            "p01_segment.web.patience=dist=constant_value=2m");
  EXPECT_EQ(point_folder_name(0, 2, {{"profile.daily", "[1, 2.5, 3]"}}),
            "p00_profile.daily=1_2.5_3");
  EXPECT_EQ(point_folder_name(0, 2, {{"run.name", "a/b\\c"}}), "p00_run.name=a_b_c");
  const std::string long_name = point_folder_name(0, 2, {{"k", std::string(200, 'x')}});
  EXPECT_EQ(long_name.size(), 4 + 80u);
}

}  // namespace
}  // namespace supportsim
