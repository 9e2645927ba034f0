import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/runtime/api-client.js";
import { SessionStore, type SessionState } from "../src/runtime/session-store.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "bob@orbit.example", name: "Bob", role: "owner", permissions: [], locale: "en" },
  account: { id: "acc_1", name: "Bob", kind: "person", currency: "EUR" },
  brand: { slug: "orbit", name: "Orbit Cloud" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "bearer" },
};
const code = "c".repeat(43);

function store(mode: "cookie" | "bearer", handoff: string | null, ...answers: Parameters<typeof fakeFetch>) {
  const { fetch, calls } = fakeFetch(...answers);
  const session = new SessionStore(new ApiClient({ apiBase: "https://core.example", fetch }), mode, handoff);
  const states: SessionState["status"][] = [];
  session.subscribe((state) => states.push(state.status));
  return { session, calls, states };
}

describe("SessionStore with a hand-off code", () => {
  it("starts restoring and exchanges the code once for a bearer session, however many widgets ask", async () => {
    const { session, calls, states } = store("bearer", code, json(200, { ...me, token: "tok_abcdefghijkl" }), json(200, me));
    expect(session.state.status).toBe("restoring"); // no sign-in form flashes before the exchange
    await Promise.all([session.restore(), session.restore()]);
    expect(calls).toHaveLength(1);
    expect(calls[0].url.pathname).toBe("/api/v1/auth/handoff");
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ code, mode: "bearer" });
    expect(states).toEqual(["signed-in"]);
    await session.call((api, credentials) => api.me(credentials));
    expect(calls[1].headers.Authorization).toBe("Bearer tok_abcdefghijkl");
  });

  it("is signed out when the code is refused (used, expired), and says why to the caller of setHandoff", async () => {
    const { session, states } = store(
      "bearer",
      code,
      apiError(401, "CAB_ERR_HANDOFF_INVALID", "This sign-in link is not valid any more."),
      apiError(401, "CAB_ERR_HANDOFF_INVALID", "no"),
    );
    await session.restore();
    expect(session.state).toEqual({ status: "signed-out", reason: "initial" });
    await expect(session.handoff(code)).rejects.toMatchObject({ code: "CAB_ERR_HANDOFF_INVALID" });
    expect(states.at(-1)).toBe("signed-out");
  });

  it("falls back to the cookie session in cookie mode when the code is refused", async () => {
    const { session, calls } = store("cookie", code, apiError(401, "CAB_ERR_HANDOFF_INVALID", "no"), json(200, { signedIn: true, me }));
    await session.restore();
    expect(calls.map((c) => c.url.pathname)).toEqual(["/api/v1/auth/handoff", "/api/v1/auth/session"]);
    expect(session.state.status).toBe("signed-in");
  });

  it("keeps the second-factor challenge of a client who has one on, for <cab-login> to finish", async () => {
    const { session } = store("bearer", code, apiError(401, "CAB_ERR_SECOND_FACTOR_REQUIRED", "Enter the code.", { challenge: "chl_1" }));
    await session.restore();
    expect(session.state).toEqual({ status: "signed-out", reason: "initial", secondFactorChallenge: "chl_1" });
  });
});
