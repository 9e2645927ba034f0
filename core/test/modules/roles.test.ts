import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServices, DAY, topUp } from "../support/billing-helpers.js";
import { issueInvoice } from "../support/document-helpers.js";
import { addUser, listed, publish } from "../support/notification-helpers.js";
import { addRoleMember, expectRefused, statuses } from "../support/access-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

describe("built-in roles", () => {
  it("an accountant reads and pays finance and documents, and sees no services, tickets or audit log", async () => {
    const owner = await t.signUp();
    const [serviceId] = await addServices(t, owner.accountId, [{ label: "web", paidUntil: t.clock.now() + 10 * DAY }]);
    const invoice = await issueInvoice(t, owner.accountId, [500]);
    await topUp(t, owner.accountId, 1000);
    const accountant = await addRoleMember(t, owner, ["accountant"]);
    expect(
      await statuses(t, accountant.token, {
        invoices: ["GET", "/invoices"],
        ledger: ["GET", "/ledger"],
        ledgerCsv: ["GET", "/ledger/export"],
        documents: ["GET", "/documents"],
        pay: ["POST", `/invoices/${invoice.id}/pay-from-balance`, {}],
        services: ["GET", "/services"],
        service: ["GET", `/services/${serviceId}`],
        tickets: ["GET", "/tickets"],
        audit: ["GET", "/audit"],
        cancel: ["POST", `/services/${serviceId}/cancel`, { when: "now" }],
      }),
    ).toEqual({ invoices: 200, ledger: 200, ledgerCsv: 200, documents: 200, pay: 200, services: 403, service: 403, tickets: 403, audit: 403, cancel: 403 });
    const me = await t.request("GET", "/api/v1/me", { token: accountant.token });
    expect(me.body.user).toMatchObject({ role: "member", roles: ["accountant"], permissions: ["finance", "documents"], serviceScope: null });
    expect(me.body.user.rights).toEqual({ finance: ["view", "pay", "export"], documents: ["view", "pay", "export"] });
  });

  it("a sysadmin reads, changes and renews services and handles tickets, but cannot cancel them nor see money", async () => {
    const owner = await t.signUp();
    const [serviceId] = await addServices(t, owner.accountId, [{ label: "web", paidUntil: t.clock.now() + 10 * DAY }]);
    const sysadmin = await addRoleMember(t, owner, ["sysadmin"]);
    expect(
      await statuses(t, sysadmin.token, {
        services: ["GET", "/services"],
        label: ["PATCH", `/services/${serviceId}`, { label: "renamed" }],
        tickets: ["GET", "/tickets"],
        cancel: ["POST", `/services/${serviceId}/cancel`, { when: "now" }],
        invoices: ["GET", "/invoices"],
        balance: ["GET", "/balance"],
      }),
    ).toEqual({ services: 200, label: 200, tickets: 200, cancel: 403, invoices: 403, balance: 403 });
    // The service says which actions the caller's rights allow, and why not.
    const service = await t.request("GET", `/api/v1/services/${serviceId}`, { token: sysadmin.token });
    expect(service.body.actions.cancel).toEqual({ allowed: false, reason: "permission:services" });
    expect(service.body.actions.renew.allowed).toBe(true);
  });

  it("a viewer reads everything and exports, but moves no money and changes nothing", async () => {
    const owner = await t.signUp();
    const [serviceId] = await addServices(t, owner.accountId, [{ label: "web", paidUntil: t.clock.now() + 10 * DAY }]);
    const invoice = await issueInvoice(t, owner.accountId, [500]);
    await topUp(t, owner.accountId, 1000);
    const viewer = await addRoleMember(t, owner, ["viewer"]);
    expect(
      await statuses(t, viewer.token, {
        services: ["GET", "/services"],
        invoices: ["GET", "/invoices"],
        tickets: ["GET", "/tickets"],
        audit: ["GET", "/audit"],
        auditCsv: ["GET", "/audit/export"],
        pay: ["POST", `/invoices/${invoice.id}/pay-from-balance`, {}],
        topUp: ["POST", "/payments", { amount: 1000, gateway: "sandbox" }],
        label: ["PATCH", `/services/${serviceId}`, { label: "x" }],
      }),
    ).toEqual({ services: 200, invoices: 200, tickets: 200, audit: 200, auditCsv: 200, pay: 403, topUp: 403, label: 403 });
  });
});

describe("custom roles", () => {
  it("grants its rights table; with several roles the most permissive right wins; a change applies at the next request", async () => {
    const owner = await t.signUp();
    const created = await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Ticket reader", rights: { support: ["view"] } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Ticket reader", builtIn: false, rights: { support: ["view"] } });
    const roleId = created.body.key;
    const member = await addRoleMember(t, owner, [roleId]);
    const open = () =>
      t.request("POST", "/api/v1/tickets", {
        token: member.token,
        body: { subject: "Hi", departmentId: "dep_0000000000000", priority: "normal", body: "hello" },
      });
    expect((await t.request("GET", "/api/v1/tickets", { token: member.token })).status).toBe(200);
    expectRefused(await open(), 403, "CAB_ERR_FORBIDDEN");
    expect((await t.request("GET", "/api/v1/services", { token: member.token })).status).toBe(403);

    // A second role adds to the first: sysadmin's support:change now lets them write.
    await t.request("PUT", `/api/v1/users/${member.userId}/access`, { token: owner.token, body: { roles: [roleId, "sysadmin"], serviceIds: null } });
    expect((await open()).status).not.toBe(403);

    // Changing the custom role applies at once; deleting it takes its rights away.
    await t.request("PUT", `/api/v1/users/${member.userId}/access`, { token: owner.token, body: { roles: [roleId], serviceIds: null } });
    const changed = await t.request("PATCH", `/api/v1/roles/${roleId}`, { token: owner.token, body: { rights: { services: ["view"] } } });
    expect(changed.status).toBe(200);
    expect((await t.request("GET", "/api/v1/services", { token: member.token })).status).toBe(200);
    expect((await t.request("GET", "/api/v1/tickets", { token: member.token })).status).toBe(403);
    expect((await t.request("DELETE", `/api/v1/roles/${roleId}`, { token: owner.token })).status).toBe(204);
    expect((await t.request("GET", "/api/v1/services", { token: member.token })).status).toBe(403);
    const roles = await t.request("GET", "/api/v1/roles", { token: owner.token });
    expect(roles.body.items.map((r: { key: string }) => r.key)).toEqual(["accountant", "sysadmin", "viewer"]);

    const audit = await t.request("GET", "/api/v1/audit?action=role.", { token: owner.token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(["role.deleted", "role.changed", "role.created"]);
  });

  it("refuses a role that grants nothing, with nothing written", async () => {
    const owner = await t.signUp();
    for (const rights of [{}, { services: [] }, { services: [], finance: [] }]) {
      expectRefused(await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Empty", rights } }), 422, "CAB_ERR_ROLE_GRANTS_NOTHING");
    }
    const created = await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Some", rights: { finance: ["view"] } } });
    expectRefused(
      await t.request("PATCH", `/api/v1/roles/${created.body.key}`, { token: owner.token, body: { rights: {} } }),
      422,
      "CAB_ERR_ROLE_GRANTS_NOTHING",
    );
    expect((await t.cabinet.db("account_roles").where({ account_id: owner.accountId })).map((r) => JSON.parse(r.rights))).toEqual([{ finance: ["view"] }]);
    // Unknown sections and actions are refused by the schema.
    for (const rights of [{ staff: ["view"] }, { services: ["fly"] }]) {
      expectRefused(await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Odd", rights } }), 400, "CAB_ERR_VALIDATION");
    }
    expectRefused(
      await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "accountant", rights: { finance: ["view"] } } }),
      409,
      "CAB_ERR_CONFLICT",
    );
    expectRefused(
      await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Some", rights: { finance: ["view"] } } }),
      409,
      "CAB_ERR_CONFLICT",
    );
  });

  it("another account's role or service answers 404, and nothing changes", async () => {
    const owner = await t.signUp();
    const other = await t.signUp();
    const [foreignService] = await addServices(t, other.accountId, [{ label: "theirs", paidUntil: t.clock.now() + DAY }]);
    const foreignRole = (await t.request("POST", "/api/v1/roles", { token: other.token, body: { name: "Theirs", rights: { services: ["view"] } } })).body.key;
    const member = await addRoleMember(t, owner, ["viewer"]);
    const body = (roles: string[], serviceIds: string[] | null) => ({ token: owner.token, body: { roles, serviceIds } });
    expectRefused(await t.request("PUT", `/api/v1/users/${member.userId}/access`, body([foreignRole], null)), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("PUT", `/api/v1/users/${member.userId}/access`, body(["viewer"], [foreignService])), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("PUT", `/api/v1/users/${other.userId}/access`, body(["viewer"], null)), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("PATCH", `/api/v1/roles/${foreignRole}`, { token: owner.token, body: { name: "Mine" } }), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("DELETE", `/api/v1/roles/${foreignRole}`, { token: owner.token }), 404, "CAB_ERR_NOT_FOUND");
    expect((await t.request("GET", "/api/v1/me", { token: member.token })).body.user.roles).toEqual(["viewer"]);
  });
});

describe("owner-only", () => {
  it("every owner-only endpoint is refused to an invited member holding every role, and nothing changes", async () => {
    const owner = await t.signUp();
    const member = await addRoleMember(t, owner, ["viewer", "accountant", "sysadmin"]);
    const role = (await t.request("POST", "/api/v1/roles", { token: owner.token, body: { name: "Kept", rights: { services: ["view"] } } })).body.key;
    const sent = await t.request("POST", "/api/v1/users/invitations", {
      token: owner.token,
      body: { email: "kept@example.org", roles: ["viewer"], serviceIds: null, password: "correct horse battery" },
    });
    const invitation = sent.body.invitation.id;
    const proof = { password: "member password" };
    for (const [method, path, body] of [
      ["GET", "/roles"],
      ["POST", "/roles", { name: "Mine", rights: { services: ["view"] } }],
      ["PATCH", `/roles/${role}`, { name: "Taken" }],
      ["DELETE", `/roles/${role}`],
      ["GET", "/users"],
      ["PUT", `/users/${member.userId}/access`, { roles: ["viewer"], serviceIds: null }],
      [
        "POST",
        "/users",
        { email: "new@example.org", name: "New", password: "handed over 123", roles: ["viewer"], serviceIds: null, currentPassword: "member password" },
      ],
      ["PUT", `/users/${owner.userId}/status`, { status: "suspended" }],
      ["DELETE", `/users/${owner.userId}`],
      ["PUT", `/users/${member.userId}/role`, { role: "owner", ...proof }],
      ["GET", "/users/invitations"],
      ["POST", "/users/invitations", { email: "y@example.org", roles: ["viewer"], serviceIds: null, ...proof }],
      ["POST", `/users/invitations/${invitation}/revoke`],
      ["POST", `/users/invitations/${invitation}/resend`],
    ] as const) {
      expectRefused(await t.request(method, `/api/v1${path}`, { token: member.token, body }), 403, "CAB_ERR_OWNER_ONLY");
    }
    expect((await t.request("GET", "/api/v1/roles", { token: owner.token })).body.items.find((r: { key: string }) => r.key === role)).toMatchObject({
      name: "Kept",
    });
    expect(
      (await t.request("GET", "/api/v1/users", { token: owner.token })).body.items
        .map((u: { id: string; role: string; status: string }) => [u.id, u.role, u.status])
        .sort(),
    ).toEqual(
      [
        [owner.userId, "owner", "active"],
        [member.userId, "member", "active"],
      ].sort(),
    );
    expect((await t.request("GET", "/api/v1/users/invitations", { token: owner.token })).body.items.map((i: { status: string }) => i.status)).toEqual([
      "pending",
    ]);
  });

  it("users and roles are refused to every member, whatever their rights", async () => {
    const owner = await t.signUp();
    const legacy = await addUser(t, owner.accountId, { permissions: ["services", "finance", "documents", "support"] });
    const viewer = await addRoleMember(t, owner, ["viewer", "accountant", "sysadmin"]);
    for (const token of [legacy.token, viewer.token]) {
      for (const [method, path, body] of [
        ["GET", "/users"],
        ["GET", "/roles"],
        ["POST", "/roles", { name: "Mine", rights: { services: ["view"] } }],
        ["PUT", `/users/${viewer.userId}/access`, { roles: ["viewer"], serviceIds: null }],
      ] as const) {
        expectRefused(await t.request(method, `/api/v1${path}`, { token, body }), 403, "CAB_ERR_OWNER_ONLY");
      }
    }
  });
});

describe("notifications follow rights", () => {
  it("an accountant hears of invoices but not of services; a sysadmin the other way round", async () => {
    const owner = await t.signUp();
    const accountant = await addRoleMember(t, owner, ["accountant"]);
    const sysadmin = await addRoleMember(t, owner, ["sysadmin"]);
    const [serviceId] = await addServices(t, owner.accountId, [{ label: "web", paidUntil: t.clock.now() + DAY }]);
    await publish(t, "service.suspended", { accountId: owner.accountId, serviceId, reason: "unpaid" });
    const invoice = await issueInvoice(t, owner.accountId, [100]);
    await publish(t, "invoice.issued", { accountId: owner.accountId, invoiceId: invoice.id, purpose: "manual" });
    expect((await listed(t, accountant.token)).map((n) => n.event)).toEqual(["invoice.issued"]);
    expect((await listed(t, sysadmin.token)).map((n) => n.event)).toEqual(["service.suspended"]);
  });
});
