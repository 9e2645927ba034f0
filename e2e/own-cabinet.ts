import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// The built core (npm run build), as `cabinet demo` runs it.
import { createCabinet, type Cabinet, type PluginDefinition } from "../core/dist/index.js";
import { SeedDemo } from "../core/dist/seed/seed-demo.js";
import { BrandDirectory } from "../core/dist/modules/brands/brand-directory.js";
import { CreateStaffMember } from "../core/dist/modules/staff/create-staff-member.js";
import { hostSiteRenderer } from "../core/dist/cli/host-site.js";

const root = fileURLToPath(new URL("../", import.meta.url));

export interface OwnCabinet {
  cabinet: Cabinet;
  /** `http://localhost:<port>`: the host example and the API, one origin. */
  url: string;
  /** A bearer token of an `admin` staff member of the demo brand. */
  staffToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A demo core of this test's own, on an ephemeral port with its own SQLite file, serving the
 * host example and the widgets: for browser tests that change the brand for everyone (a
 * must-agree legal document) or need plugins the shared demo server does not run.
 */
export async function startOwnCabinet(plugins: { definition: PluginDefinition<any>; options: Record<string, unknown> }[] = []): Promise<OwnCabinet> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-e2e-own-"));
  const cabinet = await createCabinet(
    {
      env: "test",
      http: { host: "127.0.0.1", port: 0 },
      // Its document renders fail without a renderer plugin, noisily and harmlessly.
      log: { level: "error" },
      database: { url: `sqlite:${join(dir, "cabinet.sqlite")}` },
      files: { dir: join(dir, "files") },
      auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
      plugins: plugins.map((p) => ({ name: p.definition.name, options: p.options })),
    },
    {
      plugins: plugins.map((p) => p.definition),
      staticDirs: [
        { prefix: "/widgets", dir: join(root, "widgets/dist") },
        { prefix: "/", dir: join(root, "host-examples/static-site"), render: hostSiteRenderer(join(root, "host-examples/static-site"), "demo") },
      ],
    },
  );
  await cabinet.migrate();
  await cabinet.start();
  const url = cabinet.config.http.publicUrl!;
  const port = new URL(url).port;
  // The page's own origin must be allowed: known only once the port is.
  await cabinet.container.resolve(SeedDemo).execute(() => {}, { allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
  cabinet.container.resolve(BrandDirectory).invalidate();
  return {
    cabinet,
    url,
    async staffToken() {
      const email = `admin-${Date.now()}@staff.example`;
      await cabinet.container.resolve(CreateStaffMember).execute({ brandSlug: "demo", email, name: "Admin", role: "admin", password: "staff password 123" });
      const answer = await fetch(`${url}/api/v1/staff/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-cabinet-brand": "demo" },
        body: JSON.stringify({ email, password: "staff password 123" }),
      });
      return ((await answer.json()) as { token: string }).token;
    },
    async close() {
      await cabinet.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
