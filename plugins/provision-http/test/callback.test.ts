import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PluginError, TOKENS, createCabinet, type ProvisioningReports } from "@cabinet/core";
import httpPlugin, { pendingActionMigrations } from "../src/index.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { json, ProviderServer } from "./provider-server.js";

// The provider's callback for an action it accepted with 202, through the real plugin in a real
// core: signed as the README says, or refused with 401 in the one error shape.

const secret = "shared secret of the provider";
const callbackSecret = "the provider's own callback secret";
let t: TestCabinet;
let provider: ProviderServer;
const reports: Parameters<ProvisioningReports["report"]>[0][] = [];

beforeAll(async () => {
  // A provider that takes every action on for later: the callback reports the outcome.
  provider = await new ProviderServer(secret, () => Math.floor(t.clock.now() / 1000)).start();
  provider.on("/cabinet", (request, res) => json(res, 202, { reference: `job-${request.body.serviceId}` }));
  t = await startTestCabinet({
    plugins: [httpPlugin],
    config: { plugins: [{ name: "provision-http", options: { url: `${provider.url}/cabinet`, secret, callbackSecret } }] },
  });
  // Stands in for the core's provisioning module: what matters here is what reaches it.
  t.cabinet.container.register(TOKENS.ProvisioningReports, { useValue: { report: async (input) => void reports.push(input) } satisfies ProvisioningReports });
  for (const action of ["create", "suspend"] as const) await accept(serviceId, action);
});
afterAll(async () => {
  await t.close();
  await provider.close();
});
beforeEach(() => void (reports.length = 0));

const serviceId = "svc_01jdcallback0001";

/** The core asks the provider, which answers 202: the action now awaits the provider's callback. */
async function accept(id: string, action: "create" | "suspend") {
  const result = await t.cabinet.extensions.get("provisioner", "http")!.provision({
    serviceId: id,
    accountId: "acc_01jdcallbackacc",
    brandId: "brd_01jdcallbackbrd",
    action,
    productCode: "vps-s",
    parameters: {},
    options: {},
    idempotencyKey: `${id}:${action}:1`,
  });
  expect(result).toEqual({ status: "pending", reference: `job-${id}` });
}
const nowSeconds = () => Math.floor(t.clock.now() / 1000);

/** Signs as a provider would, with its own HMAC code. */
function signed(body: unknown, options: { key?: string; timestamp?: number } = {}) {
  const rawBody = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? nowSeconds());
  const signature = `v1=${createHmac("sha256", options.key ?? callbackSecret)
    .update(`${timestamp}.${rawBody}`)
    .digest("hex")}`;
  return { rawBody, headers: { "x-cabinet-timestamp": timestamp, "x-cabinet-signature": signature } };
}

const callback = (message: { rawBody: string; headers: Record<string, string> }) => t.request("POST", "/api/v1/plugins/provision-http/callback", message);

async function expectRefused(message: { rawBody: string; headers: Record<string, string> }, reason: string) {
  const response = await callback(message);
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: { code: "CAB_ERR_UNAUTHENTICATED", message: "The callback's signature does not verify.", details: { reason } } });
  expect(reports).toEqual([]);
}

describe("the provision-http callback", () => {
  it("passes a signed 'done' with its data to the core's provisioning reports", async () => {
    const response = await callback(signed({ serviceId, action: "create", status: "done", data: { ip: "203.0.113.7" } }));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ received: true });
    expect(reports).toEqual([{ serviceId, action: "create", outcome: { status: "done", data: { ip: "203.0.113.7" } } }]);
  });

  it("passes a signed 'failed' with its reason; 'failed' without a reason is a bad request", async () => {
    expect((await callback(signed({ serviceId, action: "suspend", status: "failed", reason: "host unreachable" }))).status).toBe(200);
    expect(reports).toEqual([{ serviceId, action: "suspend", outcome: { status: "failed", reason: "host unreachable" } }]);
    reports.length = 0;
    // Verified over the bytes sent, so text in any script passes.
    expect((await callback(signed({ serviceId, action: "suspend", status: "failed", reason: "Хост недоступен — 東京 🚀" }))).status).toBe(200);
    expect(reports[0].outcome).toEqual({ status: "failed", reason: "Хост недоступен — 東京 🚀" });
    reports.length = 0;
    const response = await callback(signed({ serviceId, action: "suspend", status: "failed" }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
    expect(reports).toEqual([]);
  });

  it("refuses a bad signature, a message changed after signing, or one signed with the request secret instead of callbackSecret", async () => {
    const message = signed({ serviceId, action: "create", status: "done" });
    await expectRefused({ ...message, headers: { ...message.headers, "x-cabinet-signature": `v1=${"0".repeat(64)}` } }, "signature does not match");
    await expectRefused({ ...message, rawBody: JSON.stringify({ serviceId, action: "delete", status: "done" }) }, "signature does not match");
    await expectRefused(signed({ serviceId, action: "create", status: "done" }, { key: secret }), "signature does not match");
  });

  it("refuses a stale or future timestamp (a replay), and a message without the headers", async () => {
    const body = { serviceId, action: "create", status: "done" };
    await expectRefused(signed(body, { timestamp: nowSeconds() - 301 }), "timestamp outside the tolerance");
    await expectRefused(signed(body, { timestamp: nowSeconds() + 301 }), "timestamp outside the tolerance");
    await expectRefused({ rawBody: JSON.stringify(body), headers: {} }, "X-Cabinet-Timestamp and X-Cabinet-Signature are required");
    // Within the tolerance either way, it is taken.
    expect((await callback(signed(body, { timestamp: nowSeconds() - 299 }))).status).toBe(200);
  });

  it("is believed only for an action the provider accepted with 202, and again when repeated", async () => {
    const other = "svc_01jdcallback0002";
    const response = await callback(signed({ serviceId: other, action: "create", status: "done" }));
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    expect((await callback(signed({ serviceId, action: "delete", status: "done" }))).status).toBe(404);
    expect(reports).toEqual([]);

    await accept(other, "create");
    const message = signed({ serviceId: other, action: "create", status: "done" });
    expect((await callback(message)).status).toBe(200);
    // A provider that missed our 200 sends it again: the core hears it again and ignores the repeat.
    expect((await callback(message)).status).toBe(200);
    expect(reports).toEqual([0, 1].map(() => ({ serviceId: other, action: "create", outcome: { status: "done" } })));
  });

  it("validates the body: an unknown field or a service id that is not one is a bad request", async () => {
    for (const body of [
      { serviceId, action: "create", status: "done", extra: 1 },
      { serviceId: "acc_01jdnotaservice", action: "create", status: "done" },
      { serviceId, action: "reboot", status: "done" },
      { serviceId, action: "create", status: "done", data: { "not a key": "x" } },
    ]) {
      const response = await callback(signed(body));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
    }
    expect(reports).toEqual([]);
  });
});

describe("the plugin's migration", () => {
  it("was applied under the plugin's name, and rolls back and forward", async () => {
    const applied = (await t.cabinet.db("cabinet_migrations").select("name")).map((row: { name: string }) => row.name);
    expect(applied).toContain("provision-http/001_pending_actions");
    const [migration] = pendingActionMigrations;
    await migration.down(t.cabinet.db);
    expect(await t.cabinet.db.schema.hasTable("provision_http_pending")).toBe(false);
    await migration.up(t.cabinet.db);
    await accept("svc_01jdcallback0003", "create");
    expect((await callback(signed({ serviceId: "svc_01jdcallback0003", action: "create", status: "done" }))).status).toBe(200);
  });
});

describe("the provision-http plugin's options", () => {
  it("refuse a short secret and a URL that is not http(s), naming the field", async () => {
    for (const [options, message] of [
      [{ url: "http://127.0.0.1:9/x", secret: "short" }, "secret must NOT have fewer than 16 characters"],
      [{ url: "ftp://127.0.0.1/x", secret }, 'url must match pattern "^https?://"'],
    ] as const) {
      const starting = createCabinet(
        { env: "test", log: { level: "silent" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "provision-http", options }] },
        { plugins: [httpPlugin] },
      );
      await expect(starting).rejects.toThrow(PluginError);
      await expect(starting).rejects.toThrow(`Plugin "provision-http" options: ${message}`);
    }
  });
});
