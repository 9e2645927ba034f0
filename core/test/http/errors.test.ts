import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

function expectError(response: { status: number; body: any }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });
}

describe("the one error shape", () => {
  it("answers malformed JSON with 400 CAB_ERR_MALFORMED_JSON", async () => {
    expectError(await t.request("POST", "/api/v1/auth/sign-in", { rawBody: '{"email": "a@b.c",' }), 400, "CAB_ERR_MALFORMED_JSON");
  });

  it("answers wrong types with 400 naming the field", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: 42, password: ["x"] } });
    expectError(response, 400, "CAB_ERR_VALIDATION");
    expect(response.body.error.details.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(["/email", "/password"]));
  });

  it("answers methods nobody implements with 501 in the error shape, logging no error", async () => {
    for (const method of ["PROPFIND", "TRACE", "MKCOL", "PURGE", "LOCK", "UNLOCK", "COPY", "MOVE"]) {
      const before = t.logs.length;
      const response = await t.request(method, "/api/v1/me");
      expectError(response, 501, "CAB_ERR_METHOD_NOT_IMPLEMENTED");
      expect(
        t.logs.slice(before).filter((line) => Number(line.level) >= 50),
        method,
      ).toEqual([]);
    }
    // A method the API knows, on a path that does not take it: 405.
    expectError(await t.request("PUT", "/api/v1/me"), 405, "CAB_ERR_METHOD_NOT_ALLOWED");
  });

  it("rejects unknown fields", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "a@b.co", password: "x", admin: true } });
    expectError(response, 400, "CAB_ERR_VALIDATION");
    expect(response.body.error.details.errors).toContainEqual({ in: "body", path: "/admin", message: "is not a known field" });
  });

  it("rejects over-long strings", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "a@b.co", password: "x".repeat(257) } });
    expectError(response, 400, "CAB_ERR_VALIDATION");
    expect(response.body.error.details.errors[0].path).toBe("/password");
  });

  it("rejects a body that is not an object", async () => {
    expectError(await t.request("POST", "/api/v1/auth/sign-in", { rawBody: "[1,2]" }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("POST", "/api/v1/auth/sign-in", { rawBody: "" }), 400, "CAB_ERR_VALIDATION");
  });

  it("answers a body that is not JSON with 415", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { rawBody: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectError(response, 415, "CAB_ERR_UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers a body over the limit with 413", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { rawBody: JSON.stringify({ email: "a@b.co", password: "x".repeat(1_100_000) }) });
    expectError(response, 413, "CAB_ERR_PAYLOAD_TOO_LARGE");
  });

  it("answers bad query values with 400", async () => {
    const { token } = await t.signUp();
    expectError(await t.request("GET", "/api/v1/services?limit=0", { token }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("GET", "/api/v1/services?limit=abc", { token }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("GET", "/api/v1/services?status=on_fire", { token }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("GET", "/api/v1/services?colour=red", { token }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("GET", "/api/v1/services?limit=5&limit=6", { token }), 400, "CAB_ERR_VALIDATION");
  });

  it("answers unknown endpoints with 404 and wrong methods with 405", async () => {
    expectError(await t.request("GET", "/api/v1/nothing-here"), 404, "CAB_ERR_ROUTE_NOT_FOUND");
    expectError(await t.request("DELETE", "/api/v1/me"), 405, "CAB_ERR_METHOD_NOT_ALLOWED");
  });

  it("matches a path in any case and with a trailing slash, and only the routes of its own section", async () => {
    const { token } = await t.signUp();
    for (const path of ["/api/v1/services", "/api/v1/SERVICES", "/api/v1/Services/", "/api/v1/services?limit=1"]) {
      const answer = await t.request("GET", path, { token });
      expect(answer.status, path).toBe(200);
      expect(answer.body.items, path).toEqual([]);
    }
    // The section's route with a parameter (its id is checked: the route matched).
    expectError(await t.request("GET", "/api/v1/services/not-an-id", { token }), 400, "CAB_ERR_VALIDATION");
    expectError(await t.request("PUT", "/api/v1/SERVICES", { token }), 405, "CAB_ERR_METHOD_NOT_ALLOWED");
    // A first segment that is no section, empty, or not plain text: no route.
    for (const path of ["/api/v1//services", "/api/v1/%73ervices", "/api/v1/servicesx", "/api/v1/serv\u0130ces", "/api/v1/"])
      expectError(await t.request("GET", path, { token }), 404, "CAB_ERR_ROUTE_NOT_FOUND");
  });

  it("echoes a sane X-Request-Id and makes one up otherwise", async () => {
    const echoed = await t.request("GET", "/healthz", { headers: { "x-request-id": "abc-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123");
    const made = await t.request("GET", "/healthz", { headers: { "x-request-id": "bad id with spaces <>" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const logged = t.logs.find((l) => l.reqId === "abc-123" && l.msg === "request");
    expect(logged).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
  });
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    expect((await t.request("GET", "/healthz")).body).toEqual({ status: "ok" });
    expect((await t.request("GET", "/readyz")).body).toEqual({ status: "ready" });
  });
});
