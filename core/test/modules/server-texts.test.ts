import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localText, renderStored, renderText } from "../../src/i18n/index.js";
import { catalogues } from "../../src/i18n/catalogues/index.js";
import { notificationKindByEvent, notificationKinds, notificationLabel, writeNotification } from "../../src/modules/notifications/notification-catalogue.js";
import { addServices } from "../support/billing-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, order } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

// Issue 8 item 10: what the server writes for a client — ledger and invoice lines, the CSV
// export, why a service stopped or a payment failed, payment method names — reads in the
// account's language, whoever asks; rows keep their message key, so a change of language
// applies to what was written before it, and rows from before keyed texts keep their sentence.

/** A payment method whose plugin names it in Russian too. */
class NamedGateway extends TestGateway {
  readonly displayNames = { ru: "Тестовая оплата" };
}

let t: TestCabinet;
let gateway: NamedGateway;
beforeAll(async () => {
  gateway = new NamedGateway();
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
});
afterAll(() => t.close());

async function client(locale: "en" | "ru") {
  const c = await t.signUp();
  expect((await t.request("PATCH", "/api/v1/me", { token: c.token, body: { accountLocale: locale } })).status).toBe(200);
  return c;
}
const setLanguage = async (token: string, accountLocale: string) =>
  expect((await t.request("PATCH", "/api/v1/me", { token, body: { accountLocale } })).status).toBe(200);
const ledger = async (token: string) =>
  ((await t.request("GET", "/api/v1/ledger", { token })).body.items as { description: string }[]).map((e) => e.description);
const csv = async (token: string) => (await t.request("GET", "/api/v1/ledger/export", { token })).body as string;

describe("the text catalogue", () => {
  it("renders plurals per language, falls back to English for a missing language or key, and leaves a legacy row's sentence alone", () => {
    expect(renderText(localText("period.months", { n: 1 }), "ru")).toBe("1 месяц");
    expect(renderText(localText("period.months", { n: 3 }), "ru-RU")).toBe("3 месяца");
    expect(renderText(localText("period.months", { n: 5 }), "ru")).toBe("5 месяцев");
    expect(renderText(localText("period.months", { n: 21 }), "ru")).toBe("21 месяц");
    expect(renderText(localText("period.months", { n: 1 }), "en")).toBe("1 month");
    expect(renderText(localText("period.years", { n: 2 }), "en")).toBe("2 years");
    // A language with no catalogue reads English; a nested text and a per-language name follow the reader.
    expect(renderText(localText("ledger.top_up", { gateway: { names: { en: "card", ru: "карта" } } }), "de")).toBe("Top-up via card");
    expect(renderText(localText("ledger.refund_renewal", { service: "web", status: localText("service.status.suspended") }), "ru")).toBe(
      "Возврат за продление: web, услуга приостановлена",
    );
    expect(renderStored(null, "Order of web-01", "ru")).toBe("Order of web-01");
    expect(renderStored("not json", "Order of web-01", "ru")).toBe("Order of web-01");
    expect(renderStored(JSON.stringify(localText("ledger.invoice", { number: "NW-1" })), "Invoice NW-1", "ru")).toBe("Счёт NW-1");
  });
});

describe("notification texts", () => {
  it("come from the catalogues: every language has every English key and names every kind of notification", () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(
        Object.keys(catalogues.en).filter((key) => !(key in catalogue)),
        language,
      ).toEqual([]);
      for (const kind of notificationKinds) expect(notificationLabel(kind, language), kind.event).not.toMatch(/^notify\./);
    }
    expect(notificationLabel(notificationKindByEvent.get("ticket.replied")!, "ru-RU")).toBe("Ответ поддержки");
  });

  it("decline the service's name in Russian, list many services, format money and days per language", () => {
    const failed = notificationKindByEvent.get("service.provisioning_failed")!;
    expect(writeNotification(failed, { serviceId: "svc_1" }, "ru", { service: "web-01" }).body).toMatch(/^При запуске услуги «web-01» произошла ошибка/);
    expect(writeNotification(failed, { serviceId: "svc_1" }, "ru").body).toMatch(/^При запуске услуги произошла ошибка/);
    expect(writeNotification(failed, { serviceId: "svc_1" }, "en", { service: "web-01" }).body).toMatch(/^Something went wrong while starting “web-01”\./);

    const invoiced = notificationKindByEvent.get("service.renewals_invoiced")!;
    const many = Array.from({ length: 21 }, (_, i) => ({ id: `svc_${i}`, name: `web-${i}` }));
    const payload = { invoiceId: "inv_1", invoiceNumber: "NW-7", paidUntil: Date.UTC(2026, 11, 6), services: many };
    expect(writeNotification(invoiced, payload, "ru").body).toBe(
      "Баланса не хватает на продление: «web-0», «web-1», «web-2» и ещё 18. Оплатите счёт NW-7 до 6 декабря 2026 г., чтобы услуги продолжили работу.",
    );
    expect(writeNotification(invoiced, { ...payload, services: many.slice(0, 1) }, "en").body).toBe(
      "The balance does not cover the renewal of “web-0”. Pay invoice NW-7 by 6 December 2026 to keep it running.",
    );

    const paid = notificationKindByEvent.get("payment.succeeded")!;
    expect(writeNotification(paid, { paymentId: "pay_1", amount: 12900, currency: "USD" }, "en").body).toBe("We received your payment of $129.00. Thank you!");
    expect(writeNotification(paid, { paymentId: "pay_1", amount: 12900, currency: "RUB" }, "ru").body).toBe(
      "Мы получили ваш платёж на 129,00\u00a0₽. Спасибо!",
    );
  });
});

describe("ledger and invoice lines", () => {
  it("read Russian for a Russian account — in the API, the invoice and the CSV — English for an English one, as before; a change of language applies to them", async () => {
    // The product's name per language, as the provider set it: the line names it in the reader's.
    const product = await addProduct(t, { names: { ru: "Тестовый сервер" }, prices: [{ currency: "USD", periodMonths: 3, amount: 3000, setupFee: 500 }] });
    const ru = await client("ru");
    const en = await client("en");
    const invoices: Record<string, { id: string; number: string; lines: { description: string }[] }> = {};
    for (const c of [ru, en]) {
      const placed = await order(t, c.token, [{ productId: product.id, periodMonths: 3, label: "web-01" }]);
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      invoices[c.accountId] = (await t.request("GET", "/api/v1/invoices?status=issued", { token: c.token })).body.items[0];
      // A row from before keyed texts (a plain sentence): shown as it was written.
      await post(t, { accountId: c.accountId, amount: 10_000, kind: "payment", description: "Bank transfer 2026-11-01" });
      expect((await t.request("POST", `/api/v1/invoices/${invoices[c.accountId].id}/pay-from-balance`, { token: c.token })).status).toBe(200);
    }

    expect(invoices[ru.accountId].lines[0].description).toBe("Тестовый сервер «web-01», 3 месяца, включая плату за подключение");
    expect(invoices[en.accountId].lines[0].description).toBe(`${product.name} “web-01”, 3 months, setup fee included`);
    expect(await ledger(ru.token)).toEqual([`Счёт ${invoices[ru.accountId].number}`, "Bank transfer 2026-11-01"]);
    expect(await ledger(en.token)).toEqual([`Invoice ${invoices[en.accountId].number}`, "Bank transfer 2026-11-01"]);
    expect(await csv(ru.token)).toContain(`,charge,Счёт ${invoices[ru.accountId].number},-35.00,USD,`);
    expect(await csv(en.token)).toContain(`,charge,Invoice ${invoices[en.accountId].number},-35.00,USD,`);

    // The owner switches the account to English: what was written reads English now.
    await setLanguage(ru.token, "en");
    expect((await t.request("GET", `/api/v1/invoices/${invoices[ru.accountId].id}`, { token: ru.token })).body.lines[0].description).toBe(
      `${product.name} “web-01”, 3 months, setup fee included`,
    );
    expect(await ledger(ru.token)).toEqual([`Invoice ${invoices[ru.accountId].number}`, "Bank transfer 2026-11-01"]);
  });

  it("of an order paid from the balance, and of a cancellation refund, read Russian", async () => {
    const product = await addProduct(t, { cancelRefund: "prorated" });
    const ru = await client("ru");
    await post(t, { accountId: ru.accountId, amount: 5000, kind: "payment" });
    const placed = await order(t, ru.token, [{ productId: product.id, periodMonths: 1, label: "db-01" }]);
    expect(placed.body.status).toBe("paid");
    const serviceId = placed.body.services[0].id;
    await expect.poll(async () => (await t.request("GET", `/api/v1/services/${serviceId}`, { token: ru.token })).body.status).toBe("active");
    t.clock.advance(10 * 86_400_000);
    const cancelled = await t.request("POST", `/api/v1/services/${serviceId}/cancel`, { token: ru.token, body: { when: "now" } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const lines = await ledger(ru.token);
    expect(lines[lines.length - 2]).toBe("Заказ: db-01");
    expect(lines[0]).toMatch(/^Возврат при отмене db-01: \d+ неиспользованн\S+ оплаченн\S+ д\S+ до \d{4}-\d{2}-\d{2}$/);
  });
});

describe("payments", () => {
  it("name the payment method in the account's language, in the list and in the ledger, and say why one failed", async () => {
    const ru = await client("ru");
    const en = await client("en");
    const names = async (token: string) =>
      (await t.request("GET", "/api/v1/payments/gateways", { token })).body.items.find((g: { id: string }) => g.id === "testpay").displayName;
    expect(await names(ru.token)).toBe("Тестовая оплата");
    expect(await names(en.token)).toBe("Test pay");

    const webhook = (paymentId: string, result: "succeeded" | "failed") => {
      const body = JSON.stringify({ id: `evt_${paymentId}_${result}`, paymentId, result });
      return t.request("POST", "/api/v1/webhooks/testpay", { rawBody: body, headers: { "x-test-signature": gateway.sign(body) } });
    };
    for (const c of [ru, en]) {
      const paid = await t.request("POST", "/api/v1/payments", {
        token: c.token,
        body: { gateway: "testpay", amount: 2500, returnUrl: "http://localhost:8080/billing" },
      });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      expect((await webhook(paid.body.id, "succeeded")).status).toBe(200);
      const failed = await t.request("POST", "/api/v1/payments", {
        token: c.token,
        body: { gateway: "testpay", amount: 1000, returnUrl: "http://localhost:8080/billing" },
      });
      expect((await webhook(failed.body.id, "failed")).status).toBe(200);
    }
    // What the gateway's page shows: in the account's language too.
    expect(gateway.started.map((s) => s.description)).toEqual(
      expect.arrayContaining(["Пополнение баланса, Northwind Hosting", "Balance top-up, Northwind Hosting"]),
    );
    expect(await ledger(ru.token)).toEqual(["Пополнение баланса: Тестовая оплата"]);
    expect(await ledger(en.token)).toEqual(["Top-up via testpay"]);
    const failure = async (token: string) =>
      (await t.request("GET", "/api/v1/payments", { token })).body.items.find((p: { status: string }) => p.status === "failed");
    expect(await failure(ru.token)).toMatchObject({ failureReason: "declined", failureReasonText: "платёж отклонён" });
    expect(await failure(en.token)).toMatchObject({ failureReason: "declined", failureReasonText: "declined" });
  });
});

describe("why a service is in its status", () => {
  it("reads in the account's language, the stored reason kept as it was", async () => {
    const ru = await client("ru");
    const [unpaid, failedStep, failedCreate] = await addServices(t, ru.accountId, [
      { label: "unpaid", paidUntil: t.clock.now(), status: "suspended" },
      { label: "panel", paidUntil: t.clock.now() + 86_400_000 },
      { label: "new", paidUntil: t.clock.now(), status: "provisioning_failed" },
    ]);
    await t.cabinet.db("services").where({ id: unpaid }).update({ status_reason: "unpaid" });
    await t.cabinet.db("services").where({ id: failedStep }).update({ status_reason: "suspend failed: HTTP 500 from the panel" });
    await t.cabinet.db("services").where({ id: failedCreate }).update({ status_reason: "no capacity" });
    const view = async (id: string) => (await t.request("GET", `/api/v1/services/${id}`, { token: ru.token })).body;
    expect(await view(unpaid)).toMatchObject({ statusReason: "unpaid", statusReasonText: "не оплачена" });
    expect(await view(failedStep)).toMatchObject({
      statusReason: "suspend failed: HTTP 500 from the panel",
      statusReasonText: "не удалось выполнить действие «приостановка»: HTTP 500 from the panel",
    });
    expect(await view(failedCreate)).toMatchObject({ statusReasonText: "не удалось запустить услугу: no capacity" });
    const listed = (await t.request("GET", "/api/v1/services", { token: ru.token })).body.items.find((s: { id: string }) => s.id === unpaid);
    expect(listed.statusReasonText).toBe("не оплачена");

    await setLanguage(ru.token, "en");
    expect(await view(unpaid)).toMatchObject({ statusReason: "unpaid", statusReasonText: "not paid for" });
    expect(await view(failedCreate)).toMatchObject({ statusReasonText: "no capacity" });
  });
});
