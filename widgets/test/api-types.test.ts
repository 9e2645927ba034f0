/// <reference types="node" />
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// widgets/src/runtime/api-types.ts is generated from docs/openapi.json (scripts/api-types.mjs,
// run by `npm run docs`): the widgets' types of the API cannot drift from the API.
const root = join(import.meta.dirname, "..", "..");
const check = (...args: string[]) => spawnSync(process.execPath, [join(root, "scripts", "api-types.mjs"), "--check", ...args], { cwd: root, encoding: "utf8" });

describe("the widgets' API types", () => {
  it("are what docs/openapi.json gives", () => {
    const result = check();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fail the check once the document changes a shape the widgets use", () => {
    const openapi = JSON.parse(readFileSync(join(root, "docs", "openapi.json"), "utf8"));
    const balance = openapi.paths["/api/v1/balance"].get.responses["200"].content["application/json"].schema;
    balance.properties.overdraft = { type: "integer" };
    balance.required.push("overdraft");
    const dir = mkdtempSync(join(tmpdir(), "cabinet-api-types-"));
    try {
      writeFileSync(join(dir, "openapi.json"), JSON.stringify(openapi));
      const result = check("--openapi", join(dir, "openapi.json"));
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/npm run docs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("name the shapes the widgets import, typed as the API answers them", () => {
    const source = readFileSync(join(root, "widgets", "src", "runtime", "api-types.ts"), "utf8");
    expect(source).toMatch(/GENERATED from\s+\* docs\/openapi\.json/);
    for (const name of ["Me", "Service", "ServiceDetail", "Product", "Quote", "Balance", "LedgerEntry", "Payment", "Invoice", "CabinetDocument"]) {
      expect(source).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
    }
    expect(source).toContain('export const serviceStatuses = ["pending_payment"');
  });
});
