import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/runtime/api-client.js";
import { SessionStore, type SessionState } from "../src/runtime/session-store.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "alice@example.com", name: "Alice Moreau", role: "owner", permissions: [], locale: "en" },
  account: { id: "acc_1", name: "Alice Moreau", kind: "person", currency: "USD" },
  brand: { slug: "demo", name: "Northwind Hosting" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "cookie" },
};
const page = { items: [], nextCursor: null };

function store(mode: "cookie" | "bearer", ...answers: Parameters<typeof fakeFetch>) {
  const { fetch, calls } = fakeFetch(...answers);
  const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), mode);
  const states: SessionState["status"][] = [];
  session.subscribe((state) => states.push(state.status));
  return { session, calls, states };
}

describe("SessionStore", () => {
  it("restores a cookie session once, however many widgets ask", async () => {
    const { session, calls, states } = store("cookie", json(200, { signedIn: true, me }));
    expect(session.state.status).toBe("restoring");
    await Promise.all([session.restore(), session.restore()]);
    expect(calls).toHaveLength(1);
    expect(session.state).toMatchObject({ status: "signed-in", restored: true });
    expect(states).toEqual(["signed-in"]);
  });

  it("is signed out when the cookie holds no session", async () => {
    const { session, calls } = store("cookie", json(200, { signedIn: false, me: null }));
    await session.restore();
    expect(calls[0].url.pathname).toBe("/api/v1/auth/session");
    expect(session.state).toEqual({ status: "signed-out", reason: "initial" });
  });

  it("keeps a bearer token in memory and sends it", async () => {
    const { session, calls } = store("bearer", json(200, { ...me, token: "tok_abcdefghijkl" }), json(200, page));
    expect(session.state.status).toBe("signed-out"); // nothing to restore in bearer mode
    await session.restore();
    expect(calls).toHaveLength(0);
    await session.signIn("alice@example.com", "pw");
    expect(session.me?.user.name).toBe("Alice Moreau");
    expect(session.me).not.toHaveProperty("token");
    await session.listServices({ limit: 10 });
    expect(calls[1].headers.Authorization).toBe("Bearer tok_abcdefghijkl");
  });

  it("signs out with the CSRF token and tells every subscriber", async () => {
    const { session, calls, states } = store("cookie", json(200, { ...me, token: null }), new Response(null, { status: 204 }));
    await session.signIn("alice@example.com", "pw");
    await session.signOut();
    expect(calls[1].headers["X-CSRF-Token"]).toBe("csrf-1");
    expect(session.state).toEqual({ status: "signed-out", reason: "user" });
    expect(states).toEqual(["signed-in", "signed-out"]);
  });

  it("treats a 401 on a signed-in call as a session that ended elsewhere", async () => {
    const { session } = store("cookie", json(200, { ...me, token: null }), apiError(401, "CAB_ERR_UNAUTHENTICATED", "Sign in to continue."));
    await session.signIn("alice@example.com", "pw");
    await expect(session.listServices({})).rejects.toMatchObject({ code: "CAB_ERR_UNAUTHENTICATED" });
    expect(session.state).toEqual({ status: "signed-out", reason: "expired" });
  });

  it("stays signed out after a refused sign-in", async () => {
    const { session, states } = store("cookie", apiError(401, "CAB_ERR_INVALID_CREDENTIALS", "The e-mail or the password is wrong."));
    await expect(session.signIn("alice@example.com", "nope")).rejects.toMatchObject({ code: "CAB_ERR_INVALID_CREDENTIALS" });
    expect(session.me).toBeNull();
    expect(states).toEqual([]);
  });

  it("takes a session opened by a second step, and keeps the bearer token it brought", async () => {
    const { session, calls, states } = store("bearer", json(200, page));
    session.adopt({ ...me, session: { ...me.session, via: "bearer" }, token: "tok_second_step1" } as never);
    expect(session.state).toMatchObject({ status: "signed-in", restored: false });
    await session.listServices({});
    expect(calls[0].headers.Authorization).toBe("Bearer tok_second_step1");
    session.updateMe({ ...me, user: { ...me.user, name: "Alice M." } } as never);
    expect(session.me?.user.name).toBe("Alice M.");
    expect(states).toEqual(["signed-in", "signed-in"]);
  });
});
