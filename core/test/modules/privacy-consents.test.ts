import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";

let t: TestCabinet;
let admin: string;
beforeAll(async () => {
  t = await startTestCabinet();
  admin = (await signInStaff(t, "admin")).token;
});
afterAll(() => t.close());

const publish = (body: Record<string, unknown>, token = admin) => t.request("POST", "/api/v1/staff/legal-documents", { token, body });

describe("legal documents and consents", () => {
  it("a must-agree version stops other calls with 403 CAB_ERR_CONSENT_REQUIRED until it is accepted; /me, sign-out and the consent endpoints still answer", async () => {
    const client = await t.signUp();
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).status).toBe(200);

    const published = await publish({ kind: "privacy_policy", title: "Privacy policy", body: "We keep little.", mustAgree: true, showOnSignUp: true });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ kind: "privacy_policy", mustAgree: true, publishedBy: expect.stringMatching(/^stf_/) });

    const blocked = await t.request("GET", "/api/v1/services", { token: client.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("CAB_ERR_CONSENT_REQUIRED");
    expect(blocked.body.error.details.documents).toEqual([{ id: published.body.id, kind: "privacy_policy", version: published.body.version }]);
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(200);
    // Routes that take a session optionally are stopped too (one guard mechanism), but for those exempt from every guard.
    expect((await t.request("GET", "/api/v1/catalog", { token: client.token })).body.error.code).toBe("CAB_ERR_CONSENT_REQUIRED");
    expect((await t.request("GET", "/api/v1/brand", { token: client.token })).status).toBe(200);
    expect((await t.request("GET", "/api/v1/auth/session", { token: client.token })).status).toBe(200);

    const consents = await t.request("GET", "/api/v1/consents", { token: client.token });
    expect(consents.status).toBe(200);
    expect(consents.body.required).toEqual([published.body.id]);

    const accept = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: [{ documentId: published.body.id, decision: "accepted" }] },
      headers: { "user-agent": "consent-test" },
    });
    expect(accept.status).toBe(201);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).status).toBe(200);

    const history = await t.request("GET", "/api/v1/consents/history", { token: client.token });
    expect(history.body.items[0]).toMatchObject({
      documentId: published.body.id,
      kind: "privacy_policy",
      version: published.body.version,
      decision: "accepted",
      ip: expect.any(String),
    });
    const row = await t.cabinet.db("consent_decisions").where({ user_id: client.userId }).first();
    expect(row).toMatchObject({ user_agent: "consent-test", account_id: client.accountId });

    // A newer version asks again; a decision on the old one is then refused.
    const v2 = await publish({ kind: "privacy_policy", title: "Privacy policy", body: "We keep even less.", mustAgree: true });
    expect(v2.body.version).toBe(published.body.version + 1);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).body.error.code).toBe("CAB_ERR_CONSENT_REQUIRED");
    const outdated = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: [{ documentId: published.body.id, decision: "accepted" }] },
    });
    expect(outdated.status).toBe(409);
    expect(outdated.body.error.code).toBe("CAB_ERR_CONSENT_OUTDATED");
    await t.request("POST", "/api/v1/consents", { token: client.token, body: { decisions: [{ documentId: v2.body.id, decision: "accepted" }] } });

    const out = await t.request("POST", "/api/v1/auth/sign-out", { token: client.token });
    expect(out.status).toBe(204);
  });

  it("refuses to decline a must-agree document, and writes none of a batch with a bad decision in it", async () => {
    const client = await t.signUp();
    const { body: consents } = await t.request("GET", "/api/v1/consents", { token: client.token });
    const required = consents.required[0];
    const marketing = await publish({ kind: "marketing_email", title: "News by e-mail", body: "Offers now and then.", mustAgree: false });
    const refused = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: {
        decisions: [
          { documentId: marketing.body.id, decision: "accepted" },
          { documentId: required, decision: "declined" },
        ],
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("CAB_ERR_CONSENT_MUST_AGREE");
    expect(Number((await t.cabinet.db("consent_decisions").where({ user_id: client.userId }).count({ n: "*" }))[0].n)).toBe(0);
  });

  it("an optional document is accepted, then declined later; both decisions stay in the history", async () => {
    const client = await t.signUp();
    const { body: consents } = await t.request("GET", "/api/v1/consents", { token: client.token });
    const marketing = consents.documents.find((d: { kind: string }) => d.kind === "marketing_email");
    expect(consents.suggested).toContain(marketing.id);
    await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: consents.required.map((id: string) => ({ documentId: id, decision: "accepted" })) },
    });
    await t.request("POST", "/api/v1/consents", { token: client.token, body: { decisions: [{ documentId: marketing.id, decision: "accepted" }] } });
    await t.request("POST", "/api/v1/consents", { token: client.token, body: { decisions: [{ documentId: marketing.id, decision: "declined" }] } });
    const after = await t.request("GET", "/api/v1/consents", { token: client.token });
    expect(after.body.documents.find((d: { id: string }) => d.id === marketing.id).decision).toBe("declined");
    expect(after.body.suggested).not.toContain(marketing.id);
    const history = await t.request("GET", "/api/v1/consents/history", { token: client.token });
    expect(history.body.items.filter((i: { documentId: string }) => i.documentId === marketing.id).map((i: { decision: string }) => i.decision)).toEqual([
      "declined",
      "accepted",
    ]);
  });

  it("a version effective later does not stop anyone until its date", async () => {
    const client = await t.signUp();
    const { body } = await t.request("GET", "/api/v1/consents", { token: client.token });
    await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: body.required.map((id: string) => ({ documentId: id, decision: "accepted" })) },
    });
    const later = await publish({
      kind: "terms",
      title: "Terms",
      body: "Be nice.",
      mustAgree: true,
      effectiveAt: new Date(t.clock.now() + 86_400_000).toISOString(),
    });
    expect(later.status).toBe(201);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).status).toBe(200);
    const early = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: [{ documentId: later.body.id, decision: "accepted" }] },
    });
    expect(early.body.error.code).toBe("CAB_ERR_CONSENT_OUTDATED");
    t.clock.advance(86_400_000 + 1000);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).body.error.code).toBe("CAB_ERR_CONSENT_REQUIRED");
  });

  it("another brand's document is unknown here (404), and staff of one brand publish only for it", async () => {
    await addBrand(t, "other-consent");
    const otherAdmin = (await signInStaff(t, "admin", "other-consent")).token;
    const foreign = await publish({ kind: "terms", title: "Other terms", body: "x", mustAgree: false }, otherAdmin);
    const client = await t.signUp();
    const consents = await t.request("GET", "/api/v1/consents", { token: client.token });
    expect(consents.body.documents.map((d: { id: string }) => d.id)).not.toContain(foreign.body.id);
    const response = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: { decisions: [{ documentId: foreign.body.id, decision: "accepted" }] },
    });
    expect(response.status).toBe(404);
  });

  it("bad input: unknown kind, missing switch, a past effective date, a duplicate decision, a non-admin publisher", async () => {
    admin = (await signInStaff(t, "admin")).token; // the clock moved past the first one's session
    expect((await publish({ kind: "cookies", title: "x", body: "x", mustAgree: true })).status).toBe(400);
    expect((await publish({ kind: "terms", title: "x", body: "x" })).status).toBe(400);
    const past = await publish({ kind: "terms", title: "x", body: "x", mustAgree: false, effectiveAt: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.details.errors[0].path).toBe("/effectiveAt");
    const finance = (await signInStaff(t, "finance")).token;
    expect((await publish({ kind: "terms", title: "x", body: "x", mustAgree: false }, finance)).status).toBe(403);
    const client = await t.signUp();
    const { body } = await t.request("GET", "/api/v1/consents", { token: client.token });
    const id = body.documents[0].id;
    const twice = await t.request("POST", "/api/v1/consents", {
      token: client.token,
      body: {
        decisions: [
          { documentId: id, decision: "accepted" },
          { documentId: id, decision: "accepted" },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect((await t.request("POST", "/api/v1/consents", { token: client.token, body: { decisions: [] } })).status).toBe(400);
    expect((await t.request("POST", "/api/v1/consents", { token: client.token, body: { decisions: [{ documentId: id, decision: "maybe" }] } })).status).toBe(
      400,
    );
  });

  it("a sign-up accepts the must-agree documents its form shows: refused (422, nothing written) without them, recorded with the account when given", async () => {
    await addBrand(t, "signup-consents");
    const brand = { "x-cabinet-brand": "signup-consents" };
    const brandAdmin = (await signInStaff(t, "admin", "signup-consents")).token;
    const policy = (await publish({ kind: "privacy_policy", title: "Privacy", body: "We keep little.", mustAgree: true, showOnSignUp: true }, brandAdmin)).body;
    const news = (await publish({ kind: "marketing_email", title: "News", body: "Now and then.", mustAgree: false, showOnSignUp: true }, brandAdmin)).body;
    const listed = (await t.request("GET", "/api/v1/legal-documents", { headers: brand })).body.items;
    expect(listed.filter((d: { showOnSignUp: boolean }) => d.showOnSignUp).map((d: { id: string }) => d.id)).toEqual([policy.id, news.id]);

    const signUp = (email: string, consents?: unknown) =>
      t.request("POST", "/api/v1/auth/sign-up", {
        body: { email, password: "correct horse battery", name: "C", ...(consents ? { consents } : {}) },
        headers: { ...brand, "user-agent": "sign-up-test" },
      });
    const users = async (email: string) => Number((await t.cabinet.db("users").where({ email }).count({ n: "*" }))[0].n);

    const without = await signUp("no-consent@example.org");
    expect(without.status).toBe(422);
    expect(without.body.error).toMatchObject({ code: "CAB_ERR_CONSENT_MUST_AGREE", details: { documentId: policy.id, kind: "privacy_policy" } });
    const onlyOptional = await signUp("no-consent@example.org", [{ documentId: news.id, decision: "accepted" }]);
    expect(onlyOptional.body.error.code).toBe("CAB_ERR_CONSENT_MUST_AGREE");
    const declined = await signUp("no-consent@example.org", [{ documentId: policy.id, decision: "declined" }]);
    expect(declined.status).toBe(422);
    // Another brand's document is unknown here; a malformed decision never reaches the check.
    const foreign = (await t.request("GET", "/api/v1/legal-documents")).body.items[0].id;
    expect(
      (
        await signUp("no-consent@example.org", [
          { documentId: policy.id, decision: "accepted" },
          { documentId: foreign, decision: "accepted" },
        ])
      ).status,
    ).toBe(404);
    expect((await signUp("no-consent@example.org", [{ documentId: policy.id, decision: "yes" }])).status).toBe(400);
    expect(await users("no-consent@example.org")).toBe(0);

    const ok = await signUp("consenting@example.org", [
      { documentId: policy.id, decision: "accepted" },
      { documentId: news.id, decision: "declined" },
    ]);
    expect(ok.status).toBe(202);
    const signedIn = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: "consenting@example.org", password: "correct horse battery", mode: "bearer" },
      headers: brand,
    });
    const token = signedIn.body.token;
    // Accepted at sign-up: nothing is outstanding, no call is stopped.
    expect((await t.request("GET", "/api/v1/services", { token, headers: brand })).status).toBe(200);
    const history = (await t.request("GET", "/api/v1/consents/history", { token, headers: brand })).body.items;
    expect(history.map((h: { documentId: string; decision: string }) => [h.documentId, h.decision]).sort()).toEqual(
      [
        [policy.id, "accepted"],
        [news.id, "declined"],
      ].sort(),
    );
    expect(await t.cabinet.db("consent_decisions").where({ user_id: signedIn.body.user.id, document_id: policy.id }).first()).toMatchObject({
      user_agent: "sign-up-test",
      account_id: signedIn.body.account.id,
      version: policy.version,
    });
  });

  it("the public list shows the documents in force for a sign-up form", async () => {
    const list = await t.request("GET", "/api/v1/legal-documents");
    expect(list.status).toBe(200);
    const kinds = list.body.items.map((d: { kind: string }) => d.kind);
    expect(kinds).toContain("privacy_policy");
    expect(list.body.items.find((d: { kind: string }) => d.kind === "privacy_policy").version).toBe(2);
  });
});
