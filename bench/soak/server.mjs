// The node bench:soak loads: one Cabinet (the built core) on MariaDB with the sandbox gateway,
// a fresh database, and `clients` clients with money on their balance, signed in. Tells the
// parent its URL and the clients' tokens; answers "rss" with its resident set size.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { inTransaction } from "@cabinet/core";
import sandbox from "@cabinet/plugin-payment-sandbox";
import { benchCabinet, freshMariaDb } from "../lib/cabinet.mjs";

const [clientsArg] = process.argv.slice(2);
const clients = Number(clientsArg);
const database = await freshMariaDb("cabinet_bench_soak");
const { cabinet, httpUrl: url } = await benchCabinet({
  url: database.url,
  serve: true,
  poolMax: 10,
  plugins: [sandbox],
  config: {
    auth: { signInLimitPerIp: { points: 100_000, durationSeconds: 60 } },
    // Ticket flood limits are per user: the soak's clients open more than a person would.
    support: { openLimitPerUser: { points: 100_000, durationSeconds: 60 }, messageLimitPerUser: { points: 100_000, durationSeconds: 60 } },
    plugins: [{ name: "payment-sandbox", options: { webhookSecret: "soak-webhook-secret-0123456789", allowInProduction: true } }],
  },
});
const { SignUp } = await import("../../core/dist/modules/accounts/sign-up.js");
const { BrandDirectory } = await import("../../core/dist/modules/brands/brand-directory.js");
const { PostLedgerEntry } = await import("../../core/dist/modules/ledger/post-ledger-entry.js");

const brand = await cabinet.container.resolve(BrandDirectory).bySlug("demo");
const tokens = [];
for (let i = 0; i < clients; i++) {
  const email = `soak-${i}-${randomUUID().slice(0, 8)}@example.org`;
  const { account } = await cabinet.container.resolve(SignUp).execute({
    brand,
    email,
    password: "soak password 123",
    name: `Soak ${i}`,
    kind: "person",
    ip: `10.0.${i >> 8}.${i & 255}`,
    userAgent: "bench:soak",
  });
  const session = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "soak password 123", mode: "bearer" }),
  }).then((r) => r.json());
  await inTransaction(cabinet.db, (trx) =>
    cabinet.container
      .resolve(PostLedgerEntry)
      .execute(trx, { accountId: account.id, amount: 100_000_000, currency: "USD", kind: "payment", description: "soak money", idempotencyKey: randomUUID() }),
  );
  tokens.push(session.token);
}
const product = await cabinet.db("products").where({ code: "vps" }).first();
const department = await cabinet
  .db("support_departments")
  .first()
  .catch(() => undefined);

process.on("message", async (message) => {
  if (message === "rss") process.send({ rss: process.memoryUsage().rss });
  if (message === "stop") {
    await cabinet.stop({ graceMs: 2000 });
    await database.drop();
    process.exit(0);
  }
});
process.send({ url, tokens, productId: product.id, departmentId: department?.id });
