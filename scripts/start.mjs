// `npm start`: the demo. Installs what is missing, builds, migrates and seeds a SQLite
// database under ./data, and serves the API, the widgets and the host example on :8080.
import { spawn } from "node:child_process";
import { build, ensureDependencies, root } from "./lib/prepare.mjs";

ensureDependencies();
build();
const child = spawn(process.execPath, ["core/dist/cli/main.js", "demo", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { CABINET_DATABASE__URL: "sqlite:./data/demo.sqlite", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
