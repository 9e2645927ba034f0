import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/index.js";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain("\n");
    return (error as Error).message;
  }
  throw new Error("the config was accepted");
}

describe("loadConfig", () => {
  it("fills every default", () => {
    const config = loadConfig();
    expect(config.http.port).toBe(8080);
    expect(config.database.url).toBe("sqlite:./data/cabinet.sqlite");
    expect(config.auth.signInLimitPerAccount).toEqual({ points: 5, durationSeconds: 900 });
    expect(config.plugins).toEqual([]);
  });

  it("starts from a command's own defaults, below the file and the environment (cabinet serve: production unless told)", () => {
    const serve = { env: "production" } as const;
    expect(loadConfig().env).toBe("development");
    expect(loadConfig({ defaults: serve }).env).toBe("production");
    expect(loadConfig({ defaults: serve, env: { CABINET_ENV: "development" } }).env).toBe("development");
    const dir = mkdtempSync(join(tmpdir(), "cabinet-config-"));
    const file = join(dir, "cabinet.json");
    writeFileSync(file, JSON.stringify({ env: "test" }));
    expect(loadConfig({ defaults: serve, file }).env).toBe("test");
  });

  it("layers file, environment and overrides, in that order", () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-config-"));
    const file = join(dir, "cabinet.json");
    writeFileSync(file, JSON.stringify({ http: { port: 9000, host: "127.0.0.1" }, log: { level: "debug" } }));
    const config = loadConfig({
      file,
      env: { CABINET_HTTP__PORT: "9100", CABINET_AUTH__SESSION_TTL_HOURS: "2", CABINET_DATABASE__URL: "mysql://u:p@db:3306/cab", PATH: "/bin" },
      overrides: { log: { level: "warn" } },
    });
    expect(config.http).toMatchObject({ port: 9100, host: "127.0.0.1" });
    expect(config.auth.sessionTtlHours).toBe(2);
    expect(config.database.url).toBe("mysql://u:p@db:3306/cab");
    expect(config.log.level).toBe("warn");
  });

  it("refuses a bad value in one line naming the field, the expectation and the variable", () => {
    expect(refusal(() => loadConfig({ env: { CABINET_HTTP__PORT: "99999" } }))).toBe("Invalid config: http.port must be <= 65535 (from CABINET_HTTP__PORT)");
    expect(refusal(() => loadConfig({ env: { CABINET_HTTP__PORT: "eighty" } }))).toBe("Invalid config: http.port must be integer (from CABINET_HTTP__PORT)");
    expect(refusal(() => loadConfig({ env: { CABINET_DATABASE__URL: "postgres://x" } }))).toMatch(/^Invalid config: database\.url must match pattern/);
    expect(refusal(() => loadConfig({ env: { CABINET_LOG__LEVEL: "loud" } }))).toMatch(
      /^Invalid config: log\.level must be one of "fatal", .*"silent" \(from CABINET_LOG__LEVEL\)$/,
    );
  });

  it("refuses unknown settings, so a typo is not silently ignored", () => {
    expect(refusal(() => loadConfig({ env: { CABINET_HTTP__PROT: "80" } }))).toBe("Invalid config: http.prot is not a known setting (from CABINET_HTTP__PROT)");
  });

  it("refuses a missing or broken file", () => {
    expect(refusal(() => loadConfig({ file: "/nonexistent/cabinet.json" }))).toMatch(/^Cannot read config file \/nonexistent\/cabinet.json/);
    const dir = mkdtempSync(join(tmpdir(), "cabinet-config-"));
    writeFileSync(join(dir, "bad.json"), "{ port: 1 ");
    expect(refusal(() => loadConfig({ file: join(dir, "bad.json") }))).toMatch(/is not valid JSON/);
  });
});

describe("docs/config.md", () => {
  it("lists every setting of the schema", async () => {
    const { readFile } = await import("node:fs/promises");
    const { ConfigSchema } = await import("../../src/config/config.schema.js");
    const doc = await readFile(new URL("../../../docs/config.md", import.meta.url), "utf8");
    const leaves = (schema: any, path: string[]): string[] =>
      schema.type === "object" && schema.properties ? Object.entries(schema.properties).flatMap(([k, v]) => leaves(v, [...path, k])) : [path.join(".")];
    const missing = leaves(ConfigSchema, []).filter((setting) => !doc.includes(`| \`${setting}\``));
    expect(missing).toEqual([]);
  });
});
