import type { Context } from "koa";
import type { DependencyContainer } from "tsyringe";
import type { Static, TSchema } from "@sinclair/typebox";
import type { ClientCaller, RequestBrand, RouteAction, RoutePermission, RouteStaffRole, StaffCaller } from "./callers.js";
import type { UploadedFile, UploadLimits } from "./multipart.js";

/** Who may call a route: nobody in particular, a client's user (required or not), or a staff member. */
export type RouteAuth = "public" | "user" | "optional" | "staff";

/** The caller a handler receives for each kind of route. */
type CallerOf<A extends RouteAuth> = A extends "user" ? ClientCaller : A extends "staff" ? StaffCaller : ClientCaller | null;

type In<T> = T extends TSchema ? Static<T> : undefined;

export interface RouteInput<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  /** Present on routes with `auth: "user"` (`"staff"`: the staff member); on `auth: "optional"` routes, null when nobody is signed in. */
  auth: A;
  /** The brand this request is for: the session's brand, or resolved from the request. */
  brand: RequestBrand;
  /** The per-request child container. */
  scope: DependencyContainer;
  /** The files of a `multipart/form-data` request to a route with `uploads`; empty otherwise. */
  files: UploadedFile[];
  /** The request's exact bytes, on a route with `rawBody: true` (empty otherwise). */
  rawBody: Buffer;
  /** The raw Koa context, for cookies and headers; prefer the typed fields above. */
  ctx: Context;
}

/**
 * One HTTP endpoint under `/api/v1`: its schemas validate the request (compiled once at
 * boot), describe it in the OpenAPI document and type the handler's input and output.
 *
 * @example
 * defineRoute({
 *   method: "get", path: "/services/:id", operationId: "getService", tags: ["services"],
 *   summary: "One service of the caller's account", auth: "user",
 *   params: Obj({ id: Id("svc") }), response: ServiceSchema,
 *   handler: ({ params, auth, scope }) => scope.resolve(GetService).execute(auth, params.id),
 * });
 */
export interface RouteSpec<
  P extends TSchema | undefined,
  Q extends TSchema | undefined,
  B extends TSchema | undefined,
  R extends TSchema | null,
  A extends RouteAuth,
> {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /**
   * `user`: a client's session is required. `optional`: the caller may or may not be signed in.
   * `public`: sessions are not read. `staff`: a staff bearer token is required (a client's
   * session never passes, nor does a staff token on the other kinds).
   */
  auth: A;
  /** A server-to-server endpoint (webhooks) that belongs to no brand: none is resolved. */
  brandless?: boolean;
  /**
   * The session guards (`TOKENS.SessionGuards`) this route is reachable past, while a guard
   * stops every other request of the session until something is done: `true` for all of them
   * (sign-out, `/me`, the session), or their names — `two-factor-setup` (the brand requires a
   * second factor the user has not turned on: the routes that turn it on), `password-change`
   * (a handed-over password to change first: the change itself), `consent` (a must-agree legal
   * document not yet accepted: the consent endpoints).
   */
  exemptFromGuards?: true | readonly string[];
  /**
   * The section of the account the route is in, checked after sign-in against the caller's
   * rights (`owner` holds all); a list means any one of them. Sections are the permission names
   * of old (`services`, `finance`, `documents`, `support`) plus `audit`.
   */
  permission?: RoutePermission | RoutePermission[];
  /** The right needed in that section: unless said, `view` for GET, `delete` for DELETE, `change` for the others. */
  action?: RouteAction;
  /**
   * Only the account's owner, whatever roles grant (users, roles, API keys, closing the
   * account); a staff member signed in as the client never passes.
   */
  ownerOnly?: boolean;
  /** An unsafe method a staff member in the client's area in read-only mode may still call (signing out). */
  allowReadOnlyStaff?: boolean;
  /** On `auth: "staff"` routes: the roles allowed (any staff member when absent). */
  staffRoles?: RouteStaffRole[];
  /**
   * Keep the body unparsed and hand its exact bytes to the handler as `rawBody` (webhooks are
   * verified over the bytes sent). The route then declares no `body` schema.
   */
  rawBody?: boolean;
  /** Documents the `Idempotency-Key` header (the handler reads it with `idempotencyKeyOf`). */
  idempotencyKey?: "required" | "optional";
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Accept `multipart/form-data` besides JSON: its text fields are validated against `body`
   * (strings coerced to the schema's types), its files (all under `field`) arrive in `files`.
   * `limits` is asked once the caller and the brand are known, before the body is read.
   */
  uploads?: { field: string; limits(input: { brand: RequestBrand; scope: DependencyContainer }): Promise<UploadLimits> };
  /** The success body's schema, or null for 204 No Content. */
  response: R;
  /**
   * For a non-JSON answer: its media type. The handler returns the text (CSV, HTML) or, for a
   * file, a Buffer or a stream, which is sent as it is (the schema only documents it). A
   * Content-Type the handler set itself (a stored file's own type) is kept.
   */
  produces?: "text/csv" | "text/html" | "application/pdf" | "application/zip" | "application/octet-stream" | "text/event-stream";
  /**
   * Also accept the bearer token as `?access_token=` (the query schema must declare it): for
   * EventSource, which cannot send an Authorization header. Only for GET streams, never for
   * anything that changes state (a URL ends up in logs and histories).
   */
  tokenInQuery?: boolean;
  status?: number;
  handler: (input: RouteInput<In<P>, In<Q>, In<B>, CallerOf<A>>) => Promise<R extends TSchema ? Static<R> : void>;
}

// The route list holds routes of every shape; the handler's input is checked when it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any, any>;

export function defineRoute<
  P extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
  B extends TSchema | undefined = undefined,
  R extends TSchema | null = null,
  A extends RouteAuth = "user",
>(spec: RouteSpec<P, Q, B, R, A>): AnyRoute {
  return spec as AnyRoute;
}
