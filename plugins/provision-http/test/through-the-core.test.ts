import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import httpPlugin from "../src/index.js";
import { post as postEntry } from "../../../core/test/support/ledger-helpers.js";
import { addProduct, balanceOf, order, statusBecomes } from "../../../core/test/support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { json, ProviderServer, type ReceivedRequest } from "./provider-server.js";

// End to end through the core's own provisioning job: a client orders a product provisioned by
// the provider's endpoint (a real HTTP server here), and its answers decide the service's fate.

const secret = "shared secret of the provider";
let t: TestCabinet;
let provider: ProviderServer;
/** How many times each service's create reached the provider. */
const calls = new Map<string, ReceivedRequest[]>();

beforeAll(async () => {
  provider = await new ProviderServer(secret, () => Math.floor(t.clock.now() / 1000)).start();
  const seen = (request: ReceivedRequest) => {
    const id = String(request.body.serviceId);
    calls.set(id, [...(calls.get(id) ?? []), request]);
    return calls.get(id)!.length;
  };
  provider
    .on("/done", (request, res) => (seen(request), json(res, 200, { status: "done", data: { ip: "203.0.113.9" } })))
    .on("/later", (request, res) => (seen(request), json(res, 202, { reference: "job-1" })))
    .on("/refuses", (request, res) => (seen(request), json(res, 422, { reason: "this plan is sold out" })))
    .on("/down", (request, res) => (seen(request), json(res, 503, { reason: "maintenance" })))
    .on("/flaky", (request, res) => (seen(request) === 1 ? json(res, 500, { reason: "hiccup" }) : json(res, 200, { status: "done" })));
  t = await startTestCabinet({
    plugins: [httpPlugin],
    // Three tries, quickly one after another, so a provider that stays down is given up within the test.
    config: { jobs: { attempts: 3, backoffMs: 20 }, plugins: [{ name: "provision-http", options: { url: provider.url, secret, timeoutMs: 2000 } }] },
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

/** A client who orders a product sent to the provider's `path`; answers the client and the service. */
async function orderFrom(path: string) {
  const cpu = { key: "cpu", kind: "integer", label: "CPU cores", unit: "cores", min: 1, max: 8, step: 1, default: 1, unitPrice: { USD: 100 } } as const;
  const product = await addProduct(t, { provisioner: "http", provisionerOptions: { path }, parameters: [cpu] });
  const client = await t.signUp();
  await postEntry(t, { accountId: client.accountId, amount: 5000 });
  const response = await order(t, client.token, [{ productId: product.id, periodMonths: 1, parameters: { cpu: 2 } }]);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const [service] = response.body.services;
  expect(service.status).toBe("provisioning");
  return { client, service, product };
}

function signedCallback(body: unknown) {
  const rawBody = JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now() / 1000));
  const signature = `v1=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
  return t.request("POST", "/api/v1/plugins/provision-http/callback", {
    rawBody,
    headers: { "x-cabinet-timestamp": timestamp, "x-cabinet-signature": signature },
  });
}

describe("a service provisioned over HTTP", () => {
  it("becomes active when the provider answers done, after one signed request with the service's details", async () => {
    const { client, service, product } = await orderFrom("done");
    await statusBecomes(t, client.token, service.id, "active");
    const [request] = calls.get(service.id)!;
    expect(calls.get(service.id)).toHaveLength(1);
    expect(request.body).toMatchObject({
      serviceId: service.id,
      accountId: client.accountId,
      action: "create",
      productCode: product.code,
      parameters: { cpu: 2 },
    });
    expect(request.headers["idempotency-key"]).toBe(request.body.idempotencyKey);
  });

  it("waits in provisioning after a 202 until the provider's signed callback says done", async () => {
    const { client, service } = await orderFrom("later");
    // The job has the provisioner's answer (and the plugin has remembered the 202) once the core logs it.
    await expect
      .poll(() => t.logs.some((line) => line.serviceId === service.id && String(line.msg).startsWith("provisioning pending")), { timeout: 5000 })
      .toBe(true);
    expect(calls.get(service.id)).toHaveLength(1);
    expect((await t.request("GET", `/api/v1/services/${service.id}`, { token: client.token })).body.status).toBe("provisioning");
    const response = await signedCallback({ serviceId: service.id, action: "create", status: "done", data: { ip: "203.0.113.10" } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    await statusBecomes(t, client.token, service.id, "active");
  });

  it("fails for good at a 4xx: provisioning_failed with the provider's reason, and the money back", async () => {
    const { client, service } = await orderFrom("refuses");
    const failed = await statusBecomes(t, client.token, service.id, "provisioning_failed");
    expect(failed.statusReason).toBe("the provider answered 422: this plan is sold out");
    expect(calls.get(service.id)).toHaveLength(1);
    expect(await balanceOf(t, client.accountId)).toBe(5000);
  });

  it("retries a 5xx with the same idempotency key, and succeeds when the provider recovers", async () => {
    const { client, service } = await orderFrom("flaky");
    await statusBecomes(t, client.token, service.id, "active");
    const keys = calls.get(service.id)!.map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("gives up on a provider that stays down after the last try: provisioning_failed, and the money back", async () => {
    const { client, service } = await orderFrom("down");
    const failed = await statusBecomes(t, client.token, service.id, "provisioning_failed");
    expect(failed.statusReason).toBe("the provider answered 503: maintenance");
    expect(calls.get(service.id)).toHaveLength(3);
    expect(await balanceOf(t, client.accountId)).toBe(5000);
  });
});
