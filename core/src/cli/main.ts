#!/usr/bin/env node
import "reflect-metadata";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config/load-config.js";
import { createCabinet, type Cabinet, type CabinetOptions } from "../kernel/create-cabinet.js";
import { PluginError } from "../kernel/extension-registry.js";
import { SeedDemo } from "../seed/seed-demo.js";
import { demoClients } from "../seed/demo-data.js";
import type { CabinetConfigInput } from "../config/config.schema.js";

const usage = `Usage: cabinet <command> [--config <file.json>]

Commands:
  migrate    apply pending database migrations (the core's and the enabled plugins')
  seed       add the demo brand, products and clients (running it twice changes nothing)
  serve      run the API (and the widget bundle at /widgets)
  demo       migrate, seed and serve the demo with the host example site at /
  openapi    print the OpenAPI document

Configuration: a JSON file (--config or CABINET_CONFIG) and CABINET_* variables,
for example CABINET_DATABASE__URL=mysql://user:pass@127.0.0.1:3306/cabinet. See docs/config.md.`;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const widgetsDir = `${repoRoot}widgets/dist`;
const hostExampleDir = `${repoRoot}host-examples/static-site`;

function parseArgs(argv: string[]): { command?: string; configFile?: string } {
  const [command, ...rest] = argv;
  const at = rest.indexOf("--config");
  return { command, configFile: at >= 0 ? rest[at + 1] : process.env.CABINET_CONFIG };
}

const say = (message: string) => process.stdout.write(`${message}\n`);

async function open(configFile: string | undefined, overrides: CabinetConfigInput, options: CabinetOptions = {}): Promise<Cabinet> {
  // Validate the file and environment first: a bad value stops here with one line.
  const config = loadConfig({ file: configFile, env: process.env, overrides });
  return createCabinet(config, options);
}

function stopOnSignals(cabinet: Cabinet): void {
  const stop = async (signal: string) => {
    say(`${signal}: stopping`);
    await cabinet.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

async function main(): Promise<number> {
  const { command, configFile } = parseArgs(process.argv.slice(2));
  const quiet: CabinetConfigInput = { log: { level: "warn" } };
  switch (command) {
    case "migrate": {
      const cabinet = await open(configFile, quiet);
      const applied = await cabinet.migrate(say);
      say(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
      await cabinet.stop();
      return 0;
    }
    case "seed": {
      const cabinet = await open(configFile, quiet);
      await cabinet.container.resolve(SeedDemo).execute((m) => say(`seed: ${m}`));
      await cabinet.stop();
      return 0;
    }
    case "openapi": {
      const cabinet = await open(configFile, quiet);
      say(JSON.stringify(cabinet.openApi(), null, 2));
      await cabinet.stop();
      return 0;
    }
    case "serve": {
      const cabinet = await open(configFile, {}, { staticDirs: existsSync(widgetsDir) ? [{ prefix: "/widgets", dir: widgetsDir }] : [] });
      stopOnSignals(cabinet);
      say(`Cabinet API on ${await cabinet.start()}/api/v1`);
      return -1;
    }
    case "demo": {
      // The demo pays through the sandbox's test cards; a config that names its own plugins wins.
      const demoPlugins: CabinetConfigInput = loadConfig({ file: configFile, env: process.env }).plugins.length
        ? {}
        : { plugins: [{ name: "payment-sandbox", module: "@cabinet/plugin-payment-sandbox", options: {} }] };
      const cabinet = await open(configFile, demoPlugins, {
        staticDirs: [
          { prefix: "/widgets", dir: widgetsDir },
          { prefix: "/", dir: hostExampleDir },
        ],
      });
      await cabinet.migrate((m) => say(`migrate: ${m}`));
      const port = cabinet.config.http.port;
      await cabinet.container
        .resolve(SeedDemo)
        .execute((m) => say(`seed: ${m}`), { allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
      stopOnSignals(cabinet);
      const url = await cabinet.start();
      say("");
      say(`Northwind Hosting (the demo provider's site) is on ${url}/`);
      say(`API: ${url}/api/v1   OpenAPI: ${url}/api/v1/openapi.json`);
      for (const client of demoClients) say(`Sign in as ${client.email} / ${client.password}`);
      say("Pay with the sandbox's test card 4242 4242 4242 4242 (4000 0000 0000 0002 is declined).");
      say("Ctrl+C stops it.");
      return -1;
    }
    default:
      say(usage);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof PluginError) {
      process.stderr.write(`cabinet: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`cabinet: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
