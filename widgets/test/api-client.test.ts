import { describe, expect, it } from "vitest";
import { ApiClient, CabinetApiError, filenameOf, parseApiError } from "../src/runtime/api-client.js";
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

describe("ApiClient: billing", () => {
  const api = (...answers: Parameters<typeof fakeFetch>) => {
    const { fetch, calls } = fakeFetch(...answers);
    return { client: new ApiClient({ apiBase: "https://my.example.com", brand: "northwind", fetch }), calls };
  };

  it("asks the ledger with its filters, leaving out the empty ones", async () => {
    const { client, calls } = api(json(200, { items: [], nextCursor: null }));
    await client.listLedger({ kind: "payment", from: "2026-01-01", to: undefined, cursor: "c1", limit: 20 }, { mode: "cookie" });
    expect(calls[0].url.href).toBe("https://my.example.com/api/v1/ledger?kind=payment&from=2026-01-01&cursor=c1&limit=20");
    expect(client.ledgerExportUrl({ from: "2026-01-01", to: "2026-03-31" })).toBe("https://my.example.com/api/v1/ledger/export?from=2026-01-01&to=2026-03-31");
    expect(client.ledgerExportUrl({})).toBe("https://my.example.com/api/v1/ledger/export");
  });

  it("starts a payment with the CSRF token, and pays an invoice from the balance", async () => {
    const { client, calls } = api(
      json(201, { id: "pay_1" }),
      apiError(402, "CAB_ERR_INSUFFICIENT_FUNDS", "Short.", { required: { amount: 1800, currency: "USD" } }),
    );
    await client.startPayment({ gateway: "sandbox", amount: 2500, returnUrl: "https://provider.example/billing" }, "key-9", {
      mode: "cookie",
      csrfToken: "csrf-1",
    });
    expect(calls[0].init.method).toBe("POST");
    expect(calls[0].headers["Idempotency-Key"]).toBe("key-9");
    expect(calls[0].headers["X-CSRF-Token"]).toBe("csrf-1");
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ gateway: "sandbox", amount: 2500, returnUrl: "https://provider.example/billing" });
    const paying = client.payInvoiceFromBalance("inv_1", "key-10", { mode: "cookie", csrfToken: "csrf-1" });
    await expect(paying).rejects.toMatchObject({ code: "CAB_ERR_INSUFFICIENT_FUNDS", status: 402, details: { required: { amount: 1800 } } });
    expect(calls[1].url.pathname).toBe("/api/v1/invoices/inv_1/pay-from-balance");
    expect(calls[1].headers["Idempotency-Key"]).toBe("key-10");
  });

  it("downloads a file with the bearer token and the server's file name", async () => {
    const csv = "date,kind,description,amount,currency,balance_after,reference\r\n";
    const { client, calls } = api(
      new Response(csv, { status: 200, headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="ledger-start-now.csv"' } }),
      new Response(csv, { status: 200 }),
      apiError(403, "CAB_ERR_FORBIDDEN", "No."),
    );
    const credentials = { mode: "bearer" as const, token: "tok_abcdefghijkl" };
    const file = await client.download("/ledger/export", { kind: "payment", from: undefined }, credentials, "ledger.csv");
    expect(file.filename).toBe("ledger-start-now.csv");
    expect(await file.blob.text()).toBe(csv);
    expect(calls[0].url.search).toBe("?kind=payment");
    expect(calls[0].headers).toMatchObject({ Authorization: "Bearer tok_abcdefghijkl", Accept: "*/*", "X-Cabinet-Brand": "northwind" });
    expect(calls[0].init.credentials).toBe("omit");
    expect((await client.download("/ledger/export", {}, credentials, "ledger.csv")).filename).toBe("ledger.csv");
    await expect(client.download("/ledger/export", {}, credentials, "ledger.csv")).rejects.toMatchObject({ code: "CAB_ERR_FORBIDDEN" });
  });
});

describe("ApiClient: documents", () => {
  it("lists documents by kind, and knows where their files are", async () => {
    const { fetch, calls } = fakeFetch(json(200, { items: [], nextCursor: null }));
    const api = new ApiClient({ apiBase: "https://my.example.com/cabinet", fetch });
    await api.listDocuments({ kind: "act", limit: 20 }, { mode: "cookie" });
    expect(calls[0].url.href).toBe("https://my.example.com/cabinet/api/v1/documents?kind=act&limit=20");
    expect(api.url(api.documentPath("doc_01m8a307nhw7aczz5e9zhv", "pdf")).href).toBe(
      "https://my.example.com/cabinet/api/v1/documents/doc_01m8a307nhw7aczz5e9zhv/pdf",
    );
  });
});

describe("ApiClient: services", () => {
  const api = (...answers: Parameters<typeof fakeFetch>) => {
    const { fetch, calls } = fakeFetch(...answers);
    return { client: new ApiClient({ apiBase: "https://my.example.com", fetch }), calls };
  };

  it("orders with the Idempotency-Key and the CSRF token, and quotes without a session", async () => {
    const { client, calls } = api(json(200, { total: { amount: 900, currency: "USD" } }), json(201, { id: "ord_1" }));
    await client.quote({ productId: "prd_1", periodMonths: 1, parameters: { cpu: 2 } }, { mode: "cookie" });
    expect(calls[0].url.pathname).toBe("/api/v1/catalog/quote");
    expect(calls[0].headers["X-CSRF-Token"]).toBeUndefined();
    const items = [{ productId: "prd_1", periodMonths: 1, parameters: { cpu: 2 } }];
    await client.placeOrder(items, "key-1", { mode: "cookie", csrfToken: "csrf-1" });
    expect(calls[1].url.pathname).toBe("/api/v1/orders");
    expect(calls[1].headers["Idempotency-Key"]).toBe("key-1");
    expect(calls[1].headers["X-CSRF-Token"]).toBe("csrf-1");
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ items });
  });

  it("reaches one service's actions under its own path, the id encoded", async () => {
    const { client, calls } = api(
      json(200, {}),
      json(200, {}),
      json(200, {}),
      json(200, {}),
      new Response(null, { status: 204 }),
      json(200, { items: [], nextCursor: null }),
    );
    const c = { mode: "bearer" as const, token: "t" };
    await client.previewChange("svc_1", { ram: 8 }, c);
    await client.renewService("svc_1", 3, "renew-1", c);
    await client.cancelService("svc_1", "period_end", "cancel-1", c);
    await client.updateService("svc_1", { autoRenew: false }, c);
    await expect(client.deleteService("svc_1", c)).resolves.toBeUndefined();
    await client.serviceHistory("svc/../x", { limit: 5 }, c);
    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      "POST /api/v1/services/svc_1/change/preview",
      "POST /api/v1/services/svc_1/renew",
      "POST /api/v1/services/svc_1/cancel",
      "PATCH /api/v1/services/svc_1",
      "DELETE /api/v1/services/svc_1",
      "GET /api/v1/services/svc%2F..%2Fx/history?limit=5",
    ]);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ periods: 3 });
    expect(JSON.parse(String(calls[2].init.body))).toEqual({ when: "period_end" });
    expect([calls[1].headers["Idempotency-Key"], calls[2].headers["Idempotency-Key"]]).toEqual(["renew-1", "cancel-1"]);
  });
});

describe("filenameOf", () => {
  it("reads Content-Disposition, preferring the UTF-8 name, and keeps directories out", () => {
    expect(filenameOf('attachment; filename="ledger-2026-01-01-now.csv"')).toBe("ledger-2026-01-01-now.csv");
    expect(filenameOf("attachment; filename=plain.csv")).toBe("plain.csv");
    expect(filenameOf("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82.pdf")).toBe("Счёт.pdf");
    expect(filenameOf('attachment; filename="../../etc/passwd"')).toBe(".._.._etc_passwd");
    expect(filenameOf("attachment")).toBeNull();
    expect(filenameOf(null)).toBeNull();
  });
});
