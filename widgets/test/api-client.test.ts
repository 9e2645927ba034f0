import { describe, expect, it } from "vitest";
import { ApiClient, CabinetApiError, parseApiError } from "../src/runtime/api-client.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";

describe("parseApiError", () => {
  it("reads the API's error shape", () => {
    const error = parseApiError(401, { error: { code: "CAB_ERR_INVALID_CREDENTIALS", message: "The e-mail or the password is wrong.", details: {} } });
    expect(error).toBeInstanceOf(CabinetApiError);
    expect(error).toMatchObject({ code: "CAB_ERR_INVALID_CREDENTIALS", status: 401, message: "The e-mail or the password is wrong.", details: {} });
  });

  it("keeps the details and finds the wait of a rate limit in the body or in Retry-After", () => {
    const fromBody = parseApiError(429, { error: { code: "CAB_ERR_RATE_LIMITED", message: "Too many", details: { retryAfterSeconds: 90 } } }, "5");
    expect(fromBody.retryAfterSeconds).toBe(90);
    const fromHeader = parseApiError(429, { error: { code: "CAB_ERR_RATE_LIMITED", message: "Too many", details: {} } }, "120");
    expect(fromHeader.retryAfterSeconds).toBe(120);
    const validation = parseApiError(400, { error: { code: "CAB_ERR_VALIDATION", message: "Bad", details: { errors: [{ path: "/email" }] } } });
    expect(validation.details).toEqual({ errors: [{ path: "/email" }] });
    expect(validation.retryAfterSeconds).toBeUndefined();
  });

  it("turns anything else into CAB_ERR_BAD_RESPONSE, never a crash", () => {
    for (const body of [undefined, null, "<html>Bad Gateway</html>", [], { error: "nope" }, { error: { code: 42 } }, { error: { code: "SOMETHING" } }]) {
      const error = parseApiError(502, body);
      expect(error.code).toBe("CAB_ERR_BAD_RESPONSE");
      expect(error.status).toBe(502);
    }
  });

  it("survives a missing message or details", () => {
    const error = parseApiError(403, { error: { code: "CAB_ERR_FORBIDDEN" } });
    expect(error.message).toBe("Request failed (HTTP 403).");
    expect(error.details).toEqual({});
  });
});

describe("ApiClient", () => {
  const me = { user: { id: "usr_1" }, account: { currency: "USD" }, session: { csrfToken: "csrf-1" } };

  it("sends JSON with the cookie and the brand, and returns the parsed body", async () => {
    const { fetch, calls } = fakeFetch(json(200, { ...me, token: null }));
    const api = new ApiClient({ apiBase: "https://my.example.com/", brand: "northwind", fetch });
    const body = await api.signIn("a@example.com", "secret", "cookie");
    expect(body.token).toBeNull();
    const [call] = calls;
    expect(call.url.href).toBe("https://my.example.com/api/v1/auth/sign-in");
    expect(call.init.method).toBe("POST");
    expect(call.init.credentials).toBe("include");
    expect(JSON.parse(String(call.init.body))).toEqual({ email: "a@example.com", password: "secret", mode: "cookie" });
    expect(call.headers).toMatchObject({ "Content-Type": "application/json", "X-Cabinet-Brand": "northwind" });
  });

  it("adds the CSRF token to unsafe cookie requests only", async () => {
    const { fetch, calls } = fakeFetch(json(200, { items: [], nextCursor: null }), new Response(null, { status: 204 }));
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    await api.listServices({ status: "active", limit: 5, cursor: undefined }, { mode: "cookie", csrfToken: "csrf-1" });
    expect(calls[0].headers["X-CSRF-Token"]).toBeUndefined();
    expect(calls[0].url.search).toBe("?status=active&limit=5");
    await expect(api.signOut({ mode: "cookie", csrfToken: "csrf-1" })).resolves.toBeUndefined();
    expect(calls[1].headers["X-CSRF-Token"]).toBe("csrf-1");
    expect(calls[1].headers["X-Cabinet-Brand"]).toBeUndefined();
  });

  it("in bearer mode sends the token and no cookies", async () => {
    const { fetch, calls } = fakeFetch(json(200, me));
    await new ApiClient({ apiBase: "https://my.example.com", fetch }).me({ mode: "bearer", token: "tok_abcdefghijkl" });
    expect(calls[0].headers.Authorization).toBe("Bearer tok_abcdefghijkl");
    expect(calls[0].init.credentials).toBe("omit");
  });

  it("throws the API's error as a CabinetApiError", async () => {
    const { fetch } = fakeFetch(apiError(401, "CAB_ERR_INVALID_CREDENTIALS", "The e-mail or the password is wrong."));
    const failure = new ApiClient({ apiBase: "https://my.example.com", fetch }).signIn("a@example.com", "nope", "cookie");
    await expect(failure).rejects.toMatchObject({ name: "CabinetApiError", code: "CAB_ERR_INVALID_CREDENTIALS", status: 401 });
  });

  it("names a network failure and a proxy's HTML page", async () => {
    const { fetch } = fakeFetch(new TypeError("Failed to fetch"), new Response("<h1>502</h1>", { status: 502, headers: { "Content-Type": "text/html" } }));
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    await expect(api.me({ mode: "cookie" })).rejects.toMatchObject({ code: "CAB_ERR_NETWORK", status: 0 });
    await expect(api.me({ mode: "cookie" })).rejects.toMatchObject({ code: "CAB_ERR_BAD_RESPONSE", status: 502 });
  });

  it("lets an abort through as an abort, not as a network error", async () => {
    const abort = new DOMException("The operation was aborted.", "AbortError");
    const { fetch } = fakeFetch(abort);
    await expect(new ApiClient({ apiBase: "https://my.example.com", fetch }).me({ mode: "cookie" })).rejects.toBe(abort);
  });
});
