import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStaffMember } from "../../src/modules/staff/create-staff-member.js";
import { STAFF_SESSION_TTL_MS } from "../../src/modules/staff/sign-in-staff.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

let t: TestCabinet;
let gateway: TestGateway;
beforeAll(async () => {
  gateway = new TestGateway();
  t = await startTestCabinet({
    plugins: [testGatewayPlugin(gateway)],
    config: {
      plugins: [{ name: "payment-testpay", options: {} }],
      auth: { signInLimitPerAccount: { points: 3, durationSeconds: 900 }, signInLimitPerIp: { points: 1000, durationSeconds: 60 } },
    },
  });
  await addBrand(t, "other");
});
afterAll(() => t.close());

const sessionCookie = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith("cabinet_session="))!
    .split(";")[0];

async function staffMember(role: "admin" | "finance" | "support", email: string, brand = "demo") {
  return t.cabinet.container.resolve(CreateStaffMember).execute({ brandSlug: brand, email, name: "Sam Staff", role, password: "staff password 123" });
}

/** A succeeded top-up of a fresh client of `brand`, through the test gateway. */
async function paidPayment(brand = "demo", amount = 3000) {
  const email = `client-${Math.random().toString(36).slice(2)}@example.org`;
  const signUp = await t.signUp(email, { headers: { "x-cabinet-brand": brand }, name: "C" });
  const token = signUp.token;
  const started = await t.request("POST", "/api/v1/payments", {
    token,
    body: { gateway: "testpay", amount, returnUrl: `${t.cabinet.config.http.publicUrl}/return` },
    headers: { "x-cabinet-brand": brand },
  });
  gateway.status.set(`ref_${started.body.id}`, "succeeded");
  await t.request("GET", `/api/v1/payments/${started.body.id}`, { token, headers: { "x-cabinet-brand": brand } });
  return { paymentId: started.body.id as string, clientToken: token, accountId: signUp.accountId };
}

describe("staff sign-in", () => {
  it("answers a bearer token that opens /staff/me, until sign-out ends it", async () => {
    await staffMember("finance", "Fiona@Northwind.example");
    const signIn = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "fiona@northwind.example", password: "staff password 123" } });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({
      staff: { email: "fiona@northwind.example", name: "Sam Staff", role: "finance" },
      brand: { slug: "demo", name: "Northwind Hosting" },
    });
    expect(signIn.headers.getSetCookie()).toEqual([]); // bearer only: no cookie for a browser to carry along
    const { token } = signIn.body;
    expect(token).toMatch(/^cabstaff_/);
    expect(Date.parse(signIn.body.session.expiresAt) - t.clock.now()).toBe(STAFF_SESSION_TTL_MS);

    const rows = await t.cabinet.db("staff_sessions").select("token_hash");
    expect(rows.some((r: { token_hash: string }) => token.includes(r.token_hash) || r.token_hash.includes(token))).toBe(false);

    const me = await t.request("GET", "/api/v1/staff/me", { token });
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(signIn.body.staff.id);

    expect((await t.request("POST", "/api/v1/staff/auth/sign-out", { token })).status).toBe(204);
    const after = await t.request("GET", "/api/v1/staff/me", { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
  });

  it("answers an unknown e-mail exactly as a wrong password", async () => {
    await staffMember("support", "sue@northwind.example");
    const unknown = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "nobody@northwind.example", password: "staff password 123" } });
    const wrong = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "sue@northwind.example", password: "not the password" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe("CAB_ERR_INVALID_CREDENTIALS");
    // A client's credentials are not a staff member's.
    const client = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo" } });
    expect(client.body).toEqual(wrong.body);
  });

  it("is rate limited per e-mail like clients' sign-in, in its own key space", async () => {
    // A client with the same e-mail as the staff member: their failures must not lock each other out.
    await t.signUp("shared@northwind.example");
    await staffMember("finance", "shared@northwind.example");
    for (let i = 0; i < 3; i++) {
      expect((await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "shared@northwind.example", password: "wrong password" } })).status).toBe(
        401,
      );
    }
    const limited = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "shared@northwind.example", password: "staff password 123" } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const client = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "shared@northwind.example", password: "correct horse battery" } });
    expect(client.status).toBe(200);
  });

  it("belongs to the member's brand: not another brand's sign-in, nor its requests", async () => {
    await staffMember("admin", "ada@northwind.example");
    const elsewhere = await t.request("POST", "/api/v1/staff/auth/sign-in", {
      body: { email: "ada@northwind.example", password: "staff password 123" },
      headers: { "x-cabinet-brand": "other" },
    });
    expect(elsewhere.status).toBe(401);
    const { token } = await signInStaff(t, "admin");
    expect((await t.request("GET", "/api/v1/staff/me", { token, headers: { "x-cabinet-brand": "other" } })).status).toBe(401);
  });

  it("ends at once for a suspended member, and after 12 hours for anyone", async () => {
    const suspended = await signInStaff(t, "finance");
    await t.cabinet.db("staff_users").where({ id: suspended.staffId }).update({ status: "suspended" });
    expect((await t.request("GET", "/api/v1/staff/me", { token: suspended.token })).status).toBe(401);
    const again = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: suspended.email, password: suspended.password } });
    expect(again.status).toBe(403);

    const { token } = await signInStaff(t, "finance");
    t.clock.advance(STAFF_SESSION_TTL_MS + 1);
    expect((await t.request("GET", "/api/v1/staff/me", { token })).status).toBe(401);
  });
});

describe("staff and client tokens", () => {
  it("never cross: a client's session is refused on staff routes, a staff token on client routes", async () => {
    const client = await t.signUp();
    const { token: staffToken } = await signInStaff(t, "admin");
    for (const path of ["/api/v1/staff/me", "/api/v1/staff/payments"]) {
      expect((await t.request("GET", path, { token: client.token })).status, path).toBe(401);
    }
    const cookieSession = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo" } });
    expect((await t.request("GET", "/api/v1/staff/me", { cookie: sessionCookie(cookieSession.headers) })).status).toBe(401);
    for (const path of ["/api/v1/me", "/api/v1/payments", "/api/v1/balance"]) {
      const response = await t.request("GET", path, { token: staffToken });
      expect(response.status, path).toBe(401);
      expect(response.body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
    }
    expect((await t.request("POST", "/api/v1/auth/sign-out", { token: staffToken })).status).toBe(401);
    // And the staff session is untouched by those attempts.
    expect((await t.request("GET", "/api/v1/staff/me", { token: staffToken })).status).toBe(200);
  });
});

describe("staff see their own brand's payments only", () => {
  it("lists, reads, confirms and refunds nothing of another brand (404)", async () => {
    const ours = await paidPayment("demo");
    const theirs = await paidPayment("other");
    const { token } = await signInStaff(t, "admin", "demo");

    const list = await t.request("GET", "/api/v1/staff/payments?limit=100", { token });
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(ours.paymentId);
    expect(ids).not.toContain(theirs.paymentId);
    expect((await t.request("GET", `/api/v1/staff/payments?accountId=${theirs.accountId}`, { token })).body.items).toEqual([]);

    expect((await t.request("GET", `/api/v1/staff/payments/${ours.paymentId}`, { token })).status).toBe(200);
    const attempts = [
      await t.request("GET", `/api/v1/staff/payments/${theirs.paymentId}`, { token }),
      await t.request("POST", `/api/v1/staff/payments/${theirs.paymentId}/confirm-transfer`, { token, body: { receivedAmount: 3000 } }),
      await t.request("POST", `/api/v1/staff/payments/${theirs.paymentId}/refunds`, {
        token,
        headers: { "idempotency-key": randomUUID() },
        body: { amount: 100, reason: "test" },
      }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    }
    expect(await t.cabinet.db("refunds").where({ payment_id: theirs.paymentId })).toEqual([]);

    // The other brand's own staff do see it.
    const { token: otherToken } = await signInStaff(t, "admin", "other");
    expect((await t.request("GET", `/api/v1/staff/payments/${theirs.paymentId}`, { token: otherToken, headers: { "x-cabinet-brand": "other" } })).status).toBe(
      200,
    );
  });
});

describe("staff roles", () => {
  it("let support read payments but not refund or confirm them (403)", async () => {
    const { paymentId } = await paidPayment();
    const { token } = await signInStaff(t, "support");
    expect((await t.request("GET", `/api/v1/staff/payments/${paymentId}`, { token })).status).toBe(200);
    const refund = await t.request("POST", `/api/v1/staff/payments/${paymentId}/refunds`, {
      token,
      headers: { "idempotency-key": randomUUID() },
      body: { amount: 100, reason: "goodwill" },
    });
    expect(refund.status).toBe(403);
    expect(refund.body.error).toMatchObject({ code: "CAB_ERR_FORBIDDEN", details: { roles: ["admin", "finance"] } });
    expect((await t.request("POST", `/api/v1/staff/payments/${paymentId}/confirm-transfer`, { token, body: { receivedAmount: 100 } })).status).toBe(403);
    expect(await t.cabinet.db("refunds").where({ payment_id: paymentId })).toEqual([]);
  });

  it("let admin and finance refund", async () => {
    for (const role of ["admin", "finance"] as const) {
      const { paymentId } = await paidPayment();
      const { token } = await signInStaff(t, role);
      expect(
        (
          await t.request("POST", `/api/v1/staff/payments/${paymentId}/refunds`, {
            token,
            headers: { "idempotency-key": randomUUID() },
            body: { amount: 100, reason: "goodwill" },
          })
        ).status,
        role,
      ).toBe(201);
    }
  });
});

describe("creating staff members (cabinet create-staff)", () => {
  it("is idempotent per e-mail: a second run changes nothing, not even the password", async () => {
    const create = t.cabinet.container.resolve(CreateStaffMember);
    const first = await create.execute({ brandSlug: "demo", email: "Once@Northwind.example", name: "Once", role: "support", password: "first password 1" });
    const second = await create.execute({ brandSlug: "demo", email: "once@northwind.example", name: "Twice", role: "admin", password: "second password 2" });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, member: { id: first.member.id, name: "Once", role: "support" } });
    const signIn = await t.request("POST", "/api/v1/staff/auth/sign-in", { body: { email: "once@northwind.example", password: "first password 1" } });
    expect(signIn.status).toBe(200);
    expect(await t.cabinet.db("staff_users").where({ email: "once@northwind.example" })).toHaveLength(1);
  });

  it("refuses an unknown brand or role and a short password, naming the field", async () => {
    const create = t.cabinet.container.resolve(CreateStaffMember);
    const base = { brandSlug: "demo", email: "new@northwind.example", name: "New", role: "finance", password: "long enough password" };
    await expect(create.execute({ ...base, brandSlug: "nosuch" })).rejects.toThrow(/^brand /);
    await expect(create.execute({ ...base, role: "owner" })).rejects.toThrow(/^role must be one of admin, finance, support/);
    await expect(create.execute({ ...base, password: "short" })).rejects.toThrow(/^password /);
    await expect(create.execute({ ...base, email: "not an e-mail" })).rejects.toThrow(/^email /);
    expect(await t.cabinet.db("staff_users").where({ email: "new@northwind.example" })).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("marks staff routes with the staff bearer scheme and their roles", async () => {
    const doc = t.cabinet.openApi() as any;
    expect(doc.paths["/api/v1/staff/me"].get.security).toEqual([{ staffBearer: [] }]);
    expect(doc.paths["/api/v1/staff/payments/{id}/refunds"].post["x-cabinet-staff-roles"]).toEqual(["admin", "finance"]);
    expect(doc.paths["/api/v1/staff/auth/sign-in"].post.security).toEqual([]);
    expect(doc.components.securitySchemes.staffBearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
