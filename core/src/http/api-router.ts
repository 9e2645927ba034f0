import { Router } from "@koa/router";
import type { Context, Middleware } from "koa";
import compose from "koa-compose";
import type { DependencyContainer } from "tsyringe";
import type { ValidateFunction } from "ajv";
import type { CabinetConfig } from "../config/config.schema.js";
import { CabinetError } from "../errors/cabinet-error.js";
import getRawBody from "raw-body";
import type { Actor, ActorContext } from "../kernel/actor-context.js";
import { TOKENS } from "../kernel/tokens.js";
import type { BrandResolver, ClientAuthenticator, ClientCaller, RequestBrand, RouteAction, StaffAuthenticator, StaffCaller } from "./callers.js";
import { crossOrigin } from "./cors.js";
import { readMultipart, type UploadedFile } from "./multipart.js";
import type { AnyRoute } from "./route.js";
import { assertStrictSchema, validationError, type Validators } from "./validation.js";
import type { SessionGuard } from "../kernel/session-guard.js";
import { timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Deps {
  config: CabinetConfig;
  brands: BrandResolver;
  validators: Validators;
  /** Checks every request with a client session passes, in order, unless its route is `exemptFromGuards` (all, or by name). */
  guards?: SessionGuard[];
}

/** The token from `Authorization: Bearer …`, else (where the route allows it) `?access_token=`, else from the session cookie. */
function readToken(ctx: Context, cookieName: string, tokenInQuery = false): { token: string; via: ClientCaller["via"] } | null {
  const inQuery = tokenInQuery ? ctx.query.access_token : undefined;
  if (typeof inQuery === "string" && /^[A-Za-z0-9_-]{10,200}$/.test(inQuery)) return { token: inQuery, via: "bearer" };
  const header = ctx.get("authorization");
  if (header) {
    const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
    if (!match) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "malformed Authorization header" });
    return { token: match[1], via: "bearer" };
  }
  const cookie = ctx.cookies.get(cookieName);
  return cookie ? { token: cookie, via: "cookie" } : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The brand of a request that has no session: named by `X-Cabinet-Brand`, else found by the
 * calling site's origin, else the configured default. Never taken from the body.
 */
export async function resolveBrand(ctx: Context, brands: BrandResolver, defaultSlug: string, config: Pick<CabinetConfig, "http">): Promise<RequestBrand> {
  const origin = crossOrigin(ctx, config);
  const slug = ctx.get("x-cabinet-brand");
  if (slug) {
    const brand = await brands.bySlug(slug);
    if (!brand) throw new CabinetError("CAB_ERR_BRAND_UNKNOWN", { brand: slug.slice(0, 64) });
    if (origin && !brand.allowedOrigins.includes(origin)) throw new CabinetError("CAB_ERR_ORIGIN_NOT_ALLOWED", { origin });
    return brand;
  }
  if (origin) {
    const brand = await brands.byOrigin(origin);
    if (!brand) throw new CabinetError("CAB_ERR_ORIGIN_NOT_ALLOWED", { origin });
    return brand;
  }
  const brand = await brands.bySlug(defaultSlug);
  if (!brand) throw new CabinetError("CAB_ERR_BRAND_UNKNOWN", { brand: defaultSlug });
  return brand;
}

async function authenticate(ctx: Context, route: AnyRoute, deps: Deps, scope: DependencyContainer): Promise<ClientCaller> {
  const credentials = readToken(ctx, deps.config.auth.cookieName, route.tokenInQuery && ctx.method === "GET");
  if (!credentials) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
  const authenticator = scope.resolve<ClientAuthenticator>(TOKENS.ClientAuthenticator);
  const auth = await authenticator.authenticate(credentials.token, credentials.via);
  if (!auth) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "session expired or ended" });
  // A cookie rides along on any request the browser makes; the header proves our page sent it.
  if (auth.via === "cookie" && UNSAFE.has(ctx.method) && !sameSecret(ctx.get("x-csrf-token"), auth.csrfToken)) {
    throw new CabinetError("CAB_ERR_CSRF");
  }
  // What the session must do first (set up a second factor, change a handed-over password, accept
  // a new policy): every request with the session stops here, but for the routes exempt from that guard.
  const exempt = route.exemptFromGuards;
  for (const guard of deps.guards ?? []) if (exempt !== true && !exempt?.includes(guard.name)) await guard.check(auth, scope);
  if (route.ownerOnly && !authenticator.isOwner(auth)) throw new CabinetError("CAB_ERR_OWNER_ONLY");
  const action = route.action ?? (ctx.method === "GET" ? "view" : ctx.method === "DELETE" ? "delete" : "change");
  if (route.permission && ![route.permission].flat().some((p) => authenticator.hasRight(auth, p, action as RouteAction))) {
    throw new CabinetError("CAB_ERR_FORBIDDEN", { permission: route.permission, action });
  }
  // A staff member who opened the client's area to read may not change anything in it.
  if (auth.staffMode === "read" && UNSAFE.has(ctx.method) && !route.allowReadOnlyStaff) throw new CabinetError("CAB_ERR_STAFF_READ_ONLY");
  return auth;
}

/**
 * Staff authenticate with a bearer token only, never the client's session cookie: a browser
 * signed in to the client area must not carry that session into the staff API. With no cookie
 * there is no CSRF to guard against.
 */
async function authenticateStaff(ctx: Context, route: AnyRoute, scope: DependencyContainer): Promise<StaffCaller> {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(ctx.get("authorization"));
  if (!match) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "a staff bearer token is required" });
  const authenticator = scope.resolve<StaffAuthenticator>(TOKENS.StaffAuthenticator);
  const auth = await authenticator.authenticate(match[1]);
  if (!auth) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "staff session expired or ended" });
  if (route.staffRoles && !authenticator.hasRole(auth, route.staffRoles)) throw new CabinetError("CAB_ERR_FORBIDDEN", { roles: route.staffRoles });
  return auth;
}

/** Who the request acts for, as the audit log records it. */
function actorOf(auth: ClientCaller | StaffCaller | null, ctx: Context): Actor {
  const from = { ip: ctx.ip, userAgent: ctx.get("user-agent").slice(0, 255) };
  if (!auth) return { kind: "system", id: null, name: "system", staffId: null, ...from };
  if ("kind" in auth) return { kind: "staff", id: auth.staffId, name: auth.name ?? auth.staffId, staffId: auth.staffId, ...from };
  return { kind: auth.staffId ? "staff" : "user", id: auth.userId, name: auth.name, staffId: auth.staffId, serviceScope: auth.serviceScope, ...from };
}

/**
 * The routes as one middleware (matching, then 405/501 for a known path's other methods). Each
 * route's schemas are checked for strictness and compiled here, once, at boot; a request then
 * runs: content type → auth (+CSRF, permission; or the staff token and role) → brand → params,
 * query, body validation → handler.
 */
export function buildApiRouter(routes: AnyRoute[], deps: Deps, prefix = "/api/v1"): Middleware {
  const handlers = routes.map((route) => [route, routeHandler(route, deps, prefix)] as const);
  return bySection(prefix, routes, (section) => {
    const router = new Router({ prefix });
    for (const [route, handler] of handlers) if (section(route)) router[route.method](route.path, handler);
    return compose([router.routes(), router.allowedMethods({ throw: true })] as Middleware[]);
  });
}

const PLAIN_SEGMENT = /^[a-z0-9._~-]*$/;

/** A route's first path segment when it is plain text (`/services/:id` → `services`), else null: it may match any. */
function sectionOf(path: string): string | null {
  const first = /^\/([A-Za-z0-9._~-]+)(?:\/|$)/.exec(path);
  return first ? first[1].toLowerCase() : null;
}

/**
 * Routes grouped by their first path segment, a request's group found in a Map: @koa/router
 * tries every route of a router in turn (a regular expression each), and with a hundred and
 * fifty routes that walk was a measurable part of a cheap request. Each group is a router of
 * its own made by `mount` with the routes `section` selects, in their order; a route whose
 * first segment is a parameter is in every group. Matching itself stays the router's (any case,
 * a trailing slash allowed): the key is lowercased, and a path not of the form
 * `<prefix>/<plain ASCII segment>…` goes to the router of every route, as before.
 */
function bySection(prefix: string, routes: AnyRoute[], mount: (section: (route: AnyRoute) => boolean) => Middleware): Middleware {
  const sections = new Set(routes.map((r) => sectionOf(r.path)).filter((s) => s !== null));
  const groups = new Map([...sections].map((name) => [name, mount((r) => [name, null].includes(sectionOf(r.path)))]));
  const unnamed = mount((r) => sectionOf(r.path) === null);
  const every = mount(() => true);
  const start = prefix.toLowerCase() + "/";
  return (ctx, next) => {
    const path = ctx.path.toLowerCase();
    if (!path.startsWith(start)) return every(ctx, next);
    const end = path.indexOf("/", start.length);
    const segment = path.slice(start.length, end === -1 ? undefined : end);
    // Only plain ASCII is compared by lowercasing; anything else is left to the router of every route.
    if (!PLAIN_SEGMENT.test(segment)) return every(ctx, next);
    return (groups.get(segment) ?? unnamed)(ctx, next);
  };
}

/** A route's own middleware: its schemas compiled (and checked strict) now, at boot. */
function routeHandler(route: AnyRoute, deps: Deps, prefix: string): Middleware {
  const where = `${route.method.toUpperCase()} ${prefix}${route.path}`;
  // Client permissions mean nothing to staff and staff roles nothing to clients: a route that
  // mixes them is a mistake that would silently check nothing.
  if (route.auth === "staff" ? route.permission : route.staffRoles)
    throw new Error(`${where}: \`permission\` is for client routes, \`staffRoles\` for staff routes`);
  if (route.rawBody && (route.body || route.uploads))
    throw new Error(`${where}: a \`rawBody\` route takes its body unparsed: no \`body\` schema nor \`uploads\``);
  const compiled: Partial<Record<"params" | "query" | "body" | "form" | "response", ValidateFunction>> = {};
  for (const part of ["params", "query", "body"] as const) {
    if (!route[part]) continue;
    assertStrictSchema(route[part], `${where} ${part}`);
    compiled[part] = deps.validators.compile(route[part], part);
  }
  if (route.uploads) {
    if (!route.body) throw new Error(`${where}: \`uploads\` needs a \`body\` schema for the text fields`);
    compiled.form = deps.validators.compile(route.body, "form");
  }
  // In tests every answer is checked against its documented schema, so the OpenAPI document cannot drift.
  if (route.response && deps.config.env === "test") compiled.response = deps.validators.compile(route.response, "response");

  return async (ctx: Context) => {
    const multipart = Boolean(route.uploads && ctx.request.is("multipart/form-data"));
    if (compiled.body && !multipart && !ctx.request.is("application/json")) throw new CabinetError("CAB_ERR_UNSUPPORTED_MEDIA_TYPE");
    const scope = ctx.state.scope as DependencyContainer;
    const auth =
      route.auth === "user"
        ? await authenticate(ctx, route, deps, scope)
        : route.auth === "optional"
          ? await authenticate(ctx, route, deps, scope).catch((error: unknown) => {
              if (error instanceof CabinetError && error.status === 401) return null;
              throw error;
            })
          : route.auth === "staff"
            ? await authenticateStaff(ctx, route, scope)
            : null;
    let brand: RequestBrand;
    if (route.brandless) {
      brand = undefined as unknown as RequestBrand; // such handlers are typed not to need one
    } else if (auth) {
      const sessionBrand = await deps.brands.byId(auth.brandId);
      const named = ctx.get("x-cabinet-brand");
      if (!sessionBrand || (named && named !== sessionBrand.slug))
        throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "session belongs to another brand" });
      // CORS let the origin in because *some* brand lists it; a session may only be used from
      // its own brand's sites, or brand B's page could read and write brand A's client.
      const origin = crossOrigin(ctx, deps.config);
      if (origin && !sessionBrand.allowedOrigins.includes(origin)) throw new CabinetError("CAB_ERR_ORIGIN_NOT_OF_BRAND", { origin });
      brand = sessionBrand;
    } else {
      brand = await resolveBrand(ctx, deps.brands, deps.config.defaultBrand, deps.config);
    }

    const params = { ...ctx.params };
    const query = { ...ctx.query };
    if (!compiled.query && Object.keys(query).length > 0) {
      throw validationError(
        "query",
        Object.keys(query).map((name) => ({ keyword: "additionalProperties", instancePath: "", params: { additionalProperty: name } }) as never),
      );
    }
    let body = compiled.body ? (ctx.request.body ?? {}) : undefined;
    let files: UploadedFile[] = [];
    // Read only now, once the caller is known: an anonymous upload is refused before its bytes are taken in.
    if (multipart) ({ fields: body, files } = await readMultipart(ctx, route.uploads!.field, await route.uploads!.limits({ brand, scope })));
    for (const [part, value] of [
      ["params", params],
      ["query", query],
      ["body", body],
    ] as const) {
      const validate = part === "body" && multipart ? compiled.form : compiled[part];
      if (validate && !validate(value)) throw validationError(part, validate.errors);
    }

    const rawBody = route.rawBody ? ((ctx.state.rawBody as Buffer | undefined) ?? Buffer.alloc(0)) : Buffer.alloc(0);
    const actor = actorOf(auth, ctx);
    const result = await scope
      .resolve<ActorContext>(TOKENS.Actors)
      .run(actor, () => route.handler({ params, query, body, auth, brand, scope, ctx, files, rawBody }));
    const file = Buffer.isBuffer(result) || result instanceof Readable;
    if (compiled.response && !file && !compiled.response(result)) {
      throw new Error(`${where} answered outside its schema: ${JSON.stringify(compiled.response.errors)}`);
    }
    ctx.status = route.response === null ? 204 : (route.status ?? 200);
    if (route.produces && !ctx.response.get("Content-Type")) ctx.type = route.produces;
    if (route.response !== null) ctx.body = result;
  };
}

/**
 * Reads the body of the routes that declare `rawBody: true` as raw bytes (into
 * `ctx.state.rawBody`) and turns the JSON body parser off for them. Mounted before the body
 * parser; the route itself then hands the bytes to its handler.
 */
export function buildRawBodyReader(routes: AnyRoute[], limitBytes: number, prefix = "/api/v1"): Router {
  const router = new Router({ prefix });
  for (const route of routes.filter((r) => r.rawBody)) {
    router[route.method](route.path, async (ctx, next) => {
      try {
        ctx.state.rawBody = await getRawBody(ctx.req, { limit: limitBytes });
      } catch {
        throw new CabinetError("CAB_ERR_PAYLOAD_TOO_LARGE", { limitBytes });
      }
      ctx.disableBodyParser = true;
      return next();
    });
  }
  return router;
}
