import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newId, TOKENS, type Provisioner, type ProvisioningReports } from "@cabinet/core";
import manualPlugin, { manualTaskMigrations } from "../src/index.js";
import { BrandDirectory } from "../../../core/src/modules/brands/brand-directory.js";
import { signInStaff, warmPool } from "../../../core/test/support/staff-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";

// Manual provisioning through the real plugin in a real core: a provisioning call opens a task
// for the service's brand, and that brand's staff close it through the plugin's staff API.

let t: TestCabinet;
let provisioner: Provisioner;
let demoBrandId: string;
let otherBrandId: string;
let admin: string;
let support: string;
let finance: string;
let otherAdmin: string;
const reports: Parameters<ProvisioningReports["report"]>[0][] = [];

beforeAll(async () => {
  t = await startTestCabinet({ plugins: [manualPlugin], config: { plugins: [{ name: "provision-manual", options: {} }] } });
  // Stands in for the core's provisioning module: what matters here is what reaches it.
  t.cabinet.container.register(TOKENS.ProvisioningReports, { useValue: { report: async (input) => void reports.push(input) } satisfies ProvisioningReports });
  provisioner = t.cabinet.extensions.get("provisioner", "manual")!;
  demoBrandId = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!.id;
  otherBrandId = (await addBrand(t, "other")).id;
  admin = (await signInStaff(t, "admin")).token;
  support = (await signInStaff(t, "support")).token;
  finance = (await signInStaff(t, "finance")).token;
  otherAdmin = (await signInStaff(t, "admin", "other")).token;
});
afterAll(() => t.close());
beforeEach(() => void (reports.length = 0));

const base = "/api/v1/plugins/provision-manual";

function call(brandId = demoBrandId, action: "create" | "suspend" = "create") {
  const serviceId = newId("svc");
  return {
    serviceId,
    accountId: newId("acc"),
    brandId,
    action,
    productCode: "dedicated-xl",
    parameters: { ramGb: 64 },
    options: { instructions: "Rack B, label with the service id" },
    idempotencyKey: `${serviceId}:${action}:1`,
  };
}

async function openTask(brandId = demoBrandId) {
  const request = call(brandId);
  const result = await provisioner.provision(request);
  if (result.status !== "pending") throw new Error(`expected pending, got ${JSON.stringify(result)}`);
  return { request, taskId: result.reference };
}

const get = (path: string, token: string) => t.request("GET", base + path, { token });
const post = (path: string, token: string, body: unknown = {}) => t.request("POST", base + path, { token, body });

describe("a manual provisioning task", () => {
  it("is opened by a provisioning call, once per idempotency key, and shown to the brand's staff", async () => {
    const request = call();
    const first = await provisioner.provision(request);
    expect(first).toEqual({ status: "pending", reference: expect.stringMatching(/^pmt_/) });
    // The core retrying the same call (a crash before it stored the answer) opens nothing new.
    expect(await provisioner.provision(request)).toEqual(first);
    const taskId = (first as { reference: string }).reference;

    const open = await get("/tasks?status=open&limit=100", admin);
    expect(open.status).toBe(200);
    expect(open.body.items.filter((task: { serviceId: string }) => task.serviceId === request.serviceId)).toHaveLength(1);

    const shown = await get(`/tasks/${taskId}`, support);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      id: taskId,
      status: "open",
      serviceId: request.serviceId,
      accountId: request.accountId,
      action: "create",
      productCode: "dedicated-xl",
      parameters: { ramGb: 64 },
      options: { instructions: "Rack B, label with the service id" },
      resultData: null,
      failureReason: null,
      completedBy: null,
      createdAt: new Date(t.clock.now()).toISOString(),
      completedAt: null,
    });
  });

  it("belongs to its brand only: another brand's staff neither see it nor close it", async () => {
    const { taskId } = await openTask();
    const { taskId: theirs } = await openTask(otherBrandId);

    const seen = (await get("/tasks?limit=100", otherAdmin)).body.items.map((task: { id: string }) => task.id);
    expect(seen).toContain(theirs);
    expect(seen).not.toContain(taskId);
    expect((await get("/tasks?limit=100", admin)).body.items.map((task: { id: string }) => task.id)).not.toContain(theirs);

    for (const response of [
      await get(`/tasks/${taskId}`, otherAdmin),
      await post(`/tasks/${taskId}/done`, otherAdmin),
      await post(`/tasks/${taskId}/failed`, otherAdmin, { reason: "no" }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    }
    expect(reports).toEqual([]);
    expect((await get(`/tasks/${taskId}`, admin)).body.status).toBe("open");
  });

  it("marked done reports done with the data staff entered; marking it again changes nothing", async () => {
    const { request, taskId } = await openTask();
    t.clock.advance(60_000);
    const done = await post(`/tasks/${taskId}/done`, support, { data: { ipAddress: "203.0.113.7" } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: "done",
      resultData: { ipAddress: "203.0.113.7" },
      completedAt: new Date(t.clock.now()).toISOString(),
      completedBy: expect.stringMatching(/^stf_/),
    });
    expect(reports).toEqual([{ serviceId: request.serviceId, action: "create", outcome: { status: "done", data: { ipAddress: "203.0.113.7" } } }]);

    // A double click, or a second try after a lost answer: the recorded outcome is reported
    // again (the core ignores a repeat), the task keeps what was first entered.
    t.clock.advance(60_000);
    const again = await post(`/tasks/${taskId}/done`, admin, { data: { ipAddress: "198.51.100.1" } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(done.body);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toEqual(reports[0]);

    // The other outcome is a conflict, and reports nothing.
    const failed = await post(`/tasks/${taskId}/failed`, admin, { reason: "changed my mind" });
    expect(failed.status).toBe(409);
    expect(failed.body.error).toMatchObject({ code: "CAB_ERR_CONFLICT", details: { status: "done" } });
    expect(reports).toHaveLength(2);

    // A provisioning call retried after the task was closed learns the outcome instead of opening another.
    expect(await provisioner.provision(request)).toEqual({ status: "done", data: { ipAddress: "203.0.113.7" } });
    expect((await get("/tasks?limit=100", admin)).body.items.filter((task: { serviceId: string }) => task.serviceId === request.serviceId)).toHaveLength(1);
  });

  it("marked failed reports the reason", async () => {
    const { request, taskId } = await openTask();
    const failed = await post(`/tasks/${taskId}/failed`, admin, { reason: "no 64 GB machine left in stock" });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: "failed", failureReason: "no 64 GB machine left in stock", resultData: null });
    expect(reports).toEqual([{ serviceId: request.serviceId, action: "create", outcome: { status: "failed", reason: "no 64 GB machine left in stock" } }]);
    expect((await post(`/tasks/${taskId}/done`, admin)).status).toBe(409);
    expect(await provisioner.provision(request)).toEqual({ status: "failed", reason: "no 64 GB machine left in stock", retryable: false });
  });

  it("marked done by two staff members at once is closed once, with one outcome", async () => {
    const { taskId } = await openTask();
    await warmPool(t);
    const answers = await Promise.all([
      post(`/tasks/${taskId}/done`, admin, { data: { host: "a" } }),
      post(`/tasks/${taskId}/done`, support, { data: { host: "b" } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0].body.resultData).toEqual(answers[1].body.resultData);
    expect(reports.map((r) => r.outcome)).toEqual([answers[0].body.resultData, answers[0].body.resultData].map((data) => ({ status: "done", data })));
  });

  it("is listed by status, newest first, a page at a time", async () => {
    const opened = [await openTask(), await openTask(), await openTask()];
    await post(`/tasks/${opened[1].taskId}/done`, admin);
    const open: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string; status: string }[]; nextCursor: string | null } } = await get(
        `/tasks?status=open&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        admin,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      expect(page.body.items.every((task) => task.status === "open")).toBe(true);
      open.push(...page.body.items.map((task) => task.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(open).toEqual([...open].sort().reverse());
    expect(open).toEqual(expect.arrayContaining([opened[0].taskId, opened[2].taskId]));
    expect(open).not.toContain(opened[1].taskId);
    const done = (await get("/tasks?status=done&limit=100", admin)).body.items.map((task: { id: string }) => task.id);
    expect(done).toContain(opened[1].taskId);
    expect(done).not.toContain(opened[0].taskId);
    const ofService = (await get(`/tasks?serviceId=${opened[2].request.serviceId}`, admin)).body.items.map((task: { id: string }) => task.id);
    expect(ofService).toEqual([opened[2].taskId]);
  });

  it("is closed by admin and support staff only, and read by staff only", async () => {
    const { taskId } = await openTask();
    const refused = await post(`/tasks/${taskId}/done`, finance);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("CAB_ERR_FORBIDDEN");
    expect((await get(`/tasks/${taskId}`, finance)).status).toBe(200);
    const client = await t.signUp();
    expect((await get(`/tasks/${taskId}`, client.token)).status).toBe(401);
    expect((await get("/tasks", "")).status).toBe(401);
    expect(reports).toEqual([]);
  });

  it("refuses bad input with a 400 and leaves the task open", async () => {
    const { taskId } = await openTask();
    for (const [path, body] of [
      [`/tasks/${taskId}/done`, { data: { "not a key": "x" } }],
      [`/tasks/${taskId}/done`, { data: { ip: 7 } }],
      [`/tasks/${taskId}/done`, { data: { ip: "x".repeat(1001) } }],
      [`/tasks/${taskId}/done`, { extra: true }],
      [`/tasks/${taskId}/failed`, {}],
      [`/tasks/${taskId}/failed`, { reason: "" }],
    ] as const) {
      const response = await post(path, admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
    }
    expect((await get("/tasks?cursor=bm90LWEtY3Vyc29y", admin)).status).toBe(400);
    expect((await get("/tasks?status=closed", admin)).status).toBe(400);
    expect((await get("/tasks/svc_01jdnotatask0001", admin)).status).toBe(400);
    expect((await get(`/tasks/${taskId}`, admin)).body.status).toBe("open");
    expect(reports).toEqual([]);
  });
});

describe("the plugin's migration", () => {
  it("was applied under the plugin's name, and rolls back and forward", async () => {
    const applied = (await t.cabinet.db("cabinet_migrations").select("name")).map((row: { name: string }) => row.name);
    expect(applied).toContain("provision-manual/001_tasks");
    const [migration] = manualTaskMigrations;
    await migration.down(t.cabinet.db);
    expect(await t.cabinet.db.schema.hasTable("provision_manual_tasks")).toBe(false);
    await migration.up(t.cabinet.db);
    expect(await t.cabinet.db.schema.hasTable("provision_manual_tasks")).toBe(true);
    expect((await openTask()).taskId).toMatch(/^pmt_/);
  });
});
