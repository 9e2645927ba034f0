import { afterAll, beforeAll, describe, expect, it } from "vitest";
import httpPlugin from "../src/index.js";
import { post as postEntry } from "../../../core/test/support/ledger-helpers.js";
import { addProduct, order, statusBecomes } from "../../../core/test/support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { json, ProviderServer, type ReceivedRequest } from "./provider-server.js";

// The service page through the core: the client's panel calls reach the provider's `panelUrl` as
// signed requests (checked by the provider's own HMAC code in ProviderServer), and its answers
// become the page, the reveal, the action's outcome and the control panel link.

const secret = "shared secret of the provider";
let t: TestCabinet;
let provider: ProviderServer;
const panelCalls: ReceivedRequest[] = [];

beforeAll(async () => {
  provider = await new ProviderServer(secret, () => Math.floor(t.clock.now() / 1000)).start();
  provider
    .on("/provision", (_request, res) => json(res, 200, { status: "done" }))
    .on("/panel", (request, res) => {
      panelCalls.push(request);
      const { operation, key, serviceId } = request.body as Record<string, string>;
      switch (operation) {
        case "describe":
          return json(res, 200, {
            fields: [{ key: "ipv4", label: "IPv4", value: "198.51.100.4" }],
            credentials: [{ key: "root", label: "Root password" }],
            actions: [
              { key: "reboot", label: "Reboot", confirm: "Reboot?" },
              { key: "slow", label: "Slow", confirm: "?" },
              { key: "refuse", label: "Refuse", confirm: "?" },
              { key: "reset-password", label: "Reset password", confirm: "?", reveals: "root" },
            ],
            controlPanel: { label: "VMmanager" },
            metrics: [{ key: "cpu", label: "CPU", unit: "%", points: [{ at: 1_700_000_000_000, value: 3 }] }],
          });
        case "reveal":
          return key === "root" ? json(res, 200, { value: "provider-root-pw" }) : json(res, 404, { reason: "no such credential" });
        case "action":
          if (key === "slow") return; // never answers: the plugin's timeout ends it
          if (key === "refuse") return json(res, 409, { reason: "The server is being backed up." });
          if (key === "reset-password") return json(res, 200, { status: "done", credential: { value: "new-root-pw" } });
          return json(res, 200, { status: "done", message: "Rebooting" });
        case "login":
          return json(res, 200, { url: `https://vm.example.net/sso/${serviceId}?once=abc` });
        default:
          return json(res, 400, { reason: "unknown operation" });
      }
    });
  t = await startTestCabinet({
    plugins: [httpPlugin],
    config: {
      plugins: [{ name: "provision-http", options: { url: `${provider.url}/provision`, panelUrl: `${provider.url}/panel`, secret, timeoutMs: 500 } }],
    },
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

async function activeService() {
  const product = await addProduct(t, { provisioner: "http" });
  const client = await t.signUp();
  await postEntry(t, { accountId: client.accountId, amount: 5000 });
  const placed = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const id = placed.body.services[0].id as string;
  await statusBecomes(t, client.token, id, "active");
  return { ...client, id };
}

describe("provision-http's service panel", () => {
  it("forwards describe, reveal, actions and the control panel login to the provider, signed", async () => {
    const c = await activeService();
    const panel = await t.request("GET", `/api/v1/services/${c.id}/panel?locale=ru`, { token: c.token });
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({
      state: "active",
      fields: [{ key: "ipv4", value: "198.51.100.4" }],
      controlPanel: { label: "VMmanager", allowed: true },
    });
    const described = panelCalls.at(-1)!;
    expect(described.body).toMatchObject({ operation: "describe", serviceId: c.id, accountId: c.accountId, locale: "ru" });
    expect(described.headers["x-cabinet-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);

    const revealed = await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, {
      token: c.token,
      body: { password: "correct horse battery" },
    });
    expect(revealed.body).toEqual({ key: "root", value: "provider-root-pw" });
    const unknown = await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/other/reveal`, {
      token: c.token,
      body: { password: "correct horse battery" },
    });
    expect(unknown.status).toBe(404);

    const rebooted = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reboot`, {
      token: c.token,
      body: {},
      headers: { "idempotency-key": "click-1" },
    });
    expect(rebooted.body).toEqual({ action: "reboot", status: "done", message: "Rebooting", credential: null });
    // A password reset's new value comes back from the provider, once the client gave their password again.
    const reset = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reset-password`, {
      token: c.token,
      body: { password: "correct horse battery" },
    });
    expect(reset.body, JSON.stringify(reset.body)).toEqual({
      action: "reset-password",
      status: "done",
      message: null,
      credential: { key: "root", value: "new-root-pw" },
    });
    const call = panelCalls.find((r) => r.body.operation === "action" && r.body.key === "reboot")!;
    expect(call.headers["idempotency-key"]).toBe("click-1");
    expect(call.body.idempotencyKey).toBe("click-1");

    const link = await t.request("POST", `/api/v1/services/${c.id}/panel/login`, { token: c.token, body: {} });
    const opened = await t.request("GET", new URL(link.body.url).pathname);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`https://vm.example.net/sso/${c.id}?once=abc`);
  });

  it("maps a provider that does not answer to 504 and one that refuses to 502 with its reason", async () => {
    const c = await activeService();
    const slow = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/slow`, { token: c.token, body: {} });
    expect(slow.status).toBe(504);
    expect(slow.body.error.code).toBe("CAB_ERR_PROVIDER_TIMEOUT");
    const refused = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/refuse`, { token: c.token, body: {} });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: "CAB_ERR_PROVIDER_FAILED", details: { reason: "The server is being backed up." } });
  });
});
