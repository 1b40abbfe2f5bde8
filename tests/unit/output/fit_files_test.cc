// calibrate's fit folder: fit.csv, the rows of the fit page, and the page read back from them.

#include <gtest/gtest.h>

#include <map>

#include "sim/core/error.h"
#include "sim/output/fit_report.h"
#include "sim/output/fit_writer.h"

namespace supportsim {
namespace {

ReadResultFile reader(const std::map<std::string, std::string>& files) {
  return [files](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

TEST(FitFiles, FitCsvHoldsEveryParameterAndQuotesNamesThatNeedIt) {
  const std::string text =
      fit_csv({{"segment.retail.arrival_rate_per_h", {61.3333333, 58.5, 64.1, 41216}},
               {"segment.a,b.entry.phone", {0.5, 0.4, 0.6, 10}}});
  EXPECT_EQ(text,
            "parameter,estimate,ci95_low,ci95_high,n\n"
            "segment.retail.arrival_rate_per_h,61.3333,58.5,64.1,41216\n"
            "\"segment.a,b.entry.phone\",0.5,0.4,0.6,10\n");
}

TEST(FitFiles, DailyRowsNameTheDateAndWeekday) {
  // Day 19723 after 1970-01-01 is Monday 2024-01-01.
  EXPECT_EQ(fit_daily_csv({{"retail", 19723, 1969, 2236.75}, {"retail", 19724, 1841, 1856.25}}),
            "segment,date,weekday,observed,fitted\n"
            "retail,2024-01-01,Mon,1969,2236.75\n"
            "retail,2024-01-02,Tue,1841,1856.25\n");
}

TEST(FitFiles, ThePageDrawsTheDailyAndHandleTimeRowsAsWritten) {
  const std::map<std::string, std::string> files = {
      {"fit.csv", fit_csv({{"x", {1, 0, 2, 3}}})},
      {"fit_daily.csv", fit_daily_csv({{"retail", 19723, 10, 12}, {"retail", 19724, 14, 12}})},
      {"fit_handle_times.csv",
       fit_handle_times_csv({{"billing", "phone", 100, 133.352, 0.25, 0.2},
                             {"billing", "phone", 133.352, 177.828, 0.75, 0.8}})}};
  const ReportContent page = fit_report(reader(files));
  ASSERT_EQ(page.charts.size(), 2u);
  EXPECT_EQ(page.charts[0].id, "fit_daily");
  const auto& days = page.charts[0].datasets["table"];
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[1]["date"], "2024-01-02");
  EXPECT_EQ(days[1]["observed"], 14);
  EXPECT_EQ(page.charts[1].id, "fit_handle_times");
  EXPECT_EQ(page.charts[1].datasets["table"][1]["observed"], 0.75);
  EXPECT_EQ(page.facts[2].second, "2 days, 2024-01-01 to 2024-01-02");
  // folder_report recognises a fit folder.
  EXPECT_EQ(folder_report(reader(files), nullptr, {}).title, "supportsim calibrate: the fit");
}

TEST(FitFiles, AMissingFileIsAnInputError) {
  try {
    fit_report(reader({{"fit.csv", "parameter,estimate,ci95_low,ci95_high,n\n"}}));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "fit_daily.csv: expected this results file, got none");
  }
}

}  // namespace
}  // namespace supportsim
