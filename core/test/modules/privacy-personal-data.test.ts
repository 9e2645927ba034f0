import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { PNG, departmentIds, fetchBytes, openTicket, sendMultipart, startSupportCabinet, type SupportCabinet } from "../support/ticket-helpers.js";
import { addMember } from "../support/account-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { addBrand, type TestCabinet } from "../support/test-cabinet.js";
import { DataExportRepository } from "../../src/modules/privacy/data-export.repository.js";
import { TOKENS, type EventBus, type FileStore } from "../../src/index.js";
import { BuildDataExport, EXPORT_PAGE_ROWS } from "../../src/modules/privacy/build-data-export.js";

let s: SupportCabinet;
let t: TestCabinet;
beforeAll(async () => {
  s = await startSupportCabinet({});
  t = s.t;
});
afterAll(() => s.close());

/** The entries of a ZIP: name → bytes. */
function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** Waits (without a fixed sleep) until the export leaves the queue. */
async function exportDone(token: string, id: string) {
  for (let i = 0; i < 400; i++) {
    const { body } = await t.request("GET", "/api/v1/privacy/exports", { token });
    const found = body.items.find((e: { id: string }) => e.id === id);
    if (found && found.status !== "queued" && found.status !== "building") return found;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("the export did not finish");
}

describe("personal-data export", () => {
  it("builds a ZIP of JSON and CSV in the background, announces it, and only its user downloads it", async () => {
    const client = await t.signUp();
    const departments = await departmentIds(t, client.token);
    const ticket = await openTicket(t, client.token, departments.technical, { subject: "Export me", body: "Ticket text, line one" });
    const upload = await sendMultipart(t, `/api/v1/tickets/${ticket.id}/messages`, client.token, { body: "with a picture" }, [
      { name: "shot.png", data: PNG, type: "image/png" },
    ]);
    expect(upload.status).toBe(201);

    // Re-authentication first: the archive holds everything about them.
    const unconfirmed = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: {} });
    expect(unconfirmed.status).toBe(403);
    expect(unconfirmed.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    const wrong = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "not the password" } });
    expect(wrong.status).toBe(403);
    expect(await t.cabinet.db("data_exports").where({ user_id: client.userId }).first()).toBeUndefined();
    const asked = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "correct horse battery" } });
    expect(asked.status).toBe(202);
    expect(asked.body.status).toBe("queued");
    const again = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "correct horse battery" } });
    const done = await exportDone(client.token, asked.body.id);
    expect(done).toMatchObject({ status: "ready", progress: 100 });
    // Asked twice while queued: one export, not two.
    expect([asked.body.id, done.id]).toContain(again.body.id);

    const notifications = await t.request("GET", "/api/v1/notifications", { token: client.token });
    expect(
      notifications.body.items.some((n: { event: string; reference: { id: string } }) => n.event === "privacy.export_ready" && n.reference.id === done.id),
    ).toBe(true);

    const file = await fetchBytes(t, `/api/v1/privacy/exports/${done.id}/download`, client.token);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(file.data);
    const profile = JSON.parse(entries.get("profile.json")!.toString());
    expect(profile[0]).toMatchObject({ id: client.userId, email: client.email });
    expect(entries.get("profile.csv")!.toString()).toContain(client.email);
    expect(JSON.parse(entries.get("ticket-messages.json")!.toString()).map((m: { body: string }) => m.body)).toContain("Ticket text, line one");
    expect(JSON.parse(entries.get("sign-in-history.json")!.toString()).length).toBeGreaterThan(0);
    for (const name of [
      "ledger.csv",
      "invoices.json",
      "payers.json",
      "services.json",
      "documents.json",
      "notifications.json",
      "consents.json",
      "privacy-requests.json",
    ])
      expect(entries.has(name), name).toBe(true);
    const attachment = [...entries.keys()].find((k) => k.startsWith(`files/tickets/${ticket.id}/`) && k.endsWith("shot.png"));
    expect(attachment).toBeDefined();
    expect(entries.get(attachment!)!.equals(PNG)).toBe(true);

    // Another user — of the same account too — gets 404 for it.
    const member = await addMember(t, client.accountId, ["finance", "support"]);
    expect((await fetchBytes(t, `/api/v1/privacy/exports/${done.id}/download`, member.token)).status).toBe(404);
    const stranger = await t.signUp();
    expect((await fetchBytes(t, `/api/v1/privacy/exports/${done.id}/download`, stranger.token)).status).toBe(404);

    // After 7 days: 410, and the purge removes the archive.
    t.clock.advance(7 * 24 * 3_600_000 + 1);
    const expired = await t.request("GET", `/api/v1/privacy/exports/${done.id}/download`, { token: client.token });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("CAB_ERR_EXPORT_EXPIRED");
    const { PurgeExpiredExports } = await import("../../src/modules/privacy/purge-expired-exports.js");
    expect(await t.cabinet.container.resolve(PurgeExpiredExports).execute()).toBeGreaterThanOrEqual(1);
    expect((await t.cabinet.db("data_exports").where({ id: done.id }).first()).file_key).toBeNull();
    expect((await t.request("GET", "/api/v1/privacy/exports", { token: client.token })).body.items[0].status).toBe("expired");
  });

  it("streams the archive to the file store from the database rows, a page at a time: a table longer than a page comes out whole, the same in JSON and CSV", async () => {
    const client = await t.signUp();
    const user = await t.cabinet.db("users").where({ id: client.userId }).first();
    const many = EXPORT_PAGE_ROWS * 2 + 17;
    const rows = Array.from({ length: many }, (_, i) => ({
      id: `ntf_stream${String(i).padStart(8, "0")}`,
      brand_id: user.brand_id,
      account_id: client.accountId,
      user_id: client.userId,
      event: "test.event",
      title: `Notice ${i}`,
      body: i % 2 ? "plain" : 'with "quotes", a comma\nand a line break',
      in_app: true,
      created_at: t.clock.now(),
    }));
    for (let i = 0; i < rows.length; i += 200) await t.cabinet.db("notifications").insert(rows.slice(i, i + 200));

    const store = t.cabinet.container.resolve<FileStore>(TOKENS.FileStore);
    const put = vi.spyOn(store, "put");
    try {
      const asked = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "correct horse battery" } });
      const done = await exportDone(client.token, asked.body.id);
      expect(done.status).toBe("ready");
      // The store was handed a stream, not the finished archive's bytes.
      const call = put.mock.calls.find(([key]) => key.includes(asked.body.id));
      expect(call?.[1]).toBeInstanceOf(Readable);

      const file = await fetchBytes(t, `/api/v1/privacy/exports/${done.id}/download`, client.token);
      expect(file.data.length).toBe(done.size);
      const entries = await unzip(file.data);
      const listed = JSON.parse(entries.get("notifications.json")!.toString()).filter((n: { id: string }) => n.id.startsWith("ntf_stream"));
      expect(listed.map((n: { id: string }) => n.id)).toEqual(rows.map((r) => r.id));
      expect(listed[0]).toMatchObject({
        title: "Notice 0",
        body: 'with "quotes", a comma\nand a line break',
        created_at: new Date(t.clock.now()).toISOString(),
      });
      const csv = entries.get("notifications.csv")!.toString();
      expect(csv.startsWith("id,event,title,body,link,read_at,created_at\r\n")).toBe(true);
      for (const r of [rows[0], rows[EXPORT_PAGE_ROWS], rows[many - 1]]) expect(csv).toContain(`${r.id},test.event,${r.title},`);
      expect(csv).toContain('"with ""quotes"", a comma\nand a line break"');
      const csvRecords = csv.split("\r\n").filter(Boolean).length - 1;
      expect(csvRecords).toBe(JSON.parse(entries.get("notifications.json")!.toString()).length);
    } finally {
      put.mockRestore();
    }
  });

  it("a table that fails while the archive streams fails the build and leaves nothing in the store", async () => {
    const client = await t.signUp();
    const asked = await t.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "correct horse battery" } });
    await exportDone(client.token, asked.body.id);
    // A second export of the same user, built by hand with a source whose table read fails midway.
    const first = await t.cabinet.db("data_exports").where({ id: asked.body.id }).first();
    const id = `${asked.body.id.slice(0, -4)}zzzz`;
    await t.cabinet.db("data_exports").insert({ ...first, id, status: "queued", progress: 0, file_key: null, size: null, ready_at: null, expires_at: null });
    const child = t.cabinet.container.createChildContainer();
    child.register(TOKENS.PersonalDataSources, {
      useValue: {
        name: "failing",
        collect: async () => ({ sections: [{ name: "broken", query: () => t.cabinet.db("no_such_table").select("id") }], files: [] }),
      },
    });
    await expect(child.resolve(BuildDataExport).execute(id)).rejects.toThrow(/no_such_table/);
    await expect(t.cabinet.container.resolve<FileStore>(TOKENS.FileStore).get(`exports/${client.userId}/${id}.zip`)).rejects.toThrow();
    // No temporary file is left beside the first export's archive either.
    expect(readdirSync(join(t.cabinet.config.files.dir, "exports", client.userId))).toEqual([`${asked.body.id}.zip`]);
    expect((await t.cabinet.db("data_exports").where({ id }).first()).status).not.toBe("ready");
  });

  it("a member's export leaves out the account-wide parts their permissions do not cover", async () => {
    const owner = await t.signUp();
    const member = await addMember(t, owner.accountId, []);
    const asked = await t.request("POST", "/api/v1/privacy/exports", { token: member.token, body: { password: "member password" } });
    await exportDone(member.token, asked.body.id);
    const entries = await unzip((await fetchBytes(t, `/api/v1/privacy/exports/${asked.body.id}/download`, member.token)).data);
    expect(entries.has("profile.json")).toBe(true);
    expect(entries.has("ledger.json")).toBe(false);
    expect(entries.has("payers.json")).toBe(false);
    expect(entries.has("services.json")).toBe(false);
  });

  it("bad input: an unfinished export (409), a malformed id (400)", async () => {
    const client = await t.signUp();
    await t.cabinet.container.resolve(DataExportRepository).insert({
      id: "dex_01jzzzzzzzzzzzzzzzzzzz",
      brandId: (await t.cabinet.db("accounts").where({ id: client.accountId }).first()).brand_id,
      accountId: client.accountId,
      userId: client.userId,
      status: "building",
      permissions: [],
      progress: 40,
      fileKey: null,
      size: null,
      error: null,
      createdAt: t.clock.now(),
      readyAt: null,
      expiresAt: null,
    });
    const early = await t.request("GET", "/api/v1/privacy/exports/dex_01jzzzzzzzzzzzzzzzzzzz/download", { token: client.token });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("CAB_ERR_EXPORT_NOT_READY");
    expect((await t.request("GET", "/api/v1/privacy/exports/../../me/download", { token: client.token })).status).toBeGreaterThanOrEqual(400);
    expect((await t.request("GET", "/api/v1/privacy/exports/inv_01jzzzzzzzzzzzzzzzzzzz/download", { token: client.token })).status).toBe(400);
  });
});

describe("erasure and restriction", () => {
  it("an approved erasure anonymises name, e-mail and ticket texts, keeps the ledger marked restricted, and ends sign-in", async () => {
    const client = await t.signUp();
    const departments = await departmentIds(t, client.token);
    const ticket = await openTicket(t, client.token, departments.billing, { subject: "My address is 1 Main St", body: "Call me on +1 555 0100" });
    const filed = await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "erasure", reason: "Leaving" } });
    expect(filed.status).toBe(201);
    const twice = await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "erasure" } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("CAB_ERR_PRIVACY_REQUEST_PENDING");

    const admin = (await signInStaff(t, "admin")).token;
    const list = await t.request("GET", "/api/v1/staff/privacy-requests?status=pending", { token: admin });
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(filed.body.id);
    const approved = await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, {
      token: admin,
      body: { decision: "approve", note: "Done" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", staffNote: "Done" });

    const user = await t.cabinet.db("users").where({ id: client.userId }).first();
    expect(user).toMatchObject({ name: "Erased user", email: `erased+${client.userId}@invalid`, status: "suspended", password_hash: null, phone: null });
    expect((await t.cabinet.db("accounts").where({ id: client.accountId }).first()).name).toBe("Erased account");
    const stored = await t.cabinet.db("tickets").where({ id: ticket.id }).first();
    expect(stored.subject).toBe("[erased]");
    const messages = await t.cabinet.db("ticket_messages").where({ ticket_id: ticket.id, author_kind: "client" });
    expect(messages.every((m: { body: string }) => m.body === "[erased]")).toBe(true);
    expect(await t.cabinet.db("account_restrictions").where({ account_id: client.accountId }).first()).toMatchObject({
      kind: "erasure",
      request_id: filed.body.id,
    });
    // What the law keeps stays: the account's balance record is there.
    expect(await t.cabinet.db("accounts").where({ id: client.accountId }).first()).toBeDefined();

    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } });
    expect(signIn.status).toBe(401);

    const again = await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: admin, body: { decision: "refuse" } });
    expect(again.status).toBe(409);
  });

  it("a restriction ends sign-in without erasing; a refusal changes nothing", async () => {
    const admin = (await signInStaff(t, "admin")).token;
    const refusedClient = await t.signUp();
    const refused = await t.request("POST", "/api/v1/privacy/requests", { token: refusedClient.token, body: { kind: "restriction" } });
    await t.request("POST", `/api/v1/staff/privacy-requests/${refused.body.id}/decision`, {
      token: admin,
      body: { decision: "refuse", note: "Contract in force" },
    });
    expect((await t.request("GET", "/api/v1/me", { token: refusedClient.token })).status).toBe(200);
    const mine = await t.request("GET", "/api/v1/privacy/requests", { token: refusedClient.token });
    expect(mine.body.items[0]).toMatchObject({ status: "refused", staffNote: "Contract in force" });

    const client = await t.signUp();
    const filed = await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "restriction" } });
    await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: admin, body: { decision: "approve" } });
    const user = await t.cabinet.db("users").where({ id: client.userId }).first();
    expect(user).toMatchObject({ email: client.email, status: "suspended" });
    expect((await t.request("GET", "/api/v1/me", { token: client.token })).status).toBe(401);
  });

  it("an approval is all or nothing: a module failing to erase leaves everything as it was", async () => {
    const admin = (await signInStaff(t, "admin")).token;
    const client = await t.signUp();
    const filed = await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "erasure" } });
    const stop = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus).subscribeWithin("personal_data.erased", "test", async () => {
      throw new Error("disk on fire");
    });
    try {
      const response = await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: admin, body: { decision: "approve" } });
      expect(response.status).toBe(500);
    } finally {
      stop();
    }
    expect(await t.cabinet.db("users").where({ id: client.userId }).first()).toMatchObject({ email: client.email, status: "active" });
    expect((await t.cabinet.db("privacy_requests").where({ id: filed.body.id }).first()).status).toBe("pending");
    expect(await t.cabinet.db("account_restrictions").where({ account_id: client.accountId }).first()).toBeUndefined();
  });

  it("bad input: another brand's request (404), a non-admin (403), an unknown kind or decision (400)", async () => {
    await addBrand(t, "other-privacy");
    const otherAdmin = (await signInStaff(t, "admin", "other-privacy")).token;
    const client = await t.signUp();
    const filed = await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "erasure" } });
    expect(
      (await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: otherAdmin, body: { decision: "approve" } })).status,
    ).toBe(404);
    const support = (await signInStaff(t, "support")).token;
    expect(
      (await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: support, body: { decision: "approve" } })).status,
    ).toBe(403);
    expect((await t.request("POST", "/api/v1/privacy/requests", { token: client.token, body: { kind: "forget-me" } })).status).toBe(400);
    const admin = (await signInStaff(t, "admin")).token;
    expect((await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: admin, body: { decision: "maybe" } })).status).toBe(
      400,
    );
    expect((await t.cabinet.db("privacy_requests").where({ id: filed.body.id }).first()).status).toBe("pending");
  });
});
