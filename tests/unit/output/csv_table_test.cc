#include "sim/output/csv_table.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/core/error.h"

namespace supportsim {
namespace {

TEST(CsvTable, ReadsFieldsByColumnNameWithQuotesAsWritten) {
  const CsvTable t(
      "group.x.entry,point,value\n"
      "\"{ a = 1, b = \"\"q\"\" }\",p00,0.25\n"
      "plain,p01,\n",
      "sweep.csv");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.header(), (std::vector<std::string>{"group.x.entry", "point", "value"}));
  EXPECT_EQ(t.text(0, "group.x.entry"), "{ a = 1, b = \"q\" }");
  EXPECT_EQ(t.text(1, "point"), "p01");
  EXPECT_EQ(t.number(0, "value"), 0.25);
  EXPECT_TRUE(std::isnan(t.number(1, "value")));
  EXPECT_TRUE(t.has("point"));
  EXPECT_FALSE(t.has("points"));
}

TEST(CsvTable, NamesTheFileLineAndColumnOfWhatItCannotRead) {
  struct Case {
    const char* text;
    const char* column;
    const char* message;
  };
  const Case cases[] = {
      {"a,b\n1,2\n3\n", "a", "x.csv:3: expected 2 fields as in the header, got 1"},
      {"a,b\n\"1,2\n", "a", "x.csv:2: unclosed quote"},
      {"", "a", "x.csv: expected a header row, got an empty file"},
      {"a,b\n1,oops\n", "b", "x.csv:2: b: expected a number, got \"oops\""},
      {"a,b\n1,2\n", "c", "x.csv: expected a column \"c\", got none"},
  };
  for (const Case& c : cases) {
    try {
      const CsvTable t(c.text, "x.csv");
      t.number(0, c.column);
      ADD_FAILURE() << "no error for " << c.text;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), c.message);
    }
  }
}

}  // namespace
}  // namespace supportsim
