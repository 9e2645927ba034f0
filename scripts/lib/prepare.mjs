// What `npm start` and `npm test` need on a fresh machine, made ready step by step.
// Only Node's own modules here: this runs before `npm ci` has installed anything.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function step(message) {
  process.stdout.write(`\n▶ ${message}\n`);
}

/** Runs a command in the repo, printing its output; throws when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
}

const isRoot = () => process.getuid?.() === 0;
const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

let aptUpdated = false;
function aptInstall(packages, why) {
  if (!isRoot() || !has("apt-get")) {
    throw new Error(`${why}: install the Debian packages ${packages.join(", ")} (or run this as root so it can)`);
  }
  step(`installing ${packages.join(", ")} with apt (${why})`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) run("apt-get", ["update", "-qq"], { env });
  aptUpdated = true;
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env });
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(root, "node_modules", ".package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, "package-lock.json")).mtimeMs) return;
  step("installing npm dependencies (npm ci; better-sqlite3 and argon2 compile, about a minute)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

export function build() {
  step("building the core (tsc) and the widgets (rollup)");
  run("npm", ["run", "--silent", "build"]);
}

/** Debian's Chromium (browser tests, PDF documents) and pdftotext (to read the PDFs back). */
export function ensureChromium() {
  const missing = [];
  if (!existsSync("/usr/bin/chromium")) missing.push("chromium", "fonts-dejavu-core");
  if (!has("pdftotext")) missing.push("poppler-utils");
  if (missing.length) aptInstall(missing, "the browser tests and PDF documents use Debian's Chromium and poppler");
}

function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

async function waitFor(what, check, seconds = 60) {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

/**
 * A MariaDB/MySQL server for the tests: CABINET_TEST_MYSQL_URL if set, else the one on
 * 127.0.0.1:3306, else Debian's mariadb-server installed and started here. Returns a URL
 * (no database) whose user may create and drop the tests' databases.
 */
export async function ensureMariaDb() {
  if (process.env.CABINET_TEST_MYSQL_URL) return process.env.CABINET_TEST_MYSQL_URL;
  if (!(await portOpen(3306))) {
    if (!has("mariadbd") && !existsSync("/usr/sbin/mariadbd")) aptInstall(["mariadb-server"], "the tests run against MariaDB too");
    step("starting MariaDB");
    run("sh", ["-c", "mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld"]);
    run("start-stop-daemon", ["--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd", "--", "--user=mysql", "--bind-address=127.0.0.1"]);
    await waitFor("MariaDB", () => portOpen(3306));
  }
  // root with an empty password over TCP works on many developer machines; Debian's own
  // install lets root in only over the socket, so there a test user is made through it.
  const tryRoot = spawnSync("mariadb", ["-h", "127.0.0.1", "-uroot", "-e", "SELECT 1"], { stdio: "ignore" });
  if (tryRoot.status === 0) return "mysql://root@127.0.0.1:3306";
  execFileSync("mariadb", [
    "--protocol=socket",
    "-e",
    "CREATE USER IF NOT EXISTS 'cabinet_test'@'127.0.0.1' IDENTIFIED BY 'cabinet_test'; GRANT ALL PRIVILEGES ON *.* TO 'cabinet_test'@'127.0.0.1'; FLUSH PRIVILEGES;",
  ]);
  return "mysql://cabinet_test:cabinet_test@127.0.0.1:3306";
}

/** Redis on 127.0.0.1:6379 (shared state between core processes), started if need be. */
export async function ensureRedis() {
  if (await portOpen(6379)) return "redis://127.0.0.1:6379";
  if (!has("redis-server")) aptInstall(["redis-server"], "the tests share state between core processes through Redis");
  step("starting Redis");
  run("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]);
  await waitFor("Redis", () => portOpen(6379));
  return "redis://127.0.0.1:6379";
}
