#include "sim/experiment/replicate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace supportsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool same_bits(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(ReplicationTransport, CarriesEveryDoubleExactlyInfinitiesAndNanIncluded) {
  const double values[] = {0.1, -0.0, 1e308, 5e-324, kInf, -kInf, std::nan("")};
  ReplicationOutput o;
  o.replication = 4;
  for (double v : values) o.metrics.push_back({"overall", "overall", "cost", v});
  IntervalCounts cell;
  cell.queue.offered = kInf;
  cell.queue.wait_all_s = std::nan("");
  cell.busy_capacity_s = -kInf;
  cell.on_duty_agent_s = 0.1;
  o.intervals = {{cell}};
  DailyCounts day;
  day.customer_s = kInf;
  day.cases = std::nan("");
  o.daily = {{day}};
  o.simgrid_waits = kInf;
  o.total_session_capacity_s = std::nan("");

  const ReplicationOutput back = deserialize(serialize(o));
  EXPECT_EQ(back.replication, 4);
  ASSERT_EQ(back.metrics.size(), std::size(values));
  for (std::size_t i = 0; i < std::size(values); ++i)
    EXPECT_TRUE(same_bits(back.metrics[i].value, values[i])) << i << ": " << back.metrics[i].value;
  const IntervalCounts& c = back.intervals.at(0).at(0);
  EXPECT_EQ(c.queue.offered, kInf);
  EXPECT_TRUE(std::isnan(c.queue.wait_all_s));
  EXPECT_EQ(c.busy_capacity_s, -kInf);
  EXPECT_EQ(c.on_duty_agent_s, 0.1);
  EXPECT_EQ(back.daily.at(0).at(0).customer_s, kInf);
  EXPECT_TRUE(std::isnan(back.daily.at(0).at(0).cases));
  EXPECT_EQ(back.simgrid_waits, kInf);
  EXPECT_TRUE(std::isnan(back.total_session_capacity_s));
  // Serialising again gives the same text: nothing was lost on the way.
  EXPECT_EQ(serialize(back), serialize(o));
}

// A serialised output with one metric whose value is the JSON text `value`.
std::string with_metric_value(const std::string& value) {
  return R"({"replication":0,"metrics":[{"scope":"overall","name":"overall","metric":"cost",)"
         R"("value":)" +
         value +
         R"(}],"intervals":[],"group_intervals":[],"daily":[],"simgrid_waits":0,)"
         R"("cases_created":0,"total_busy_capacity_s":0,"total_session_capacity_s":0})";
}

TEST(ReplicationTransport, MalformedNumbersAreErrorsNotGuesses) {
  EXPECT_THROW(deserialize(with_metric_value(R"("lots")")), std::runtime_error);
  // null (what NaN used to travel as) still reads as NaN.
  const ReplicationOutput o = deserialize(with_metric_value("null"));
  EXPECT_TRUE(std::isnan(o.metrics.at(0).value));
}

}  // namespace
}  // namespace supportsim
