import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Koa from "koa";
import mount from "koa-mount";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCabinet, type Cabinet } from "../../src/index.js";
import { SeedDemo } from "../../src/seed/seed-demo.js";
import { createTestDatabase } from "../support/test-database.js";

// A provider's own Koa application with Cabinet mounted under /cabinet.
let cabinet: Cabinet;
let server: Server;
let base: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  cabinet = await createCabinet({
    env: "test",
    log: { level: "silent" },
    database: { url: database.url },
    auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
  });
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute();
  const provider = new Koa();
  provider.use(async (ctx, next) => {
    if (ctx.path === "/") ctx.body = "Provider home";
    else await next();
  });
  provider.use(mount("/cabinet", cabinet.app));
  server = provider.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await cabinet.stop();
  await drop();
});

describe("Cabinet mounted in a provider's Koa app", () => {
  it("serves its API under the mount path next to the provider's own routes", async () => {
    expect(await (await fetch(`${base}/`)).text()).toBe("Provider home");
    const signIn = await fetch(`${base}/cabinet/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alice@example.com", password: "northwind-demo", mode: "bearer" }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const services = await fetch(`${base}/cabinet/api/v1/services`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await services.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const missing = await fetch(`${base}/cabinet/api/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("CAB_ERR_ROUTE_NOT_FOUND");
    expect((await fetch(`${base}/cabinet/healthz`)).status).toBe(200);
  });
});
