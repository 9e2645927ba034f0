import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../src/modules/audit/index.js";
import { inTransaction } from "../../src/db/transaction.js";
import { addServices, DAY } from "../support/billing-helpers.js";
import { addMember } from "../support/account-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const log = async (token: string, query = "") => t.request("GET", `/api/v1/audit${query}`, { token });

describe("audit log", () => {
  it("records a sign-in with who, from where and when", async () => {
    const owner = await t.signUp();
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: owner.email, password: "correct horse battery", mode: "bearer" },
      headers: { "user-agent": "AuditTest/1.0" },
    });
    expect(signIn.status).toBe(200);
    const entries = await log(owner.token, "?action=user.signed_in");
    expect(entries.status).toBe(200);
    // Signing up signed them in too: two sign-ins, the newest first.
    expect(entries.body.items).toHaveLength(2);
    expect(entries.body.items[0]).toMatchObject({
      action: "user.signed_in",
      actor: { kind: "user", id: owner.userId, name: "Test Client", userAgent: "AuditTest/1.0", staffId: null },
    });
    expect(entries.body.items[0].actor.ip).toBeTruthy();
  });

  it("records a cancellation in its transaction, with its actor; a refused one records nothing", async () => {
    const owner = await t.signUp();
    const [serviceId] = await addServices(t, owner.accountId, [{ label: "web", paidUntil: t.clock.now() + 10 * DAY }]);
    const cancelled = await t.request("POST", `/api/v1/services/${serviceId}/cancel`, {
      token: owner.token,
      body: { when: "now" },
      headers: { "user-agent": "Cancel/2.0" },
    });
    expect(cancelled.status).toBe(200);
    // A second cancellation is an illegal transition: refused, and nothing is logged for it.
    const again = await t.request("POST", `/api/v1/services/${serviceId}/cancel`, { token: owner.token, body: { when: "now" } });
    expect(again.status).toBe(409);
    const entries = await log(owner.token, `?targetId=${serviceId}`);
    expect(entries.body.items).toHaveLength(1);
    expect(entries.body.items[0]).toMatchObject({
      action: "service.cancelled",
      target: { type: "service", id: serviceId },
      actor: { kind: "user", id: owner.userId, userAgent: "Cancel/2.0" },
      details: { atPeriodEnd: false, by: "client" },
    });
  });

  it("rolls the entry back with the change: record() inside a failed transaction leaves nothing", async () => {
    const owner = await t.signUp();
    const audit = t.cabinet.container.resolve(AuditLog);
    await expect(
      inTransaction(t.cabinet.db, async (trx) => {
        await audit.record(trx, { accountId: owner.accountId, action: "test.rolled_back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await audit.record(undefined, { accountId: owner.accountId, action: "test.kept", details: { n: 1 } });
    const entries = await log(owner.token, "?action=test.");
    expect(entries.body.items.map((e: { action: string }) => e.action)).toEqual(["test.kept"]);
    expect(entries.body.items[0].actor).toMatchObject({ kind: "system", id: null });
  });

  it("filters by actor kind, action prefix and day, pages by cursor, and never shows another account's entries", async () => {
    const owner = await t.signUp();
    const other = await t.signUp();
    const audit = t.cabinet.container.resolve(AuditLog);
    for (let i = 0; i < 3; i++) await audit.record(undefined, { accountId: owner.accountId, action: "test.paged" });
    await audit.record(undefined, { accountId: other.accountId, action: "test.paged" });
    const first = await log(owner.token, "?action=test.&limit=2");
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await log(owner.token, `?action=test.&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
    expect((await log(owner.token, "?actorKind=staff")).body.items).toHaveLength(0);
    const day = new Date(t.clock.now()).toISOString().slice(0, 10);
    expect((await log(owner.token, `?action=test.paged&from=${day}&to=${day}`)).body.items).toHaveLength(3);
    expect((await log(owner.token, `?action=test.paged&from=2030-01-01`)).body.items).toHaveLength(0);
  });

  it("exports CSV, oldest first, formulas defused", async () => {
    const owner = await t.signUp();
    const audit = t.cabinet.container.resolve(AuditLog);
    await audit.record(undefined, { accountId: owner.accountId, action: "test.csv", actor: { kind: "user", id: owner.userId, name: "=HYPERLINK(1)" } });
    await audit.record(undefined, { accountId: owner.accountId, action: "test.csv2" });
    const csv = await t.request("GET", "/api/v1/audit/export?action=test.", { token: owner.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toMatch(/^at,actor_kind,actor_id,actor_name/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=HYPERLINK(1)");
    expect(lines[1]).toContain("test.csv,");
    expect(lines[2]).toContain("test.csv2");
  });

  it("refuses a member without the audit right, and bad filters and cursors with 400", async () => {
    const owner = await t.signUp();
    const member = await addMember(t, owner.accountId, ["services", "finance", "documents", "support"]);
    const refused = await log(member.token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("CAB_ERR_FORBIDDEN");
    expect((await t.request("GET", "/api/v1/audit/export", { token: member.token })).status).toBe(403);
    for (const query of [
      "?actorKind=robot",
      "?action=DROP%20TABLE",
      "?from=yesterday",
      "?cursor=c3ZjXzAxamQza2…",
      `?cursor=${Buffer.from("svc_01jd3k7x9q4m2v8b6c5n").toString("base64url")}`,
      "?unknown=1",
    ]) {
      const bad = await log(owner.token, query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code, query).toBe("CAB_ERR_VALIDATION");
    }
  });

  it("has no way to change or delete an entry", async () => {
    const owner = await t.signUp();
    for (const method of ["PUT", "PATCH", "DELETE", "POST"]) {
      const response = await t.request(method, "/api/v1/audit", { token: owner.token });
      expect(response.status).toBe(405);
    }
  });
});
