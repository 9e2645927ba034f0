// Cabinet's billing run in a process of its own, so its peak RSS is the run's alone (not the
// fleet generator's): argv = database URL, batch size. Sends { summary, ms, maxRssBytes }.
import "reflect-metadata";
import { createCabinet } from "@cabinet/core";
import { RunBilling } from "../../core/dist/modules/services/run-billing.js";
import { billingProgress } from "../../core/dist/cli/billing-progress.js";

const [url, batchSize] = process.argv.slice(2);
const cabinet = await createCabinet({
  env: "production",
  log: { level: "fatal" },
  database: { url, poolMax: 4 },
  auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
  billing: { batchSize: Number(batchSize), intervalMinutes: 0 },
});
const progress = billingProgress(process.stdout, { everyMs: 10_000 });
const started = performance.now();
const summary = await cabinet.container.resolve(RunBilling).execute({ onProgress: progress.update, alone: true });
const ms = performance.now() - started;
progress.finish(summary);
await cabinet.stop();
process.send({ summary, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
process.disconnect();
