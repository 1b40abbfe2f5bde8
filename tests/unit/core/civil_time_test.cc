// Dates of contact logs: ISO 8601 with or without offset, epoch seconds, and what is refused.

#include "sim/core/civil_time.h"

#include <gtest/gtest.h>

namespace supportsim {
namespace {

TEST(CivilTime, DaysFromCivil) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2024, 1, 1), 19723);
  EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);  // leap year
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
}

TEST(CivilTime, ParsesTheFormsALogUses) {
  const double monday = 19723 * 86400.0;
  struct Case {
    const char* text;
    double local_s;
    std::optional<int> offset;
  } cases[] = {
      {"2024-01-01", monday, std::nullopt},
      {"2024-01-01T08:30", monday + 8.5 * 3600, std::nullopt},
      {"2024-01-01 08:30:15", monday + 8.5 * 3600 + 15, std::nullopt},
      {"2024-01-01T08:30:15.250", monday + 8.5 * 3600 + 15.25, std::nullopt},
      {"2024-01-01T08:30:15Z", monday + 8.5 * 3600 + 15, 0},
      // The wall-clock time as written: the offset is kept, not applied.
      {"2024-01-01T08:30:00+01:00", monday + 8.5 * 3600, 3600},
      {"2024-01-01T08:30:00-0530", monday + 8.5 * 3600, -(5 * 3600 + 1800)},
      {"1704097800", monday + 8.5 * 3600, 0},
      {"1704097800.5", monday + 8.5 * 3600 + 0.5, 0},
  };
  for (const auto& c : cases) {
    std::string why;
    const auto t = parse_civil_time(c.text, &why);
    ASSERT_TRUE(t) << c.text << ": " << why;
    EXPECT_DOUBLE_EQ(t->local_s, c.local_s) << c.text;
    EXPECT_EQ(t->offset_s, c.offset) << c.text;
  }
}

TEST(CivilTime, RefusesWhatIsNotADate) {
  for (const char* text : {"", "yesterday", "2024-02-30", "2023-02-29", "2024-13-01",
                           "2024-01-01T25:00", "2024-01-01T08:61", "2024-01-01T08:30:00+1",
                           "2024-01-01T08:30:00 UTC", "01/02/2024", "12e", "nan"}) {
    std::string why;
    EXPECT_FALSE(parse_civil_time(text, &why)) << text;
    EXPECT_FALSE(why.empty()) << text;
  }
}

TEST(CivilTime, FormatsBackToMilliseconds) {
  EXPECT_EQ(format_civil_time(19723 * 86400.0 + 8.5 * 3600 + 15.25), "2024-01-01T08:30:15.250");
  EXPECT_EQ(format_civil_time(0), "1970-01-01T00:00:00.000");
  const auto t = parse_civil_time(format_civil_time(19800 * 86400.0 + 12345.678));
  ASSERT_TRUE(t);
  EXPECT_NEAR(t->local_s, 19800 * 86400.0 + 12345.678, 1e-6);
}

}  // namespace
}  // namespace supportsim
