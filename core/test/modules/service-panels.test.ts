import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PluginDefinition } from "../../src/index.js";
import type { Provisioner } from "../../src/extension-points/provisioner.js";
import type { ServicePanelTarget } from "../../src/extension-points/service-panel.js";
import { SuspendService } from "../../src/modules/services/suspend-service.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, order, statusBecomes } from "../support/service-helpers.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";

const PASSWORD = "correct horse battery";

/** A provisioner whose panel the product's options script: how its actions answer, and what it was asked. */
const asked: { op: string; key?: string; target: ServicePanelTarget; idempotencyKey?: string }[] = [];
const scripted: Provisioner = {
  id: "panel-scripted",
  async provision() {
    return { status: "done" };
  },
  panel: {
    async describe(target) {
      asked.push({ op: "describe", target });
      if (target.options.describe === "hang") return new Promise(() => {});
      return {
        fields: [{ key: "ipv4", label: "IPv4 address", value: "192.0.2.10" }],
        credentials: [{ key: "root", label: "Root password" }],
        actions: [
          { key: "reboot", label: "Reboot", confirm: "Reboot now?" },
          { key: "reinstall", label: "Reinstall", confirm: "Erase everything?", right: "delete", danger: true },
          { key: "hang", label: "Hang", confirm: "?" },
          { key: "refuse", label: "Refuse", confirm: "?" },
          { key: "crash", label: "Crash", confirm: "?" },
        ],
        controlPanel: { label: "Open panel" },
        metrics: [
          {
            key: "cpu",
            label: "CPU",
            unit: "%",
            points: [
              { at: 1_700_000_000_000, value: 12.5 },
              { at: 1_700_003_600_000, value: Number.NaN },
            ],
          },
        ],
      };
    },
    async reveal(target, key) {
      asked.push({ op: "reveal", key, target });
      return key === "root" ? { value: "s3cret-root" } : undefined;
    },
    async runAction(target, key, { idempotencyKey }) {
      asked.push({ op: "action", key, target, idempotencyKey });
      if (key === "hang") return new Promise(() => {});
      if (key === "refuse") return { status: "failed", reason: "A backup is running: try again in ten minutes." };
      if (key === "crash") throw new Error("socket hang up at 10.0.0.7");
      return { status: "done", message: `${key} started` };
    },
    async controlPanelUrl(target) {
      asked.push({ op: "login", target });
      return { url: `https://panel.example.net/sso?vm=${target.serviceId}` };
    },
  },
};
const plugin: PluginDefinition = { name: "panel-scripted", version: "1.0.0", coreRange: "*", register: (c) => c.provide("provisioner", scripted) };

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [plugin], config: { plugins: [{ name: "panel-scripted", options: {} }], services: { provisionTimeoutMs: 400 } } });
});
afterAll(() => t.close());

/** A client with an active service of a product provisioned by `provisioner`. */
async function activeService(provisioner = "panel-scripted", options: Record<string, unknown> = {}) {
  const product = await addProduct(t, { provisioner, provisionerOptions: options });
  const client = await t.signUp();
  await post(t, { accountId: client.accountId, amount: 5000 });
  const placed = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
  expect(placed.status).toBe(201);
  const id = placed.body.services[0].id as string;
  await statusBecomes(t, client.token, id, "active");
  return { ...client, id };
}

const audit = async (token: string, action: string) => (await t.request("GET", `/api/v1/audit?action=${action}`, { token })).body.items as any[];

describe("the service panel", () => {
  it("shows the provisioner's fields, credentials without values, actions with the caller's rights, and trimmed usage", async () => {
    const c = await activeService();
    const panel = await t.request("GET", `/api/v1/services/${c.id}/panel?locale=ru`, { token: c.token });
    expect(panel.status).toBe(200);
    expect(panel.body.state).toBe("active");
    expect(panel.body.fields).toEqual([{ key: "ipv4", label: "IPv4 address", value: "192.0.2.10" }]);
    expect(panel.body.credentials).toEqual([{ key: "root", label: "Root password", canReveal: true }]);
    expect(JSON.stringify(panel.body)).not.toContain("s3cret-root");
    expect(panel.body.actions.find((a: any) => a.key === "reinstall")).toMatchObject({ right: "delete", danger: true, allowed: true });
    expect(panel.body.controlPanel).toEqual({ label: "Open panel", allowed: true });
    // A point that is not a number is dropped, not passed on.
    expect(panel.body.metrics[0].points).toEqual([{ at: new Date(1_700_000_000_000).toISOString(), value: 12.5 }]);
    expect(asked.at(-1)!.target).toMatchObject({ serviceId: c.id, accountId: c.accountId, locale: "ru" });
  });

  it("is shown only while the service is active, and to no other account (404)", async () => {
    const c = await activeService();
    const other = await t.signUp();
    expectRefused(await t.request("GET", `/api/v1/services/${c.id}/panel`, { token: other.token }), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reboot`, { token: other.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");

    await t.cabinet.container.resolve(SuspendService).execute({ accountId: c.accountId, serviceId: c.id, reason: "client", actor: "client" });
    const panel = await t.request("GET", `/api/v1/services/${c.id}/panel`, { token: c.token });
    expect(panel.body).toMatchObject({ state: "inactive", fields: [], credentials: [], actions: [], controlPanel: null, metrics: [] });
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reboot`, { token: c.token, body: {} }), 409, "CAB_ERR_ILLEGAL_TRANSITION");
    expectRefused(
      await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: PASSWORD } }),
      409,
      "CAB_ERR_ILLEGAL_TRANSITION",
    );
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/login`, { token: c.token, body: {} }), 409, "CAB_ERR_ILLEGAL_TRANSITION");
  });

  it("is 404 to a user limited to other services of the account (per-service scope)", async () => {
    const owner = await activeService();
    const placed = await order(t, owner.token, [{ productId: (await addProduct(t, { provisioner: "panel-scripted" })).id, periodMonths: 1 }]);
    const otherId = placed.body.services[0].id as string;
    await statusBecomes(t, owner.token, otherId, "active");
    const scoped = await addRoleMember(t, owner, ["sysadmin"], [otherId]);
    expect((await t.request("GET", `/api/v1/services/${otherId}/panel`, { token: scoped.token })).body.state).toBe("active");
    expectRefused(await t.request("GET", `/api/v1/services/${owner.id}/panel`, { token: scoped.token }), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("POST", `/api/v1/services/${owner.id}/panel/actions/reboot`, { token: scoped.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");
    expectRefused(await t.request("POST", `/api/v1/services/${owner.id}/panel/login`, { token: scoped.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");
  });

  it("says `none` for a product whose provisioner has no panel, and `unavailable` when the provider is slow", async () => {
    const plain = await activeService("instant");
    expect((await t.request("GET", `/api/v1/services/${plain.id}/panel`, { token: plain.token })).body.state).toBe("none");
    const slow = await activeService("panel-scripted", { describe: "hang" });
    const panel = await t.request("GET", `/api/v1/services/${slow.id}/panel`, { token: slow.token });
    expect(panel.status).toBe(200);
    expect(panel.body.state).toBe("unavailable");
  });
});

describe("revealing a credential", () => {
  it("needs the password again, is audited, and is not cached", async () => {
    const c = await activeService();
    expectRefused(
      await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: {} }),
      403,
      "CAB_ERR_REAUTH_FAILED",
    );
    expectRefused(
      await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: "wrong password" } }),
      403,
      "CAB_ERR_REAUTH_FAILED",
    );
    expect(asked.some((a) => a.op === "reveal" && a.target.serviceId === c.id)).toBe(false);

    const shown = await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: PASSWORD } });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ key: "root", value: "s3cret-root" });
    expect(shown.headers.get("cache-control")).toBe("no-store");
    const entries = await audit(c.token, "service.credential_revealed");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target: { type: "service", id: c.id }, details: { credential: "root", outcome: "shown" } });
    expect(JSON.stringify(entries)).not.toContain("s3cret-root");

    expectRefused(
      await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/nope/reveal`, { token: c.token, body: { password: PASSWORD } }),
      404,
      "CAB_ERR_NOT_FOUND",
    );
  });

  it("is refused (403) to a user whose role only views services, before the provider is asked", async () => {
    const owner = await activeService();
    const viewer = await addRoleMember(t, owner, ["viewer"]);
    const panel = await t.request("GET", `/api/v1/services/${owner.id}/panel`, { token: viewer.token });
    expect(panel.status).toBe(200);
    expect(panel.body.credentials[0].canReveal).toBe(false);
    expect(panel.body.actions.every((a: any) => a.allowed === false)).toBe(true);
    expect(panel.body.controlPanel.allowed).toBe(false);
    const before = asked.length;
    expectRefused(
      await t.request("POST", `/api/v1/services/${owner.id}/panel/credentials/root/reveal`, { token: viewer.token, body: { password: "member password" } }),
      403,
      "CAB_ERR_FORBIDDEN",
    );
    expectRefused(await t.request("POST", `/api/v1/services/${owner.id}/panel/actions/reboot`, { token: viewer.token, body: {} }), 403, "CAB_ERR_FORBIDDEN");
    expectRefused(await t.request("POST", `/api/v1/services/${owner.id}/panel/login`, { token: viewer.token, body: {} }), 403, "CAB_ERR_FORBIDDEN");
    expect(asked.slice(before).filter((a) => a.op !== "describe")).toEqual([]);
  });
});

describe("an action", () => {
  it("runs with the caller's idempotency key and is audited", async () => {
    const c = await activeService();
    const done = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reboot`, {
      token: c.token,
      body: {},
      headers: { "idempotency-key": "reboot-1" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ action: "reboot", status: "done", message: "reboot started", credential: null });
    expect(asked.find((a) => a.op === "action" && a.target.serviceId === c.id)?.idempotencyKey).toBe("reboot-1");
    expect((await audit(c.token, "service.panel_action"))[0]).toMatchObject({ details: { action: "reboot", outcome: "done" } });
  });

  it("that destroys data needs `delete`: a sysadmin may reboot but not reinstall", async () => {
    const owner = await activeService();
    const sysadmin = await addRoleMember(t, owner, ["sysadmin"]);
    const panel = (await t.request("GET", `/api/v1/services/${owner.id}/panel`, { token: sysadmin.token })).body;
    expect(panel.actions.find((a: any) => a.key === "reboot").allowed).toBe(true);
    expect(panel.actions.find((a: any) => a.key === "reinstall").allowed).toBe(false);
    expect((await t.request("POST", `/api/v1/services/${owner.id}/panel/actions/reboot`, { token: sysadmin.token, body: {} })).status).toBe(200);
    expectRefused(
      await t.request("POST", `/api/v1/services/${owner.id}/panel/actions/reinstall`, { token: sysadmin.token, body: {} }),
      403,
      "CAB_ERR_FORBIDDEN",
    );
    expect(asked.some((a) => a.op === "action" && a.key === "reinstall" && a.target.serviceId === owner.id)).toBe(false);
  });

  it("that times out answers 504, that is refused 502 with the provider's reason, that crashes 502 without its internals; each audited", async () => {
    const c = await activeService();
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/hang`, { token: c.token, body: {} }), 504, "CAB_ERR_PROVIDER_TIMEOUT");
    const refused = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/refuse`, { token: c.token, body: {} });
    expectRefused(refused, 502, "CAB_ERR_PROVIDER_FAILED");
    expect(refused.body.error.details.reason).toBe("A backup is running: try again in ten minutes.");
    const crashed = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/crash`, { token: c.token, body: {} });
    expectRefused(crashed, 502, "CAB_ERR_PROVIDER_FAILED");
    expect(JSON.stringify(crashed.body)).not.toContain("10.0.0.7");
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/format-c`, { token: c.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");
    const outcomes = (await audit(c.token, "service.panel_action")).map((e) => `${e.details.action}:${e.details.outcome}`).sort();
    expect(outcomes).toEqual(["crash:failed", "hang:timeout", "refuse:failed"]);
  });
});

describe("the control panel link", () => {
  it("redirects once, to the provider's sign-in URL; a second opening, or a late one, is 400", async () => {
    const c = await activeService();
    const link = await t.request("POST", `/api/v1/services/${c.id}/panel/login`, { token: c.token, body: {} });
    expect(link.status).toBe(200);
    const path = new URL(link.body.url).pathname;
    expect(path).toMatch(/^\/api\/v1\/panel-login\/cabp_[\w-]{43}$/);
    expect(Date.parse(link.body.expiresAt) - t.clock.now()).toBeLessThanOrEqual(60_000);

    const opened = await t.request("GET", path);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`https://panel.example.net/sso?vm=${c.id}`);
    expectRefused(await t.request("GET", path), 400, "CAB_ERR_LINK_INVALID");
    expect(await audit(c.token, "service.panel_login")).toHaveLength(1);

    const late = await t.request("POST", `/api/v1/services/${c.id}/panel/login`, { token: c.token, body: {} });
    t.clock.advance(61_000);
    expectRefused(await t.request("GET", new URL(late.body.url).pathname), 400, "CAB_ERR_LINK_INVALID");
    expectRefused(await t.request("GET", "/api/v1/panel-login/cabp_" + "x".repeat(43)), 400, "CAB_ERR_LINK_INVALID");
  });
});

describe("the demo's instant provisioner", () => {
  it("shows the demo VPS's addresses, a reboot, a panel page of the demo and two charts", async () => {
    // The demo seeds its Cloud VPS with these options (core/src/seed/seed-demo.ts).
    const c = await activeService("instant", { demoPanel: true });
    const panel = (await t.request("GET", `/api/v1/services/${c.id}/panel`, { token: c.token })).body;
    expect(panel.state).toBe("active");
    expect(panel.fields.find((f: any) => f.key === "ipv4").value).toMatch(/^203\.0\.113\.\d+$/);
    expect(panel.actions.map((a: any) => a.key)).toContain("reboot");
    expect(panel.metrics.map((m: any) => m.key)).toEqual(["cpu", "traffic"]);
    expect(panel.metrics[0].points).toHaveLength(24);
    const link = await t.request("POST", `/api/v1/services/${c.id}/panel/login`, { token: c.token, body: {} });
    const opened = await t.request("GET", new URL(link.body.url).pathname);
    expect(opened.status).toBe(303);
    expect(new URL(opened.headers.get("location")!).pathname).toBe("/demo-panel.html");
  });
});

describe("running an action from the page", () => {
  it("is one call to the provider: the page's description says which actions exist and what they need", async () => {
    const c = await activeService();
    const panel = await t.request("GET", `/api/v1/services/${c.id}/panel`, { token: c.token });
    expect(panel.status).toBe(200);
    const callsOf = () => asked.filter((a) => a.target.serviceId === c.id).map((a) => (a.op === "action" ? `action:${a.key}` : a.op));
    expect(callsOf()).toEqual(["describe"]);
    for (const key of ["reboot", "reboot", "reinstall"]) {
      expect((await t.request("POST", `/api/v1/services/${c.id}/panel/actions/${key}`, { token: c.token, body: {} })).status).toBe(200);
    }
    expect(callsOf()).toEqual(["describe", "action:reboot", "action:reboot", "action:reinstall"]);
    // An action the page did not list is looked up afresh (once), and still 404 when the provider does not have it.
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/format-c`, { token: c.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");
    expect(callsOf().slice(4)).toEqual(["describe"]);
  });

  it("still checks the right the action needs when the page was described for someone else", async () => {
    const owner = await activeService();
    expect((await t.request("GET", `/api/v1/services/${owner.id}/panel`, { token: owner.token })).status).toBe(200);
    const sysadmin = await addRoleMember(t, owner, ["sysadmin"]);
    expectRefused(
      await t.request("POST", `/api/v1/services/${owner.id}/panel/actions/reinstall`, { token: sysadmin.token, body: {} }),
      403,
      "CAB_ERR_FORBIDDEN",
    );
    expect(asked.some((a) => a.op === "action" && a.key === "reinstall" && a.target.serviceId === owner.id)).toBe(false);
  });
});

describe("the demo's password reset", () => {
  it("asks for the password again, answers the new root password once (not cached, audited), which a reveal then shows", async () => {
    const c = await activeService("instant", { demoPanel: true });
    const panel = (await t.request("GET", `/api/v1/services/${c.id}/panel`, { token: c.token })).body;
    expect(panel.actions.find((a: any) => a.key === "reset-password")).toMatchObject({ reveals: "root", right: "change", allowed: true });
    const before = (await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: PASSWORD } })).body
      .value;

    // Without the password, or with a wrong one, nothing is reset.
    expectRefused(await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reset-password`, { token: c.token, body: {} }), 403, "CAB_ERR_REAUTH_FAILED");
    expectRefused(
      await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reset-password`, { token: c.token, body: { password: "wrong password" } }),
      403,
      "CAB_ERR_REAUTH_FAILED",
    );
    expect(
      (await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: PASSWORD } })).body.value,
    ).toBe(before);

    const reset = await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reset-password`, { token: c.token, body: { password: PASSWORD } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.headers.get("cache-control")).toBe("no-store");
    expect(reset.body).toMatchObject({ action: "reset-password", status: "done", credential: { key: "root" } });
    const fresh = reset.body.credential.value as string;
    expect(fresh).not.toBe(before);
    expect(
      (await t.request("POST", `/api/v1/services/${c.id}/panel/credentials/root/reveal`, { token: c.token, body: { password: PASSWORD } })).body.value,
    ).toBe(fresh);
    const revealed = await audit(c.token, "service.credential_revealed");
    expect(revealed.some((e) => e.details.by === "reset-password" && e.details.credential === "root")).toBe(true);
    expect(JSON.stringify(revealed)).not.toContain(fresh);
    // An ordinary action answers no credential.
    expect((await t.request("POST", `/api/v1/services/${c.id}/panel/actions/reboot`, { token: c.token, body: {} })).body.credential).toBeNull();
  });
});
