// report.html shows the numbers of its folder's files: the rows embedded in the page are
// compared with summary.json, intervals.csv, sweep.csv and staffing.csv, for pages that
// `supportsim run`, `sweep`, `staff` and `report` wrote; and the regroupings the page makes
// (offered erlangs, occupancy by weekday-hour, journeys) on hand-made files.

#include "sim/output/report_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "sim/core/error.h"
#include "sim/output/report_page.h"
#include "tests/test_support.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::read_file;
using testing::run_supportsim;
using testing::scratch_dir;
using testing::write_file;

// The data the page draws: {"charts": [{"id", "spec": {..., "datasets": {...}}}]}.
json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  const std::size_t from = html.find(open);
  const std::size_t to = html.find("</script>", from);
  EXPECT_NE(from, std::string::npos);
  return json::parse(html.substr(from + open.size(), to - from - open.size()));
}

// The rows of chart `id`'s data set `name`.
json rows_of(const json& data, const std::string& id, const std::string& name = "table") {
  for (const json& chart : data["charts"])
    if (chart["id"] == id) return chart["spec"]["datasets"][name];
  ADD_FAILURE() << "no chart " << id;
  return json::array();
}

std::vector<std::string> chart_ids(const json& data) {
  std::vector<std::string> ids;
  for (const json& chart : data["charts"]) ids.push_back(chart["id"]);
  return ids;
}

// A number of the page (null: undefined) as the files write it (empty: undefined).
bool same(const json& page, double file) {
  return page.is_null() ? std::isnan(file) : page.get<double>() == file;
}

class ReportDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    scenario_ = dir_ + "/small.toml";
    write_file(scenario_, std::string(testing::kSmallScenario) +
                              "[[segment]]\nname = \"web\"\narrival_rate = \"30/h\"\n"
                              "entry = { phone = 1.0 }\nissues = { question = 1.0 }\n"
                              "patience = { dist = \"exponential\", mean = \"3m\" }\n");
  }
  std::string dir_, scenario_;
};

TEST_F(ReportDataTest, ARunPageHoldsTheNumbersOfSummaryJsonAndIntervalsCsv) {
  const std::string out = dir_ + "/run";
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet", "--jobs", "2"}).exit_status,
            0);
  const json data = page_data(read_file(out + "/report.html"));
  EXPECT_EQ(chart_ids(data),
            (std::vector<std::string>{"service_level", "load_vs_agents", "occupancy_heatmap",
                                      "cost_breakdown", "journeys", "segments"}));
  const json summary = json::parse(read_file(out + "/summary.json"));
  const CsvTable intervals(read_file(out + "/intervals.csv"), "intervals.csv");

  const json service = rows_of(data, "service_level");
  ASSERT_EQ(service.size(), intervals.size());
  const json agents = rows_of(data, "load_vs_agents");
  ASSERT_EQ(agents.size(), 2 * intervals.size());
  for (std::size_t r = 0; r < intervals.size(); ++r) {
    EXPECT_EQ(service[r]["interval_start_s"].get<double>(),
              intervals.number(r, "interval_start_s"));
    EXPECT_EQ(service[r]["channel"], intervals.text(r, "channel"));
    EXPECT_TRUE(same(service[r]["service_level"], intervals.number(r, "service_level"))) << r;
    EXPECT_TRUE(same(service[r]["offered"], intervals.number(r, "offered"))) << r;
    EXPECT_EQ(agents[2 * r + 1]["measure"], "agents on duty");
    EXPECT_TRUE(same(agents[2 * r + 1]["value"], intervals.number(r, "agents_on_duty"))) << r;
  }
  EXPECT_EQ(rows_of(data, "service_level", "targets"),
            json::parse(R"([{"channel": "phone", "target": 0.8, "answer_within_s": 20.0}])"));

  int costs = 0;
  for (const json& row : rows_of(data, "cost_breakdown")) {
    const std::string scope = row["by"] == "by channel" ? "channels" : "groups";
    const json& cost = summary[scope][row["name"].get<std::string>()]["cost"];
    EXPECT_EQ(row["cost"], cost["mean"]);
    EXPECT_EQ(row["ci95_low"], cost["ci95"][0]);
    EXPECT_EQ(row["ci95_high"], cost["ci95"][1]);
    ++costs;
  }
  EXPECT_EQ(costs, 2);  // channel phone, group agents

  const std::map<std::string, std::string> metrics = {{"cases", "cases"},
                                                      {"resolved share", "resolved_share"},
                                                      {"CES (1 easy .. 7 hard)", "ces"},
                                                      {"churned customers", "churned"}};
  int segment_numbers = 0;
  for (const json& row : rows_of(data, "segments")) {
    const json& m =
        summary["segments"][row["segment"].get<std::string>()][metrics.at(row["metric"])];
    EXPECT_EQ(row["mean"], m["mean"]);
    EXPECT_EQ(row["ci95_low"], m["ci95"][0]);
    EXPECT_EQ(row["ci95_high"], m["ci95"][1]);
    ++segment_numbers;
  }
  EXPECT_EQ(segment_numbers, 2 * 3);  // callers and web: cases, resolved share, CES (no churn)

  // `supportsim report` writes the same page from the files on disk.
  const std::string written = read_file(out + "/report.html");
  fs::remove(out + "/report.html");
  ASSERT_EQ(run_supportsim({"report", out, "--quiet"}).exit_status, 0);
  EXPECT_EQ(read_file(out + "/report.html"), written);
}

TEST_F(ReportDataTest, ASweepPageHoldsTheNumbersOfSweepCsv) {
  const std::string out = dir_ + "/sweep";
  ASSERT_EQ(run_supportsim({"sweep", scenario_, "--vary", "group.agents.agents=8,10", "--out", out,
                            "--show", "channels.phone.asa_s", "--show", "overall.cost", "--quiet",
                            "--jobs", "2"})
                .exit_status,
            0);
  const json data = page_data(read_file(out + "/report.html"));
  EXPECT_EQ(chart_ids(data), std::vector<std::string>{"points"});
  const CsvTable sweep(read_file(out + "/sweep.csv"), "sweep.csv");
  const json rows = rows_of(data, "points");
  std::size_t checked = 0;
  for (std::size_t r = 0; r < sweep.size(); ++r) {
    const std::string metric = sweep.text(r, "scope") == "overall"
                                   ? sweep.text(r, "metric")
                                   : sweep.text(r, "name") + " " + sweep.text(r, "metric");
    for (const json& row : rows) {
      if (row["point"] != sweep.text(r, "point") || row["metric"] != metric) continue;
      const std::string prefix = row["panel"] == "value" ? "" : "diff_";
      EXPECT_TRUE(same(row["mean"], sweep.number(r, prefix + "mean"))) << metric;
      EXPECT_TRUE(same(row["ci95_low"], sweep.number(r, prefix + "ci95_low"))) << metric;
      EXPECT_TRUE(same(row["ci95_high"], sweep.number(r, prefix + "ci95_high"))) << metric;
      EXPECT_EQ(row["label"], "agents=" + sweep.text(r, "group.agents.agents"));
      ++checked;
    }
  }
  EXPECT_EQ(checked, rows.size());
  EXPECT_EQ(checked, 2u * 2 * 2);  // points x metrics x (value, difference)

  // Rebuilt with the default metrics, or refused for a metric sweep.csv does not hold.
  ASSERT_EQ(run_supportsim({"report", out, "--quiet"}).exit_status, 0);
  std::map<int, std::string> metrics;  // in chart order
  for (const json& row : rows_of(page_data(read_file(out + "/report.html")), "points"))
    metrics[row["metric_order"]] = row["metric"];
  EXPECT_EQ(metrics, (std::map<int, std::string>{
                         {0, "phone service_level"}, {1, "resolved_share"}, {2, "cost"}}));
  const auto bad = run_supportsim({"report", out, "--show", "overall.costs"});
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_EQ(bad.err,
            "--show overall.costs: expected a metric of the table (overall.<metric> or "
            "<scope>.<name>.<metric>), got none by that name\n");
}

TEST_F(ReportDataTest, AStaffPageHoldsTheNumbersOfStaffingCsv) {
  const std::string out = dir_ + "/staff";
  ASSERT_EQ(run_supportsim({"staff", scenario_, "--set", "run.warmup=1h", "--set",
                            "run.interval=1h", "--out", out, "--quiet", "--jobs", "2"})
                .exit_status,
            0);
  const json data = page_data(read_file(out + "/report.html"));
  EXPECT_EQ(chart_ids(data).front(), "plan");
  const CsvTable staffing(read_file(out + "/staffing.csv"), "staffing.csv");
  // series title -> (interval start, group) -> agents
  std::map<std::string, std::map<std::pair<double, std::string>, double>> series;
  for (const json& row : rows_of(data, "plan"))
    series[row["series"].get<std::string>()]
          [{row["interval_start_s"].get<double>(), row["group"].get<std::string>()}] =
              row["agents"].get<double>();
  auto& planned = series["planned"];
  auto& erlang = series["closed form (Erlang)"];
  std::size_t window = 0;
  for (std::size_t r = 0; r < staffing.size(); ++r) {
    const double start = staffing.number(r, "interval_start_s");
    if (start < 3600) continue;  // warm-up
    ++window;
    const std::pair key{start, staffing.text(r, "group")};
    EXPECT_EQ(planned.at(key), staffing.number(r, "agents"));
    EXPECT_EQ(erlang.at(key), staffing.number(r, "erlang_agents"));
    EXPECT_EQ(series["required"].at(key), staffing.number(r, "required"));
  }
  EXPECT_EQ(window, 4u);
  EXPECT_EQ(planned.size(), window);
}

// Files by name, for the builders.
ReadResultFile files(const std::map<std::string, std::string>& texts) {
  return [texts](const std::string& path) -> std::optional<std::string> {
    const auto it = texts.find(path);
    return it == texts.end() ? std::nullopt : std::optional(it->second);
  };
}

const char* kSummary = R"({
  "tool": "supportsim", "version": "0.1.0",
  "scenario": {"name": "hand", "file": "", "sha256": ""},
  "replications": 2, "seed": 1, "horizon_s": 7200, "warmup_s": 0,
  "overall": {"cases": {"mean": 100, "ci95": [90, 110], "stdev": 1},
              "unresolved": {"mean": 10, "ci95": [8, 12], "stdev": 1}},
  "channels": {
    "bot": {"ended": {"mean": 30, "ci95": [30, 30], "stdev": 0},
            "gave_up": {"mean": 5, "ci95": [5, 5], "stdev": 0},
            "escalated": {"mean": 60, "ci95": [60, 60], "stdev": 0}},
    "phone": {"ended": {"mean": 70, "ci95": [70, 70], "stdev": 0},
              "gave_up": {"mean": 5, "ci95": [5, 5], "stdev": 0},
              "escalated": {"mean": 0, "ci95": [0, 0], "stdev": 0},
              "abandoned": {"mean": 4, "ci95": [4, 4], "stdev": 0}}},
  "segments": {}, "groups": {}
})";

// Two half-hours per hour: occupancy 0.5 with 2 agents and 1.0 with 6, then 0.25 with 4 and no
// agents; phone offered 10 and answered 8.
const char* kIntervals =
    "interval_start_s,channel,offered,answered,abandoned,service_level,asa_s,agents_on_duty,"
    "occupancy\n"
    "0,phone,10,8,2,0.5,10,2,0.5\n"
    "1800,phone,4,4,0,1,0,6,1\n"
    "3600,phone,4,4,0,1,0,4,0.25\n"
    "5400,phone,0,0,0,,,0,\n";

TEST(ReportData, OffersErlangsFromBusyAgentsScaledByOfferedOverAnswered) {
  const ReportContent c =
      run_report(files({{"summary.json", kSummary}, {"intervals.csv", kIntervals}}), nullptr);
  ASSERT_EQ(c.charts[1].id, "load_vs_agents");
  const auto& rows = c.charts[1].datasets["table"];
  EXPECT_EQ(rows[0]["value"], 0.5 * 2 * 10 / 8);  // busy agents 1, abandoned work added
  EXPECT_EQ(rows[2]["value"], 6.0);
  EXPECT_EQ(rows[6]["value"], 0.0);  // nobody on duty, nothing offered
  EXPECT_EQ(c.facts.back(), (std::pair<std::string, std::string>{"reporting interval", "30m"}));
}

TEST(ReportData, PoolsOccupancyByHourOfTheWeekWeightedByAgentsOnDuty) {
  const ReportContent c =
      run_report(files({{"summary.json", kSummary}, {"intervals.csv", kIntervals}}), nullptr);
  ASSERT_EQ(c.charts[2].id, "occupancy_heatmap");
  const auto& rows = c.charts[2].datasets["table"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["when"], "Mon 00:00");
  EXPECT_EQ(rows[0]["occupancy"], (0.5 * 2 + 1.0 * 6) / (2 + 6));
  EXPECT_EQ(rows[0]["agents_on_duty"], 4.0);
  EXPECT_EQ(rows[1]["when"], "Mon 01:00");
  EXPECT_EQ(rows[1]["occupancy"], 0.25);
}

TEST(ReportData, JourneysFlowFromArrivalsThroughEscalationsToOutcomes) {
  // The bot received 90 (30 ended there, 60 escalated to phone); phone received 60 from the bot
  // and 10 that entered it directly (70 ended, 2 of them by abandoning, 5 in all unresolved).
  Scenario s;
  s.channels.resize(2);
  s.channels[0].name = "bot";
  s.channels[0].escalate_to = 1;
  s.channels[1].name = "phone";
  std::string summary = kSummary;
  summary.replace(summary.find("\"abandoned\""), 0,
                  "\"ended_abandoned\": {\"mean\": 2, \"ci95\": [2, 2], \"stdev\": 0}, ");
  const ReportContent c =
      run_report(files({{"summary.json", summary}, {"intervals.csv", kIntervals}}), &s);
  ASSERT_EQ(c.charts[4].id, "journeys");
  std::vector<std::string> got;
  for (const auto& row : c.charts[4].datasets["links"])
    got.push_back(row["from"].get<std::string>() + " > " + row["to"].get<std::string>() + " " +
                  std::to_string(static_cast<int>(row["cases"].get<double>())));
  EXPECT_EQ(got, (std::vector<std::string>{"arrivals > bot 90", "bot > phone 60",
                                           "bot > resolved 25", "bot > ended unresolved 5",
                                           "arrivals > phone 10", "phone > resolved 65",
                                           "phone > abandoned 2", "phone > ended unresolved 3"}));
  // Columns: arrivals, the bot, phone (escalated to from the bot), outcomes.
  std::map<std::string, int> column;
  for (const auto& node : c.charts[4].datasets["nodes"])
    column[node["name"].get<std::string>()] = node["column"].get<int>();
  EXPECT_EQ(column, (std::map<std::string, int>{{"arrivals", 0},
                                                {"bot", 1},
                                                {"phone", 2},
                                                {"resolved", 3},
                                                {"abandoned", 3},
                                                {"ended unresolved", 3}}));
}

TEST(ReportData, OccupancyIsByGroupWhenTheFolderKeepsGroupIntervals) {
  const std::string groups =
      "interval_start_s,group,agents_on_duty,occupancy\n"
      "0,phone_team,2,0.5\n0,chat_team,4,0.75\n1800,phone_team,6,1\n1800,chat_team,4,0.25\n";
  const ReportContent c = run_report(files({{"summary.json", kSummary},
                                            {"intervals.csv", kIntervals},
                                            {"group_intervals.csv", groups}}),
                                     nullptr);
  ASSERT_EQ(c.charts[2].id, "occupancy_heatmap");
  const auto& rows = c.charts[2].datasets["table"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], "phone_team");
  EXPECT_EQ(rows[0]["occupancy"], (0.5 * 2 + 1.0 * 6) / (2 + 6));
  EXPECT_EQ(rows[1]["name"], "chat_team");
  EXPECT_EQ(rows[1]["occupancy"], (0.75 * 4 + 0.25 * 4) / 8);
}

TEST(ReportData, AFrontierPutsEachPointAtItsMeansAndMarksTheBestOne) {
  const CsvTable table(
      "segment.a.entry.bot,point,scope,name,metric,mean,ci95_low,ci95_high,stdev,diff_mean,"
      "diff_ci95_low,diff_ci95_high\n"
      "0.2,p00,overall,overall,cost,100,90,110,5,0,0,0\n"
      "0.2,p00,channels,phone,service_level,0.8,0.7,0.9,0.1,0,0,0\n"
      "0.4,p01,overall,overall,cost,80,75,85,5,-20,-25,-15\n"
      "0.4,p01,channels,phone,service_level,0.75,0.7,0.8,0.1,-0.05,-0.1,0\n",
      "mix.csv");
  const ReportChart chart =
      frontier_chart(table, "overall.cost", "channels.phone.service_level", "p01");
  EXPECT_EQ(json::parse(chart.datasets["table"].dump()), json::parse(R"([
    {"point": "p00", "label": "bot=0.2", "marked": "point", "x": 100.0, "x_ci95_low": 90.0,
     "x_ci95_high": 110.0, "y": 0.8, "y_ci95_low": 0.7, "y_ci95_high": 0.9},
    {"point": "p01", "label": "bot=0.4", "marked": "best point", "x": 80.0, "x_ci95_low": 75.0,
     "x_ci95_high": 85.0, "y": 0.75, "y_ci95_low": 0.7, "y_ci95_high": 0.8}])"));
  EXPECT_EQ(chart.patch["encoding"]["y"]["title"], "phone service_level");
  const json points = points_chart(table, {"overall.cost"}, "p01").datasets["table"];
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[2]["marked"], "best point");
  EXPECT_THROW(frontier_chart(table, "overall.costs", "overall.cost"), InputError);
}

TEST(ReportData, AFolderWithoutResultsIsAnInputError) {
  try {
    folder_report(files({}), nullptr, {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "expected a results folder holding mix.csv (supportsim mix), sweep.csv (supportsim "
              "sweep), staffing.csv (supportsim staff), summary.json (supportsim run) or fit.csv "
              "(supportsim calibrate), got none of them");
  }
  try {
    run_report(files({{"summary.json", kSummary}}), nullptr);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "intervals.csv: expected this results file, got none");
  }
}

TEST(ReportPage, IsOneFileThatAsksForNothingAndCannotBeClosedByItsData) {
  ReportContent c;
  c.title = "a <b> & c";
  ReportChart chart{"journeys", "t", "n"};
  chart.datasets["table"] = json::array({{{"channel", "</script><script>alert(1)"}}});
  c.charts.push_back(chart);
  const std::string html = report_html(c);
  EXPECT_NE(html.find("<title>a &lt;b&gt; &amp; c</title>"), std::string::npos);
  EXPECT_EQ(html.find("</script><script>alert"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script>\\u003cscript>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("<div data-chart=\"journeys\"></div>"), std::string::npos);
  // No address the browser would load: no src= or href= attributes, no source map.
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find(" href="), std::string::npos);
  EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
  EXPECT_EQ(page_data(html)["charts"][0]["spec"]["datasets"], chart.datasets);
}

TEST_F(ReportDataTest, NoReportWritesNoPageAndRemovesAnEarlierOne) {
  const std::string out = dir_ + "/run";
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet"}).exit_status, 0);
  ASSERT_TRUE(fs::exists(out + "/report.html"));
  ASSERT_EQ(run_supportsim({"run", scenario_, "--out", out, "--quiet", "--no-report"}).exit_status,
            0);
  EXPECT_FALSE(fs::exists(out + "/report.html"));
  EXPECT_TRUE(fs::exists(out + "/summary.json"));
}

TEST_F(ReportDataTest, ReportOfAFolderThatIsNotOneIsAnInputError) {
  auto r = run_supportsim({"report", dir_ + "/none"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err, dir_ + "/none: expected a results folder, got nothing by that name\n");
  r = run_supportsim({"report", dir_});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err,
            "expected a results folder holding mix.csv (supportsim mix), sweep.csv (supportsim "
            "sweep), staffing.csv (supportsim staff), summary.json (supportsim run) or fit.csv "
            "(supportsim calibrate), got none of them\n");
}

}  // namespace
}  // namespace supportsim
