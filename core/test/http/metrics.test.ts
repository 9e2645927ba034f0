import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PluginDefinition, Provisioner } from "../../src/index.js";
import { scheduleBilling } from "../../src/index.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, order } from "../support/service-helpers.js";

const TOKEN = "metrics-token-0123456789";

/** Answers `pending` and logs through the core's logger, as a real provisioner's work would. */
const pending: Provisioner = {
  id: "pending",
  async provision({ serviceId }) {
    return { status: "pending", reference: `task-${serviceId}` };
  },
};
const pendingPlugin: PluginDefinition = {
  name: "provision-pending",
  version: "1.0.0",
  coreRange: "*",
  register: ({ provide }) => provide("provisioner", pending),
};

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [pendingPlugin], config: { metrics: { token: TOKEN }, plugins: [{ name: "provision-pending", options: {} }] } });
});
afterAll(() => t.close());

const scrape = async () => {
  const response = await t.request("GET", "/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.body as string;
};

describe("GET /metrics", () => {
  it("is off (404) in a core with no metrics.token", async () => {
    const other = await startTestCabinet({ seed: false });
    try {
      expect((await other.request("GET", "/metrics")).status).toBe(404);
    } finally {
      await other.close();
    }
  }, 90_000); // a second core migrates its own database: slow on MariaDB on a busy machine

  it("answers 401 in the error shape without the token, or with a wrong one; 405 to another method", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong-token-0123456789" }, { authorization: TOKEN }] as Record<string, string>[]) {
      const response = await t.request("GET", "/metrics", { headers });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
    }
    const posted = await t.request("POST", "/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(posted.status).toBe(405);
    expect(posted.body.error.code).toBe("CAB_ERR_METHOD_NOT_ALLOWED");
  });

  it("counts requests and their latency by route pattern (never by raw id) and status", async () => {
    const client = await t.signUp();
    await t.request("GET", "/api/v1/catalog");
    await t.request("GET", "/api/v1/services/svc_00000000000000000000000000", { token: client.token });
    const text = await scrape();
    expect(text).toMatch(/cabinet_http_requests_total\{method="GET",route="\/api\/v1\/catalog",status="200"\} [1-9]/);
    expect(text).toMatch(/cabinet_http_requests_total\{method="GET",route="\/api\/v1\/services\/:id",status="404"\} 1/);
    expect(text).not.toContain("svc_00000000000000000000000000");
    expect(text).toMatch(/cabinet_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/catalog",status="200"\} [1-9]/);
    expect(text).toContain("cabinet_process_resident_memory_bytes");
  });

  it("shows job queue depth and failures, and the outbox's depth", async () => {
    const text = await scrape();
    expect(text).toMatch(/cabinet_jobs\{name="provision-service",state="failed"\} 0/);
    expect(text).toMatch(/cabinet_jobs\{name="provision-service",state="active"\} \d/);
    expect(text).toMatch(/cabinet_outbox_deliveries\{status="pending"\} \d+/);
  });

  it("shows the billing run's progress and outcome", async () => {
    await scheduleBilling(t.cabinet.container); // its first run comes a few seconds after
    await vi.waitFor(async () => expect(await scrape()).toMatch(/cabinet_billing_runs_total\{outcome="done"\} 1/), { timeout: 20_000, interval: 200 });
    const text = await scrape();
    expect(text).toMatch(/cabinet_billing_run_running 0/);
    expect(text).toMatch(/cabinet_billing_run_due\{phase="renew"\} \d+/);
    expect(text).toMatch(/cabinet_billing_run_last_finished_seconds \d/);
  });
});

describe("logs written inside a job", () => {
  it("carry the job's name and id, whoever writes them", async () => {
    const product = await addProduct(t, { provisioner: "pending" });
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 5000 });
    const id = (await order(t, client.token, [{ productId: product.id, periodMonths: 1 }])).body.services[0].id as string;
    const line = await vi.waitFor(() => {
      const found = t.logs.find((l) => l.msg === "provisioning pending: waiting for the provisioner's report" && l.serviceId === id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(line).toMatchObject({ job: "provision-service", jobId: `provision-service:${id}:create:1`, attempt: 1 });
  });
});
