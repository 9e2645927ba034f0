import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/runtime/api-client.js";
import { SessionStore, type SessionState } from "../src/runtime/session-store.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "alice@example.com", name: "Alice Moreau", role: "owner", permissions: [], locale: "en" },
  account: { id: "acc_1", name: "Alice Moreau", kind: "person", currency: "USD" },
  brand: { slug: "demo", name: "Northwind Hosting" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "bearer" },
};

function store(mode: "cookie" | "bearer", ...answers: Parameters<typeof fakeFetch>) {
  const { fetch, calls } = fakeFetch(...answers);
  const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), mode);
  const states: SessionState["status"][] = [];
  session.subscribe((state) => states.push(state.status));
  return { session, calls, states };
}

describe("SessionStore and privacy", () => {
  it("adopts a session opened by an external sign-in's exchange, keeping its bearer token in memory", async () => {
    const { session, calls } = store("bearer", json(200, { items: [], nextCursor: null }));
    session.adopt({ ...me, token: "tok_external_123" } as never);
    expect(session.state).toMatchObject({ status: "signed-in", restored: false });
    expect(session.me).not.toHaveProperty("token");
    await session.listServices({ limit: 10 });
    expect(calls[0].headers.Authorization).toBe("Bearer tok_external_123");
  });

  it("tells the consent prompt when a call is refused for a missing consent, and stays signed in", async () => {
    const { session } = store(
      "bearer",
      json(200, { ...me, token: "tok_abcdefghijkl" }),
      apiError(403, "CAB_ERR_CONSENT_REQUIRED", "Accept the updated legal documents to continue."),
    );
    await session.signIn("alice@example.com", "pw");
    let told = 0;
    session.onConsentRequired(() => told++);
    await expect(session.listServices({ limit: 10 })).rejects.toMatchObject({ code: "CAB_ERR_CONSENT_REQUIRED" });
    expect(told).toBe(1);
    expect(session.state.status).toBe("signed-in");
  });

  it("reopens the session after consents: every widget hears a new session of the same user", async () => {
    const { session, states } = store("bearer", json(200, { ...me, token: "tok_abcdefghijkl" }));
    await session.signIn("alice@example.com", "pw");
    session.reopen();
    // No sign-out in between: the page hears nothing, the widgets load again.
    expect(states).toEqual(["signed-in", "signed-in"]);
    expect(session.state).toMatchObject({ reopened: true });
    expect(session.me?.user.id).toBe("usr_1");
  });
});
