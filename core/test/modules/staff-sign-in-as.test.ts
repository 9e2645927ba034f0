import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServices, DAY, topUp } from "../support/billing-helpers.js";
import { issueInvoice } from "../support/document-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { expectRefused } from "../support/access-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const signInAs = (staffToken: string, accountId: string, mode: "read" | "act") =>
  t.request("POST", `/api/v1/staff/accounts/${accountId}/sign-in-as`, { token: staffToken, body: { mode } });

describe("staff sign in as client", () => {
  it("read-only: sees the area, changes nothing; the client sees it in the audit log with the staff member's name", async () => {
    const client = await t.signUp();
    const [serviceId] = await addServices(t, client.accountId, [{ label: "web", paidUntil: t.clock.now() + DAY }]);
    const staff = await signInStaff(t, "support");
    const opened = await signInAs(staff.token, client.accountId, "read");
    expect(opened.status).toBe(201);
    const token = opened.body.token;
    const me = await t.request("GET", "/api/v1/me", { token });
    expect(me.body.session.staff).toEqual({ id: staff.staffId, mode: "read" });
    expect((await t.request("GET", "/api/v1/services", { token })).status).toBe(200);
    expectRefused(await t.request("PATCH", `/api/v1/services/${serviceId}`, { token, body: { label: "x" } }), 403, "CAB_ERR_STAFF_READ_ONLY");
    expectRefused(await t.request("GET", "/api/v1/users", { token }), 403, "CAB_ERR_OWNER_ONLY");
    expect((await t.request("POST", "/api/v1/auth/sign-out", { token })).status).toBe(204);
    const audit = await t.request("GET", "/api/v1/audit?actorKind=staff", { token: client.token });
    expect(audit.body.items[0]).toMatchObject({
      action: "staff.signed_in_as_client",
      actor: { kind: "staff", id: staff.staffId, name: expect.stringMatching(/^Staff /), staffId: staff.staffId },
      details: { mode: "read" },
    });
  });

  it("acting: money actions are marked as the staff member's", async () => {
    const client = await t.signUp();
    const invoice = await issueInvoice(t, client.accountId, [300]);
    await topUp(t, client.accountId, 1000);
    const staff = await signInStaff(t, "admin");
    const token = (await signInAs(staff.token, client.accountId, "act")).body.token;
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token, body: {} })).status).toBe(200);
    await expect
      .poll(async () => (await t.request("GET", "/api/v1/audit?action=invoice.paid", { token: client.token })).body.items[0]?.details)
      .toMatchObject({ staffAction: true });
  });

  it("is refused to finance staff, for another brand's account, and to a client's token", async () => {
    const client = await t.signUp();
    const finance = await signInStaff(t, "finance");
    expectRefused(await signInAs(finance.token, client.accountId, "read"), 403, "CAB_ERR_FORBIDDEN");
    await addBrand(t, "other-brand");
    const foreign = await signInStaff(t, "admin", "other-brand");
    expectRefused(await signInAs(foreign.token, client.accountId, "read"), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await signInAs(client.token, client.accountId, "act"), 401, "CAB_ERR_UNAUTHENTICATED");
    expectRefused(await signInAs((await signInStaff(t, "admin")).token, client.accountId, "write" as never), 400, "CAB_ERR_VALIDATION");
  });
});
