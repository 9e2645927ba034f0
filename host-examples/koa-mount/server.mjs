// A provider's existing Koa application with Cabinet mounted under /billing: one server, one
// origin, so the widgets use the HttpOnly cookie session. `createCabinet()` returns the core's
// Koa app; koa-mount puts it (API, widget bundle, payment pages) under the path, and
// `http.publicUrl` says so, so every absolute URL the core makes (the sandbox's checkout, its
// webhook) carries /billing too.
//
//   node host-examples/koa-mount/server.mjs     (PORT, DATABASE_URL from the environment)
import { createServer } from "node:http";
import { pathToFileURL, fileURLToPath } from "node:url";
import Koa from "koa";
import mount from "koa-mount";
import { createCabinet } from "@cabinet/core";
// Demo data only: a real provider creates its brand with `cabinet brand create`.
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";

const widgetsDir = fileURLToPath(new URL("../../widgets/dist", import.meta.url));

const page = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Acme Hosting</title>
<link rel="stylesheet" href="/site.css">
<script type="module" src="/billing/widgets/cabinet.js"></script>
</head><body><header><a href="/">Acme Hosting</a> · <a href="/account">Client area</a> · <a href="/settings">Settings</a></header><main>${body}</main></body></html>`;

const css = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1c1917}header{padding:1rem;background:#7c2d12;color:#fff}header a{color:#fff}main{max-width:64rem;margin:auto;padding:1rem}
:root{--cab-color-primary:#c2410c}`;

/** The provider's app, Cabinet inside; resolves once it listens. */
export async function startProviderApp({ port = 0, host = "127.0.0.1", databaseUrl = "sqlite:./data/koa-mount.sqlite", logLevel = "warn" } = {}) {
  const app = new Koa();
  // The provider's own routes, as before Cabinet came.
  const csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  app.use(async (ctx, next) => {
    if (ctx.path === "/" || ctx.path === "/account" || ctx.path === "/settings") ctx.set("Content-Security-Policy", csp);
    if (ctx.path === "/site.css") {
      ctx.type = "text/css";
      ctx.body = css;
    } else if (ctx.path === "/") {
      ctx.type = "html";
      ctx.body = page("Home", `<h1>Acme Hosting</h1><p>Our own page. The client area is one click away.</p><p><a href="/account">Client area</a></p>`);
    } else if (ctx.path === "/account") {
      ctx.type = "html";
      ctx.body = page(
        "Client area",
        `<h1>Client area</h1>
         <cab-config api-base="/billing" auth="cookie" locale="en"></cab-config>
         <cab-login></cab-login><cab-balance></cab-balance><cab-services></cab-services>`,
      );
    } else if (ctx.path === "/settings") {
      // Cabinet's settings widgets: profile and language, e-mail and password, two-step
      // verification, passkeys, sessions, legal documents and personal data.
      ctx.type = "html";
      ctx.body = page(
        "Settings",
        `<h1>Settings</h1>
         <cab-config api-base="/billing" auth="cookie" locale="en"></cab-config>
         <cab-login></cab-login><cab-settings></cab-settings><cab-security></cab-security><cab-privacy></cab-privacy><cab-consent-prompt></cab-consent-prompt>`,
      );
    } else {
      await next();
    }
  });

  // Listen first (port 0 picks one), so the public URL is known before the core is made; the
  // app's handler is taken once everything, Cabinet included, is mounted.
  let handle = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res)).listen(port, host);
  await new Promise((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const origin = `http://${host}:${server.address().port}`;
  const cabinet = await createCabinet(
    {
      database: { url: databaseUrl },
      http: { publicUrl: `${origin}/billing` },
      log: { level: logLevel },
      plugins: [{ name: "payment-sandbox", module: "@cabinet/plugin-payment-sandbox", options: {} }],
    },
    { staticDirs: [{ prefix: "/widgets", dir: widgetsDir }] },
  );
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute(() => {}, { allowedOrigins: [origin] });
  app.use(mount("/billing", cabinet.app));
  handle = app.callback();
  return {
    url: origin,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await cabinet.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await startProviderApp({ port: Number(process.env.PORT ?? 8082), databaseUrl: process.env.DATABASE_URL });
  console.log(`Acme Hosting with Cabinet under /billing: ${url}/account (alice@example.com / northwind-demo)`);
}
