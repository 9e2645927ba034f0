import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpProvisioner, type HttpProvisionerOptions } from "../src/index.js";
import { closedPort, json, ProviderServer } from "./provider-server.js";

// The `http` provisioner against a real HTTP server that checks every request's signature the
// way the README tells a provider to, and answers as each test scripts it.

const secret = "shared secret of the provider";
const now = Date.parse("2026-11-01T10:00:00Z");
let provider: ProviderServer;

beforeAll(async () => {
  provider = await new ProviderServer(secret, () => now / 1000).start();
  provider
    .on("/cabinet", (_request, res) => json(res, 200, { status: "done", data: { ip: "203.0.113.7" } }))
    .on("/accepted", (_request, res) => json(res, 202, { reference: "job-4711" }))
    .on("/accepted-without-reference", (_request, res) => json(res, 202, {}))
    .on("/refused", (_request, res) => json(res, 422, { reason: "memory 3 GB is not offered on this host" }))
    .on("/refused-long", (_request, res) => json(res, 400, { error: { message: "x".repeat(5000) } }))
    .on("/busy", (_request, res) => json(res, 429, { reason: "slow down" }))
    .on("/broken", (_request, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      res.end("<h1>Internal Server Error</h1>");
    })
    .on("/unclear", (_request, res) => json(res, 200, { ok: true }))
    .on("/moved", (_request, res) => {
      res.writeHead(302, { location: "/cabinet" });
      res.end();
    })
    .on("/slow", (_request, res) => void setTimeout(() => json(res, 200, { status: "done" }), 300))
    .on("/hangs", () => {
      /* never answers */
    })
    .on("/trickles", (_request, res) => {
      // The headers come at once, the body never ends: the deadline must cover the body too.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"status":');
    });
});
afterAll(() => provider.close());

/** What the provisioner remembered as accepted with 202, for the callback. */
const accepted: unknown[] = [];
const provisioner = (options: Partial<HttpProvisionerOptions> = {}) =>
  new HttpProvisioner(
    { url: `${provider.url}/cabinet`, secret, timeoutMs: 2000, ...options },
    () => now,
    async (pending) => void accepted.push(pending),
  );

let counter = 0;
function request(productOptions: Record<string, unknown> = {}) {
  const serviceId = `svc_01jdtest${String(++counter).padStart(6, "0")}`;
  return {
    serviceId,
    accountId: "acc_01jdtestaccount",
    brandId: "brd_01jdtestbrand0",
    action: "create" as const,
    productCode: "vps-s",
    parameters: { memoryGb: 4, backups: true },
    options: productOptions,
    idempotencyKey: `${serviceId}:create:1`,
  };
}

const lastReceived = () => provider.received[provider.received.length - 1];

describe("the http provisioner", () => {
  it("POSTs the documented JSON, signed over timestamp and body, with the idempotency key; 2xx done maps to done with its data", async () => {
    const call = request();
    expect(await provisioner().provision(call)).toEqual({ status: "done", data: { ip: "203.0.113.7" } });

    const received = lastReceived();
    expect(received.path).toBe("/cabinet");
    expect(received.body).toEqual({
      serviceId: call.serviceId,
      accountId: call.accountId,
      action: "create",
      productCode: "vps-s",
      parameters: { memoryGb: 4, backups: true },
      idempotencyKey: call.idempotencyKey,
    });
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.headers["idempotency-key"]).toBe(call.idempotencyKey);
    expect(received.headers["x-cabinet-timestamp"]).toBe(String(now / 1000));
    expect(received.headers["x-cabinet-signature"]).toBe(
      `v1=${createHmac("sha256", secret)
        .update(`${now / 1000}.${received.rawBody}`)
        .digest("hex")}`,
    );
  });

  it("is refused by a provider that holds another secret (its check is real), which is a failure not worth retrying", async () => {
    const before = provider.received.length;
    expect(await provisioner({ secret: "not the provider's secret" }).provision(request())).toEqual({
      status: "failed",
      reason: "the provider answered 401: bad signature",
      retryable: false,
    });
    expect(provider.received.length).toBe(before);
  });

  it("is refused by a provider whose clock is more than five minutes away (a replayed request)", async () => {
    const late = new HttpProvisioner(
      { url: `${provider.url}/cabinet`, secret, timeoutMs: 2000 },
      () => now - 301_000,
      async () => {},
    );
    expect(await late.provision(request())).toEqual({ status: "failed", reason: "the provider answered 401: bad signature", retryable: false });
  });

  it("signs the bytes it sends, whatever the script of the parameters", async () => {
    const call = { ...request(), parameters: { label: "Сервер №1 — 東京 🚀" } };
    expect(await provisioner().provision(call)).toEqual({ status: "done", data: { ip: "203.0.113.7" } });
    expect(lastReceived().body.parameters).toEqual({ label: "Сервер №1 — 東京 🚀" });
  });

  it("sends a retry of a call with the same idempotency key", async () => {
    const call = request();
    await provisioner().provision(call);
    await provisioner().provision(call);
    const [first, second] = provider.received.slice(-2);
    expect(second.headers["idempotency-key"]).toBe(first.headers["idempotency-key"]);
    expect(second.body).toEqual(first.body);
  });

  it("maps 202 to pending with the provider's reference (or the idempotency key when it gives none), and remembers it for the callback", async () => {
    accepted.length = 0;
    const first = request({ path: "/accepted" });
    expect(await provisioner().provision(first)).toEqual({ status: "pending", reference: "job-4711" });
    const second = request({ path: "/accepted-without-reference" });
    expect(await provisioner().provision(second)).toEqual({ status: "pending", reference: second.idempotencyKey });
    expect(accepted).toEqual([
      { serviceId: first.serviceId, action: "create", idempotencyKey: first.idempotencyKey, reference: "job-4711" },
      { serviceId: second.serviceId, action: "create", idempotencyKey: second.idempotencyKey, reference: second.idempotencyKey },
    ]);
    // Only what the provider accepted for later is remembered.
    await provisioner().provision(request());
    await provisioner().provision(request({ path: "/refused" }));
    expect(accepted).toHaveLength(2);
  });

  it("takes a product's own path under the plugin's URL, or its own URL", async () => {
    await provisioner({ url: `${provider.url}/` }).provision(request({ path: "cabinet" }));
    expect(lastReceived().path).toBe("/cabinet");
    await provisioner({ url: "http://127.0.0.1:9/nowhere" }).provision(request({ url: `${provider.url}/accepted` }));
    expect(lastReceived().path).toBe("/accepted");
    expect(await provisioner().provision(request({ url: "ftp://example.net/x" }))).toMatchObject({ status: "failed", retryable: false });
  });

  it("maps 4xx to a failure for good, with the provider's reason, cut short when long", async () => {
    expect(await provisioner().provision(request({ path: "/refused" }))).toEqual({
      status: "failed",
      reason: "the provider answered 422: memory 3 GB is not offered on this host",
      retryable: false,
    });
    const long = await provisioner().provision(request({ path: "/refused-long" }));
    expect(long).toMatchObject({ status: "failed", retryable: false });
    expect(long.status === "failed" && long.reason.length).toBe(500);
    expect(long.status === "failed" && long.reason.startsWith("the provider answered 400: xxx")).toBe(true);
    // A redirect is not followed (it would turn the POST into a GET): it is an answer.
    expect(await provisioner().provision(request({ path: "/moved" }))).toEqual({ status: "failed", reason: "the provider answered 302", retryable: false });
  });

  it("maps 5xx, 429 and an answer it cannot read to failures worth retrying", async () => {
    expect(await provisioner().provision(request({ path: "/broken" }))).toEqual({
      status: "failed",
      reason: "the provider answered 500: <h1>Internal Server Error</h1>",
      retryable: true,
    });
    expect(await provisioner().provision(request({ path: "/busy" }))).toEqual({
      status: "failed",
      reason: "the provider answered 429: slow down",
      retryable: true,
    });
    expect(await provisioner().provision(request({ path: "/unclear" }))).toEqual({
      status: "failed",
      reason: 'the provider answered 200 without {"status":"done"}',
      retryable: true,
    });
  });

  it("gives up after timeoutMs, on the headers or on the body, as a failure worth retrying", async () => {
    for (const path of ["/hangs", "/trickles"]) {
      const started = Date.now();
      expect(await provisioner({ timeoutMs: 250 }).provision(request({ path }))).toEqual({
        status: "failed",
        reason: "no answer within 250 ms",
        retryable: true,
      });
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(240);
      expect(waited).toBeLessThan(2000);
    }
  });

  it("waits for a slow answer that comes within timeoutMs", async () => {
    expect(await provisioner({ timeoutMs: 2000 }).provision(request({ path: "/slow" }))).toEqual({ status: "done" });
    expect(await provisioner({ timeoutMs: 150 }).provision(request({ path: "/slow" }))).toEqual({
      status: "failed",
      reason: "no answer within 150 ms",
      retryable: true,
    });
  });

  it("reports a refused connection as a failure worth retrying, without throwing", async () => {
    const port = await closedPort();
    expect(await provisioner({ url: `http://127.0.0.1:${port}/cabinet` }).provision(request())).toEqual({
      status: "failed",
      reason: "the provider could not be reached: ECONNREFUSED",
      retryable: true,
    });
  });
});
