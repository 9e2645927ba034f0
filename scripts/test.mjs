// `npm test`: every test, on a fresh machine too. Installs and starts what is missing
// (npm dependencies, Chromium, MariaDB, Redis), builds, then runs the unit and integration
// tests on SQLite and on MariaDB, the widgets' component tests and the browser tests, after the linter; prints one summary line at the end.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { build, ensureChromium, ensureDependencies, ensureMariaDb, ensureRedis, root, step } from "./lib/prepare.mjs";

const started = Date.now();
const reports = join(root, "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

ensureDependencies();
ensureChromium();
const mysqlUrl = await ensureMariaDb();
const redisUrl = await ensureRedis();
build();

const suites = [
  {
    // ESLint and the module-boundary rule (dependency-cruiser): a finding fails `npm test` like a failing test.
    name: "lint (ESLint + module boundaries)",
    command: ["npm", "run", "--silent", "lint"],
    env: {},
    count: (r) => (r.status === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 }),
  },
  {
    name: "unit + integration on SQLite",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, "sqlite.json")}`],
    env: { CABINET_TEST_DB: "sqlite" },
    count: (r) => vitestCounts(r, "sqlite.json"),
  },
  {
    name: "unit + integration on MariaDB",
    // The widgets' unit tests touch no database: once, on the SQLite pass, is enough.
    command: ["npx", "vitest", "run", "core", "plugins", "--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, "mysql.json")}`],
    env: { CABINET_TEST_DB: "mysql", CABINET_TEST_MYSQL_URL: mysqlUrl },
    count: (r) => vitestCounts(r, "mysql.json"),
  },
  {
    // Each widget's states (loading, loaded, empty, failed + retry, no access) in a real Chromium,
    // against a scripted API: vitest's browser mode (vitest.browser.config.ts).
    name: "widget components (vitest browser + Chromium)",
    command: [
      "npx",
      "vitest",
      "run",
      "--config",
      "vitest.browser.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${join(reports, "components.json")}`,
    ],
    env: {},
    count: (r) => vitestCounts(r, "components.json"),
  },
  {
    name: "browser (Playwright + Chromium)",
    command: ["npx", "playwright", "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, "e2e.json") },
    count: () => playwrightCounts(),
  },
];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(reports, file), "utf8"));
  } catch {
    return null;
  }
}

function vitestCounts(_result, file) {
  const json = readJson(file);
  if (!json) return null;
  // A file that failed to load has no failed test of its own; count it as one failure.
  const brokenFiles = json.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  return { passed: json.numPassedTests, failed: json.numFailedTests + brokenFiles, skipped: json.numPendingTests + json.numTodoTests };
}

function playwrightCounts() {
  const json = readJson("e2e.json");
  if (!json) return null;
  const s = json.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const results = [];
for (const suite of suites) {
  step(`${suite.name}`);
  const t0 = Date.now();
  const result = spawnSync(suite.command[0], suite.command.slice(1), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CABINET_TEST_REDIS_URL: redisUrl, ...suite.env },
  });
  const counts = suite.count(result) ?? { passed: 0, failed: 1, skipped: 0 };
  // A runner that crashed before reporting is a failure, whatever it counted.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name: suite.name, ...counts, seconds: Math.round((Date.now() - t0) / 1000) });
}

step(`summary (${Math.round((Date.now() - started) / 1000)} s)`);
for (const r of results) console.log(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds} s)`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
