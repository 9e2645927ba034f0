#!/usr/bin/env node
import "reflect-metadata";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config/load-config.js";
import { createCabinet, type Cabinet, type CabinetOptions } from "../app/create-cabinet.js";
import { PluginError } from "../kernel/extension-registry.js";
import { SeedDemo } from "../seed/seed-demo.js";
import { demoBrand, demoClients, demoLegalDocuments, otherSiteDemoKey } from "../seed/demo-data.js";
import { hostSiteRenderer } from "./host-site.js";
import { ApiKeyRepository, hashSecret, ManageApiKeys } from "../modules/accounts/index.js";
import { BrandRepository } from "../modules/brands/index.js";
import { CreateStaffMember, demoStaff } from "../modules/staff/index.js";
import { CabinetError } from "../errors/cabinet-error.js";
import type { CabinetConfigInput } from "../config/config.schema.js";
import { RunBilling } from "../modules/services/index.js";
import { billingProgress } from "./billing-progress.js";
import { scheduleBilling } from "../jobs/schedule-billing.js";
import { brandCommand, brandUsage } from "./brand-command.js";
import { scheduleRecovery } from "../jobs/recovery-sweep.js";
import { TOKENS } from "../kernel/tokens.js";
import type { BrandLookup } from "../modules/brands/index.js";
import { legalDocumentKinds, ListLegalDocuments, PublishLegalDocument, type LegalDocumentKind } from "../modules/privacy/index.js";

const usage = `Usage: cabinet <command> [--config <file.json>]

Commands:
  migrate    apply pending database migrations (the core's and the enabled plugins')
  seed       add the demo brand, products and clients (running it twice changes nothing)
  serve      run the API (and the widget bundle at /widgets); env is production
             unless the config file or CABINET_ENV says otherwise
  demo       migrate, seed and serve the demo with the host example site at /
  openapi    print the OpenAPI document
  billing-run
             renew the services due (from balances, or with renewal invoices), cancel
             those cancelled at period end, suspend the unpaid ones past the grace and
             delete those past the longer grace
             (settings under "billing"); shows progress and prints a summary. Safe to
             run again, or from several machines at once on MySQL/MariaDB; serve and
             demo also run it every billing.intervalMinutes
  create-staff --brand <slug> --email <e-mail> --name <name> --role <admin|finance|support>
             add a staff member to a brand (a second run with the same e-mail changes
             nothing); the password comes from CABINET_STAFF_PASSWORD or standard input
${brandUsage}
  api-key create --brand <slug> --name <name>
             a key for the provider's backend to call the sign-in hand-off with; printed
             once (only its hash is kept)
  api-key list --brand <slug>      the brand's keys (ids, names, last use), never the keys
  api-key revoke <key id>          refuse the key from now on
  publish-legal-document --brand <slug> --kind <privacy_policy|terms|marketing_email|marketing_sms>
             --title <title> --file <text file> --must-agree <yes|no>
             [--show-on-sign-up <yes|no>] [--show-after-sign-in <yes|no>] [--effective-at <ISO date>]
             publish the next version of a brand's legal document; a must-agree one
             stops the brand's signed-in clients until they accept it

Configuration: a JSON file (--config or CABINET_CONFIG) and CABINET_* variables,
for example CABINET_DATABASE__URL=mysql://user:pass@127.0.0.1:3306/cabinet. See docs/config.md.`;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const widgetsDir = `${repoRoot}widgets/dist`;
const hostExampleDir = `${repoRoot}host-examples/static-site`;
const hostPageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function parseArgs(argv: string[]): { command?: string; configFile?: string; flags: Map<string, string>; positional: string[] } {
  const [command, ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i].startsWith("--") && i + 1 < rest.length) flags.set(rest[i].slice(2), rest[++i]);
    else positional.push(rest[i]);
  }
  return { command, configFile: flags.get("config") ?? process.env.CABINET_CONFIG, flags, positional };
}

/**
 * A password from CABINET_STAFF_PASSWORD, else from standard input: typed at a prompt without
 * echo, or piped (one line). Never from the command line, where `ps` and shell history show it.
 */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.CABINET_STAFF_PASSWORD;
  if (fromEnv) return fromEnv;
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = "";
    for await (const chunk of stdin) text += String(chunk);
    return text.replace(/\r?\n$/, "");
  }
  process.stderr.write("Password: ");
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  try {
    let password = "";
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return password;
        if (char === "\u0003") throw new Error("cancelled");
        password = char === "\u007f" ? password.slice(0, -1) : password + char;
      }
    }
    return password;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

const say = (message: string) => process.stdout.write(`${message}\n`);

async function open(
  configFile: string | undefined,
  overrides: CabinetConfigInput,
  options: CabinetOptions = {},
  defaults: CabinetConfigInput = {},
): Promise<Cabinet> {
  // Validate the file and environment first: a bad value stops here with one line.
  // CABINET_STAFF_PASSWORD is create-staff's input, not a setting: the config would refuse it as unknown.
  const { CABINET_STAFF_PASSWORD: _, ...env } = process.env;
  const config = loadConfig({ file: configFile, env, defaults, overrides });
  return createCabinet(config, options);
}

/**
 * A graceful stop on SIGTERM or SIGINT, bounded by `http.shutdownTimeoutMs`: no new connections,
 * streams ended (their clients reconnect elsewhere), requests in flight finish within half the
 * bound (then their connections are cut), running jobs finish and the rest stay queued (BullMQ)
 * or are found again by the recovery sweep (in-memory queue). Past the bound, or on a second
 * signal, the process exits at once with code 1.
 */
function stopOnSignals(cabinet: Cabinet): void {
  const timeoutMs = cabinet.config.http.shutdownTimeoutMs;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      say(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: stopping (at most ${timeoutMs} ms)`);
    const deadline = setTimeout(() => {
      cabinet.logger.error({ timeoutMs }, "shutdown took too long: exiting");
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    try {
      await cabinet.stop({ graceMs: Math.floor(timeoutMs / 2) });
    } catch (error) {
      cabinet.logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

async function main(): Promise<number> {
  const { command, configFile, flags, positional } = parseArgs(process.argv.slice(2));
  // One-shot commands deliver no notifications: `serve` does, and they wait in the outbox for it.
  const quiet: CabinetConfigInput = { log: { level: "warn" }, notifications: { delivery: { enabled: false } } };
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
      await cabinet.container.resolve(CreateStaffMember).execute(demoStaff);
      say(`seed: staff ${demoStaff.email}`);
      await cabinet.stop();
      return 0;
    }
    case "create-staff": {
      if (flags.has("password")) throw new UsageError("the password is read from CABINET_STAFF_PASSWORD or standard input, never from the command line");
      const missing = ["brand", "email", "name", "role"].filter((flag) => !flags.get(flag));
      if (missing.length) throw new UsageError(`create-staff needs ${missing.map((m) => `--${m}`).join(", ")}`);
      const password = await readPassword();
      const cabinet = await open(configFile, quiet);
      try {
        const { member, created } = await cabinet.container.resolve(CreateStaffMember).execute({
          brandSlug: flags.get("brand")!,
          email: flags.get("email")!,
          name: flags.get("name")!,
          role: flags.get("role")!,
          password,
        });
        say(
          created
            ? `created staff member ${member.email} (${member.role}) in brand ${flags.get("brand")}`
            : `staff member ${member.email} exists (${member.role}); left unchanged`,
        );
      } finally {
        await cabinet.stop();
      }
      return 0;
    }
    case "brand": {
      const cabinet = await open(configFile, quiet);
      try {
        say(await brandCommand(cabinet, positional, flags));
      } finally {
        await cabinet.stop();
      }
      return 0;
    }
    case "api-key": {
      const cabinet = await open(configFile, quiet);
      try {
        const keys = cabinet.container.resolve(ManageApiKeys);
        const [action, id] = positional;
        if (action === "create") {
          if (!flags.get("brand") || !flags.get("name")) throw new UsageError("api-key create needs --brand and --name");
          const { key, apiKey } = await keys.create(flags.get("brand")!, flags.get("name")!);
          say(key);
          process.stderr.write(`created API key ${apiKey.id} for brand ${flags.get("brand")}: keep the key above secret; it is not shown again\n`);
        } else if (action === "list") {
          if (!flags.get("brand")) throw new UsageError("api-key list needs --brand");
          for (const k of await keys.list(flags.get("brand")!)) {
            say(`${k.id}\t${k.name}\t${k.revokedAt ? "revoked" : "live"}\tlast used ${k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : "never"}`);
          }
        } else if (action === "revoke") {
          if (!id) throw new UsageError("api-key revoke needs the key's id (key_…)");
          await keys.revoke(id);
          say(`revoked API key ${id}`);
        } else {
          throw new UsageError("api-key needs create, list or revoke");
        }
      } finally {
        await cabinet.stop();
      }
      return 0;
    }
    case "publish-legal-document": {
      const missing = ["brand", "kind", "title", "file", "must-agree"].filter((flag) => !flags.get(flag));
      if (missing.length) throw new UsageError(`publish-legal-document needs ${missing.map((m) => `--${m}`).join(", ")}`);
      const kind = flags.get("kind")!;
      if (!(legalDocumentKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${legalDocumentKinds.join(", ")}`);
      const yesNo = (flag: string, fallback: boolean) => {
        const value = flags.get(flag);
        if (value === undefined) return fallback;
        if (value !== "yes" && value !== "no") throw new UsageError(`--${flag} must be yes or no`);
        return value === "yes";
      };
      const effective = flags.get("effective-at");
      if (effective !== undefined && Number.isNaN(Date.parse(effective))) throw new UsageError("--effective-at must be an ISO 8601 date");
      const input = {
        kind: kind as LegalDocumentKind,
        title: flags.get("title")!,
        body: readFileSync(flags.get("file")!, "utf8"),
        mustAgree: yesNo("must-agree", false),
        showOnSignUp: yesNo("show-on-sign-up", false),
        showAfterSignIn: yesNo("show-after-sign-in", true),
        effectiveAt: effective === undefined ? undefined : Date.parse(effective),
      };
      const cabinet = await open(configFile, quiet);
      try {
        const brand = await cabinet.container.resolve<BrandLookup>(TOKENS.Brands).bySlug(flags.get("brand")!);
        if (!brand) throw new UsageError(`there is no brand ${flags.get("brand")}`);
        const doc = await cabinet.container.resolve(PublishLegalDocument).execute({ ...input, brandId: brand.id, publishedBy: "cli" });
        say(`published ${doc.kind} version ${doc.version} (${doc.id}) in brand ${brand.slug}, in force from ${new Date(doc.effectiveAt).toISOString()}`);
      } finally {
        await cabinet.stop();
      }
      return 0;
    }
    case "openapi": {
      // Its standard output is the document: no warning line may land in it.
      const cabinet = await open(configFile, { ...quiet, log: { level: "error" } });
      say(JSON.stringify(cabinet.openApi(), null, 2));
      await cabinet.stop();
      return 0;
    }
    case "billing-run": {
      const cabinet = await open(configFile, quiet);
      try {
        const progress = billingProgress(process.stdout);
        const summary = await cabinet.container.resolve(RunBilling).execute({ onProgress: progress.update, alone: true });
        progress.finish(summary);
      } finally {
        await cabinet.stop();
      }
      return 0;
    }
    case "serve": {
      // Safe unless told otherwise: a server facing clients is production (secure cookies, no test
      // gateway, no webhooks into the provider's network) unless the file or CABINET_ENV says else.
      const cabinet = await open(
        configFile,
        {},
        { staticDirs: existsSync(widgetsDir) ? [{ prefix: "/widgets", dir: widgetsDir }] : [] },
        { env: "production" },
      );
      await scheduleBilling(cabinet.container);
      await scheduleRecovery(cabinet.container);
      stopOnSignals(cabinet);
      say(`Cabinet API on ${await cabinet.start()}/api/v1`);
      return -1;
    }
    case "demo": {
      // The demo pays through the sandbox's test cards; a config that names its own plugins wins.
      const demoPlugins: CabinetConfigInput = loadConfig({ file: configFile, env: process.env }).plugins.length
        ? {}
        : {
            plugins: [
              { name: "payment-sandbox", module: "@cabinet/plugin-payment-sandbox", options: {} },
              { name: "payment-bank-transfer", module: "@cabinet/plugin-payment-bank-transfer", options: {} },
              ...(existsSync("/usr/bin/chromium") ? [{ name: "documents-chromium", module: "@cabinet/plugin-documents-chromium", options: {} }] : []),
            ],
          };
      const cabinet = await open(
        configFile,
        demoPlugins,
        {
          staticDirs: [
            { prefix: "/widgets", dir: widgetsDir },
            // The host example as a provider should serve its pages: a strict CSP, no inline
            // script or style; the widgets (same origin here) need nothing more.
            // Its pages are rendered when served: the shared header and footer, prices and legal
            // details from the demo brand's catalog and settings (host-site.ts).
            {
              prefix: "/",
              dir: hostExampleDir,
              htmlHeaders: { "Content-Security-Policy": hostPageCsp },
              render: hostSiteRenderer(hostExampleDir, demoBrand.slug),
            },
          ],
        },
        // The demo on one machine, over plain http, with the sandbox's test cards.
        { env: "development" },
      );
      await cabinet.migrate((m) => say(`migrate: ${m}`));
      const port = cabinet.config.http.port;
      // The second brand's site (host-examples/other-site), another site than the core's.
      const otherSite = flags.get("other-site-origin") ?? "http://127.0.0.1:8081";
      await cabinet.container
        .resolve(SeedDemo)
        .execute((m) => say(`seed: ${m}`), { allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`], otherSiteOrigins: [otherSite] });
      await seedOtherSiteKey(cabinet);
      await publishDemoLegalDocuments(cabinet);
      await cabinet.container.resolve(CreateStaffMember).execute(demoStaff);
      await scheduleBilling(cabinet.container);
      await scheduleRecovery(cabinet.container);
      stopOnSignals(cabinet);
      const url = await cabinet.start();
      say("");
      say(`Northwind Hosting (the demo provider's site) is on ${url}/`);
      say(`Orbit Cloud (the second brand, another site, signing in through the hand-off) is on ${otherSite}/ (bob@orbit.example / orbit-demo)`);
      say(`API: ${url}/api/v1   OpenAPI: ${url}/api/v1/openapi.json`);
      for (const client of demoClients) say(`Sign in as ${client.email} / ${client.password}`);
      say(`Staff (${demoStaff.role}): ${demoStaff.email} / ${demoStaff.password} at POST ${url}/api/v1/staff/auth/sign-in`);
      say("Pay with the sandbox's test card 4242 4242 4242 4242 (4000 0000 0000 0002 is declined).");
      say("Ctrl+C stops it.");
      return -1;
    }
    default:
      say(usage);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

/** The demo's other site calls the hand-off with a known key (demo only; see demo-data.ts). */
async function seedOtherSiteKey(cabinet: Cabinet): Promise<void> {
  const brand = await cabinet.container.resolve(BrandRepository).findBySlug("orbit");
  if (!brand) return;
  const keys = cabinet.container.resolve(ApiKeyRepository);
  if ((await keys.listForBrand(brand.id)).some((k) => k.id === otherSiteDemoKey.id)) return;
  await keys.insert(
    { id: otherSiteDemoKey.id, brandId: brand.id, name: otherSiteDemoKey.name, createdAt: Date.now(), lastUsedAt: null, revokedAt: null },
    hashSecret(otherSiteDemoKey.secret),
  );
}

/** Northwind's terms and privacy policy, for its site's footer: published once (a second demo run changes nothing). */
async function publishDemoLegalDocuments(cabinet: Cabinet): Promise<void> {
  const brand = await cabinet.container.resolve<BrandLookup>(TOKENS.Brands).bySlug(demoBrand.slug);
  if (!brand) return;
  const published = await cabinet.container.resolve(ListLegalDocuments).execute(brand.id);
  for (const doc of demoLegalDocuments) {
    if (published.some((p) => p.kind === doc.kind)) continue;
    await cabinet.container
      .resolve(PublishLegalDocument)
      .execute({ ...doc, brandId: brand.id, mustAgree: false, showOnSignUp: false, showAfterSignIn: false, publishedBy: "cli" });
  }
}

/** A command used wrongly: said in one line, exit code 2. */
class UsageError extends Error {}

main().then(
  (code) => {
    // Exit once standard output has drained: a pipe is written asynchronously, and exiting at
    // once cut `cabinet openapi | …` short at 64 KB. (Negative: a server that keeps running.)
    if (code >= 0) process.stdout.write("", () => process.exit(code));
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`cabinet: ${error.message}\n`);
      process.exit(2);
    }
    // create-staff's refusals (unknown brand, bad role, short password) are the operator's to fix, not a crash.
    if (error instanceof CabinetError && error.status < 500) {
      process.stderr.write(`cabinet: ${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof ConfigError || error instanceof PluginError) {
      process.stderr.write(`cabinet: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`cabinet: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
