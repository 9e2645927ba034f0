import { afterEach, describe, expect, it } from "vitest";
import { createCabinet, definePlugin, defineRoute, Obj, PluginError, Type, type Cabinet, type PaymentGateway, type PluginDefinition } from "../../src/index.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

const quiet = { env: "test" as const, log: { level: "silent" as const }, database: { url: "sqlite::memory:" } };

function gateway(id: string): PaymentGateway {
  return {
    id,
    displayName: id,
    startPayment: async (p) => ({ kind: "redirect", url: `/pay/${p.paymentId}`, gatewayReference: p.paymentId }),
    parseWebhook: async () => ({ status: "rejected", reason: "test" }),
    fetchStatus: async () => ({ result: "pending" }),
  };
}

function plugin(name: string, extra: Partial<PluginDefinition<any>> = {}, journal: string[] = []): PluginDefinition<any> {
  return definePlugin({
    name,
    version: "1.0.0",
    coreRange: "^0.1.0",
    register: () => void journal.push(`register ${name}`),
    init: () => void journal.push(`init ${name}`),
    shutdown: () => void journal.push(`shutdown ${name}`),
    ...extra,
  });
}

async function refusal(plugins: PluginDefinition<any>[], enabled: { name: string; options?: Record<string, unknown>; module?: string }[]): Promise<string> {
  try {
    const cabinet = await createCabinet({ ...quiet, plugins: enabled.map((e) => ({ options: {}, ...e })) }, { plugins });
    await cabinet.stop();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginError);
    return (error as Error).message;
  }
  throw new Error("start-up was not refused");
}

describe("the plugin host refuses to start", () => {
  it("with an unknown plugin", async () => {
    expect(await refusal([], [{ name: "payment-nowhere" }])).toBe('Plugin "payment-nowhere" is not known: no installed plugin has that name');
  });

  it("with a plugin module that cannot be imported or is not a plugin", async () => {
    expect(await refusal([], [{ name: "x", module: "@cabinet/does-not-exist" }])).toMatch(/^Plugin "x" is not known: cannot import @cabinet\/does-not-exist/);
    expect(await refusal([], [{ name: "y", module: "node:path" }])).toMatch(/^Plugin "y" is not known: node:path has no default export made by definePlugin/);
  });

  it("with a plugin made for another core", async () => {
    expect(await refusal([plugin("old", { coreRange: "^2.0.0" })], [{ name: "old" }])).toBe('Plugin "old" 1.0.0 needs core ^2.0.0; this core is 0.1.0');
    expect(await refusal([plugin("junk", { coreRange: "not a range" })], [{ name: "junk" }])).toMatch(/needs core not a range/);
  });

  it("with a missing dependency", async () => {
    expect(await refusal([plugin("invoices", { dependsOn: ["documents"] })], [{ name: "invoices" }])).toBe(
      'Plugin "invoices" depends on plugin "documents", which is not enabled',
    );
  });

  it("with options that fail the plugin's schema, naming the field", async () => {
    const withSchema = plugin("payment-x", { optionsSchema: Type.Object({ secret: Type.String({ minLength: 16 }), port: Type.Optional(Type.Integer()) }) });
    expect(await refusal([withSchema], [{ name: "payment-x", options: {} }])).toBe('Plugin "payment-x" options: secret is required');
    expect(await refusal([withSchema], [{ name: "payment-x", options: { secret: "short" } }])).toBe(
      'Plugin "payment-x" options: secret must NOT have fewer than 16 characters',
    );
    const strict = plugin("strict", {
      optionsSchema: Type.Object({ a: Type.Object({ b: Type.Integer() }, { additionalProperties: false }) }, { additionalProperties: false }),
    });
    expect(await refusal([strict], [{ name: "strict", options: { a: { b: 1 }, typo: 1 } }])).toBe('Plugin "strict" options: typo is not a known option');
    expect(await refusal([strict], [{ name: "strict", options: { a: { b: "x" } } }])).toBe('Plugin "strict" options: a.b must be integer');
  });

  it("when two plugins claim one id", async () => {
    const a = plugin("gateway-a", { register: ({ provide }) => provide("payment-gateway", gateway("card")) });
    const b = plugin("gateway-b", { register: ({ provide }) => provide("payment-gateway", gateway("card")) });
    expect(await refusal([a, b], [{ name: "gateway-a" }, { name: "gateway-b" }])).toBe(
      'Plugin "gateway-b": payment-gateway id "card" is already claimed by plugin "gateway-a"',
    );
    expect(await refusal([plugin("twin"), plugin("twin")], [{ name: "twin" }])).toMatch(/^Plugin "twin": the name is claimed twice/);
    expect(await refusal([plugin("once")], [{ name: "once" }, { name: "once" }])).toMatch(/^Plugin "once": the name is claimed twice/);
  });

  it("checks in the documented order: unknown before range before dependency before options", async () => {
    const bad = plugin("bad", { coreRange: "^9.0.0", dependsOn: ["missing"], optionsSchema: Type.Object({ a: Type.String() }) });
    expect(await refusal([bad], [{ name: "bad" }, { name: "ghost" }])).toMatch(/"ghost" is not known/);
    expect(await refusal([bad], [{ name: "bad" }])).toMatch(/needs core/);
    const noRange = { ...bad, coreRange: "^0.1.0" };
    expect(await refusal([noRange], [{ name: "bad" }])).toMatch(/depends on/);
  });
});

describe("a successful start", () => {
  let cabinet: Cabinet | undefined;
  afterEach(async () => {
    await cabinet?.stop();
    cabinet = undefined;
  });

  it("registers dependencies first, inits in the same order and shuts down in reverse", async () => {
    const journal: string[] = [];
    const documents = plugin("documents", {}, journal);
    const invoices = plugin("invoices", { dependsOn: ["documents"] }, journal);
    cabinet = await createCabinet(
      {
        ...quiet,
        plugins: [
          { name: "invoices", options: {} },
          { name: "documents", options: {} },
        ],
      },
      { plugins: [invoices, documents] },
    );
    expect(journal).toEqual(["register documents", "register invoices", "init documents", "init invoices"]);
    await cabinet.stop();
    cabinet = undefined;
    expect(journal.slice(4)).toEqual(["shutdown invoices", "shutdown documents"]);
  });

  it("gives the plugin its validated options with defaults and exposes what it provides", async () => {
    let seen: unknown;
    const sandbox = definePlugin({
      name: "payment-sandbox",
      version: "1.0.0",
      coreRange: "^0.1.0",
      optionsSchema: Type.Object({ label: Type.String({ default: "Test card" }), secret: Type.String() }),
      register({ options, provide }) {
        seen = options;
        provide("payment-gateway", gateway("sandbox"));
      },
    });
    cabinet = await createCabinet({ ...quiet, plugins: [{ name: "payment-sandbox", options: { secret: "s" } }] }, { plugins: [sandbox] });
    expect(seen).toEqual({ label: "Test card", secret: "s" });
    expect(cabinet.extensions.get("payment-gateway", "sandbox")?.displayName).toBe("sandbox");
    expect(cabinet.extensions.list("payment-gateway")).toHaveLength(1);
  });

  it("leaves disabled plugins alone", async () => {
    const journal: string[] = [];
    cabinet = await createCabinet(quiet, { plugins: [plugin("idle", {}, journal)] });
    expect(journal).toEqual([]);
  });
});

describe("plugin routes and migrations", () => {
  let t: TestCabinet | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("mounts routes under /api/v1/plugins/<name>, validated and documented like the core's, and runs the plugin's migrations", async () => {
    const echo = definePlugin({
      name: "echo",
      version: "1.0.0",
      coreRange: "^0.1.0",
      register() {},
      migrations: [
        {
          name: "001_echoes",
          up: (knex) => knex.schema.createTable("echo_messages", (table) => table.string("text", 100)),
          down: (knex) => knex.schema.dropTable("echo_messages"),
        },
      ],
      routes: ({ container }) => [
        defineRoute({
          method: "post",
          path: "/echo",
          operationId: "echo",
          summary: "Echo",
          tags: ["echo"],
          auth: "public",
          body: Obj({ text: Type.String({ maxLength: 100 }) }),
          response: Obj({ text: Type.String() }),
          async handler({ body }) {
            void container;
            return { text: body.text };
          },
        }),
        defineRoute({
          method: "get",
          path: "/boom",
          operationId: "boom",
          summary: "Fails",
          tags: ["echo"],
          auth: "public",
          response: null,
          async handler() {
            throw new Error("secret internal detail: password=hunter2");
          },
        }),
      ],
    });
    t = await startTestCabinet({ plugins: [echo], config: { plugins: [{ name: "echo", options: {} }] } });
    const { request, cabinet, logs } = t;
    expect((await request("POST", "/api/v1/plugins/echo/echo", { body: { text: "hi" } })).body).toEqual({ text: "hi" });
    expect((await request("POST", "/api/v1/plugins/echo/echo", { body: { text: "hi", more: 1 } })).status).toBe(400);
    expect(cabinet.openApi().paths["/api/v1/plugins/echo/echo"]).toBeDefined();
    expect(await cabinet.db.schema.hasTable("echo_messages")).toBe(true);
    const names = (await cabinet.db("cabinet_migrations").select("name")).map((r: { name: string }) => r.name);
    expect(names).toContain("echo/001_echoes");

    const boom = await request("GET", "/api/v1/plugins/echo/boom");
    expect(boom.status).toBe(500);
    expect(boom.body.error.code).toBe("CAB_ERR_INTERNAL");
    expect(JSON.stringify(boom.body)).not.toMatch(/hunter2|secret internal|at /);
    expect(boom.body.error.details.requestId).toBe(boom.headers.get("x-request-id"));
    expect(logs.some((l) => l.msg === "request failed" && JSON.stringify(l).includes("hunter2"))).toBe(true);
  });

  it("refuses at boot a route schema that would let unknown fields or endless strings through", async () => {
    const loose = (schema: ReturnType<typeof Type.Object>) =>
      definePlugin({
        name: "loose",
        version: "1.0.0",
        coreRange: "^0.1.0",
        register() {},
        routes: () => [
          defineRoute({
            method: "post",
            path: "/x",
            operationId: "x",
            summary: "x",
            tags: [],
            auth: "public",
            body: schema,
            response: null,
            handler: async () => {},
          }),
        ],
      });
    await expect(
      createCabinet({ ...quiet, plugins: [{ name: "loose", options: {} }] }, { plugins: [loose(Type.Object({ a: Type.Integer() }))] }),
    ).rejects.toThrow(/must set additionalProperties: false/);
    await expect(createCabinet({ ...quiet, plugins: [{ name: "loose", options: {} }] }, { plugins: [loose(Obj({ a: Type.String() }))] })).rejects.toThrow(
      /string schema at \/a must set maxLength/,
    );
  });
});
