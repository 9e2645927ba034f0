// Writes widgets/src/runtime/api-types.ts from docs/openapi.json: the shapes of the Cabinet API
// that the widgets use, each taken from the operation that answers (or accepts) it, so the
// widgets' types cannot drift from the API. `npm run docs` runs it after regenerating the
// OpenAPI document; `node scripts/api-types.mjs --check` exits 1 when the file is not what the
// document gives (widgets/test/api-types.test.ts runs that).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "widgets", "src", "runtime", "api-types.ts");

/**
 * Each exported type: where it is in the document — an operation's `response` (its 2xx JSON),
 * `body` or `query` — then a path into that schema (`[]` for an array's items, a name for a
 * property). `enum: "name"` also exports the values as a `const` array.
 */
const shapes = [
  { section: "Session" },
  { name: "SessionMode", op: "POST /auth/sign-in", in: "body", path: ["mode"], enum: "sessionModes" },
  { name: "Permission", op: "GET /me", in: "response", path: ["user", "permissions", "[]"], enum: "permissions" },
  { name: "User", op: "GET /me", in: "response", path: ["user"] },
  { name: "Account", op: "GET /me", in: "response", path: ["account"] },
  { name: "Me", doc: "`GET /me`: who is signed in.", op: "GET /me", in: "response", path: [] },
  { name: "SignedIn", doc: "`POST /auth/sign-in`: `Me` plus the bearer token (mode `bearer` only).", op: "POST /auth/sign-in", in: "response", path: [] },
  { section: "Services: catalog, orders, one service's life" },
  { name: "ServiceStatus", op: "GET /services/{id}", in: "response", path: ["status"], enum: "serviceStatuses" },
  { name: "Service", op: "GET /services", in: "response", path: ["items", "[]"] },
  {
    name: "ServiceAction",
    doc: "Whether an action on a service is allowed now; `reason` is a machine code (`status:pending_payment`).",
    op: "GET /services/{id}",
    in: "response",
    path: ["actions", "renew"],
  },
  { name: "ServiceActionName", op: "GET /services/{id}", in: "response", path: ["actions"], keys: "serviceActionNames" },
  {
    name: "ServiceDetail",
    doc: "`GET /services/:id`: the list's shape and what only one service's page needs.",
    op: "GET /services/{id}",
    in: "response",
    path: [],
  },
  { name: "ServiceHistoryEntry", op: "GET /services/{id}/history", in: "response", path: ["items", "[]"] },
  { name: "ParameterDef", op: "GET /catalog", in: "response", path: ["items", "[]", "parameters", "[]"] },
  { name: "ProductPrice", op: "GET /catalog", in: "response", path: ["items", "[]", "prices", "[]"] },
  { name: "Product", op: "GET /catalog", in: "response", path: ["items", "[]"] },
  { name: "QuoteBody", op: "POST /catalog/quote", in: "body", path: [] },
  { name: "Quote", doc: "`POST /catalog/quote`: the price the server will charge, line by line.", op: "POST /catalog/quote", in: "response", path: [] },
  { name: "OrderItem", op: "POST /orders", in: "body", path: ["items", "[]"] },
  { name: "Order", doc: "`POST /orders`: paid from the balance, or waiting for its invoice.", op: "POST /orders", in: "response", path: [] },
  {
    name: "ChangePreview",
    doc: "`POST /services/:id/change/preview`. `amountDue` > 0 is charged now, < 0 credited now.",
    op: "POST /services/{id}/change/preview",
    in: "response",
    path: [],
  },
  { name: "Renewal", op: "POST /services/{id}/renew", in: "response", path: [] },
  {
    name: "CancelPreview",
    doc: "`GET /services/:id/cancel/preview`: what cancelling now gives back, or, for an unpaid order, what withdrawing it takes along.",
    op: "GET /services/{id}/cancel/preview",
    in: "response",
    path: [],
  },
  { name: "ServicePatch", op: "PATCH /services/{id}", in: "body", path: [] },
  { name: "ListServicesQuery", op: "GET /services", in: "query" },
  {
    name: "ServicePanel",
    doc: "`GET /services/:id/panel`: what the service's provisioner adds to its page.",
    op: "GET /services/{id}/panel",
    in: "response",
    path: [],
  },
  { name: "ServicePanelActionResult", op: "POST /services/{id}/panel/actions/{key}", in: "response", path: [] },
  { section: "Billing (`finance` permission)" },
  { name: "Balance", doc: "`GET /balance`. `available` is the balance plus the credit limit.", op: "GET /balance", in: "response", path: [] },
  { name: "LedgerKind", op: "GET /ledger", in: "response", path: ["items", "[]", "kind"], enum: "ledgerKinds" },
  { name: "LedgerEntry", op: "GET /ledger", in: "response", path: ["items", "[]"] },
  { name: "LedgerPeriod", doc: "A period of the ledger: days (`YYYY-MM-DD`, UTC), both inclusive.", op: "GET /ledger/export", in: "query" },
  { name: "ListLedgerQuery", op: "GET /ledger", in: "query" },
  {
    name: "MonthlySpending",
    doc: "`GET /ledger/monthly`: positive minor units per month, oldest month first.",
    op: "GET /ledger/monthly",
    in: "response",
    path: [],
  },
  { name: "Gateway", op: "GET /payments/gateways", in: "response", path: ["items", "[]"] },
  { name: "PaymentStatus", op: "GET /payments/{id}", in: "response", path: ["status"], enum: "paymentStatuses" },
  {
    name: "NextAction",
    doc: "What the client does next while a payment is pending.",
    op: "GET /payments/{id}",
    in: "response",
    path: ["nextAction"],
    nonNull: true,
  },
  { name: "Payment", op: "GET /payments/{id}", in: "response", path: [] },
  { name: "StartPaymentBody", doc: "`POST /payments`: a top-up (`amount`) or open invoices (`invoiceIds`).", op: "POST /payments", in: "body", path: [] },
  { name: "InvoiceStatus", op: "GET /invoices/{id}", in: "response", path: ["status"], enum: "invoiceStatuses" },
  { name: "InvoiceLine", op: "GET /invoices/{id}", in: "response", path: ["lines", "[]"] },
  { name: "Invoice", op: "GET /invoices/{id}", in: "response", path: [] },
  { name: "ListPageQuery", op: "GET /payments", in: "query" },
  { name: "ListInvoicesQuery", op: "GET /invoices", in: "query" },
  { name: "PayerKind", op: "GET /payers", in: "response", path: ["items", "[]", "kind"], enum: "payerKinds" },
  { name: "Payer", doc: "Who invoices and documents are made out to: one of the account's payers.", op: "GET /payers", in: "response", path: ["items", "[]"] },
  { name: "PayerBody", op: "POST /payers", in: "body", path: [] },
  { section: "Documents (`documents` or `finance` permission)" },
  { name: "DocumentKind", op: "GET /documents", in: "response", path: ["items", "[]", "kind"], enum: "documentKinds" },
  {
    name: "CabinetDocument",
    doc: "An issued document. Its HTML exists from the start; the PDF once `status` is `ready`.",
    op: "GET /documents",
    in: "response",
    path: ["items", "[]"],
  },
  { name: "ListDocumentsQuery", op: "GET /documents", in: "query" },
  {
    name: "CurrentContract",
    doc: "`GET /contracts/current`: the brand's contract version, and whether the account accepted it.",
    op: "GET /contracts/current",
    in: "response",
    path: [],
  },
  { name: "ContractAcceptance", op: "POST /contracts/accept", in: "response", path: [] },
];

const head = `/**
 * The shapes of the Cabinet HTTP API (\`/api/v1\`) that the widgets use. GENERATED from
 * docs/openapi.json by scripts/api-types.mjs (\`npm run docs\`): do not edit by hand; a test
 * fails when this file and the document differ. The widgets depend on the API's public
 * contract only, never on the core's source.
 */

/** An amount of money: integer minor units (cents) plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** A parameter's value (CPU cores, a plan's name, a switch). */
export type ParameterValue = string | number | boolean;

/** One page of a list, and where the next one starts (\`null\`: this was the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
`;

/** The schema without what does not change its type (descriptions, bounds, patterns). */
const canonical = (schema) =>
  JSON.stringify(schema, (key, value) =>
    ["description", "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "default", "minItems", "maxItems", "uniqueItems", "examples"].includes(
      key,
    )
      ? undefined
      : value,
  );

const isMoney = (s) => s?.type === "object" && s.properties && Object.keys(s.properties).sort().join() === "amount,currency";
const isParameterValue = (s) =>
  Array.isArray(s?.anyOf) &&
  s.anyOf
    .map((m) => m.type)
    .sort()
    .join() === "boolean,number,string";
/** Whether a written type is a union or an intersection at its top (not only inside braces). */
const topLevelOperator = (type) => {
  let depth = 0;
  for (const c of type) {
    if ("{([<".includes(c)) depth++;
    else if ("})]>".includes(c)) depth--;
    else if (depth === 0 && (c === "|" || c === "&")) return true;
  }
  return false;
};
const safeKey = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));
const docComment = (text, pad) => (text ? `${pad}/** ${text.replace(/\*\//g, "*\\/").replace(/\n/g, " ")} */\n` : "");

function generate(openapi) {
  const operation = (op) => {
    const [method, path] = op.split(" ");
    const found = openapi.paths[`/api/v1${path}`]?.[method.toLowerCase()];
    if (!found) throw new Error(`api-types: no operation ${op} in the OpenAPI document`);
    return found;
  };
  const schemaOf = (shape) => {
    const op = operation(shape.op);
    if (shape.in === "query") {
      const properties = {};
      for (const p of op.parameters ?? []) if (p.in === "query") properties[p.name] = { ...p.schema, description: p.description ?? p.schema.description };
      return { type: "object", properties, required: [] };
    }
    let schema;
    if (shape.in === "body") schema = op.requestBody?.content?.["application/json"]?.schema;
    else {
      const ok = Object.keys(op.responses).find((code) => code.startsWith("2"));
      schema = op.responses[ok]?.content?.["application/json"]?.schema;
    }
    if (!schema) throw new Error(`api-types: ${shape.op} has no JSON ${shape.in}`);
    for (const step of shape.path) {
      const next = step === "[]" ? schema.items : schema.properties?.[step];
      if (!next) throw new Error(`api-types: ${shape.op} ${shape.in} has no ${shape.path.join(".")}`);
      schema = next;
    }
    if (shape.nonNull && schema.anyOf) schema = { ...schema, anyOf: schema.anyOf.filter((m) => m.type !== "null") };
    return schema;
  };

  // Named shapes, found again inside others, are written by name.
  const named = new Map();
  const remember = (name, schema) => {
    const key = canonical(schema);
    if (!named.has(key)) named.set(key, name);
  };

  const ts = (schema, pad, self) => {
    const key = canonical(schema);
    if (key !== self && named.has(key)) return named.get(key);
    if (isMoney(schema)) return "Money";
    if (isParameterValue(schema)) return "ParameterValue";
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return union.map((m) => wrap(ts(m, pad, self))).join(" | ");
    if (schema.allOf) return schema.allOf.map((m) => wrap(ts(m, pad, self))).join(" & ");
    if (Array.isArray(schema.type)) return schema.type.map((t) => ts({ ...schema, type: t }, pad, self)).join(" | ");
    switch (schema.type) {
      case "string":
        return "string";
      case "integer":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array":
        return `${wrap(ts(schema.items ?? {}, pad, self))}[]`;
      case "object":
        return object(schema, pad, self);
      default:
        return "unknown";
    }
  };
  const wrap = (type) => (topLevelOperator(type) ? `(${type})` : type);
  const object = (schema, pad, self) => {
    const properties = Object.entries(schema.properties ?? {});
    const values = schema.patternProperties
      ? Object.values(schema.patternProperties)
      : typeof schema.additionalProperties === "object"
        ? [schema.additionalProperties]
        : [];
    if (properties.length === 0) return `Record<string, ${values.length ? values.map((v) => ts(v, pad, self)).join(" | ") : "unknown"}>`;
    const required = new Set(schema.required ?? []);
    const inner = pad + "  ";
    const lines = properties.map(
      ([name, value]) => `${docComment(value.description, inner)}${inner}${safeKey(name)}${required.has(name) ? "" : "?"}: ${ts(value, inner, self)};`,
    );
    return `{\n${lines.join("\n")}\n${pad}}`;
  };

  const resolved = shapes.filter((s) => s.name).map((shape) => ({ shape, schema: schemaOf(shape) }));
  // Scalars (enums) first, then objects from the smallest: a bigger shape names the smaller ones it holds.
  for (const { shape, schema } of resolved) if (shape.enum) remember(shape.name, schema);
  for (const { shape, schema } of [...resolved].sort((a, b) => canonical(a.schema).length - canonical(b.schema).length)) {
    if (!shape.enum && !shape.keys && shape.in !== "query") remember(shape.name, schema);
  }

  const objects = resolved.filter((r) => !r.shape.enum && !r.shape.keys && r.shape.in !== "query" && r.schema.type === "object" && r.schema.properties);
  /** The biggest earlier named object whose every property (and whether it is required) this one has too. */
  const baseOf = (shape, schema) => {
    if (schema.type !== "object" || !schema.properties) return null;
    const required = new Set(schema.required ?? []);
    let best = null;
    for (const candidate of objects) {
      if (candidate.shape === shape) break;
      const props = Object.entries(candidate.schema.properties);
      const fits =
        props.length < Object.keys(schema.properties).length &&
        props.every(
          ([k, v]) =>
            schema.properties[k] && canonical(schema.properties[k]) === canonical(v) && required.has(k) === (candidate.schema.required ?? []).includes(k),
        );
      if (fits && (!best || props.length > Object.keys(best.schema.properties).length)) best = candidate;
    }
    return best;
  };

  let out = head;
  for (const shape of shapes) {
    if (shape.section) {
      out += `\n// ---- ${shape.section} ${"-".repeat(Math.max(4, 90 - shape.section.length))}\n`;
      continue;
    }
    const schema = resolved.find((r) => r.shape === shape).schema;
    const doc = docComment(shape.doc ?? schema.description, "");
    out += "\n";
    if (shape.enum) {
      const values = schema.enum ?? (schema.anyOf ?? []).map((m) => m.const);
      out += `export const ${shape.enum} = [${values.map((v) => JSON.stringify(v)).join(", ")}] as const;\n`;
      out += `${doc}export type ${shape.name} = (typeof ${shape.enum})[number];\n`;
    } else if (shape.keys) {
      out += `export const ${shape.keys} = [${Object.keys(schema.properties)
        .map((v) => JSON.stringify(v))
        .join(", ")}] as const;\n`;
      out += `${doc}export type ${shape.name} = (typeof ${shape.keys})[number];\n`;
    } else {
      // A shape that holds all of an earlier named one's properties (a service's detail, the list's
      // service and more) extends it, and lists only what it adds.
      const base = shape.in === "query" ? null : baseOf(shape, schema);
      const own = base
        ? { ...schema, properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => !(k in base.schema.properties))) }
        : schema;
      const type = ts(own, "", canonical(schema));
      if (base) out += `${doc}export interface ${shape.name} extends ${base.shape.name} ${type}\n`;
      else
        out +=
          type.startsWith("{") && !topLevelOperator(type) ? `${doc}export interface ${shape.name} ${type}\n` : `${doc}export type ${shape.name} = ${type};\n`;
    }
  }
  return out;
}

// `--openapi <file>`: another document (the test's drifted copy); docs/openapi.json by default.
const given = process.argv.indexOf("--openapi");
const openapi = JSON.parse(readFileSync(given > 0 ? process.argv[given + 1] : join(root, "docs", "openapi.json"), "utf8"));
// Formatted as the rest of the tree (the repository's Prettier settings).
const text = await prettier.format(generate(openapi), { ...(await prettier.resolveConfig(target)), filepath: target });
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    process.stderr.write("widgets/src/runtime/api-types.ts differs from what docs/openapi.json gives: run `npm run docs` (or `node scripts/api-types.mjs`).\n");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
