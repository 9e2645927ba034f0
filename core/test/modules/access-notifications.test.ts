import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emailPlugin from "../../../plugins/notify-email/src/index.js";
import { LocalSmtpServer } from "../../../plugins/notify-email/test/local-smtp-server.js";
import { waitFor } from "../support/document-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import type { PluginDefinition } from "../../src/index.js";

// Shared access's e-mails, the real way: the notifications outbox, the notify-email plugin, and
// a real SMTP server that keeps what arrives.

let t: TestCabinet;
let smtp: LocalSmtpServer;

beforeAll(async () => {
  smtp = await LocalSmtpServer.start();
  t = await startTestCabinet({
    plugins: [emailPlugin as unknown as PluginDefinition],
    config: {
      http: { host: "127.0.0.1", port: 0, publicUrl: "https://my.northwind.example" },
      notifications: { delivery: { enabled: true, pollIntervalMs: 50 } },
      plugins: [
        { name: "notify-email", options: { smtp: { host: "127.0.0.1", port: smtp.port, timeoutMs: 5000 }, from: "Cabinet <noreply@cabinet.example>" } },
      ],
    },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const mailsTo = (to: string) => smtp.received.filter((m) => m.envelope.to.includes(to));
const nthMailTo = (to: string, n: number) => waitFor(async () => mailsTo(to)[n - 1], `mail #${n} to ${to}`);
const linkIn = (text: string | undefined) => /https:\/\/my\.northwind\.example\/\?invitation=(cabi_[A-Za-z0-9_-]+)/.exec(text ?? "")?.[1];

describe("the invitation e-mail", () => {
  it("reaches the invitee (who has no login yet) with the accept link; a resent one carries a new link and the old one stops working", async () => {
    const owner = await t.signUp(undefined, { name: "Olga Owner" });
    const email = `invitee-${Date.now()}@example.org`;
    const sent = await t.request("POST", "/api/v1/users/invitations", {
      token: owner.token,
      body: { email, roles: ["accountant"], serviceIds: null, password: "correct horse battery" },
    });
    expect(sent.status).toBe(201);

    const mail = await nthMailTo(email, 1);
    expect(mail.mail.subject).toContain("You are invited to the account “Olga Owner”");
    expect(mail.mail.text).toContain("Olga Owner invites you");
    const token = linkIn(mail.mail.text);
    expect(token).toBeDefined();
    expect(`https://my.northwind.example/?invitation=${token}`).toBe(sent.body.link);
    // Never shown in the owner's notification centre: it carries a one-time link.
    const centre = await t.request("GET", "/api/v1/notifications", { token: owner.token });
    expect(centre.body.items.map((n: { event: string }) => n.event)).not.toContain("user.invited");

    const resent = await t.request("POST", `/api/v1/users/invitations/${sent.body.invitation.id}/resend`, { token: owner.token });
    expect(resent.status).toBe(200);
    const second = await nthMailTo(email, 2);
    const newToken = linkIn(second.mail.text);
    expect(newToken).toBeDefined();
    expect(newToken).not.toBe(token);
    expect((await t.request("GET", `/api/v1/invitations/${token}`)).status).toBe(410);

    const accepted = await t.request("POST", "/api/v1/invitations/accept", {
      body: { token: newToken, name: "Ivan Invitee", password: "a long new password", mode: "bearer" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.accountId).toBe(owner.accountId);
  });

  it("is not sent for a refused invitation", async () => {
    const owner = await t.signUp();
    const email = `refused-${Date.now()}@example.org`;
    const refused = await t.request("POST", "/api/v1/users/invitations", {
      token: owner.token,
      body: { email, roles: [], serviceIds: null, password: "correct horse battery" },
    });
    expect(refused.status).toBe(400);
    // A later, valid invitation to someone else is delivered; by then the refused one would have been too.
    const other = `later-${Date.now()}@example.org`;
    await t.request("POST", "/api/v1/users/invitations", {
      token: owner.token,
      body: { email: other, roles: ["viewer"], serviceIds: null, password: "correct horse battery" },
    });
    await nthMailTo(other, 1);
    expect(mailsTo(email)).toHaveLength(0);
  });
});

describe("staff sign in as client", () => {
  it("tells the account's owner, in the notification centre and by e-mail, with the staff member's name and the mode", async () => {
    const owner = await t.signUp();
    const staff = await signInStaff(t, "support");
    const opened = await t.request("POST", `/api/v1/staff/accounts/${owner.accountId}/sign-in-as`, { token: staff.token, body: { mode: "read" } });
    expect(opened.status).toBe(201);

    const centre = await waitFor(async () => {
      const list = await t.request("GET", "/api/v1/notifications", { token: owner.token });
      return list.body.items.find((n: { event: string }) => n.event === "staff.signed_in_as_client");
    }, "the in-app notice");
    expect(centre.title).toBe("Our staff opened your client area");
    expect(centre.body).toMatch(/^Staff \d+ opened your client area read-only for an hour/);

    const mail = await nthMailTo(owner.email, 1);
    expect(mail.mail.subject).toContain("Our staff opened your client area");
    expect(mail.mail.text).toContain("read-only");
    expect(mailsTo(owner.email)).toHaveLength(1);
  });

  it("is not announced when the brand says so (announceStaffSignIn: false); the audit log still records it", async () => {
    const admin = await signInStaff(t, "admin");
    expect((await t.request("GET", "/api/v1/staff/brand", { token: admin.token })).body.announceStaffSignIn).toBe(true);
    const off = await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body: { announceStaffSignIn: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.announceStaffSignIn).toBe(false);
    try {
      const owner = await t.signUp();
      const staff = await signInStaff(t, "support");
      const opened = await t.request("POST", `/api/v1/staff/accounts/${owner.accountId}/sign-in-as`, { token: staff.token, body: { mode: "act" } });
      expect(opened.status).toBe(201);
      // The notifications of an event are raised before its publisher answers: none was.
      expect(
        (await t.request("GET", "/api/v1/notifications", { token: owner.token })).body.items.filter(
          (n: { event: string }) => n.event === "staff.signed_in_as_client",
        ),
      ).toEqual([]);
      expect(await t.cabinet.db("notifications").where({ account_id: owner.accountId, event: "staff.signed_in_as_client" })).toEqual([]);
      const audit = await t.request("GET", "/api/v1/audit?action=staff.", { token: owner.token });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("staff.signed_in_as_client");
    } finally {
      expect((await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body: { announceStaffSignIn: true } })).status).toBe(200);
    }
  });
});
