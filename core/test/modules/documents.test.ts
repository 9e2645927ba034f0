import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import chromiumPlugin from "../../../plugins/documents-chromium/src/index.js";
import { TOKENS, type CabinetEvents, type EventBus, type PluginDefinition } from "../../src/index.js";
import { loadConfig } from "../../src/config/load-config.js";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { BrandRepository } from "../../src/modules/brands/brand.repository.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import type { Permission } from "../../src/modules/accounts/auth-context.js";
import { DocumentTemplates } from "../../src/modules/documents/document-templates.js";
import { IssueInvoiceDocument } from "../../src/modules/documents/issue-invoice-document.js";
import { LedgerRepository } from "../../src/modules/ledger/ledger.repository.js";
import { download, issueInvoice, pdfText, ScriptedRenderer, scriptedRendererPlugin, settled, waitFor } from "../support/document-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { addMember } from "../support/account-helpers.js";

const DAY = 86_400_000;
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

let t: TestCabinet;
let filesDir: string;
const ready: CabinetEvents["document.ready"][] = [];
beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), "cabinet-documents-"));
  t = await startTestCabinet({
    // The plugin is typed against the core's public entry as built; at run time it is this core.
    plugins: [chromiumPlugin as unknown as PluginDefinition],
    config: { plugins: [{ name: "documents-chromium", options: {} }], files: { dir: filesDir } },
  });
  t.cabinet.container.resolve<EventBus>(TOKENS.EventBus).subscribe("document.ready", "test", (e) => void ready.push(e));
});
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

/** The account's documents of a kind, as the API lists them. */
async function listed(token: string, kind: string) {
  return (await t.request("GET", `/api/v1/documents?kind=${kind}`, { token })).body.items as any[];
}

/** A member of the account holding only `permissions`, signed in. */
async function member(accountId: string, permissions: Permission[]): Promise<string> {
  return (await addMember(t, accountId, permissions)).token;
}

describe("an invoice's document", () => {
  let client: Awaited<ReturnType<TestCabinet["signUp"]>>;
  let invoice: Awaited<ReturnType<typeof issueInvoice>>;
  let doc: any;

  beforeAll(async () => {
    client = await t.signUp();
    invoice = await issueInvoice(t, client.accountId, [1200, 615]);
    const [item] = await waitFor(async () => (await listed(client.token, "invoice")).length > 0 && listed(client.token, "invoice"), "the invoice's document");
    doc = await settled(t, client.token, item.id);
  });

  it("is issued when the invoice is, and printed to a PDF by Chromium holding the number, the supplier and the total", async () => {
    expect(doc).toMatchObject({
      kind: "invoice",
      number: invoice.number,
      reference: { type: "invoice", id: invoice.id },
      status: "ready",
      locale: "en",
      failureReason: null,
    });
    expect(doc.title).toBe(`Invoice ${invoice.number}`);
    expect(doc.templateSha256).toMatch(/^[0-9a-f]{64}$/);
    // Published once the document is marked ready, after the subscribers before this one (notifications): wait for it.
    await waitFor(async () => ready.some((e) => e.documentId === doc.id), "document.ready");
    expect(ready).toContainEqual({ documentId: doc.id, accountId: client.accountId, brandId: expect.any(String), kind: "invoice" });

    const pdf = await download(t, `/api/v1/documents/${doc.id}/pdf`, client.token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="invoice-${invoice.number}.pdf"`);
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect({ size: pdf.body.length, sha256: sha256(pdf.body) }).toEqual(doc.pdf);
    const text = pdfText(pdf.body);
    for (const expected of [invoice.number, "Northwind Hosting B.V.", "$18.15", "NL123456789B01", "Test Client"]) expect(text).toContain(expected);
  });

  it("is issued once however often the invoice is announced or the document asked for", async () => {
    const events = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
    await events.publish("invoice.issued", { invoiceId: invoice.id, accountId: client.accountId, purpose: "order" });
    const issue = t.cabinet.container.resolve(IssueInvoiceDocument);
    const again = await Promise.all([issue.execute(client.accountId, invoice.id), issue.execute(client.accountId, invoice.id)]);
    expect(again.map((d) => d?.id)).toEqual([doc.id, doc.id]);
    expect((await listed(client.token, "invoice")).map((d) => d.id)).toEqual([doc.id]);
  });

  it("keeps its HTML as issued: the hash matches, and printing that HTML again gives the same text", async () => {
    const html = await t.request("GET", `/api/v1/documents/${doc.id}/html`, { token: client.token });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(sha256(html.body)).toBe(doc.htmlSha256);
    expect(html.body).toContain(invoice.number);

    await t.cabinet.container.resolve(IssueInvoiceDocument).execute(client.accountId, invoice.id);
    const later = await t.request("GET", `/api/v1/documents/${doc.id}/html`, { token: client.token });
    expect(later.body).toBe(html.body);

    const renderer = t.cabinet.extensions.get("document-renderer", "chromium")!;
    const reprinted = await renderer.renderPdf({ documentId: doc.id, html: html.body, timeoutMs: 20_000 });
    const stored = await download(t, `/api/v1/documents/${doc.id}/pdf`, client.token);
    expect(pdfText(reprinted)).toBe(pdfText(stored.body));
  });

  it("answers 404 to another account, for the document, its PDF and its HTML, and lists none of it", async () => {
    const stranger = await t.signUp();
    for (const path of ["", "/pdf", "/html"]) {
      const response = await t.request("GET", `/api/v1/documents/${doc.id}${path}`, { token: stranger.token });
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    }
    expect(await listed(stranger.token, "invoice")).toEqual([]);
  });

  it("is for users with `documents` or `finance`; `services` alone gets 403", async () => {
    for (const permissions of [["documents"], ["finance"]] as Permission[][]) {
      const token = await member(client.accountId, permissions);
      expect((await t.request("GET", "/api/v1/documents", { token })).status, permissions[0]).toBe(200);
      expect((await download(t, `/api/v1/documents/${doc.id}/pdf`, token)).status, permissions[0]).toBe(200);
    }
    const sysadmin = await member(client.accountId, ["services"]);
    const refusals = [
      t.request("GET", "/api/v1/documents", { token: sysadmin }),
      t.request("GET", `/api/v1/documents/${doc.id}`, { token: sysadmin }),
      t.request("GET", `/api/v1/documents/${doc.id}/pdf`, { token: sysadmin }),
      t.request("GET", `/api/v1/documents/${doc.id}/html`, { token: sysadmin }),
      t.request("POST", "/api/v1/documents/reconciliation", { token: sysadmin, body: { from: "2026-10-01", to: "2026-10-31" } }),
      t.request("GET", "/api/v1/contracts/current", { token: sysadmin }),
      t.request("POST", "/api/v1/contracts/accept", { token: sysadmin, body: { version: "2026-01" } }),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ code: "CAB_ERR_FORBIDDEN", details: { permission: ["documents", "finance"] } });
    }
  });
});

describe("invoice.issued", () => {
  it("is published once the invoice's transaction commits, and never for one rolled back", async () => {
    const { accountId, token } = await t.signUp();
    const heard: string[] = [];
    const off = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus).subscribe("invoice.issued", "test", (e) => void heard.push(e.invoiceId));
    const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
    const issue = t.cabinet.container.resolve(IssueInvoice);
    const order = {
      brand,
      accountId,
      currency: "USD",
      purpose: "order" as const,
      lines: [{ description: "VPS", quantity: 1, unitAmount: 990, serviceId: null }],
    };
    let heardInside: string[] = ["not checked"];
    const invoice = await inTransaction(t.cabinet.db, async (trx) => {
      const issued = await issue.execute(trx, order);
      await new Promise((resolve) => setTimeout(resolve, 30));
      heardInside = [...heard];
      return issued;
    });
    expect(heardInside).toEqual([]);
    await waitFor(async () => heard.includes(invoice.id), "invoice.issued");
    await expect(
      inTransaction(t.cabinet.db, async (trx) => {
        await issue.execute(trx, order);
        throw new Error("the order failed");
      }),
    ).rejects.toThrow("the order failed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    off();
    expect(heard).toEqual([invoice.id]);
    const docs = await waitFor(async () => (await listed(token, "invoice")).length > 0 && listed(token, "invoice"), "the document");
    expect(docs.map((d: any) => d.number)).toEqual([invoice.number]);
    await settled(t, token, docs[0].id);
  });
});

describe("templates", () => {
  it("print a hostile account name as text, in the HTML and in the PDF", async () => {
    const hostile = `<script>alert(1)</script> & <b>Co</b>`;
    const signUp = await t.signUp(`hostile-${Date.now()}@example.org`, { name: hostile });
    const { token } = signUp;
    await issueInvoice(t, signUp.accountId, [500]);
    const [item] = await waitFor(async () => (await listed(token, "invoice"))[0] && listed(token, "invoice"), "the invoice's document");
    await settled(t, token, item.id);
    const html = (await t.request("GET", `/api/v1/documents/${item.id}/html`, { token })).body as string;
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>Co");
    expect(pdfText((await download(t, `/api/v1/documents/${item.id}/pdf`, token)).body)).toContain(hostile);
  });
});

describe("template files", () => {
  const config = (templatesDir?: string) => loadConfig({ overrides: { documents: templatesDir ? { templatesDir } : {} }, env: {} });

  it("take a brand's own file over the shipped one, and fall back to the shipped locale", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-templates-"));
    mkdirSync(join(dir, "acme", "en"), { recursive: true });
    writeFileSync(join(dir, "acme", "en", "invoice.hbs"), "<title>Acme bill</title>{{client.name}} owes {{money invoice.total}}");
    const templates = new DocumentTemplates(config(dir));
    const own = await templates.load("acme", "invoice", ["en"]);
    expect(own.name).toBe("acme/en/invoice");
    expect(templates.render(own, { currency: "EUR", client: { name: "Bob & Co" }, invoice: { total: 123456 } })).toMatchObject({
      title: "Acme bill",
      html: "<title>Acme bill</title>Bob &amp; Co owes €1,234.56",
    });
    expect((await templates.load("acme", "act", ["en"])).name).toBe("default/en/act");
    expect((await templates.load("other", "invoice", ["de", "ru"])).name).toBe("default/ru/invoice");
    const shipped = await templates.load("other", "contract", ["en"]);
    expect(shipped.version).toBe("2026-01");
    expect(shipped.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuse a template that prints without escaping", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-templates-"));
    mkdirSync(join(dir, "raw", "en"), { recursive: true });
    writeFileSync(join(dir, "raw", "en", "invoice.hbs"), "{{{client.name}}}");
    writeFileSync(join(dir, "raw", "en", "act.hbs"), "{{& client.name}}");
    const templates = new DocumentTemplates(config(dir));
    await expect(templates.load("raw", "invoice", ["en"])).rejects.toThrow(/unescaped output/);
    await expect(templates.load("raw", "act", ["en"])).rejects.toThrow(/unescaped output/);
  });
});

describe("a contract", () => {
  it("is accepted at the current version once, storing the version and issuing its document", async () => {
    const { token, accountId } = await t.signUp();
    expect((await t.request("GET", "/api/v1/contracts/current", { token })).body).toEqual({
      version: "2026-01",
      accepted: false,
      acceptedAt: null,
      documentId: null,
    });

    const stale = await t.request("POST", "/api/v1/contracts/accept", { token, body: { version: "2025-07" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "CAB_ERR_CONFLICT", details: { current: "2026-01" } });

    const first = await t.request("POST", "/api/v1/contracts/accept", { token, body: { version: "2026-01" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: "2026-01", accepted: true, document: { kind: "contract", reference: { type: "contract", id: "2026-01" } } });
    t.clock.advance(60_000);
    const again = await t.request("POST", "/api/v1/contracts/accept", { token, body: { version: "2026-01" } });
    expect(again.body).toEqual({ ...first.body, document: expect.objectContaining({ id: first.body.document.id }) });
    expect((await t.request("GET", "/api/v1/contracts/current", { token })).body).toEqual({
      version: "2026-01",
      accepted: true,
      acceptedAt: first.body.acceptedAt,
      documentId: first.body.document.id,
    });
    expect(await t.cabinet.db("contract_acceptances").where({ account_id: accountId })).toHaveLength(1);
    expect(await listed(token, "contract")).toHaveLength(1);

    const doc = await settled(t, token, first.body.document.id);
    expect(doc.status).toBe("ready");
    const text = pdfText((await download(t, `/api/v1/documents/${doc.id}/pdf`, token)).body);
    expect(text).toContain("Service agreement");
    expect(text).toMatch(/Version\s+2026-01/);
  });
});

describe("a reconciliation statement and an act", () => {
  // These move the clock on: they run after the tests above, which keep the first day.
  it("states opening + movements = closing for a period that has ended, as the ledger has it", async () => {
    const { token, accountId } = await t.signUp();
    const day = (offset: number) => new Date(t.clock.now() + offset * DAY).toISOString().slice(0, 10);
    const first = day(1);
    await post(t, { accountId, amount: 10_000, kind: "payment", description: "Top-up" });
    t.clock.advance(DAY);
    await post(t, { accountId, amount: -1815, description: "Invoice NW-TEST-1", reference: { type: "invoice", id: "inv_test1" } });
    t.clock.advance(DAY);
    await post(t, { accountId, amount: 2_500, kind: "payment", description: "Top-up" });
    await post(t, { accountId, amount: -400, description: "Extra IPv4" });
    const last = day(0);
    t.clock.advance(DAY);
    await post(t, { accountId, amount: -999, description: "After the period" });

    const future = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: first, to: day(1) } });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: "CAB_ERR_UNPROCESSABLE", details: { reason: "the period is in the future" } });
    expect((await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: last, to: first } })).status).toBe(422);
    expect((await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: "2026-02-30", to: last } })).status).toBe(400);

    const issued = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: first, to: last } });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ kind: "reconciliation", periodFrom: first, periodTo: last, number: null });
    const again = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: first, to: last } });
    expect(again.body.id).toBe(issued.body.id);

    // The ledger's own figures: everything before the first day, and the period's entries.
    const ledger = t.cabinet.container.resolve(LedgerRepository);
    const start = Date.parse(`${first}T00:00:00Z`);
    const end = Date.parse(`${last}T00:00:00Z`) + DAY;
    const opening = await ledger.sumBefore(accountId, start);
    const movements = (await ledger.listEntries(accountId, { from: start, to: end })).map((e) => e.amount);
    const closing = await ledger.sumBefore(accountId, end);
    expect(opening).toBe(10_000);
    expect(movements.sort()).toEqual([-1815, -400, 2500].sort());
    expect(opening + movements.reduce((a, b) => a + b, 0)).toBe(closing);

    const doc = await settled(t, token, issued.body.id);
    const text = pdfText((await download(t, `/api/v1/documents/${doc.id}/pdf`, token)).body);
    const row = (label: string) => text.split("\n").find((line) => line.includes(label)) ?? "";
    expect(row("Opening balance")).toContain("$100.00");
    expect(row("Closing balance")).toContain("$102.85");
    expect(row("Turnover")).toMatch(/\$22\.15\s+\$25\.00/);
    for (const expected of ["Invoice NW-TEST-1", "Extra IPv4", "$81.85", "$106.85"]) expect(text).toContain(expected);
    expect(text).not.toContain("After the period");
  });

  it("runs up to now when the last day is today, says so, and is issued anew once money moves; longer than the brand's limit is 422", async () => {
    const { token, accountId } = await t.signUp();
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    await post(t, { accountId, amount: 5_000, kind: "payment", description: "Top-up today" });
    const first = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: today, to: today } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: "reconciliation", periodFrom: today, periodTo: today });
    // Nothing moved: the same document.
    expect((await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: today, to: today } })).body.id).toBe(first.body.id);
    const html = (await t.request("GET", `/api/v1/documents/${first.body.id}/html`, { token })).body as string;
    expect(html).toContain("Top-up today");
    expect(html).toMatch(/as of [A-Z][a-z]+ \d{1,2}, \d{4}/);

    await post(t, { accountId, amount: -700, description: "Charged later today" });
    const second = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: today, to: today } });
    expect(second.status).toBe(200);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await t.request("GET", `/api/v1/documents/${second.body.id}/html`, { token })).body).toContain("Charged later today");
    // The first statement is what it was when it was issued.
    expect((await t.request("GET", `/api/v1/documents/${first.body.id}/html`, { token })).body).not.toContain("Charged later today");

    const brands = t.cabinet.container.resolve(BrandRepository);
    const brand = (await brands.findBySlug("demo"))!;
    await brands.update({ ...brand, statementMaxDays: 31 }, t.clock.now());
    t.cabinet.container.resolve(BrandDirectory).invalidate();
    try {
      const from = new Date(t.clock.now() - 31 * DAY).toISOString().slice(0, 10);
      const tooLong = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from, to: today } });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.error).toMatchObject({ code: "CAB_ERR_UNPROCESSABLE", details: { reason: "the period is too long", maxDays: 31 } });
      const within = new Date(t.clock.now() - 30 * DAY).toISOString().slice(0, 10);
      expect((await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: within, to: today } })).status).toBe(200);
    } finally {
      await brands.update({ ...(await brands.findBySlug("demo"))!, statementMaxDays: 1098 }, t.clock.now());
      t.cabinet.container.resolve(BrandDirectory).invalidate();
    }
  });

  it("acts list the month's charges grouped by what they paid for, once per month that has ended", async () => {
    const client = await t.signUp();
    const { accountId } = client;
    let token = client.token;
    const month = new Date(t.clock.now()).toISOString().slice(0, 7);
    await post(t, { accountId, amount: 50_000, kind: "payment" });
    await post(t, { accountId, amount: -1000, description: "VPS S renewal", reference: { type: "service", id: "svc_test1" } });
    await post(t, { accountId, amount: -1000, description: "VPS S renewal", reference: { type: "service", id: "svc_test1" } });
    await post(t, { accountId, amount: -2420, description: "Invoice NW-TEST-2", reference: { type: "invoice", id: "inv_test2" } });

    const early = await t.request("POST", "/api/v1/documents/acts", { token, body: { month } });
    expect(early.status).toBe(422);
    const now = new Date(t.clock.now());
    t.clock.current = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 9);
    await post(t, { accountId, amount: -777, description: "Next month's charge" });
    // Weeks later the first session has expired.
    token = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } })).body.token;

    const act = await t.request("POST", "/api/v1/documents/acts", { token, body: { month } });
    expect(act.status).toBe(200);
    expect(act.body).toMatchObject({ kind: "act", periodFrom: `${month}-01` });
    expect((await t.request("POST", "/api/v1/documents/acts", { token, body: { month } })).body.id).toBe(act.body.id);
    const empty = await t.signUp();
    expect((await t.request("POST", "/api/v1/documents/acts", { token: empty.token, body: { month } })).status).toBe(422);

    const doc = await settled(t, token, act.body.id);
    const text = pdfText((await download(t, `/api/v1/documents/${doc.id}/pdf`, token)).body);
    const row = (label: string) => text.split("\n").find((line) => line.includes(label)) ?? "";
    expect(row("VPS S renewal")).toMatch(/2\s+\$20\.00/);
    expect(row("Invoice NW-TEST-2")).toMatch(/1\s+\$24\.20/);
    expect(row("Total")).toContain("$44.20");
    expect(row("of which VAT 21%")).toContain("$7.67");
    expect(text).not.toContain("Next month");
  });
});

describe("the list", () => {
  it("filters by kind and pages newest first", async () => {
    const { token, accountId } = await t.signUp();
    const invoices = [];
    // An invoice's document is issued after the invoice commits, off the request: wait for each
    // before the next, so "newest first" has one right answer.
    for (let i = 0; i < 3; i++) {
      invoices.push(await issueInvoice(t, accountId, [100 + i]));
      await waitFor(async () => (await listed(token, "invoice")).length === i + 1, `document ${i + 1}`);
    }
    const page1 = await t.request("GET", "/api/v1/documents?limit=2", { token });
    const page2 = await t.request("GET", `/api/v1/documents?limit=2&cursor=${page1.body.nextCursor}`, { token });
    expect([...page1.body.items, ...page2.body.items].map((d: any) => d.number)).toEqual(invoices.map((i) => i.number).reverse());
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.request("GET", "/api/v1/documents?kind=act", { token })).body.items).toEqual([]);
    expect((await t.request("GET", "/api/v1/documents?kind=receipt", { token })).status).toBe(400);
    for (const item of page1.body.items) await settled(t, token, item.id);
  });
});

describe("a renderer that keeps failing", () => {
  let f: TestCabinet;
  const renderer = new ScriptedRenderer();
  const failed: CabinetEvents["document.failed"][] = [];
  beforeAll(async () => {
    f = await startTestCabinet({
      plugins: [scriptedRendererPlugin(renderer)],
      config: { plugins: [{ name: "documents-scripted", options: {} }], files: { dir: filesDir }, jobs: { attempts: 3, backoffMs: 10 } },
    });
    f.cabinet.container.resolve<EventBus>(TOKENS.EventBus).subscribe("document.failed", "test", (e) => void failed.push(e));
  });
  afterAll(() => f.close());

  it("leaves the document failed with the reason after every retry, says so in the API, and prints it when issued again", async () => {
    const { token, accountId } = await f.signUp();
    const invoice = await issueInvoice(f, accountId, [900]);
    const [item] = await waitFor(async () => {
      const items = (await f.request("GET", "/api/v1/documents", { token })).body.items;
      return items.length > 0 && items;
    }, "the invoice's document");
    const doc = await settled(f, token, item.id);
    expect(doc).toMatchObject({ status: "failed", failureReason: "printer on fire", pdf: null });
    expect(renderer.callsFor.get(doc.id)).toBe(3);
    // Published after the document is marked failed: wait for it.
    await waitFor(async () => failed.some((e) => e.accountId === accountId), "document.failed");
    expect(failed.filter((e) => e.accountId === accountId)).toEqual([
      { documentId: doc.id, accountId, brandId: expect.any(String), kind: "invoice", reason: "printer on fire" },
    ]);

    const pdf = await f.request("GET", `/api/v1/documents/${doc.id}/pdf`, { token });
    expect(pdf.status).toBe(409);
    expect(pdf.body.error).toMatchObject({ code: "CAB_ERR_DOCUMENT_NOT_READY", details: { status: "failed", reason: "printer on fire" } });
    expect((await f.request("GET", `/api/v1/documents/${doc.id}/html`, { token })).status).toBe(200);

    renderer.failWith = null;
    await f.cabinet.container.resolve(IssueInvoiceDocument).execute(accountId, invoice.id);
    expect(await settled(f, token, doc.id)).toMatchObject({ status: "ready", failureReason: null, htmlSha256: doc.htmlSha256 });
    expect((await download(f, `/api/v1/documents/${doc.id}/pdf`, token)).body.toString()).toContain("a test document");
  });

  it("answers 409 with Retry-After while a document is still being printed", async () => {
    const { token, accountId } = await f.signUp();
    renderer.failWith = null;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = renderer.renderPdf.bind(renderer);
    renderer.renderPdf = async (request) => {
      await gate;
      return original(request);
    };
    await issueInvoice(f, accountId, [700]);
    const [item] = await waitFor(async () => {
      const items = (await f.request("GET", "/api/v1/documents", { token })).body.items;
      return items.length > 0 && items;
    }, "the invoice's document");
    const pdf = await f.request("GET", `/api/v1/documents/${item.id}/pdf`, { token });
    expect(pdf.status).toBe(409);
    expect(pdf.headers.get("retry-after")).toBe("2");
    expect(pdf.body.error).toMatchObject({ code: "CAB_ERR_DOCUMENT_NOT_READY", details: { status: "rendering" } });
    release();
    expect((await settled(f, token, item.id)).status).toBe("ready");
  });
});
