// Orbit Cloud's own site: a provider on ANOTHER SITE than the Cabinet core (127.0.0.1:8081
// against localhost:8080 in the demo — two different sites to a browser, so no cookie of the
// core's is ever sent from here). It has its own users and its own sign-in; Cabinet's widgets
// get the client's session through the hand-off: on every page load this backend asks the core
// for a one-time code (POST /api/v1/handoff, with the brand's API key) and writes it into the
// page's <cab-config handoff>; the widgets exchange it for a session held in memory. A client
// who turned on a second factor in Cabinet gives it in the page's <cab-login> first.
//
//   node host-examples/other-site/server.mjs   (CORE_URL, ORBIT_API_KEY, PORT, HOST from the environment)
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import Koa from "koa";

/** The demo's key (core/src/seed/demo-data.ts, added by `cabinet demo`); a real site reads its own from a secret store. */
export const DEMO_API_KEY = "cabk_demoorbitothersite01_orbit-demo-key-for-the-other-site-example01";

/** Orbit's own customers: its database in real life. Cabinet never sees these passwords. */
const users = new Map([
  ["bob@orbit.example", { id: "orbit-cust-1001", name: "Bob Okafor", password: "orbit-demo" }],
  ["dana@orbit.example", { id: "orbit-cust-1002", name: "Dana Weiss", password: "orbit-demo" }],
  // Has turned on two-step verification in Cabinet (the browser tests do it): the hand-off
  // signs her in to the widgets only once she gives the code, in <cab-login>.
  ["erin@orbit.example", { id: "orbit-cust-1003", name: "Erin Stone", password: "orbit-demo" }],
]);

const css = readFileSync(new URL("public/site.css", import.meta.url));
const js = readFileSync(new URL("public/site.js", import.meta.url));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/**
 * The site as a Koa app. `coreUrl`: where the browser and this backend reach Cabinet;
 * `origin`: this site's own origin (the page origin a hand-off code is bound to).
 */
export function createOtherSite({ coreUrl, apiKey = DEMO_API_KEY, origin }) {
  const sessions = new Map(); // session id → e-mail: this site's own sign-in, first-party
  const app = new Koa();

  // Strict CSP: no inline script or style; scripts from this site and the Cabinet core only;
  // the widgets talk to the core (connect-src). Lit's styles are adopted stylesheets, which
  // style-src 'self' does not block.
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${coreUrl}`,
    "style-src 'self'",
    `connect-src ${coreUrl}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");

  const signedIn = (ctx) => {
    const email = sessions.get(ctx.cookies.get("orbit_session") ?? "");
    return email ? { email, ...users.get(email) } : null;
  };

  async function readForm(ctx) {
    let text = "";
    for await (const chunk of ctx.req) {
      text += chunk;
      if (text.length > 10_000) break;
    }
    return new URLSearchParams(text);
  }

  /** Asks the core for a one-time code for this customer, bound to this site's origin. */
  async function handoffCode(user) {
    const response = await fetch(`${coreUrl}/api/v1/handoff`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ customer: { externalId: user.id, email: user.email, name: user.name }, origin }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 201) throw new Error(`hand-off refused: ${response.status} ${await response.text()}`);
    return (await response.json()).code;
  }

  const page = (title, body, { widgets = false } = {}) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Orbit Cloud</title>
<link rel="stylesheet" href="/site.css">
${widgets ? `<script type="module" src="${coreUrl}/widgets/cabinet.js"></script>` : ""}
<script src="/site.js" defer></script>
</head><body>
<header class="top"><a class="brand" href="/">◐ Orbit Cloud</a><nav><a href="/">Home</a><a href="/account">Client area</a><a href="/settings">Settings</a></nav></header>
<main>${body}</main>
<footer>Orbit Cloud GmbH · Berlin · a demo provider site on another origin than its Cabinet core</footer>
</body></html>`;

  app.use(async (ctx, next) => {
    ctx.set("Content-Security-Policy", csp);
    ctx.set("X-Content-Type-Options", "nosniff");
    await next();
  });

  app.use(async (ctx) => {
    const user = signedIn(ctx);
    if (ctx.method === "GET" && ctx.path === "/site.css") return void ((ctx.type = "text/css"), (ctx.body = css));
    if (ctx.method === "GET" && ctx.path === "/site.js") return void ((ctx.type = "text/javascript"), (ctx.body = js));
    if (ctx.method === "GET" && ctx.path === "/healthz") return void (ctx.body = "ok");

    if (ctx.method === "GET" && ctx.path === "/") {
      ctx.type = "html";
      ctx.body = page(
        "Home",
        user
          ? `<h1>Welcome back, ${escape(user.name)}</h1><p><a class="button" href="/account">Open your client area</a></p>`
          : `<h1>Cloud servers from Berlin</h1><p>Sign in with your Orbit account.</p>
             <form class="card sign-in" method="post" action="/sign-in">
               <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
               <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
               <button type="submit">Sign in to Orbit</button>
             </form>`,
      );
      return;
    }
    if (ctx.method === "POST" && ctx.path === "/sign-in") {
      const form = await readForm(ctx);
      const email = (form.get("email") ?? "").toLowerCase();
      const found = users.get(email);
      if (!found || found.password !== form.get("password")) {
        ctx.status = 401;
        ctx.type = "html";
        ctx.body = page("Sign in", `<p role="alert">Wrong e-mail or password.</p><p><a href="/">Try again</a></p>`);
        return;
      }
      const id = randomBytes(24).toString("base64url");
      sessions.set(id, email);
      ctx.cookies.set("orbit_session", id, { httpOnly: true, sameSite: "lax", path: "/" });
      ctx.redirect("/account");
      return;
    }
    if (ctx.method === "POST" && ctx.path === "/sign-out") {
      if (user) {
        // The customer leaves Orbit: their Cabinet sessions end too (server to server).
        await fetch(`${coreUrl}/api/v1/handoff/sign-out`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ customer: { externalId: user.id } }),
        }).catch(() => {});
        sessions.delete(ctx.cookies.get("orbit_session"));
      }
      ctx.cookies.set("orbit_session", "", { maxAge: 0, path: "/" });
      ctx.redirect("/");
      return;
    }
    // The client-area pages: each load hands the widgets a fresh one-time code for this customer.
    const clientPages = {
      "/account": {
        title: "Client area",
        widgets: `<div class="grid">
           <section class="card" id="cabinet-login" aria-label="Cabinet sign-in"><cab-login></cab-login></section>
           <section class="card"><cab-balance></cab-balance></section>
           <section class="card"><h2>Your servers</h2><cab-services></cab-services></section>
           <section class="card wide"><h2>Account history</h2><cab-ledger></cab-ledger></section>
         </div>`,
      },
      // Cabinet's settings widgets: profile and language, sign-in e-mail, two-step verification,
      // passkeys, sessions, legal documents and personal data. Orbit keeps its customers'
      // passwords itself, so the password form has nothing to change here (the hand-off user has none).
      "/settings": {
        title: "Settings",
        widgets: `<div class="grid">
           <section class="card" id="cabinet-login" aria-label="Cabinet sign-in"><cab-login></cab-login></section>
           <section class="card wide"><cab-settings></cab-settings></section>
           <section class="card wide"><cab-security></cab-security></section>
           <section class="card wide"><cab-privacy></cab-privacy></section>
         </div>
         <cab-consent-prompt></cab-consent-prompt>`,
      },
    };
    const clientPage = ctx.method === "GET" ? clientPages[ctx.path] : undefined;
    if (clientPage) {
      if (!user) return void ctx.redirect("/");
      let code;
      try {
        code = await handoffCode(user);
      } catch (error) {
        ctx.status = 503;
        ctx.type = "html";
        ctx.body = page(clientPage.title, `<p role="alert">The client area is not available right now.</p>`);
        console.error(error);
        return;
      }
      ctx.set("Cache-Control", "no-store"); // the code is single-use: never serve a page from cache
      ctx.type = "html";
      ctx.body = page(
        clientPage.title,
        `<h1>${escape(clientPage.title)}</h1>
         <p class="who">Signed in to Orbit as <strong>${escape(user.name)}</strong>.
           <form class="inline" method="post" action="/sign-out" id="sign-out"><button type="submit" class="link">Sign out</button></form></p>
         <cab-config api-base="${escape(coreUrl)}" brand="orbit" auth="bearer" handoff="${escape(code)}" theme="brand" locale="en"></cab-config>
         ${clientPage.widgets}`,
        { widgets: true },
      );
      return;
    }
    ctx.status = 404;
    ctx.type = "html";
    ctx.body = page("Not found", "<h1>Not found</h1>");
  });
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT ?? 8081);
  const host = process.env.HOST ?? "127.0.0.1";
  const origin = `http://${host}:${port}`;
  const coreUrl = (process.env.CORE_URL ?? "http://localhost:8080").replace(/\/+$/, "");
  const app = createOtherSite({ coreUrl, apiKey: process.env.ORBIT_API_KEY ?? DEMO_API_KEY, origin });
  app.listen(port, host, () => console.log(`Orbit Cloud (other site) on ${origin}/, its Cabinet core at ${coreUrl}`));
}
