// End-to-end test of report.html in a real browser: runs `supportsim run`, `sweep`, `staff`, `mix`,
// `calibrate` (on a `run --log`) and `report` on a staffing folder given a roster.csv, opens each report.html in headless
// Chromium (Debian's chromium-headless-shell or chromium, driven by playwright-core), and checks
// that no console error occurred, that every chart id of the kind holds a drawn SVG, and that the
// page requested nothing but itself. Saves a full-page screenshot of each under the work folder.
//
//   node report_browser_test.mjs SUPPORTSIM WORK_DIR NODE_MODULES
// Exit status 0 when every check passes, 1 when one fails, 77 (skipped) when no Chromium is
// installed and CI is not set (scripts/setup installs it; CI must not skip).

import {execFileSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {createRequire} from "node:module";

const [supportsim, work, modules] = process.argv.slice(2);
if (!supportsim || !work || !modules) {
  console.error("usage: node report_browser_test.mjs SUPPORTSIM WORK_DIR NODE_MODULES");
  process.exit(2);
}
const browsers = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];
const executablePath = process.env.SUPPORTSIM_CHROMIUM || browsers.find((b) => fs.existsSync(b));
if (!executablePath) {
  console.error("no Chromium found (" + browsers.join(", ") + "): run scripts/setup");
  process.exit(process.env.CI ? 1 : 77);
}
const {chromium} = createRequire(path.join(path.resolve(modules), "noop.js"))("playwright-core");

const kRunCharts = ["service_level", "load_vs_agents", "occupancy_heatmap", "cost_breakdown",
                    "journeys", "segments"];
const kSmallScenario = `[run]
name = "small"
horizon = "4h"
warmup = "2h"
interval = "30m"
replications = 3
[targets]
answer_within = "20s"
service_level = 0.8
[[segment]]
name = "callers"
arrival_rate = "120/h"
entry = { phone = 1.0 }
issues = { question = 1.0 }
patience = { dist = "exponential", mean = "3m" }
[[issue]]
name = "question"
handle_time = { dist = "exponential", mean = "4m" }
[[channel]]
name = "phone"
kind = "agents"
[[group]]
name = "agents"
channels = ["phone"]
agents = 9
hourly_cost = 42
`;
const kRoster = `group,shift,day,start,end,agents
agents,early,Mon,06:00,14:00,5
agents,late,Mon,12:00,20:00,4
agents,night,Sun,22:00,06:00,1
`;

function supportsimRun(args) {
  execFileSync(supportsim, args, {stdio: ["ignore", "ignore", "inherit"]});
}

fs.rmSync(work, {recursive: true, force: true});
fs.mkdirSync(work, {recursive: true});
const small = path.join(work, "small.toml");
fs.writeFileSync(small, kSmallScenario);
const started = Date.now();
supportsimRun(["run", "--out", path.join(work, "run"), "--quiet", "--jobs", "2"]);
supportsimRun(["sweep", "--vary", "channel.phone.retry_share=0,0.3,0.6", "--replications", "3",
               "--out", path.join(work, "sweep"), "--quiet", "--jobs", "2"]);
supportsimRun(["staff", small, "--out", path.join(work, "staff"), "--quiet", "--jobs", "2"]);
supportsimRun(["mix", small, "--vary", "segment.callers.arrival_rate=100/h,120/h", "--out",
               path.join(work, "mix"), "--quiet", "--jobs", "2"]);
fs.cpSync(path.join(work, "staff"), path.join(work, "roster"), {recursive: true});
fs.writeFileSync(path.join(work, "roster", "roster.csv"), kRoster);
supportsimRun(["report", path.join(work, "roster"), "--quiet"]);
supportsimRun(["run", small, "--set", "run.horizon=2d", "--replications", "1", "--out",
               path.join(work, "logged"), "--quiet", "--log", path.join(work, "log.csv")]);
supportsimRun(["calibrate", path.join(work, "log.csv"), "--out", path.join(work, "fitted.toml"),
               "--fit-dir", path.join(work, "calibrate"), "--quiet"]);
console.log(`simulations and reports written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const cases = [
  {name: "run", charts: kRunCharts},
  {name: "sweep", charts: ["points"]},
  {name: "staff", charts: ["plan", ...kRunCharts.filter((c) => c !== "segments"), "segments"]},
  {name: "roster", charts: ["plan", "roster", ...kRunCharts]},
  {name: "mix", charts: ["frontier", "points"]},
  {name: "calibrate", charts: ["fit_daily", "fit_handle_times"]},
];

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "supportsim-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: {width: 1100, height: 900},
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let passed = 0, failed = 0;
try {
  for (const c of cases) {
    const file = path.join(work, c.name, "report.html");
    const url = "file://" + file;
    const problems = [];
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("request", (r) => { if (r.url() !== url) problems.push("request: " + r.url()); });
    const t0 = Date.now();
    await page.goto(url);
    try {
      await page.waitForSelector('body[data-report="done"]', {timeout: 20000});
    } catch (e) {
      problems.push("the charts did not settle within 20 s");
    }
    const charts = await page.$$eval("[data-chart]", (elements) => elements.map((e) => ({
      id: e.getAttribute("data-chart"),
      status: e.getAttribute("data-status"),
      marks: e.querySelectorAll("svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, " +
                                "svg .mark-rule line, svg .mark-text text").length,
    })));
    const ids = charts.map((x) => x.id);
    for (const id of c.charts)
      if (!ids.includes(id)) problems.push(`no element data-chart="${id}"`);
    for (const x of charts)
      if (x.status !== "drawn" || x.marks === 0)
        problems.push(`chart ${x.id}: status ${x.status}, ${x.marks} marks drawn`);
    const shot = path.join(work, c.name + ".png");
    await page.screenshot({path: shot, fullPage: true});
    await page.close();
    const ms = Date.now() - t0;
    if (problems.length === 0) {
      ++passed;
      console.log(`ok ${c.name}: ${charts.length} charts drawn as SVG in ${ms} ms, no request, no ` +
                  `console error; screenshot ${shot}`);
    } else {
      ++failed;
      console.log(`FAILED ${c.name} (${file}):\n  ` + problems.join("\n  "));
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, {recursive: true, force: true});
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
