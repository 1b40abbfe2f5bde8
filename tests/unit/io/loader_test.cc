#include "sim/io/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "tests/unit/io/loader_fixture.h"

namespace supportsim {
namespace {

namespace fs = std::filesystem;

using loader_fixture::data_dir;
using loader_fixture::edited;
using loader_fixture::kMinimal;
using loader_fixture::load_error;

struct ErrorRow {
  const char* name;
  const char* from;  // text of kMinimal to replace; "" appends
  const char* to;
  const char* expected;
  std::vector<const char*> sets = {};  // --set options
};

const ErrorRow kErrorRows[] = {
    // TOML syntax and top level.
    {"syntax", "horizon = \"8h\"", "horizon = = \"8h\"",
     "x.toml:2:11: Error while parsing value: could not determine value type"},
    {"unknown_table_did_you_mean", "[run]", "[rn]",
     "x.toml:1:2: unknown top-level key \"rn\" (did you mean \"run\"?)"},
    {"no_segments",
     "[[segment]]\nname = \"smb\"\narrival_rate = \"100/h\"\nentry = { phone = 0.7, chat = 0.3 "
     "}\nissues = { billing = 0.6, tech = 0.4 }\n",
     "", "x.toml:1:1: missing required [[segment]] (at least one customer segment)"},
    {"unknown_array_did_you_mean", "[[segment]]", "[[segmnt]]",
     "x.toml:4:3: unknown top-level key \"segmnt\" (did you mean \"segment\"?)"},
    {"segment_not_array", "[[segment]]", "[segment]",
     "x.toml:4:1: segment: expected an array of tables [[segment]], got a table"},
    {"churn_misspelt_weight", "", "[churn]\nw_wiat = 0.1\n",
     "x.toml:31:1: churn: unknown key \"w_wiat\" (did you mean \"w_wait\"?)"},
    // [run]
    {"duration_bare_integer", "horizon = \"8h\"", "horizon = 8",
     "x.toml:2:11: run.horizon: duration needs a unit (write e.g. \"20s\", \"5m\", \"1.5h\"), "
     "got 8"},
    {"duration_bare_float", "horizon = \"8h\"", "horizon = 1.5",
     "x.toml:2:11: run.horizon: duration needs a unit (write e.g. \"20s\", \"5m\", \"1.5h\"), "
     "got 1.5"},
    {"duration_string_without_unit", "horizon = \"8h\"", "horizon = \"8\"",
     "x.toml:2:11: run.horizon: duration needs a unit (write e.g. \"20s\", \"5m\", \"1.5h\"), "
     "got \"8\""},
    {"duration_unknown_unit", "horizon = \"8h\"", "horizon = \"8x\"",
     "x.toml:2:11: run.horizon: expected a duration like \"20s\", \"5m\", \"1.5h\", got \"8x\" "
     "(unknown unit \"x\" (use s, m, h, d, w, month))"},
    {"duration_wrong_type", "horizon = \"8h\"", "horizon = true",
     "x.toml:2:11: run.horizon: expected a duration string like \"20s\", got boolean true"},
    {"horizon_missing", "horizon = \"8h\"", "warmup = \"1h\"",
     "x.toml:1:1: run: missing required key \"horizon\" (a duration, e.g. \"8h\")"},
    {"horizon_zero", "horizon = \"8h\"", "horizon = \"0s\"",
     "x.toml:2:11: run.horizon: must be greater than 0, got \"0s\""},
    {"unknown_key_did_you_mean", "horizon = \"8h\"", "horizon = \"8h\"\nhorizn = \"8h\"",
     "x.toml:3:1: run: unknown key \"horizn\" (did you mean \"horizon\"?)"},
    {"unknown_key_lists_valid", "horizon = \"8h\"", "horizon = \"8h\"\ncolour = 1",
     "x.toml:3:1: run: unknown key \"colour\" (valid keys: name, horizon, warmup, replications, "
     "seed, interval, drain_limit, monthly_discount_rate, max_cases, max_agents, max_customers, "
     "max_intervals, max_interval_rows, max_open_cases)"},
    {"replications_zero", "horizon = \"8h\"", "horizon = \"8h\"\nreplications = 0",
     "x.toml:3:16: run.replications: must be at least 1, got 0"},
    {"integer_wrong_type", "horizon = \"8h\"", "horizon = \"8h\"\nreplications = \"ten\"",
     "x.toml:3:16: run.replications: expected an integer, got string \"ten\""},
    {"interval_not_dividing_day", "horizon = \"8h\"", "horizon = \"8h\"\ninterval = \"7m\"",
     "x.toml:3:12: run.interval: must divide a day evenly (e.g. \"15m\", \"30m\", \"1h\"), got "
     "\"7m\""},
    {"name_with_dot", "horizon = \"8h\"", "horizon = \"8h\"\nname = \"a.b\"",
     "x.toml:3:8: run.name: expected a name of 1 to 200 bytes without '.', '/', '\\' or control "
     "characters, got \"a.b\""},
    {"name_with_slash", "horizon = \"8h\"", "horizon = \"8h\"\nname = \"a/b\"",
     "x.toml:3:8: run.name: expected a name of 1 to 200 bytes without '.', '/', '\\' or control "
     "characters, got \"a/b\""},
    {"name_with_nul", "horizon = \"8h\"", "horizon = \"8h\"\nname = \"a\\u0000b\"",
     "x.toml:3:8: run.name: expected a name of 1 to 200 bytes without '.', '/', '\\' or control "
     "characters, got \"a\\u0000b\""},
    {"name_too_long", "horizon = \"8h\"",
     "horizon = \"8h\"\nname = "
     "\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
     "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
     "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
     "nnnnnnnnnnnnnnnnnnnnnnn\"",
     "x.toml:3:8: run.name: expected a name of 1 to 200 bytes without '.', '/', '\\' or control "
     "characters, got \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\"... (300 bytes)"},
    {"set_name_with_slash",
     "",
     "",
     "--set run.name=../x: run.name: expected a name of 1 to 200 bytes without '.', '/', '\\' or "
     "control characters, got \"../x\"",
     {"run.name=../x"}},
    // [[segment]]
    {"rate_bare_number", "arrival_rate = \"100/h\"", "arrival_rate = 100",
     "x.toml:6:16: segment \"smb\" arrival_rate: rate needs a unit (write e.g. \"1140/h\", "
     "\"100/30m\", \"0.1/month\"), got 100"},
    {"share_out_of_range", "phone = 0.7, chat = 0.3", "phone = 1.4, chat = 0.3",
     "x.toml:7:19: segment \"smb\" entry.phone: share must be in [0, 1], got 1.4"},
    {"shares_sum", "phone = 0.7, chat = 0.3", "phone = 0.6, chat = 0.3",
     "x.toml:7:9: segment \"smb\" entry: shares must sum to 1, got 0.9"},
    {"entry_channel_did_you_mean", "chat = 0.3", "chta = 0.3",
     "x.toml:7:24: segment \"smb\" entry.chta: no channel named \"chta\" (did you mean "
     "\"chat\"?)"},
    {"entry_channel_unknown", "chat = 0.3", "fax = 0.3",
     "x.toml:7:24: segment \"smb\" entry.fax: no channel named \"fax\" (known channels: "
     "\"phone\", \"chat\")"},
    {"issue_unknown", "billing = 0.6", "biling = 0.6",
     "x.toml:8:12: segment \"smb\" issues.biling: no issue named \"biling\" (did you mean "
     "\"billing\"?)"},
    {"segment_missing_entry", "entry = { phone = 0.7, chat = 0.3 }\n", "",
     "x.toml:4:1: segment \"smb\": missing required key \"entry\" (a table { <channel> = share, "
     "... })"},
    {"segment_customers_without_contact_rate", "arrival_rate = \"100/h\"", "customers = 5000",
     "x.toml:4:1: segment \"smb\": missing required key \"contact_rate\" (a rate per customer, "
     "e.g. \"0.4/month\")"},
    {"segment_contact_rate_later", "arrival_rate = \"100/h\"",
     "arrival_rate = \"100/h\"\ncontact_rate = \"0.1/month\"",
     "x.toml:7:16: segment \"smb\" contact_rate: give either arrival_rate (open arrivals) or "
     "customers and contact_rate (a customer population), not both"},
    {"segment_churn_type", "", "[segment.churn]\nintercept = \"high\"\n",
     "x.toml:31:13: segment \"smb\" churn.intercept: expected a number, got string \"high\""},
    {"segment_misspelt_later_key", "arrival_rate = \"100/h\"",
     "arrival_rate = \"100/h\"\ncustomer = 5",
     "x.toml:7:1: segment \"smb\": unknown key \"customer\" (did you mean \"customers\"?)"},
    {"priority_float", "arrival_rate = \"100/h\"", "arrival_rate = \"100/h\"\npriority = 1.5",
     "x.toml:7:12: segment \"smb\" priority: expected an integer, got float 1.5"},
    {"patience_unknown_channel", "arrival_rate = \"100/h\"",
     "arrival_rate = \"100/h\"\npatience = { phon = { dist = \"exponential\", mean = \"3m\" } }",
     "x.toml:7:14: segment \"smb\" patience.phon: no channel named \"phon\" (did you mean "
     "\"phone\"?)"},
    {"patience_misspelt_dist", "arrival_rate = \"100/h\"",
     "arrival_rate = \"100/h\"\npatience = { dsit = \"exponential\", mean = \"3m\" }",
     "x.toml:7:12: segment \"smb\" patience: missing required key \"dist\" (one of "
     "\"exponential\", \"lognormal\", \"gamma\", \"weibull\", \"uniform\", \"constant\", "
     "\"empirical\")"},
    {"profile_weekly_length", "", "[profile]\nweekly = [1, 1, 1, 1, 1, 1]\n",
     "x.toml:31:10: profile.weekly: expected an array of 7 relative volumes (Monday first), got "
     "6 values"},
    {"profile_daily_negative", "", "[profile]\ndaily = [1, -1]\n",
     "x.toml:31:13: profile.daily: volumes must not be negative, got -1"},
    {"profile_daily_zero", "", "[profile]\ndaily = [0, 0]\n",
     "x.toml:31:9: profile.daily: volumes must not all be 0"},
    // [[issue]] and distributions
    {"dist_unknown", "dist = \"exponential\"", "dist = \"expo\"",
     "x.toml:12:24: issue \"billing\" handle_time.dist: expected one of \"exponential\", "
     "\"lognormal\", \"gamma\", \"weibull\", \"uniform\", \"constant\", \"empirical\", got "
     "\"expo\" (did you mean \"exponential\"?)"},
    {"dist_missing_parameter", ", cv = 0.5", "",
     "x.toml:16:15: issue \"tech\" handle_time: missing required key \"cv\" (a number, e.g. 0.5)"},
    {"dist_unknown_parameter", "mean = \"5m\"", "maen = \"5m\"",
     "x.toml:12:39: issue \"billing\" handle_time: unknown key \"maen\" (did you mean \"mean\"?)"},
    {"dist_invalid_parameter", "cv = 0.5", "cv = 0",
     "x.toml:16:15: issue \"tech\" handle_time: cv must be > 0, got 0"},
    {"dist_duration_bare", "mean = \"5m\"", "mean = 5",
     "x.toml:12:46: issue \"billing\" handle_time.mean: duration needs a unit (write e.g. "
     "\"20s\", \"5m\", \"1.5h\"), got 5"},
    {"resolve_probability", "name = \"billing\"", "name = \"billing\"\nresolve = { phone = 1.5 }",
     "x.toml:12:21: issue \"billing\" resolve.phone: probability must be in [0, 1], got 1.5"},
    {"empirical_bad_line", "{ dist = \"exponential\", mean = \"5m\" }",
     "{ dist = \"empirical\", file = \"bad_samples.csv\" }",
     "$DATA/bad_samples.csv:3: issue \"billing\" handle_time.file: expected a duration in seconds "
     "(a number), got \"abc\""},
    {"empirical_missing_file", "{ dist = \"exponential\", mean = \"5m\" }",
     "{ dist = \"empirical\", file = \"nowhere.csv\" }",
     "x.toml:12:44: issue \"billing\" handle_time.file: $DATA/nowhere.csv: cannot read file: No "
     "such file or directory"},
    // [[channel]]
    {"duplicate_name", "name = \"chat\"", "name = \"phone\"",
     "x.toml:23:8: channel #2 name: duplicate name \"phone\" (first used at x.toml:19:8)"},
    {"automation_needs_session_time", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"automation\"",
     "x.toml:22:1: channel \"chat\": missing required key \"session_time\" (a distribution "
     "table like { dist = \"exponential\", mean = \"5m\" })"},
    {"self_service_in_group", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"self_service\"\nsession_time = { dist = \"constant\", value = "
     "\"3m\" }",
     "x.toml:29:12: group \"tier1\" channels: groups answer agents channels only, \"chat\" is a "
     "\"self_service\" channel"},
    {"community_needs_answer_share", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"community\"",
     "x.toml:22:1: channel \"chat\": missing required key \"answer_share\" (a share of posts that "
     "get an answer, e.g. 0.9)"},
    {"kind_did_you_mean", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agnets\"",
     "x.toml:24:8: channel \"chat\" kind: expected one of \"agents\", \"self_service\", "
     "\"automation\", \"community\", got \"agnets\" (did you mean \"agents\"?)"},
    {"key_of_other_kind", "name = \"chat\"", "name = \"chat\"\nmax_sessions = 5",
     "x.toml:24:16: channel \"chat\" max_sessions: applies to automation channels, not to "
     "\"agents\" ones"},
    {"channel_bool_type", "name = \"chat\"", "name = \"chat\"\ncontext_transfer = \"yes\"",
     "x.toml:24:20: channel \"chat\" context_transfer: expected a boolean (true or false), got "
     "string \"yes\""},
    {"escalate_to_unknown", "name = \"chat\"", "name = \"chat\"\nescalate_to = \"phon\"",
     "x.toml:24:15: channel \"chat\" escalate_to: no channel named \"phon\" (did you mean "
     "\"phone\"?)"},
    {"escalation_loop",
     "name = \"phone\"",
     "name = \"phone\"\nescalate_to = \"chat\"",
     "x.toml:20:15: channel \"phone\" escalate_to: escalation loop \"phone\" -> \"chat\" -> "
     "\"phone\"",
     {"channel.chat.escalate_to=phone"}},
    {"retry_delay_missing", "name = \"chat\"", "name = \"chat\"\nretry_share = 0.3",
     "x.toml:22:1: channel \"chat\": missing required key \"retry_delay\" (a duration or "
     "distribution, needed when retry_share > 0)"},
    {"retry_delay_bare", "name = \"chat\"", "name = \"chat\"\nretry_share = 0.3\nretry_delay = 10",
     "x.toml:25:15: channel \"chat\" retry_delay: duration needs a unit (write e.g. \"20s\", "
     "\"5m\", \"1.5h\"), got 10"},
    {"repeat_penalty_below_one", "name = \"chat\"", "name = \"chat\"\nrepeat_penalty = 0.5",
     "x.toml:24:18: channel \"chat\" repeat_penalty: must be at least 1 (a handle-time "
     "multiplier), got 0.5"},
    // [[group]]
    {"group_missing_name", "name = \"tier1\"\n", "",
     "x.toml:26:1: group #1: missing required key \"name\" (a unique name)"},
    {"group_channel_unknown", "[\"phone\", \"chat\"]", "[\"phone\", \"chat\", \"email\"]",
     "x.toml:28:30: group \"tier1\" channels: no channel named \"email\" (known channels: "
     "\"phone\", \"chat\")"},
    {"group_skill_unknown", "agents = 10", "agents = 10\nskills = [\"billing\", \"tehc\"]",
     "x.toml:30:22: group \"tier1\" skills: no skill named \"tehc\" (did you mean \"tech\"?)"},
    {"coverage", "agents = 10", "agents = 10\nskills = [\"billing\"]",
     "x.toml:18:1: no group answers channel \"phone\" for skill \"tech\" (needed by segment "
     "\"smb\")"},
    {"agents_and_schedule", "agents = 10", "agents = 10\nschedule = [1, 2]",
     "x.toml:30:12: group \"tier1\" schedule: give either agents or schedule, not both"},
    {"agents_or_schedule_missing", "agents = 10", "hourly_cost = 30",
     "x.toml:26:1: group \"tier1\": missing required key \"agents\" (a head count) or "
     "\"schedule\" (head counts per interval, or a CSV path)"},
    {"agents_negative", "agents = 10", "agents = -1",
     "x.toml:29:10: group \"tier1\" agents: must not be negative, got -1"},
    {"agents_float", "agents = 10", "agents = 3.5",
     "x.toml:29:10: group \"tier1\" agents: expected an integer, got float 3.5"},
    {"schedule_length", "agents = 10", "schedule = [1, 2, 3]",
     "x.toml:29:12: group \"tier1\" schedule: expected 48 head counts (one day of \"30m\" "
     "intervals) or 336 (one week), got 3"},
    {"schedule_csv_not_increasing", "agents = 10", "schedule = \"bad_schedule.csv\"",
     "$DATA/bad_schedule.csv:4: group \"tier1\" schedule: interval_start_s: must increase from "
     "row to row, got 3600 after 7200"},
    {"schedule_csv_folder", "agents = 10", "schedule = \"a_folder.csv\"",
     "x.toml:29:12: group \"tier1\" schedule: $DATA/a_folder.csv: expected a CSV file, got a "
     "folder"},
    {"schedule_csv_shorter_than_run",
     "agents = 10",
     "schedule = \"schedule_8_days.csv\"",
     "x.toml:29:12: group \"tier1\" schedule: expected rows for one day or one week in "
     "$DATA/schedule_8_days.csv (they then repeat), or for the whole run (warm-up + horizon = "
     "2w), got rows for 8d",
     {"run.horizon=2w"}},
    {"shrinkage_one", "agents = 10", "agents = 10\nshrinkage = 1",
     "x.toml:30:13: group \"tier1\" shrinkage: share must be in [0, 1), got 1"},
    {"dedicated_unknown_segment", "agents = 10", "agents = 10\ndedicated_to = \"smbb\"",
     "x.toml:30:16: group \"tier1\" dedicated_to: no segment named \"smbb\" (did you mean "
     "\"smb\"?)"},
    {"backup_without_dedicated", "agents = 10", "agents = 10\nbackup_after = \"2m\"",
     "x.toml:30:16: group \"tier1\" backup_after: applies only with dedicated_to"},
    // [targets]
    {"targets_channel_unknown", "", "[targets.chta]\nservice_level = 0.9\n",
     "x.toml:30:10: targets.chta: no channel named \"chta\" (did you mean \"chat\"?)"},
    {"targets_share", "", "[targets]\nservice_level = 1.2\n",
     "x.toml:31:17: targets.service_level: share must be in [0, 1], got 1.2"},
    {"targets_channel_unknown_key", "", "[targets.chat]\nanswer_witin = \"30s\"\n",
     "x.toml:31:1: targets.chat: unknown key \"answer_witin\" (did you mean \"answer_within\"?)"},
    // Handle time by channel, returns, prices, proactive work.
    {"handle_time_unknown_channel", "handle_time = { dist = \"exponential\", mean = \"5m\" }",
     "handle_time = { phone = { dist = \"exponential\", mean = \"5m\" }, fax = { dist = "
     "\"constant\", value = \"1m\" } }",
     "x.toml:12:64: issue \"billing\" handle_time.fax: no channel named \"fax\" (known keys: "
     "\"phone\", \"chat\", \"default\")"},
    {"handle_time_default_misspelt", "handle_time = { dist = \"exponential\", mean = \"5m\" }",
     "handle_time = { phone = { dist = \"exponential\", mean = \"5m\" }, defualt = { dist = "
     "\"constant\", value = \"1m\" } }",
     "x.toml:12:64: issue \"billing\" handle_time.defualt: no channel named \"defualt\" (did you "
     "mean \"default\"?)"},
    {"handle_time_missing_default", "handle_time = { dist = \"exponential\", mean = \"5m\" }",
     "handle_time = { phone = { dist = \"exponential\", mean = \"5m\" } }",
     "x.toml:12:15: issue \"billing\" handle_time: missing key \"chat\" or \"default\" (a handle "
     "time for every agents channel the issue reaches; segment \"smb\" reaches \"chat\")"},
    {"handle_time_bad_distribution", "handle_time = { dist = \"exponential\", mean = \"5m\" }",
     "handle_time = { phone = { dist = \"expo\", mean = \"5m\" }, default = { dist = "
     "\"constant\", value = \"1m\" } }",
     "x.toml:12:34: issue \"billing\" handle_time.phone.dist: expected one of \"exponential\", "
     "\"lognormal\", \"gamma\", \"weibull\", \"uniform\", \"constant\", \"empirical\", got "
     "\"expo\" (did you mean \"exponential\"?)"},
    {"handle_time_non_agents_channel", "handle_time = { dist = \"exponential\", mean = \"5m\" }",
     "handle_time = { help = { dist = \"exponential\", mean = \"5m\" }, default = { dist = "
     "\"constant\", value = \"1m\" } }\n\n[[channel]]\nname = \"help\"\nkind = "
     "\"self_service\"\nsession_time = { dist = \"constant\", value = \"1m\" }",
     "x.toml:12:24: issue \"billing\" handle_time.help: handle time applies to agents channels "
     "only, \"help\" is a \"self_service\" channel"},
    {"handle_time_factor_zero", "name = \"chat\"", "name = \"chat\"\nhandle_time_factor = 0",
     "x.toml:24:22: channel \"chat\" handle_time_factor: must be greater than 0 (a handle-time "
     "multiplier), got 0"},
    {"return_share_one", "name = \"chat\"", "name = \"chat\"\nreturn_share = 1",
     "x.toml:24:16: channel \"chat\" return_share: share must be in [0, 1) (a share of resolved "
     "cases that come back), got 1"},
    {"return_to_unknown", "name = \"chat\"", "name = \"chat\"\nreturn_to = \"chta\"",
     "x.toml:24:13: channel \"chat\" return_to: no channel named \"chta\" (did you mean "
     "\"chat\"?)"},
    {"return_after_bare_number", "name = \"chat\"", "name = \"chat\"\nreturn_after = 2",
     "x.toml:24:16: channel \"chat\" return_after: duration needs a unit (write e.g. \"20s\", "
     "\"5m\", \"1.5h\"), got 2"},
    {"cost_per_resolution_negative", "name = \"chat\"",
     "name = \"chat\"\ncost_per_resolution = -0.99",
     "x.toml:24:23: channel \"chat\" cost_per_resolution: must not be negative, got -0.99"},
    {"proactive_share_one", "agents = 10", "agents = 10\nproactive_share = 1.0",
     "x.toml:30:19: group \"tier1\" proactive_share: share must be in [0, 1), got 1"},
    // --set
    {"set_bare_duration",
     "",
     "",
     "--set run.horizon=8: run.horizon: duration needs a unit (write "
     "e.g. \"20s\", \"5m\", \"1.5h\"), got 8",
     {"run.horizon=8"}},
    {"set_missing_member",
     "",
     "",
     "--set group.tier9.agents=3: no group named \"tier9\" (did you mean \"tier1\"?)",
     {"group.tier9.agents=3"}},
    {"set_unknown_key",
     "",
     "",
     "--set run.horizn=8h: run: unknown key \"horizn\" (did you mean \"horizon\"?)",
     {"run.horizn=8h"}},
    {"set_shares_together",
     "",
     "",
     "--set segment.smb.entry.chat=0.3: segment \"smb\" entry: expected shares summing to 1 when "
     "several are set together (phone, chat: the others are not rescaled), got 1.1",
     {"segment.smb.entry.phone=0.8", "segment.smb.entry.chat=0.3"}},
    {"set_share_cannot_rescale",
     "phone = 0.7, chat = 0.3",
     "phone = 1.0, chat = 0.0",
     "--set segment.smb.entry.phone=0.5: segment \"smb\" entry: cannot rescale the other shares to "
     "make room for phone = 0.5: they are all 0 (expected shares summing to 1, got 0.5)",
     {"segment.smb.entry.phone=0.5"}},
    {"set_whole_table_not_rescaled",
     "",
     "",
     "--set segment.smb.entry={ phone = 0.5 }: segment \"smb\" entry: shares must sum to 1, got "
     "0.5",
     {"segment.smb.entry={ phone = 0.5 }"}},
    // Deferred work, callbacks, recontacts.
    {"mode_unknown", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"defered\"",
     "x.toml:25:8: channel \"chat\" mode: expected \"live\" or \"deferred\", got \"defered\" (did "
     "you mean \"deferred\"?)"},
    {"touches_not_a_count", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\n"
     "touches = { dist = \"exponential\", mean = \"5m\" }",
     "x.toml:26:20: channel \"chat\" touches.dist: expected a count distribution, one of "
     "\"constant\", \"geometric\", \"empirical\", got \"exponential\""},
    {"touches_constant_not_an_integer", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\n"
     "touches = { dist = \"constant\", value = \"2m\" }",
     "x.toml:26:40: channel \"chat\" touches.value: expected an integer, got string \"2m\""},
    {"touches_geometric_mean_below_one", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\n"
     "touches = { dist = \"geometric\", mean = 0.5 }\nreply_delay = \"1d\"",
     "x.toml:26:40: channel \"chat\" touches.mean: expected a mean count >= 1, got 0.5"},
    {"touches_empirical_bad_line", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\n"
     "touches = { dist = \"empirical\", file = \"bad_counts.csv\" }",
     "$DATA/bad_counts.csv:2: channel \"chat\" touches.file: expected a count (an integer >= 1), "
     "got \"1.5\""},
    {"touches_not_a_table", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\ntouches = \"2\"",
     "x.toml:26:11: channel \"chat\" touches: expected a count distribution like { dist = "
     "\"geometric\", mean = 2 } or an integer count, got string \"2\""},
    {"reply_delay_missing", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\ntouches = 3",
     "x.toml:22:1: channel \"chat\": missing required key \"reply_delay\" (a duration or "
     "distribution: the customer's answer between touches, needed when touches can exceed 1)"},
    {"reply_delay_on_live_channel", "name = \"phone\"\nkind = \"agents\"",
     "name = \"phone\"\nkind = \"agents\"\nreply_delay = \"1h\"",
     "x.toml:21:15: channel \"phone\" reply_delay: expected a deferred channel (mode = "
     "\"deferred\"), got a live one"},
    {"callback_on_deferred_channel", "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"\ncallback_after = \"2m\"",
     "x.toml:26:18: channel \"chat\" callback_after: expected a live channel (mode = \"live\"), "
     "got a deferred one"},
    {"callback_share_without_after", "name = \"phone\"\nkind = \"agents\"",
     "name = \"phone\"\nkind = \"agents\"\ncallback_share = 0.5",
     "x.toml:18:1: channel \"phone\": missing required key \"callback_after\" (a duration: how "
     "long a caller waits before being offered a callback)"},
    {"patience_on_deferred_channel",
     "name = \"chat\"\nkind = \"agents\"",
     "name = \"chat\"\nkind = \"agents\"\nmode = \"deferred\"",
     "--set segment.smb.patience={ chat = { dist = \"exponential\", mean = \"5m\" } }: segment "
     "\"smb\" patience.chat: expected a live agents channel (patience is how long a customer waits "
     "on the line), got deferred channel \"chat\"",
     {"segment.smb.patience={ chat = { dist = \"exponential\", mean = \"5m\" } }"}},
    {"first_response_target_on_live_channel", "",
     "\n[targets.phone]\nfirst_response_within = \"4h\"\n",
     "x.toml:32:25: targets.phone.first_response_within: expected a deferred channel (mode = "
     "\"deferred\"), got a live one"},
    {"resolve_level_on_self_service", "",
     "\n[[channel]]\nname = \"help\"\nkind = \"self_service\"\n"
     "session_time = { dist = \"constant\", value = \"1m\" }\n[targets.help]\nresolve_level = "
     "0.8\n",
     "x.toml:36:17: targets.help.resolve_level: expected a deferred channel (mode = \"deferred\"), "
     "got a \"self_service\" channel"},
    {"recontact_share_one", "issues = { billing = 0.6, tech = 0.4 }",
     "issues = { billing = 0.6, tech = 0.4 }\nrecontact_share = 1",
     "x.toml:9:19: segment \"smb\" recontact_share: share must be in [0, 1) (a share of unresolved "
     "cases that come back), got 1"},
    {"set_through_value",
     "",
     "",
     "--set run.horizon.hours=8: run.horizon is string \"8h\", not a table",
     {"run.horizon.hours=8"}},
    {"set_member_without_key",
     "",
     "",
     "--set segment.smb=1: expected a key inside a segment member, e.g. segment.<name>.<key>",
     {"segment.smb=1"}},
};

class LoaderErrorTest : public ::testing::TestWithParam<ErrorRow> {};

TEST_P(LoaderErrorTest, ExactMessage) {
  const ErrorRow& row = GetParam();
  std::vector<Override> overrides;
  for (const char* set : row.sets) overrides.push_back(parse_override(set));
  std::string expected = row.expected;
  if (const std::size_t at = expected.find("$DATA"); at != std::string::npos) {
    expected.replace(at, 5, data_dir());
  }
  EXPECT_EQ(load_error(edited(row.from, row.to), overrides), expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, LoaderErrorTest, ::testing::ValuesIn(kErrorRows),
                         [](const auto& row_info) { return std::string(row_info.param.name); });

TEST(LoaderTest, MinimalScenarioGetsSpecDefaults) {
  const Scenario s = load_scenario_string(kMinimal, "scenarios/small.toml");
  EXPECT_EQ(s.run.name, "small");
  EXPECT_EQ(s.run.horizon_s, 8 * 3600);
  EXPECT_EQ(s.run.warmup_s, 0);
  EXPECT_EQ(s.run.replications, 10);
  EXPECT_EQ(s.run.seed, 1u);
  EXPECT_EQ(s.run.interval_s, 1800);
  EXPECT_EQ(s.run.drain_limit_s, 30 * 86400);
  EXPECT_EQ(s.targets.overall.answer_within_s, 20);
  EXPECT_EQ(s.targets.overall.service_level, 0.8);
  EXPECT_FALSE(s.targets.overall.max_abandonment);
  EXPECT_TRUE(s.profile.daily.empty());
  EXPECT_TRUE(s.profile.weekly.empty());
  ASSERT_EQ(s.channels.size(), 2u);
  const Channel& chat = s.channels[1];
  EXPECT_EQ(chat.kind, ChannelKind::kAgents);
  EXPECT_FALSE(chat.escalate_to);
  EXPECT_EQ(chat.escalate_share, 1);
  EXPECT_FALSE(chat.context_transfer);
  EXPECT_EQ(chat.repeat_penalty, 1.2);
  EXPECT_EQ(chat.concurrency, 1);
  EXPECT_EQ(chat.retry_share, 0);
  EXPECT_FALSE(chat.retry_delay);
  ASSERT_EQ(s.segments.size(), 1u);
  const Segment& smb = s.segments[0];
  EXPECT_EQ(smb.arrival_rate_per_s, 100.0 / 3600);
  EXPECT_EQ(smb.priority, 0);
  EXPECT_FALSE(smb.profile);
  ASSERT_EQ(smb.patience.size(), 2u);
  EXPECT_FALSE(smb.patience[0]);  // no patience given: never abandons
  ASSERT_EQ(smb.entry.size(), 2u);
  EXPECT_EQ(smb.entry[0].index, 0);
  EXPECT_EQ(smb.entry[0].share, 0.7);
  EXPECT_EQ(smb.entry[1].index, 1);
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.issues[0].resolve, (std::vector<double>{1, 1}));
  EXPECT_EQ(s.issues[1].handle_time.kind(), Distribution::Kind::kLognormal);
  EXPECT_EQ(s.skills, (std::vector<std::string>{"billing", "tech"}));
  ASSERT_EQ(s.groups.size(), 1u);
  const Group& tier1 = s.groups[0];
  EXPECT_TRUE(tier1.all_skills);
  EXPECT_EQ(tier1.skills, (std::vector<int>{0, 1}));
  EXPECT_TRUE(tier1.constant_agents);
  EXPECT_EQ(tier1.schedule.at(12345), 10);
  EXPECT_EQ(tier1.shrinkage, 0);
  EXPECT_EQ(tier1.hourly_cost, 0);
  EXPECT_EQ(s.file, "");
  EXPECT_EQ(s.sha256.size(), 64u);
}

TEST(LoaderTest, ReadsEveryKey) {
  const std::string text = edited("horizon = \"8h\"", R"(name = "full"
horizon = "1w"
warmup = "1d"
replications = 3
seed = 42
interval = "1h"
drain_limit = "2d"

[targets]
answer_within = "30s"
service_level = 0.9
max_abandonment = 0.05

[targets.chat]
answer_within = "1m"

[profile]
daily = [1, 2, 3]
weekly = [1, 1, 1, 1, 1, 0.5, 0.5]
busyness_cv = 0.1)") +
                           R"(
[[segment]]
name = "vip"
arrival_rate = "10/h"
entry = { phone = 1 }
issues = { billing = 1 }
patience = { phone = { dist = "uniform", min = "1m", max = "5m" } }
priority = 2
profile = { daily = [1, 3] }

[[issue]]
name = "refund"
handle_time = { dist = "weibull", mean = "4m", shape = 1.5 }
resolve = { phone = 0.5, chat = 0.25 }
skill = "billing"

[[channel]]
name = "email"
kind = "agents"
escalate_to = "phone"
escalate_share = 0.5
context_transfer = true
repeat_penalty = 1.5
cost_per_session = 2
fixed_cost_per_month = 100
concurrency = 3
retry_share = 0.2
retry_delay = "10m"

[[group]]
name = "email_team"
channels = ["email"]
skills = ["billing"]
schedule = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0]
hourly_cost = 25.5
shrinkage = 0.3
)";
  const Scenario s = load_scenario_string(text, "x.toml");
  EXPECT_EQ(s.run.name, "full");
  EXPECT_EQ(s.run.horizon_s, 7 * 86400);
  EXPECT_EQ(s.run.warmup_s, 86400);
  EXPECT_EQ(s.run.replications, 3);
  EXPECT_EQ(s.run.seed, 42u);
  EXPECT_EQ(s.run.interval_s, 3600);
  EXPECT_EQ(s.run.drain_limit_s, 2 * 86400);
  EXPECT_EQ(s.targets.overall.answer_within_s, 30);
  EXPECT_EQ(s.targets.overall.max_abandonment, 0.05);
  // [targets.chat] inherits what it does not give.
  const ServiceTarget& chat = s.targets.for_channel(1);
  EXPECT_EQ(chat.answer_within_s, 60);
  EXPECT_EQ(chat.service_level, 0.9);
  EXPECT_EQ(chat.max_abandonment, 0.05);
  EXPECT_EQ(&s.targets.for_channel(0), &s.targets.overall);
  EXPECT_EQ(s.profile.daily, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(s.profile.weekly.size(), 7u);
  EXPECT_EQ(s.profile.busyness_cv, 0.1);

  const Segment& vip = s.segments[1];
  EXPECT_EQ(vip.priority, 2);
  ASSERT_TRUE(vip.profile);
  EXPECT_EQ(vip.profile->daily, (std::vector<double>{1, 3}));
  EXPECT_EQ(&s.profile_of(vip), &*vip.profile);
  ASSERT_TRUE(vip.patience[0]);
  EXPECT_EQ(vip.patience[0]->kind(), Distribution::Kind::kUniform);
  EXPECT_FALSE(vip.patience[1]);
  EXPECT_FALSE(vip.patience[2]);

  const Issue& refund = s.issues[2];
  EXPECT_EQ(refund.skill, 0);  // shares the skill "billing"
  EXPECT_EQ(refund.resolve, (std::vector<double>{0.5, 0.25, 1}));
  EXPECT_EQ(s.skills.size(), 2u);

  const Channel& email = s.channels[2];
  EXPECT_EQ(email.escalate_to, 0);
  EXPECT_EQ(email.escalate_share, 0.5);
  EXPECT_TRUE(email.context_transfer);
  EXPECT_EQ(email.repeat_penalty, 1.5);
  EXPECT_EQ(email.cost_per_session, 2);
  EXPECT_EQ(email.fixed_cost_per_month, 100);
  EXPECT_EQ(email.concurrency, 3);
  EXPECT_EQ(email.retry_share, 0.2);
  ASSERT_TRUE(email.retry_delay);
  EXPECT_EQ(email.retry_delay->kind(), Distribution::Kind::kConstant);
  EXPECT_EQ(email.retry_delay->param_value(), 600);

  const Group& team = s.groups[1];
  EXPECT_FALSE(team.all_skills);
  EXPECT_EQ(team.skills, (std::vector<int>{0}));
  EXPECT_FALSE(team.constant_agents);
  EXPECT_EQ(team.schedule.period_s, 86400);
  EXPECT_EQ(team.schedule.at(8 * 3600), 2);
  EXPECT_EQ(team.schedule.at(86400 + 17 * 3600 + 1), 1);
  EXPECT_EQ(team.hourly_cost, 25.5);
  EXPECT_EQ(team.shrinkage, 0.3);
}

TEST(LoaderTest, PatienceForEveryAgentsChannel) {
  const Scenario s = load_scenario_string(
      edited("arrival_rate = \"100/h\"",
             "arrival_rate = \"100/h\"\npatience = { dist = \"gamma\", mean = \"3m\", cv = 2 }"),
      "x.toml");
  ASSERT_TRUE(s.segments[0].patience[0]);
  ASSERT_TRUE(s.segments[0].patience[1]);
  EXPECT_EQ(s.segments[0].patience[1]->param_cv(), 2);
}

TEST(LoaderTest, WeeklyScheduleAndDistributionRetryDelay) {
  std::string week = "[";
  for (int i = 0; i < 7 * 24; ++i) week += (i > 0 ? ", " : "") + std::to_string(i / 24);
  week += "]";
  const Scenario s = load_scenario_string(
      edited("agents = 10", "schedule = " + week), "x.toml",
      {{"run.interval", "1h"},
       {"channel.chat.retry_share", "0.5"},
       {"channel.chat.retry_delay", "{ dist = \"exponential\", mean = \"10m\" }"}});
  const Schedule& schedule = s.groups[0].schedule;
  EXPECT_EQ(schedule.period_s, 7 * 86400);
  EXPECT_EQ(schedule.steps.size(), 168u);
  EXPECT_EQ(schedule.at(3 * 86400 + 5), 3);
  EXPECT_EQ(schedule.at(7 * 86400 + 5), 0);
  ASSERT_TRUE(s.channels[1].retry_delay);
  EXPECT_EQ(s.channels[1].retry_delay->kind(), Distribution::Kind::kExponential);
}

TEST(LoaderTest, CsvScheduleAndEmpiricalFromFile) {
  const std::string path = data_dir() + "/with_files.toml";
  const Scenario s = load_scenario_file(path);
  EXPECT_EQ(s.file, path);
  EXPECT_EQ(s.run.name, "with_files");
  const Schedule& schedule = s.groups[0].schedule;
  EXPECT_EQ(schedule.csv_file, data_dir() + "/schedule_tier1.csv");
  EXPECT_EQ(schedule.period_s, 86400);  // rows within one day: a daily schedule
  EXPECT_EQ(schedule.at(0), 2);
  EXPECT_EQ(schedule.at(3600), 5);
  EXPECT_EQ(schedule.at(7200), 3);
  EXPECT_EQ(schedule.at(86400 + 60), 2);  // repeats like an inline daily schedule
  EXPECT_EQ(schedule.at(20 * 86400 + 3600), 5);
  const Distribution& handle = s.issues[0].handle_time;
  EXPECT_EQ(handle.kind(), Distribution::Kind::kEmpirical);
  EXPECT_EQ(handle.file(), data_dir() + "/handle_times.csv");
  EXPECT_EQ(handle.samples(), (std::vector<double>{240, 300, 420.5}));
}

// A CSV schedule repeats with the period its rows cover, like an inline one (a weekly plan used
// for a longer run must not drop to its last row after the first week).
TEST(LoaderTest, WeeklyCsvScheduleRepeatsEveryWeek) {
  const std::string dir = fs::temp_directory_path() / ("loader_csv_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream week(dir + "/week.csv");
    week << "interval_start_s,agents\n";
    for (int hour = 0; hour < 168; ++hour) week << hour * 3600 << "," << 1 + hour % 24 << "\n";
  }
  const Scenario s =
      load_scenario_string(edited("agents = 10", "schedule = \"week.csv\""), "x.toml",
                           {{"run.horizon", "4w"}, {"run.interval", "1h"}}, dir);
  const Schedule& schedule = s.groups[0].schedule;
  EXPECT_EQ(schedule.period_s, 7 * 86400);
  for (double t : {10 * 3600.0, 3 * 86400 + 5 * 3600.0, 6 * 86400 + 23 * 3600.0})
    for (int week = 1; week < 4; ++week)
      EXPECT_EQ(schedule.at(t + week * 7 * 86400), schedule.at(t)) << t << " week " << week;
  EXPECT_EQ(schedule.at(21 * 86400 + 10 * 3600), 11);
  EXPECT_EQ(schedule.next_change_after(7 * 86400 - 1), 7 * 86400);
  EXPECT_EQ(schedule.next_change_after(7 * 86400 + 10), 7 * 86400 + 3600);
  fs::remove_all(dir);
}

// Rows for 8 days (what `staff` writes for a 1-day warm-up and a 1-week horizon) cover that run;
// in the drain after it, the last week repeats so that weekdays and hours still match.
TEST(LoaderTest, CsvScheduleLongerThanAWeekCoversItsRunThenRepeatsItsLastWeek) {
  const Scenario s =
      load_scenario_string(edited("agents = 10", "schedule = \"schedule_8_days.csv\""), "x.toml",
                           {{"run.horizon", "1w"}, {"run.warmup", "1d"}}, data_dir());
  const Schedule& schedule = s.groups[0].schedule;
  EXPECT_EQ(schedule.period_s, 7 * 86400);
  EXPECT_EQ(schedule.repeat_from_s, 86400);
  EXPECT_EQ(schedule.at(0.5 * 86400), 1);  // day 0 as written
  EXPECT_EQ(schedule.at(7.5 * 86400), 8);  // day 7 as written
  EXPECT_EQ(schedule.at(8.5 * 86400), 2);  // day 8 is a Tuesday again: day 1's count
  EXPECT_EQ(schedule.at(14.5 * 86400), 8);
  EXPECT_EQ(schedule.at(15.5 * 86400), 2);
  EXPECT_EQ(schedule.next_change_after(7.5 * 86400), 8 * 86400);
  EXPECT_EQ(schedule.next_change_after(8.5 * 86400), 9 * 86400);
}

TEST(LoaderTest, FileIdentity) {
  const std::string path = data_dir() + "/with_files.toml";
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Scenario from_file = load_scenario_file(path);
  const Scenario from_string = load_scenario_string(bytes, path, {}, data_dir());
  EXPECT_EQ(from_file.sha256, from_string.sha256);
  // Overrides change the scenario, not the identity of the file it came from.
  EXPECT_EQ(load_scenario_file(path, {{"run.seed", "7"}}).sha256, from_file.sha256);
}

TEST(LoaderTest, UnreadableFile) {
  try {
    load_scenario_file("no/such/scenario.toml");
    FAIL() << "loaded a missing file";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "no/such/scenario.toml: cannot read file: No such file or directory");
  }
}

TEST(LoaderTest, ParseOverride) {
  const Override o = parse_override("segment.smb.entry.phone=0.4=x");
  EXPECT_EQ(o.key, "segment.smb.entry.phone");
  EXPECT_EQ(o.value, "0.4=x");
  try {
    parse_override("run.horizon");
    FAIL() << "accepted an option without '='";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "--set run.horizon: expected KEY=VALUE, e.g. --set run.horizon=8h");
  }
}

}  // namespace
}  // namespace supportsim
