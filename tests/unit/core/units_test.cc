#include "sim/core/units.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

namespace supportsim {
namespace {

struct GoodCase {
  const char* text;
  double expected;
};

TEST(ParseDuration, AcceptsUnitTerms) {
  const GoodCase cases[] = {
      {"20s", 20},
      {"0s", 0},
      {"5m", 300},
      {"4m30s", 270},
      {"1.5h", 5400},
      {"1h30m", 5400},
      {"28d", 28 * kDay},
      {"2w", 2 * kWeek},
      {"1month", kMonth},
      {"1month2m", kMonth + 120},  // "m" after "month": the unit is the whole run of letters
      {"2m1month", kMonth + 120},
      {".5h", 1800},
      {"5.s", 5},
      {"1e3s", 1000},
      {"2.5E-1s", 0.25},
      {"1w1d1h1m1s", kWeek + kDay + kHour + kMinute + 1},
  };
  for (const GoodCase& c : cases) {
    std::string why;
    const std::optional<double> parsed = parse_duration(c.text, &why);
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << why;
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

struct BadCase {
  const char* text;
  const char* why;
};

TEST(ParseDuration, RejectsWithReason) {
  const BadCase cases[] = {
      {"", "empty duration"},
      {"-5s", "negative duration"},
      {"20", "missing unit: write e.g. \"20s\", \"5m\", \"1.5h\""},
      {"4m30", "missing unit: write e.g. \"20s\", \"5m\", \"1.5h\""},
      {"1.5", "missing unit: write e.g. \"20s\", \"5m\", \"1.5h\""},
      {"5x", "unknown unit \"x\" (use s, m, h, d, w, month)"},
      {"1mon", "unknown unit \"mon\" (use s, m, h, d, w, month)"},
      {"1months", "unknown unit \"months\" (use s, m, h, d, w, month)"},
      {"3H", "unknown unit \"H\" (use s, m, h, d, w, month)"},
      {"h", "expected a number, got \"h\""},
      {"inf", "expected a number, got \"inf\""},
      {"nans", "expected a number, got \"nans\""},
      {"5m-3s", "expected a number, got \"-3s\""},
      {"20 s", "unexpected \" \""},
      {" 20s", "expected a number, got \" 20s\""},
      {"1e400s", "number out of range"},
      {"1e308w", "duration too large"},
  };
  for (const BadCase& c : cases) {
    std::string why;
    EXPECT_FALSE(parse_duration(c.text, &why).has_value()) << c.text;
    EXPECT_EQ(why, c.why) << c.text;
  }
}

TEST(ParseDuration, WhyIsOptional) { EXPECT_FALSE(parse_duration("20").has_value()); }

TEST(ParseRate, AcceptsCountPerDuration) {
  const GoodCase cases[] = {
      {"1140/h", 1140 / kHour},
      {"1140/1h", 1140 / kHour},
      {"100/30m", 100 / (30 * kMinute)},
      {"0.1/month", 0.1 / kMonth},
      {"2000/month", 2000 / kMonth},
      {"3/s", 3},
      {"0/h", 0},
      {"7/w", 7 / kWeek},
      {"1/4m30s", 1.0 / 270},
  };
  for (const GoodCase& c : cases) {
    std::string why;
    const std::optional<double> parsed = parse_rate(c.text, &why);
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << why;
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

TEST(ParseRate, RejectsWithReason) {
  const BadCase cases[] = {
      {"", "empty rate"},
      {"-1/h", "negative rate"},
      {"1140", "missing unit: write e.g. \"1140/h\", \"100/30m\", \"0.1/month\""},
      {"20s", "missing unit: write e.g. \"1140/h\", \"100/30m\", \"0.1/month\""},
      {"5/", "missing unit after \"/\""},
      {"5/x", "unknown unit \"x\" (use s, m, h, d, w, month)"},
      {"5/hour", "unknown unit \"hour\" (use s, m, h, d, w, month)"},
      {"5/0s", "rate period must be > 0"},
      {"x/h", "expected a number, got \"x\""},
      {"/h", "expected a number, got \"\""},
      {"5s/h", "expected a number before \"/\", got \"5s\""},
      {"1/2/h", "unexpected \"/\""},
      {"5/2", "missing unit: write e.g. \"20s\", \"5m\", \"1.5h\""},
      {"5/h2", "expected a number, got \"h2\""},
      {"1e300/1e-300s", "rate too large"},
  };
  for (const BadCase& c : cases) {
    std::string why;
    EXPECT_FALSE(parse_rate(c.text, &why).has_value()) << c.text;
    EXPECT_EQ(why, c.why) << c.text;
  }
}

struct FormatCase {
  double value;
  const char* text;
};

TEST(FormatDuration, ReadableUnits) {
  const FormatCase cases[] = {
      {0, "0s"},         {20, "20s"},        {270, "4m30s"},   {5400, "1h30m"},
      {3600, "1h"},      {3601, "1h1s"},     {kDay, "1d"},     {8 * kDay, "8d"},
      {28 * kDay, "4w"}, {30 * kDay, "30d"}, {1209600, "2w"},  {kWeek + kHour, "1w1h"},
      {0.5, "0.5s"},     {0.25, "0.25s"},    {1e-3, "0.001s"}, {90.5, "90.5s"},
  };
  for (const FormatCase& c : cases) EXPECT_EQ(format_duration(c.value), c.text) << c.value;
}

TEST(FormatDuration, RoundTripsExactly) {
  const double values[] = {0,    20,     270,     5400,   86400.0 * 28, 0.5,
                           1e-3, 0.1,    1.0 / 3, 1e-9,   3600.1,       12345.678,
                           1e15, 0x1p53, 1e20,    5e-324, 86399.999};
  for (const double x : values) {
    const std::string text = format_duration(x);
    const std::optional<double> back = parse_duration(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, x) << text;
  }
}

TEST(FormatRate, ReadableUnits) {
  const FormatCase cases[] = {
      {1140 / kHour, "1140/h"},
      {0.1 / kMonth, "0.1/month"},
      {2000 / kMonth, "2000/month"},
      {100 / (30 * kMinute), "200/h"},
      {1, "3600/h"},
      {7 / kDay, "7/d"},
      {1 / kHour, "1/h"},
      {0, "0/h"},
  };
  for (const FormatCase& c : cases) EXPECT_EQ(format_rate(c.value), c.text) << c.value;
}

TEST(FormatRate, RoundTripsExactly) {
  const double values[] = {1140 / kHour, 0.1 / kMonth, 2000 / kMonth, 100 / (30 * kMinute),
                           1.0 / 3,      1e-9,         12345.678,     0.1,
                           1e300,        5e-324,       1.0 / 7,       0.123456789};
  for (const double x : values) {
    const std::string text = format_rate(x);
    const std::optional<double> back = parse_rate(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, x) << text;
  }
}

// Many values over many magnitudes, whole and fractional, must all read back bit for bit.
TEST(FormatUnits, RandomValuesRoundTrip) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-12, 12);
  for (int i = 0; i < 5000; ++i) {
    double x = std::pow(10.0, exponent(rng));
    if (i % 2 == 0) x = std::round(x);
    const std::string duration = format_duration(x);
    ASSERT_EQ(parse_duration(duration), x) << duration;
    const std::string rate = format_rate(x);
    ASSERT_EQ(parse_rate(rate), x) << rate;
  }
}

}  // namespace
}  // namespace supportsim
