import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printedText, startPrintingCabinet, waitFor } from "../support/document-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, order } from "../support/service-helpers.js";
import type { TestCabinet } from "../support/test-cabinet.js";

// A Russian account's invoice, act and reconciliation statement, printed by Chromium and read
// back with pdftotext: the lines the server wrote (the order, the invoice's charge) read Russian
// like the rest of the page, with no English sentence left in them.

let t: TestCabinet;
beforeAll(async () => {
  t = await startPrintingCabinet();
});
afterAll(() => t.close());

async function printed(token: string, documentId: string): Promise<string> {
  // pdftotext -layout may break a long cell over lines: compare the words, not the layout.
  return (await printedText(t, token, documentId)).replace(/\s+/g, " ");
}

describe("a Russian account's documents", () => {
  it("print the server's lines in Russian: the invoice's order line, the act's and the statement's charge", async () => {
    const product = await addProduct(t, {
      name: "Cloud server",
      names: { ru: "Облачный сервер" },
      prices: [{ currency: "USD", periodMonths: 3, amount: 3000, setupFee: 500 }],
    });
    const client = await t.signUp(undefined, { name: "Иван Петров" });
    expect((await t.request("PATCH", "/api/v1/me", { token: client.token, body: { accountLocale: "ru" } })).status).toBe(200);
    expect((await order(t, client.token, [{ productId: product.id, periodMonths: 3, label: "web-01" }])).status).toBe(201);
    const invoice = (await t.request("GET", "/api/v1/invoices?status=issued", { token: client.token })).body.items[0];

    const invoiceDoc = await waitFor(
      async () =>
        ((await t.request("GET", "/api/v1/documents?kind=invoice", { token: client.token })).body.items as any[]).find((d) => d.reference?.id === invoice.id),
      "the invoice's document",
    );
    const invoiceText = await printed(client.token, invoiceDoc.id);
    expect(invoiceText).toContain("Облачный сервер «web-01», 3 месяца, включая плату за подключение");
    expect(invoiceText).not.toMatch(/setup fee|months?\b/);

    await post(t, { accountId: client.accountId, amount: 5000, kind: "payment", description: "Перевод 2026-11-01" });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).status).toBe(200);

    const statement = await t.request("POST", "/api/v1/documents/reconciliation", { token: client.token, body: { from: "2026-11-01", to: "2026-11-01" } });
    expect(statement.status, JSON.stringify(statement.body)).toBe(200);
    const statementText = await printed(client.token, statement.body.id);
    expect(statementText).toContain(`Счёт ${invoice.number}`);
    expect(statementText).not.toContain(`Invoice ${invoice.number}`);

    // An act is for a month that has ended; a month later the session has too.
    t.clock.advance(31 * 86_400_000);
    const token = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } })).body
      .token as string;
    const act = await t.request("POST", "/api/v1/documents/acts", { token, body: { month: "2026-11" } });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    const actText = await printed(token, act.body.id);
    expect(actText).toContain(`Счёт ${invoice.number}`);
    expect(actText).not.toContain(`Invoice ${invoice.number}`);
  });
});
