import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreModules } from "../../src/modules/index.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ seed: false });
});
afterAll(() => t.close());

describe("GET /api/v1/openapi.json", () => {
  it("describes every route from the schemas that validate it", async () => {
    const response = await t.request("GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe("3.1.0");
    const routes = coreModules.flatMap((m) => m.routes).map((r) => `${r.method} /api/v1${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(routes.sort());
    expect(documented).toEqual(expect.arrayContaining(["post /api/v1/auth/sign-in", "get /api/v1/services/{id}", "get /api/v1/ledger/export"]));
    const list = doc.paths["/api/v1/services"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["status", "type", "q", "cursor", "limit"]);
    expect(list.parameters.find((p: { name: string }) => p.name === "limit").schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    expect(doc.paths["/api/v1/services/{id}"].get.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
    const signIn = doc.paths["/api/v1/auth/sign-in"].post;
    expect(signIn.security).toEqual([]);
    expect(signIn.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["email", "password"],
    });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message", "details"]);
    const operationIds = Object.values(doc.paths).flatMap((p: any) => Object.values(p).map((o: any) => o.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });
});

describe("docs/openapi.json", () => {
  it("is the document the core generates (run `npm run docs` after changing a route)", async () => {
    const { readFile } = await import("node:fs/promises");
    const committed = JSON.parse(await readFile(new URL("../../../docs/openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(t.cabinet.openApi())));
  });
});
