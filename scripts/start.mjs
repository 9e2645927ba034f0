// `npm start`: the demo. Installs what is missing, builds, migrates and seeds a SQLite
// database under ./data, and serves the API, the widgets and the host example on :8080, and
// the second brand's site (host-examples/other-site, another site than the core's) on
// http://127.0.0.1:8081.
import { spawn } from "node:child_process";
import { build, ensureDependencies, root } from "./lib/prepare.mjs";

ensureDependencies();
build();
const otherSite = "http://127.0.0.1:8081";
const core = spawn(process.execPath, ["core/dist/cli/main.js", "demo", "--other-site-origin", otherSite, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { CABINET_DATABASE__URL: "sqlite:./data/demo.sqlite", ...process.env },
});
// Orbit's own backend: its own users; it reaches the core over HTTP with the demo's API key.
const site = spawn(process.execPath, ["host-examples/other-site/server.mjs"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: "8081", HOST: "127.0.0.1", CORE_URL: process.env.CORE_URL ?? "http://localhost:8080" },
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    core.kill(signal);
    site.kill(signal);
  });
}
core.on("exit", (code) => {
  site.kill("SIGTERM");
  process.exit(code ?? 0);
});
