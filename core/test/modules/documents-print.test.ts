import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { printedText, startPrintingCabinet, waitFor } from "../support/document-helpers.js";
import { post } from "../support/ledger-helpers.js";
import type { TestCabinet } from "../support/test-cabinet.js";

// Every kind of document, printed by Chromium in both languages and read back with pdftotext:
// what an accountant checks on each (parties, numbers, VAT, periods, the paid mark) and that no
// internal id is printed.

const DAY = 86_400_000;
let t: TestCabinet;
beforeAll(async () => {
  t = await startPrintingCabinet();
});
afterAll(() => t.close());

const words = {
  en: {
    invoice: "Invoice",
    billTo: "BILL TO",
    country: "Germany",
    months: ["1 month", "3 months", "12 months"],
    servicePeriod: "Service period",
    reverseCharge: "Reverse charge",
    vat0: "VAT 0% (reverse charge)",
    instructions: "PAYMENT INSTRUCTIONS",
    paid: "Paid on",
    paidBy: "account balance",
    act: "Statement of services rendered",
    reconciliation: "Reconciliation statement",
    opening: "Opening balance",
    contract: "Service agreement",
  },
  ru: {
    invoice: "Счёт №",
    billTo: "ПЛАТЕЛЬЩИК",
    country: "Германия",
    months: ["1 месяц", "3 месяца", "12 месяцев"],
    servicePeriod: "Период оказания услуг",
    reverseCharge: "обратное начисление",
    vat0: "НДС 0% (обратное начисление)",
    instructions: "КАК ОПЛАТИТЬ",
    paid: "Оплачен",
    paidBy: "с баланса лицевого счёта",
    act: "Акт оказанных услуг",
    reconciliation: "Акт сверки взаиморасчётов",
    opening: "Сальдо на начало",
    contract: "Договор оказания услуг",
  },
} as const;

/** An amount in dollars as the locale prints it: "$24.20" or "24,20 $". */
const money = (locale: "en" | "ru", amount: string) =>
  locale === "en" ? new RegExp(`\\$${amount.replace(".", "\\.")}`) : new RegExp(`${amount.replace(".", ",")}\\s\\$`, "u");

const payer = {
  kind: "company",
  name: "Beispiel GmbH",
  address: "Friedrichstraße 10, 10117 Berlin",
  country: "DE",
  registrationNumber: "HRB 98765 B",
  vatNumber: "DE123456789",
  email: "rechnung@beispiel.example",
};

/** The text of a document's PDF, once it is printed. */
const printed = (token: string, documentId: string) => printedText(t, token, documentId);

/** What every document must hold, and must not: the supplier's and the payer's legal details, and no internal id. */
function expectParties(text: string, locale: "en" | "ru") {
  for (const expected of [
    "Northwind Hosting B.V.",
    "Keizersgracht 123",
    "KvK 12345678",
    "NL123456789B01",
    payer.name,
    "Friedrichstraße 10",
    words[locale].country,
    "HRB 98765 B",
    "DE123456789",
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).not.toMatch(/\b(doc|acc|pyr|inv|usr|svc)_[0-9a-z]{6,}/);
  expect(text).not.toContain("(s)");
}

async function findDocument(token: string, kind: string, referenceId: string, copy: "issued" | "paid") {
  return waitFor(async () => {
    const items = (await t.request("GET", `/api/v1/documents?kind=${kind}`, { token })).body.items as any[];
    const ofInvoice = items.filter((d) => d.reference?.id === referenceId);
    return copy === "issued" ? ofInvoice[ofInvoice.length - 1] : ofInvoice.length === 2 && ofInvoice[0];
  }, `the ${copy} document of ${referenceId}`);
}

for (const locale of ["en", "ru"] as const) {
  describe(`documents in ${locale}`, () => {
    let client: Awaited<ReturnType<TestCabinet["signUp"]>>;
    const w = words[locale];

    beforeAll(async () => {
      client = await t.signUp(undefined, { name: "Max Mustermann" });
      expect((await t.request("PATCH", "/api/v1/me", { token: client.token, body: { accountLocale: locale } })).status).toBe(200);
      expect((await t.request("POST", "/api/v1/payers", { token: client.token, body: payer })).status).toBe(201);
    });

    it("an invoice: payer block, service periods, pluralised terms, reverse charge, payment instructions; once paid, its paid copy without them", async () => {
      const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
      const start = Date.UTC(2026, 10, 15);
      const invoice = await inTransaction(t.cabinet.db, (trx) =>
        t.cabinet.container.resolve(IssueInvoice).execute(trx, {
          brand,
          accountId: client.accountId,
          currency: "USD",
          purpose: "renewal",
          lines: [
            { description: "Renewal of web-01", quantity: 1, unitAmount: 1200, serviceId: null, months: 1, period: { start, end: Date.UTC(2026, 11, 15) } },
            { description: "Cloud VPS “db-01”", quantity: 1, unitAmount: 3600, serviceId: null, months: 3 },
            { description: "Domain example.org", quantity: 1, unitAmount: 1500, serviceId: null, months: 12 },
          ],
        }),
      );
      const issued = await findDocument(client.token, "invoice", invoice.id, "issued");
      const text = await printed(client.token, issued.id);
      expectParties(text, locale);
      expect(text).toContain(`${w.invoice} ${invoice.number}`);
      expect(text).toContain(invoice.number);
      expect(text).toContain(w.billTo);
      expect(text).toContain(w.servicePeriod);
      expect(text).toMatch(locale === "en" ? /November 15, 2026 – December 14, 2026/ : /15 ноября 2026 г\. – 14 декабря 2026 г\./);
      for (const term of w.months) expect(text).toContain(term);
      expect(text).toContain(w.vat0);
      expect(text).toContain(w.reverseCharge);
      // The lines' prices include 21 % VAT, which a reverse-charge payer does not owe: 9.92 + 29.75 + 12.40, net.
      expect(invoice.total).toBe(5207);
      expect(text).toMatch(money(locale, "52.07"));
      expect(text).not.toMatch(money(locale, "63.00"));
      expect(text).toContain(w.instructions);
      expect(text).toContain("NL91ABNA0417164300");

      await post(t, { accountId: client.accountId, amount: invoice.total, kind: "payment" });
      t.clock.advance(DAY);
      expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).body.status).toBe("paid");
      const paid = await findDocument(client.token, "invoice", invoice.id, "paid");
      expect(paid.id).not.toBe(issued.id);
      const paidText = await printed(client.token, paid.id);
      expectParties(paidText, locale);
      expect(paidText).toContain(invoice.number);
      expect(paidText).toContain(w.paid);
      expect(paidText).toContain(w.paidBy);
      expect(paidText).toMatch(locale === "en" ? /November 2, 2026|November \d+, 2026/ : /ноября 2026/);
      expect(paidText).not.toContain(w.instructions);
    });

    it("an act of services rendered and a reconciliation statement for the payer", async () => {
      const month = new Date(t.clock.now()).toISOString().slice(0, 7);
      const first = new Date(t.clock.now()).toISOString().slice(0, 10);
      await post(t, { accountId: client.accountId, amount: 10_000, kind: "payment", description: "Top-up" });
      await post(t, { accountId: client.accountId, amount: -2420, description: "Renewal of web-01", reference: { type: "service", id: "svc_printtest01" } });
      const now = new Date(t.clock.now());
      t.clock.current = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 9);
      // Weeks later the first session has expired.
      const token = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } })).body
        .token;
      client.token = token;

      const act = await t.request("POST", "/api/v1/documents/acts", { token, body: { month } });
      expect(act.status, JSON.stringify(act.body)).toBe(200);
      const actText = await printed(token, act.body.id);
      expectParties(actText, locale);
      expect(actText).toContain(w.act);
      expect(actText).toContain("Renewal of web-01");
      expect(actText).toMatch(money(locale, "24.20"));
      expect(actText).toContain(w.reverseCharge);

      const last = new Date(t.clock.now() - DAY).toISOString().slice(0, 10);
      const statement = await t.request("POST", "/api/v1/documents/reconciliation", { token, body: { from: first, to: last } });
      expect(statement.status, JSON.stringify(statement.body)).toBe(200);
      const statementText = await printed(token, statement.body.id);
      expectParties(statementText, locale);
      expect(statementText).toContain(w.reconciliation);
      expect(statementText).toContain(w.opening);
      expect(statementText).toMatch(money(locale, "24.20"));
    });

    it("the contract, made out to the payer", async () => {
      const accepted = await t.request("POST", "/api/v1/contracts/accept", { token: client.token, body: { version: "2026-01" } });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const text = await printed(client.token, accepted.body.document.id);
      expectParties(text, locale);
      expect(text).toContain(w.contract);
      expect(text).toContain("2026-01");
    });
  });
}
