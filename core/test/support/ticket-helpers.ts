import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOKENS, type CabinetConfigInput, type CabinetEvents, type EventBus } from "../../src/index.js";
import { startTestCabinet, type ApiResponse, type TestCabinet } from "./test-cabinet.js";

/** A real 1×1 PNG. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f2b8c10000000049454e44ae426082",
  "hex",
);
/** A Windows executable's first bytes: no name makes it an allowed attachment. */
export const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(120, 0)]);

export interface FilePart {
  name: string;
  data: Buffer;
  type?: string;
}

/**
 * Sends `multipart/form-data` (as a browser's FormData does) with text fields and files in
 * `attachments`, signed in by a bearer token or by the given headers (a cookie and its CSRF token).
 */
export async function sendMultipart(
  t: TestCabinet,
  path: string,
  auth: string | Record<string, string>,
  fields: Record<string, string>,
  files: FilePart[] = [],
  field = "attachments",
): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append(field, new Blob([f.data], { type: f.type ?? "application/octet-stream" }), f.name);
  const headers = typeof auth === "string" ? { authorization: `Bearer ${auth}` } : auth;
  const response = await fetch(t.url + path, { method: "POST", headers, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, body, headers: response.headers };
}

/** Downloads a file: status, headers and the exact bytes. */
export async function fetchBytes(t: TestCabinet, path: string, token: string): Promise<{ status: number; headers: Headers; data: Buffer }> {
  const response = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) };
}

/** The brand's departments by code-like name: `technical`, `billing`, `sales`. */
export async function departmentIds(t: TestCabinet, token: string): Promise<Record<"technical" | "billing" | "sales", string>> {
  const { body } = await t.request("GET", "/api/v1/support/departments", { token });
  const byName = (name: string) => body.items.find((d: { name: string }) => d.name.toLowerCase().includes(name)).id;
  return { technical: byName("technical"), billing: byName("billing"), sales: byName("sales") };
}

/** Opens a ticket through the API (JSON); returns the ticket. */
export async function openTicket(t: TestCabinet, token: string, departmentId: string, overrides: Record<string, unknown> = {}) {
  const response = await t.request("POST", "/api/v1/tickets", {
    token,
    body: { subject: "Server is slow", departmentId, priority: "normal", body: "It takes ages to load.", ...overrides },
  });
  if (response.status !== 201) throw new Error(`open ticket failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface SupportCabinet {
  t: TestCabinet;
  /** The local-disk FileStore's directory (a fresh temporary one). */
  filesDir: string;
  departments: Record<"technical" | "billing" | "sales", string>;
  /** Every ticket event published, in order. */
  events: { name: keyof CabinetEvents; payload: any }[];
  close(): Promise<void>;
}

/** A test core with its files in a temporary directory, the given support settings, and its ticket events recorded. */
export async function startSupportCabinet(support: NonNullable<CabinetConfigInput["support"]>): Promise<SupportCabinet> {
  const filesDir = mkdtempSync(join(tmpdir(), "cabinet-tickets-"));
  const t = await startTestCabinet({ config: { files: { dir: filesDir }, support } });
  const events: SupportCabinet["events"] = [];
  const bus = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
  for (const name of ["ticket.opened", "ticket.replied", "ticket.closed"] as const)
    bus.subscribe(name, "test", (payload) => void events.push({ name, payload }));
  const departments = await departmentIds(t, (await t.signUp()).token);
  return {
    t,
    filesDir,
    departments,
    events,
    async close() {
      await t.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * The SQL statements the core runs while `work` runs. Background work (jobs) may run a query
 * meanwhile: compare the fewest of a few runs, which is the request's own.
 */
export async function fewestQueries(t: TestCabinet, work: () => Promise<unknown>, runs = 3): Promise<string[]> {
  let fewest: string[] | undefined;
  for (let run = 0; run < runs; run++) {
    const queries = await recordQueries(t, work);
    if (!fewest || queries.length < fewest.length) fewest = queries;
  }
  return fewest!;
}

/** The SQL statements the core runs while `work` runs. */
export async function recordQueries(t: TestCabinet, work: () => Promise<unknown>): Promise<string[]> {
  const queries: string[] = [];
  const listen = (q: { sql: string }) => queries.push(q.sql);
  t.cabinet.db.on("query", listen);
  try {
    await work();
  } finally {
    t.cabinet.db.off("query", listen);
  }
  return queries;
}
