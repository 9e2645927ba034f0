import { request as httpRequest } from "node:http";
import { Writable } from "node:stream";
import { createCabinet, type Cabinet, type CabinetConfigInput, type PluginDefinition } from "../../src/index.js";
import { SeedDemo } from "../../src/seed/seed-demo.js";
import type { StaticDir } from "../../src/http/static-files.js";
import { BrandRepository } from "../../src/modules/brands/brand.repository.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { createTestDatabase } from "./test-database.js";

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current = Date.parse("2026-11-01T10:00:00Z")) {}
  now = () => this.current;
  advance(ms: number) {
    this.current += ms;
  }
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestCabinet {
  cabinet: Cabinet;
  url: string;
  clock: TestClock;
  /** Log lines the core wrote, parsed. */
  logs: Record<string, unknown>[];
  dialect: "sqlite" | "mysql";
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; token?: string; cookie?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /**
   * Signs up a fresh client (of the demo brand unless `headers` name another) and signs it in;
   * returns its bearer token (or, with `mode: "cookie"`, its session cookie) and ids.
   */
  signUp(
    email?: string,
    options?: { headers?: Record<string, string>; name?: string; mode?: "bearer" | "cookie" },
  ): Promise<{ token: string; accountId: string; userId: string; email: string; cookie?: string; csrfToken?: string }>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A real core on a real port with a real database (SQLite or MariaDB, see test-database.ts),
 * migrated and seeded with the demo brand, talking real HTTP.
 */
export async function startTestCabinet(
  options: { config?: CabinetConfigInput; plugins?: PluginDefinition<any>[]; seed?: boolean; staticDirs?: StaticDir[] } = {},
): Promise<TestCabinet> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const logs: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const config: CabinetConfigInput = {
    env: "test",
    http: { host: "127.0.0.1", port: 0 },
    log: { level: "info" },
    ...options.config,
    // Every client of a test file signs up and in from 127.0.0.1: limits per IP far above that
    // (a test of a limit sets its own), merged under whatever auth settings the test gives.
    auth: {
      argon2: { memoryCostKiB: 1024, timeCost: 1 },
      signInLimitPerIp: { points: 100_000, durationSeconds: 60 },
      signUpLimitPerIp: { points: 100_000, durationSeconds: 60 },
      ...options.config?.auth,
    },
    database: { url: database.url, ...options.config?.database },
  };
  let cabinet: Cabinet;
  try {
    cabinet = await createCabinet(config, { plugins: options.plugins, clock, logDestination, staticDirs: options.staticDirs });
  } catch (error) {
    await database.drop();
    throw error;
  }
  await cabinet.migrate();
  if (options.seed !== false) await cabinet.container.resolve(SeedDemo).execute();
  const url = await cabinet.start();

  // node:http rather than fetch: fetch drops headers a browser may not set by hand (Origin),
  // and these tests must send exactly what a browser on another site sends.
  const request: TestCabinet["request"] = (method, path, o = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...o.headers };
      const payload = o.rawBody ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined);
      if (payload !== undefined) headers["content-type"] ??= "application/json";
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.cookie) headers.cookie = o.cookie;
      // A fresh connection per request (agent: false): a kept-alive socket that the server closes
      // after its idle time-out just as a slow test reuses it fails with ECONNRESET on a loaded machine.
      const req = httpRequest(url + path, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) responseHeaders.append(name, v);
          }
          resolve({ status: res.statusCode!, body: body as any, headers: responseHeaders });
        });
      });
      req.on("error", reject);
      req.end(payload);
    });

  return {
    cabinet,
    url,
    clock,
    logs,
    dialect: database.dialect,
    request,
    async signUp(email = `client${++counter}-${Date.now()}@example.org`, o = {}) {
      const { headers, name = "Test Client", mode = "bearer" } = o;
      const signedUp = await request("POST", "/api/v1/auth/sign-up", { body: { email, password: "correct horse battery", name }, headers });
      if (signedUp.status !== 202) throw new Error(`sign-up failed: ${JSON.stringify(signedUp.body)}`);
      const response = await request("POST", "/api/v1/auth/sign-in", { body: { email, password: "correct horse battery", mode }, headers });
      if (response.status !== 200) throw new Error(`sign-in after sign-up failed: ${JSON.stringify(response.body)}`);
      const cookie = response.headers
        .getSetCookie()
        .find((v) => v.startsWith("cabinet_session="))
        ?.split(";")[0];
      return {
        token: response.body.token,
        accountId: response.body.account.id,
        userId: response.body.user.id,
        email,
        cookie,
        csrfToken: response.body.session?.csrfToken,
      };
    },
    async close() {
      await cabinet.stop();
      await database.drop();
    },
  };
}

/** Adds a second brand, for tests of brand isolation. */
export async function addBrand(t: TestCabinet, slug: string, allowedOrigins: string[] = [], signUpOpen = true) {
  const brand = await t.cabinet.container
    .resolve(BrandRepository)
    .upsert({ slug, name: slug, defaultCurrency: "EUR", defaultLocale: "en", allowedOrigins, signUpOpen }, t.clock.now());
  t.cabinet.container.resolve(BrandDirectory).invalidate();
  return brand;
}
