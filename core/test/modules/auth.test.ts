import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({
    config: { auth: { signInLimitPerAccount: { points: 3, durationSeconds: 900 }, signInLimitPerIp: { points: 1000, durationSeconds: 60 } } },
  });
});
afterAll(() => t.close());

const alice = { email: "alice@example.com", password: "northwind-demo" };
const sessionCookie = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith("cabinet_session="))!
    .split(";")[0];

describe("sign-up", () => {
  it("creates an account with its owner, who signs in next and sees it in /me", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email: "New.Client@Example.org", password: "long enough password", name: "New Client", kind: "company", companyName: "Initech" },
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: "accepted", next: "sign_in" });
    expect(response.headers.getSetCookie()).toEqual([]);
    const signedIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "new.client@example.org", password: "long enough password" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: "new.client@example.org", role: "owner", permissions: ["services", "finance", "documents", "support"] });
    expect(signedIn.body.account).toMatchObject({ name: "Initech", kind: "company", currency: "USD" });
    const me = await t.request("GET", "/api/v1/me", { cookie: sessionCookie(signedIn.headers) });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(signedIn.body.user.id);
  });

  it("answers a taken e-mail (in any letter case) exactly as a free one, creates nothing, and tells its owner", async () => {
    const free = await t.request("POST", "/api/v1/auth/sign-up", { body: { email: "fresh-eve@example.com", password: "long enough password", name: "Eve" } });
    const taken = await t.request("POST", "/api/v1/auth/sign-up", { body: { email: "ALICE@example.com", password: "long enough password", name: "Eve" } });
    expect([taken.status, taken.body]).toEqual([free.status, free.body]);
    expect(taken.headers.getSetCookie()).toEqual(free.headers.getSetCookie());
    const alices = await t.cabinet.db("users").where({ email: "alice@example.com" });
    expect(alices).toHaveLength(1);
    // The owner of the address hears of it, through the notifications (in-app and, being a security notice, the other channels).
    await expect.poll(async () => (await t.cabinet.db("notifications").where({ user_id: alices[0].id, event: "user.sign_up_attempted" })).length).toBe(1);
    // Tried again within the hour: still the one notice (a prober cannot flood the owner).
    await t.request("POST", "/api/v1/auth/sign-up", { body: { email: "alice@example.com", password: "long enough password", name: "Eve" } });
    await t.request("POST", "/api/v1/auth/sign-up", { body: { email: "fresh-eve-2@example.com", password: "long enough password", name: "Eve" } });
    expect(await t.cabinet.db("notifications").where({ user_id: alices[0].id, event: "user.sign_up_attempted" })).toHaveLength(1);
  });

  // A core of its own (migrated and seeded: more than a test's time on a busy MariaDB).
  it("is limited per IP, taken e-mails counted too", { timeout: 120_000 }, async () => {
    const limited = await startTestCabinet({ config: { auth: { signUpLimitPerIp: { points: 3, durationSeconds: 3600 } } } });
    try {
      const signUp = (email: string) => limited.request("POST", "/api/v1/auth/sign-up", { body: { email, password: "long enough password", name: "Bot" } });
      const answers = [
        await signUp("bot-1@example.org"),
        await signUp("alice@example.com"),
        await signUp("bot-2@example.org"),
        await signUp("bot-3@example.org"),
      ];
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 429]);
      expect(answers[3].body.error.code).toBe("CAB_ERR_RATE_LIMITED");
      expect(await limited.cabinet.db("users").where({ email: "bot-3@example.org" })).toHaveLength(0);
    } finally {
      await limited.close();
    }
  });

  it("refuses a short password and a company without a name, writing nothing", async () => {
    const short = await t.request("POST", "/api/v1/auth/sign-up", { body: { email: "short@example.org", password: "short", name: "S" } });
    expect(short.status).toBe(400);
    expect(short.body.error.details.errors[0].path).toBe("/password");
    const company = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email: "co@example.org", password: "long enough password", name: "C", kind: "company" },
    });
    expect(company.status).toBe(400);
    const written = await t.cabinet.db("users").whereIn("email", ["short@example.org", "co@example.org"]).count({ n: "*" });
    expect(Number(written[0].n)).toBe(0);
  });

  it("is refused when the brand has closed sign-up", async () => {
    await addBrand(t, "closed", [], false);
    const response = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email: "x@example.org", password: "long enough password", name: "X" },
      headers: { "x-cabinet-brand": "closed" },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("CAB_ERR_SIGN_UP_CLOSED");
  });
});

describe("sign-in", () => {
  it("with a cookie: HttpOnly, SameSite=Lax, and a CSRF token for unsafe requests", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: alice });
    expect(response.status).toBe(200);
    expect(response.body.token).toBeNull();
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/cabinet_session=cabs_[^;]+;.*httponly/i);
    expect(setCookie).toMatch(/samesite=lax/i);
    expect(setCookie).not.toMatch(/secure/i); // env test; production sets Secure
    const cookie = sessionCookie(response.headers);

    const withoutCsrf = await t.request("POST", "/api/v1/auth/sign-out", { cookie });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.error.code).toBe("CAB_ERR_CSRF");
    const wrongCsrf = await t.request("POST", "/api/v1/auth/sign-out", { cookie, headers: { "x-csrf-token": "not-it" } });
    expect(wrongCsrf.body.error.code).toBe("CAB_ERR_CSRF");
    expect((await t.request("GET", "/api/v1/me", { cookie })).status).toBe(200);

    const signOut = await t.request("POST", "/api/v1/auth/sign-out", { cookie, headers: { "x-csrf-token": response.body.session.csrfToken } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.getSetCookie().join()).toMatch(/cabinet_session=;/);
    const after = await t.request("GET", "/api/v1/me", { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
  });

  it("with a bearer token: no cookie, no CSRF header needed, ends on sign-out", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: { ...alice, mode: "bearer" } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const token = response.body.token as string;
    expect(token).toMatch(/^cabs_[A-Za-z0-9_-]{43}$/);
    expect((await t.request("GET", "/api/v1/me", { token })).body.user.email).toBe("alice@example.com");
    expect((await t.request("POST", "/api/v1/auth/sign-out", { token })).status).toBe(204);
    expect((await t.request("GET", "/api/v1/me", { token })).status).toBe(401);
  });

  it("stores only a hash of the token", async () => {
    const { token } = (await t.request("POST", "/api/v1/auth/sign-in", { body: { ...alice, mode: "bearer" } })).body;
    const rows = await t.cabinet.db("sessions").select("token_hash");
    expect(rows.some((r: { token_hash: string }) => r.token_hash.includes(token) || token.includes(r.token_hash))).toBe(false);
  });

  it("answers an unknown e-mail exactly as a wrong password", async () => {
    const unknown = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "nobody@example.com", password: "northwind-demo" } });
    const wrong = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "bob@example.com", password: "not-the-password" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe("CAB_ERR_INVALID_CREDENTIALS");
  });

  it("limits failures per account: after the limit even the right password waits, with Retry-After", async () => {
    const target = await t.signUp("limited@example.org");
    for (let i = 0; i < 3; i++) {
      expect((await t.request("POST", "/api/v1/auth/sign-in", { body: { email: target.email, password: "wrong password" } })).status).toBe(401);
    }
    const limited = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: target.email, password: "correct horse battery" } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same IP is not affected.
    expect((await t.request("POST", "/api/v1/auth/sign-in", { body: alice })).status).toBe(200);
  });

  it("limits parallel guesses too: of 25 wrong passwords sent at once only the limit's worth are tried", async () => {
    const target = await t.signUp("parallel-guess@example.org");
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => t.request("POST", "/api/v1/auth/sign-in", { body: { email: target.email, password: "wrong password" } })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(22);
    // The right password after the burst waits too.
    expect((await t.request("POST", "/api/v1/auth/sign-in", { body: { email: target.email, password: "correct horse battery" } })).status).toBe(429);
  });

  it("lets the right password among 25 parallel guesses sign in only if it was among the first counted", async () => {
    const target = await t.signUp("parallel-right@example.org");
    const bodies = Array.from({ length: 25 }, (_, i) => ({ email: target.email, password: i === 12 ? "correct horse battery" : "wrong password" }));
    const statuses = (await Promise.all(bodies.map((body) => t.request("POST", "/api/v1/auth/sign-in", { body })))).map((a) => a.status);
    // Exactly three attempts were tried (401 or 200); every other one was refused before its password was looked at.
    expect(statuses.filter((s) => s === 401 || s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(22);
  });

  it("refuses credentials of another brand", async () => {
    await addBrand(t, "other");
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: alice, headers: { "x-cabinet-brand": "other" } });
    expect(response.status).toBe(401);
  });

  it("rejects a malformed Authorization header and an unknown token with 401", async () => {
    expect((await t.request("GET", "/api/v1/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/me", { token: "cabs_" + "x".repeat(43) })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/me")).body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
  });
});

describe("sessions end", () => {
  it("at once when the user is suspended, and sign-in then says so only to the password holder", async () => {
    const client = await t.signUp();
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(200);
    await t.cabinet.container.resolve(AccountRepository).setUserStatus(client.userId, "suspended");
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).status).toBe(401);
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery" } });
    expect(signIn.status).toBe(403);
  });

  it("at once when the account is suspended", async () => {
    const client = await t.signUp();
    await t.cabinet.container.resolve(AccountRepository).setAccountStatus(client.accountId, "suspended");
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
  });

  it("when they expire", async () => {
    const client = await t.signUp();
    t.clock.advance(14 * 24 * 3_600_000 + 1);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
  });

  it("when used with another brand", async () => {
    await addBrand(t, "elsewhere");
    const client = await t.signUp();
    const response = await t.request("GET", "/api/v1/me", { token: client.token, headers: { "x-cabinet-brand": "elsewhere" } });
    expect(response.status).toBe(401);
  });
});

describe("GET /api/v1/auth/session", () => {
  it("answers 200 whether or not someone is signed in", async () => {
    expect((await t.request("GET", "/api/v1/auth/session")).body).toEqual({ signedIn: false, me: null });
    expect((await t.request("GET", "/api/v1/auth/session", { token: "cabs_" + "y".repeat(43) })).body).toEqual({ signedIn: false, me: null });
    const client = await t.signUp();
    const response = await t.request("GET", "/api/v1/auth/session", { token: client.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ signedIn: true, me: { user: { id: client.userId }, account: { id: client.accountId } } });
  });
});
