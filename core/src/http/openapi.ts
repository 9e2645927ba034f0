import type { TSchema } from "@sinclair/typebox";
import { errorCatalogue } from "../errors/error-catalogue.js";
import type { AnyRoute } from "./route.js";
import { ErrorResponse } from "./schema.js";

/** A schema as plain JSON (TypeBox keeps its own metadata under Symbol keys). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema));

function parameters(route: AnyRoute) {
  const list: Record<string, unknown>[] = [];
  for (const location of ["path", "query"] as const) {
    const schema = location === "path" ? route.params : route.query;
    if (!schema) continue;
    const { properties = {}, required = [] } = plain(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      list.push({ name, in: location, required: location === "path" || required.includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (route.idempotencyKey) {
    list.push({
      name: "Idempotency-Key",
      in: "header",
      required: route.idempotencyKey === "required",
      schema: { type: "string", minLength: 1, maxLength: 100, pattern: "^[\\x21-\\x7e]+$" },
      description: "The same key again answers the first request's result instead of doing it twice",
    });
  }
  return list;
}

function securityOf(route: AnyRoute): Record<string, string[]>[] {
  switch (route.auth) {
    case "user":
      return [{ session: [] }, { bearer: [] }];
    case "optional":
      return [{ session: [] }, { bearer: [] }, {}];
    case "staff":
      return [{ staffBearer: [] }];
    default:
      return [];
  }
}

/** JSON, and for a route that takes uploads, the same fields as multipart plus its files. */
function requestContent(route: AnyRoute) {
  const json = plain(route.body);
  if (!route.uploads) return { "application/json": { schema: json } };
  const form = {
    ...json,
    properties: { ...(json.properties as object), [route.uploads.field]: { type: "array", items: { type: "string", format: "binary" } } },
  };
  return { "application/json": { schema: json }, "multipart/form-data": { schema: form } };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the same route schemas that validate
 * requests, so the two cannot disagree.
 */
export function buildOpenApi(routes: AnyRoute[], info: { title: string; version: string }, prefix = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = prefix + route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const success = route.response === null ? "204" : String(route.status ?? 200);
    const responses: Record<string, unknown> = {
      [success]:
        route.response === null
          ? { description: "No content" }
          : { description: "Success", content: { [route.produces ?? "application/json"]: { schema: plain(route.response) } } },
      "4XX": { description: "The request was refused", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    };
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      security: securityOf(route),
      // One permission as a string; a list means the caller needs any one of them.
      ...(route.permission ? { "x-cabinet-permission": route.permission } : {}),
      ...(route.staffRoles ? { "x-cabinet-staff-roles": route.staffRoles } : {}),
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: requestContent(route) } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { ...info, description: "The Cabinet client-area API. Every failure answers the Error schema with a CAB_ERR_… code." },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: plain(ErrorResponse) },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "cabinet_session", description: "Unsafe requests also need X-CSRF-Token" },
        bearer: { type: "http", scheme: "bearer" },
        staffBearer: { type: "http", scheme: "bearer", description: "A staff token from POST /api/v1/staff/auth/sign-in; client sessions are not accepted" },
      },
    },
    "x-cabinet-error-codes": Object.fromEntries(Object.entries(errorCatalogue).map(([code, e]) => [code, e])),
  };
}
