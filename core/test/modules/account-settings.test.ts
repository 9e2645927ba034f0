import { afterAll, beforeAll, describe, expect, it } from "vitest";
import emailPlugin from "../../../plugins/notify-email/src/index.js";
import { LocalSmtpServer } from "../../../plugins/notify-email/test/local-smtp-server.js";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import { CreateSession } from "../../src/modules/accounts/create-session.js";
import { addMember } from "../support/account-helpers.js";
import { demoProduct, order } from "../support/service-helpers.js";
import { waitFor } from "../support/document-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import type { PluginDefinition } from "../../src/index.js";

// The profile, password, e-mail and reset flows, with the e-mails going the real way: the
// notifications outbox, the notify-email plugin, and a real SMTP server that keeps what arrives.

let t: TestCabinet;
let smtp: LocalSmtpServer;
const PASSWORD = "correct horse battery";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

beforeAll(async () => {
  smtp = await LocalSmtpServer.start();
  t = await startTestCabinet({
    // The plugin is typed against the core's public entry as built; at run time it is this core.
    plugins: [emailPlugin as unknown as PluginDefinition],
    config: {
      http: { host: "127.0.0.1", port: 0, publicUrl: "https://my.northwind.example" },
      notifications: { delivery: { enabled: true, pollIntervalMs: 50 } },
      auth: { signInLimitPerIp: { points: 10_000, durationSeconds: 60 } },
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

/** The mails that reached `to`, newest last. */
const mailsTo = (to: string) => smtp.received.filter((m) => m.envelope.to.includes(to));
/** Waits for the `n`-th mail to `to` and answers it. */
const nthMailTo = (to: string, n: number) => waitFor(async () => mailsTo(to)[n - 1], `mail #${n} to ${to}`);
const tokenIn = (mail: { mail: { text?: string } }, param: string) => new RegExp(`#${param}=(cabl_[A-Za-z0-9_-]{43})`).exec(mail.mail.text ?? "")?.[1];
const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.request("POST", "/api/v1/auth/sign-in", { body: { email, password, mode: "bearer" }, headers });

describe("profile: GET and PATCH /me", () => {
  it("shows and changes name, phone, languages, time zone and rows per page", async () => {
    const client = await t.signUp();
    const before = await t.request("GET", "/api/v1/me", { token: client.token });
    expect(before.body.user).toMatchObject({ phone: null, timezone: "UTC", rowsPerPage: 20, locale: "en", emailVerified: false });
    expect(before.body.account.locale).toBe("en");
    const changes = { name: "Ada L.", phone: "+44 20 7946 0958", locale: "ru", accountLocale: "ru", timezone: "Europe/Berlin", rowsPerPage: 50 };
    const patched = await t.request("PATCH", "/api/v1/me", { token: client.token, body: changes });
    expect(patched.status).toBe(200);
    expect(patched.body.user).toMatchObject({ name: "Ada L.", phone: "+44 20 7946 0958", locale: "ru", timezone: "Europe/Berlin", rowsPerPage: 50 });
    expect(patched.body.account.locale).toBe("ru");
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).body).toEqual(patched.body);
    // The phone can be cleared.
    expect((await t.request("PATCH", "/api/v1/me", { token: client.token, body: { phone: null } })).body.user.phone).toBeNull();
  });

  it.each([
    ["an unknown time zone", { timezone: "Mars/Olympus_Mons" }, "/timezone"],
    ["a phone of letters", { phone: "call me maybe" }, "/phone"],
    ["rows per page not offered", { rowsPerPage: 7 }, "/rowsPerPage"],
    ["a language not offered", { locale: "xx" }, "/locale"],
    ["an empty name", { name: "" }, "/name"],
    ["an unknown field", { email: "x@example.org" }, ""],
    ["nothing at all", {}, ""],
  ])("refuses %s with 400, changing nothing", async (_what, body, path) => {
    const client = await t.signUp();
    const response = await t.request("PATCH", "/api/v1/me", { token: client.token, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
    if (path) expect(JSON.stringify(response.body.error.details)).toContain(path);
    const me = await t.request("GET", "/api/v1/me", { token: client.token });
    expect(me.body.user).toMatchObject({ name: "Test Client", phone: null, timezone: "UTC", rowsPerPage: 20, locale: "en" });
  });

  it("lets only the owner change the account's language", async () => {
    const owner = await t.signUp();
    const member = await addMember(t, owner.accountId, ["services"]);
    const refused = await t.request("PATCH", "/api/v1/me", { token: member.token, body: { accountLocale: "ru", name: "Sneaky" } });
    expect(refused.status).toBe(403);
    const me = await t.request("GET", "/api/v1/me", { token: member.token });
    expect(me.body.account.locale).toBe("en");
    expect(me.body.user.name).toBe("Member");
    // Their own language is theirs.
    expect((await t.request("PATCH", "/api/v1/me", { token: member.token, body: { locale: "ru" } })).body.user.locale).toBe("ru");
  });
});

describe("password change", () => {
  it("needs the current password, then ends every other session but the caller's", async () => {
    const client = await t.signUp();
    const other = (await signIn(client.email, PASSWORD)).body.token;
    const wrong = await t.request("POST", "/api/v1/me/password", { token: client.token, body: { password: "not it", newPassword: "a brand new password" } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    const missing = await t.request("POST", "/api/v1/me/password", { token: client.token, body: { newPassword: "a brand new password" } });
    expect(missing.status).toBe(403);
    const short = await t.request("POST", "/api/v1/me/password", { token: client.token, body: { password: PASSWORD, newPassword: "short" } });
    expect(short.status).toBe(400);
    // Nothing changed so far: the other session lives, the old password works.
    expect((await t.request("GET", "/api/v1/me", { token: other })).status).toBe(200);

    const changed = await t.request("POST", "/api/v1/me/password", { token: client.token, body: { password: PASSWORD, newPassword: "a brand new password" } });
    expect(changed.status).toBe(200);
    expect(changed.body.ended).toBe(1);
    expect((await t.request("GET", "/api/v1/me", { token: other })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(200);
    expect((await signIn(client.email, PASSWORD)).status).toBe(401);
    expect((await signIn(client.email, "a brand new password")).status).toBe(200);
  });
});

describe("re-authentication of a user with no password (signed in through an external provider)", () => {
  it("takes a sign-in of the last ten minutes, and nothing older", async () => {
    const owner = await t.signUp();
    const accounts = t.cabinet.container.resolve(AccountRepository);
    const brandId = (await accounts.findAccount(owner.accountId))!.brandId;
    const user = {
      id: `usr_nopw${Date.now()}`,
      brandId,
      accountId: owner.accountId,
      email: `nopw-${Date.now()}@example.org`,
      name: "No Password",
      passwordHash: null,
      role: "member" as const,
      permissions: [],
      status: "active" as const,
      locale: "en",
      createdAt: t.clock.now(),
    };
    await accounts.insertUser(user);
    const session = await t.cabinet.container
      .resolve(CreateSession)
      .execute({ ...user, phone: null, timezone: "UTC", rowsPerPage: 20, emailVerifiedAt: null }, { ip: "127.0.0.1", userAgent: "test" });
    t.clock.advance(11 * 60_000);
    const stale = await t.request("POST", "/api/v1/me/password", { token: session.token, body: { newPassword: "a first password" } });
    expect(stale.status).toBe(403);
    expect(stale.body.error.details.needs).toContain("fresh-sign-in");
    const fresh = await t.cabinet.container
      .resolve(CreateSession)
      .execute({ ...user, phone: null, timezone: "UTC", rowsPerPage: 20, emailVerifiedAt: null }, { ip: "127.0.0.1", userAgent: "test" });
    expect((await t.request("POST", "/api/v1/me/password", { token: fresh.token, body: { newPassword: "a first password" } })).status).toBe(200);
    expect((await signIn(user.email, "a first password")).status).toBe(200);
  });
});

describe("password reset", () => {
  it("mails a single-use link through the notifications pipeline; the token sets a new password once and ends every session", async () => {
    const client = await t.signUp();
    const asked = await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email.toUpperCase() } });
    expect(asked.status).toBe(202);
    const mail = await nthMailTo(client.email, 1);
    expect(mail.mail.subject).toContain("Reset your password");
    const token = tokenIn(mail, "cab-reset")!;
    expect(mail.mail.text).toContain(`https://my.northwind.example/#cab-reset=${token}`);
    // Never in the notification centre: the link is a secret.
    const centre = await t.request("GET", "/api/v1/notifications", { token: client.token });
    expect(JSON.stringify(centre.body)).not.toContain(token);

    const reset = await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "reset password 123" } });
    expect(reset.status).toBe(204);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
    expect((await signIn(client.email, "reset password 123")).status).toBe(200);
    expect((await signIn(client.email, PASSWORD)).status).toBe(401);

    const again = await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "yet another password" } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("CAB_ERR_LINK_INVALID");
  });

  it("answers an unknown e-mail exactly as a known one, and mails nothing", async () => {
    const client = await t.signUp();
    const known = await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } });
    const unknown = await t.request("POST", "/api/v1/auth/password-reset", { body: { email: "nobody-at-all@example.org" } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await nthMailTo(client.email, 1);
    expect(mailsTo("nobody-at-all@example.org")).toHaveLength(0);
  });

  it("voids an earlier link when a new one is sent, and refuses an expired one", async () => {
    const client = await t.signUp();
    await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } });
    const first = tokenIn(await nthMailTo(client.email, 1), "cab-reset")!;
    await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } });
    const second = tokenIn(await nthMailTo(client.email, 2), "cab-reset")!;
    const superseded = await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token: first, password: "reset password 123" } });
    expect(superseded.status).toBe(400);
    expect(superseded.body.error.code).toBe("CAB_ERR_LINK_INVALID");

    t.clock.advance(31 * 60_000);
    const expired = await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token: second, password: "reset password 123" } });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe("CAB_ERR_LINK_INVALID");
    expect((await signIn(client.email, PASSWORD)).status).toBe(200);
  });

  it("stops working once the password is changed in the settings", async () => {
    const client = await t.signUp();
    await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } });
    const token = tokenIn(await nthMailTo(client.email, 1), "cab-reset")!;
    await t.request("POST", "/api/v1/me/password", { token: client.token, body: { password: PASSWORD, newPassword: "changed meanwhile" } });
    expect((await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "reset password 123" } })).status).toBe(400);
  });

  it("is limited per e-mail (known or not) and per IP", async () => {
    for (const email of ["limited-reset@example.org", (await t.signUp()).email]) {
      for (let i = 0; i < 3; i++) expect((await t.request("POST", "/api/v1/auth/password-reset", { body: { email } })).status).toBe(202);
      const limited = await t.request("POST", "/api/v1/auth/password-reset", { body: { email } });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
    }
  });

  it("is limited for parallel requests too: of 10 sent at once for one e-mail, only the limit's worth are taken in", async () => {
    const client = await t.signUp();
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it("refuses a malformed token, a short password and a page off the brand's origins", async () => {
    const client = await t.signUp();
    expect((await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token: "cabl_nope", password: "reset password 123" } })).status).toBe(400);
    const unknownToken = await t.request("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token: `cabl_${"A".repeat(43)}`, password: "reset password 123" },
    });
    expect(unknownToken.body.error.code).toBe("CAB_ERR_LINK_INVALID");
    const offSite = await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email, page: "https://evil.example/steal" } });
    expect(offSite.status).toBe(400);
    await t.request("POST", "/api/v1/auth/password-reset", { body: { email: client.email } });
    const token = tokenIn(await nthMailTo(client.email, 1), "cab-reset")!;
    const short = await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "short" } });
    expect(short.status).toBe(400);
    // The refused attempt did not use the token up.
    expect((await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "long enough now" } })).status).toBe(204);
  });
});

describe("e-mail change", () => {
  it("sends a link to the new address, changes the sign-in e-mail when opened and tells the old address", async () => {
    const client = await t.signUp();
    const newEmail = `moved-${Date.now()}@example.org`;
    const asked = await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail, password: PASSWORD } });
    expect(asked.status).toBe(202);
    const mail = await nthMailTo(newEmail, 1);
    const token = tokenIn(mail, "cab-email-change")!;
    // Not changed until the link is opened.
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).body.user.email).toBe(client.email);
    expect((await t.request("POST", "/api/v1/auth/email-change/confirm", { body: { token } })).status).toBe(204);
    const me = await t.request("GET", "/api/v1/me", { token: client.token });
    expect(me.body.user).toMatchObject({ email: newEmail, emailVerified: true });
    const notice = await nthMailTo(client.email, 1);
    expect(notice.mail.text).toContain(newEmail);
    expect((await signIn(newEmail, PASSWORD)).status).toBe(200);
    expect((await signIn(client.email, PASSWORD)).status).toBe(401);
    expect((await t.request("POST", "/api/v1/auth/email-change/confirm", { body: { token } })).body.error.code).toBe("CAB_ERR_LINK_INVALID");
  });

  it("needs re-authentication and refuses an address another user has, without saying whose", async () => {
    const client = await t.signUp();
    const other = await t.signUp();
    const wrong = await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail: "fresh@example.org", password: "wrong" } });
    expect(wrong.status).toBe(403);
    const taken = await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail: other.email.toUpperCase(), password: PASSWORD } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("CAB_ERR_EMAIL_UNAVAILABLE");
    expect(JSON.stringify(taken.body)).not.toContain(other.userId);
    expect(JSON.stringify(taken.body)).not.toContain(other.accountId);
    const same = await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail: client.email, password: PASSWORD } });
    expect(same.status).toBe(400);
    const malformed = await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail: "not an e-mail", password: PASSWORD } });
    expect(malformed.status).toBe(400);
    const offSite = await t.request("POST", "/api/v1/me/email", {
      token: client.token,
      body: { newEmail: "fresh2@example.org", password: PASSWORD, page: "https://evil.example/" },
    });
    expect(offSite.status).toBe(400);
  });

  it("refuses the link when someone took the address meanwhile, changing nothing", async () => {
    const client = await t.signUp();
    const newEmail = `race-${Date.now()}@example.org`;
    await t.request("POST", "/api/v1/me/email", { token: client.token, body: { newEmail, password: PASSWORD } });
    const token = tokenIn(await nthMailTo(newEmail, 1), "cab-email-change")!;
    await t.signUp(newEmail);
    const confirm = await t.request("POST", "/api/v1/auth/email-change/confirm", { body: { token } });
    expect(confirm.status).toBe(409);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).body.user.email).toBe(client.email);
  });
});

describe("sign-up with e-mail verification", () => {
  it("mails a verification link when the brand asks for it; opening it marks the e-mail verified", async () => {
    await addBrand(t, "verifying", [], true);
    await t.cabinet.db("brands").where({ slug: "verifying" }).update({ email_verification_required: true });
    t.cabinet.container.resolve((await import("../../src/modules/brands/brand-directory.js")).BrandDirectory).invalidate();
    const email = `verify-${Date.now()}@example.org`;
    const signedUp = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email, password: PASSWORD, name: "V" },
      headers: { "x-cabinet-brand": "verifying" },
    });
    expect(signedUp.status).toBe(202);
    const signUp = await signIn(email, PASSWORD, { "x-cabinet-brand": "verifying" });
    expect(signUp.body.user.emailVerified).toBe(false);
    const token = tokenIn(await nthMailTo(email, 1), "cab-verify-email")!;
    // Not confirmed yet: no ordering.
    const item = { productId: (await demoProduct(t, "vps")).id, periodMonths: 1 };
    const early = await order(t, signUp.body.token, [item]);
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe("CAB_ERR_EMAIL_NOT_VERIFIED");
    expect((await t.request("POST", "/api/v1/auth/verify-email", { body: { token } })).status).toBe(204);
    // Confirmed: the order goes past the check (the demo brand's product is not this brand's, so it stops later).
    expect((await order(t, signUp.body.token, [item])).body.error?.code).not.toBe("CAB_ERR_EMAIL_NOT_VERIFIED");
    expect((await t.request("GET", "/api/v1/me", { token: signUp.body.token })).body.user.emailVerified).toBe(true);
    expect((await t.request("POST", "/api/v1/auth/verify-email", { body: { token } })).status).toBe(400);
    // A bad page is refused before any account is written.
    const offSite = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email: `v2-${email}`, password: PASSWORD, name: "V", page: "https://evil.example/" },
      headers: { "x-cabinet-brand": "verifying" },
    });
    expect(offSite.status).toBe(400);
    expect((await signIn(`v2-${email}`, PASSWORD, { "x-cabinet-brand": "verifying" })).status).toBe(401);
  });
});

describe("sessions", () => {
  it("lists the user's devices with the current one marked, and ends one or all others", async () => {
    const client = await t.signUp();
    const phone = (
      await signIn(client.email, PASSWORD, {
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      })
    ).body.token;
    const laptop = (await signIn(client.email, PASSWORD, { "user-agent": CHROME })).body.token;
    const list = await t.request("GET", "/api/v1/me/sessions", { token: laptop });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].device).toMatchObject({ browser: "Chrome 120", os: "Linux" });
    const iphone = list.body.items.find((s: { device: { os: string | null } }) => s.device.os?.startsWith("iOS"));
    expect(iphone.device.deviceType).toBe("mobile");

    expect((await t.request("DELETE", `/api/v1/me/sessions/${iphone.id}`, { token: laptop })).status).toBe(204);
    expect((await t.request("GET", "/api/v1/me", { token: phone })).status).toBe(401);
    const others = await t.request("POST", "/api/v1/me/sessions/end-others", { token: laptop });
    expect(others.body.ended).toBe(1);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/me/sessions", { token: laptop })).body.items).toHaveLength(1);
  });

  it("answers 404 for another user's session or an unknown one, ending nothing", async () => {
    const client = await t.signUp();
    const stranger = await t.signUp();
    const theirs = (await t.request("GET", "/api/v1/me/sessions", { token: stranger.token })).body.items[0].id;
    const response = await t.request("DELETE", `/api/v1/me/sessions/${theirs}`, { token: client.token });
    expect(response.status).toBe(404);
    expect((await t.request("GET", "/api/v1/me", { token: stranger.token })).status).toBe(200);
    expect((await t.request("DELETE", "/api/v1/me/sessions/not-an-id", { token: client.token })).status).toBe(400);
  });

  it("end for good when the user or the account is suspended: re-activation does not bring them back", async () => {
    const accounts = t.cabinet.container.resolve(AccountRepository);
    const user = await t.signUp();
    await accounts.setUserStatus(user.userId, "suspended");
    await accounts.setUserStatus(user.userId, "active");
    expect((await t.request("GET", "/api/v1/me", { token: user.token })).status).toBe(401);
    const account = await t.signUp();
    await accounts.setAccountStatus(account.accountId, "suspended");
    await accounts.setAccountStatus(account.accountId, "active");
    expect((await t.request("GET", "/api/v1/me", { token: account.token })).status).toBe(401);
    expect((await signIn(account.email, PASSWORD)).status).toBe(200);
  });
});
