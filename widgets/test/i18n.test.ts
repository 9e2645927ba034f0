import { describe, expect, it } from "vitest";
import { accessMessages } from "../src/i18n/access.js";
import { billingMessages } from "../src/i18n/billing.js";
import { servicesMessages } from "../src/i18n/services.js";
import { securityMessages } from "../src/i18n/security.js";
// The sign-in and the one-service strings come with their widgets' chunks, as in a page that shows them.
import "../src/i18n/login.en.js";
import "../src/i18n/service-detail.en.js";
import { describeError, messages, pickLocale } from "../src/i18n/index.js";
import { CabinetApiError } from "../src/runtime/api-client.js";
// The Russian strings are a chunk of their own, fetched on demand: loaded here for the checks.
import "../src/i18n/russian.js";
import { countOf, pluralForm } from "../src/i18n/plural.js";
import { formatBytes } from "../src/support/hints.js";

describe("pickLocale", () => {
  it("takes the first supported language, else English", () => {
    expect(pickLocale("ru-RU", "en")).toBe("ru");
    expect(pickLocale(null, "", "de", "ru")).toBe("ru");
    expect(pickLocale("EN_gb")).toBe("en");
    expect(pickLocale("de", undefined)).toBe("en");
    expect(pickLocale("constructor", "toString")).toBe("en");
  });
});

describe("describeError", () => {
  const { en, ru } = messages;

  it("translates codes it knows", () => {
    const error = new CabinetApiError("CAB_ERR_INVALID_CREDENTIALS", "The e-mail or the password is wrong.", 401);
    expect(describeError(en, error)).toBe("The e-mail or the password is wrong.");
    expect(describeError(ru, error)).toBe("Неверный адрес электронной почты или пароль.");
  });

  it("falls back to the server's message for a code it does not know", () => {
    const error = new CabinetApiError("CAB_ERR_SIGN_UP_CLOSED", "Sign-up is closed for this brand.", 403);
    expect(describeError(ru, error)).toBe("Sign-up is closed for this brand.");
  });

  it("says how long to wait when rate limited", () => {
    const error = new CabinetApiError("CAB_ERR_RATE_LIMITED", "Too many attempts.", 429, { retryAfterSeconds: 61 });
    expect(describeError(en, error)).toBe("Too many attempts. Please try again in 2 min.");
    expect(describeError(ru, new CabinetApiError("CAB_ERR_RATE_LIMITED", "x", 429))).toBe("Слишком много попыток. Попробуйте позже.");
  });

  it("never shows the text of an unexpected exception", () => {
    expect(describeError(en, new TypeError("x is undefined"))).toBe(en.errors.CAB_ERR_INTERNAL);
  });
});

describe("Russian", () => {
  it("has the plural forms right", () => {
    expect([1, 2, 5, 11, 21, 22].map(messages.ru.services.shown)).toEqual([
      "Показана 1 услуга",
      "Показаны 2 услуги",
      "Показано 5 услуг",
      "Показано 11 услуг",
      "Показана 21 услуга",
      "Показаны 22 услуги",
    ]);
  });

  it("has every key English has (the typecheck says so too; this catches an `as any`)", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(messages.ru).sort()).toEqual(keys(messages.en).sort());
    expect(keys(billingMessages.ru).sort()).toEqual(keys(billingMessages.en).sort());
    // Units are words with their plural forms, which differ by language (Russian has `few` and `many`): the same units, each with `one` and `other`.
    const notUnits = (k: string) => !k.startsWith("svc.units.");
    expect(keys(servicesMessages.ru).filter(notUnits).sort()).toEqual(keys(servicesMessages.en).filter(notUnits).sort());
    expect(Object.keys(servicesMessages.ru.svc.units).sort()).toEqual(Object.keys(servicesMessages.en.svc.units).sort());
    for (const forms of Object.values(servicesMessages.ru.svc.units)) expect(forms).toMatchObject({ one: expect.any(String), other: expect.any(String) });
    expect(keys(accessMessages.ru).sort()).toEqual(keys(accessMessages.en).sort());
  });

  it("says the services' periods and counts right", () => {
    const { svc, service } = servicesMessages.ru;
    expect([1, 3, 6, 12, 24, 60].map(svc.period)).toEqual(["1 месяц", "3 месяца", "6 месяцев", "1 год", "2 года", "5 лет"]);
    expect([1, 2, 5].map((n) => service.periodsOption(n, "x"))).toEqual(["1 период (x)", "2 периода (x)", "5 периодов (x)"]);
    expect(service.prorated(21, "1 дек.")).toBe("За 21 уже оплаченный день, до 1 дек..");
    expect(servicesMessages.en.service.prorated(51, "Jan 31, 2027")).toBe("For the 51 days already paid for, until Jan 31, 2027.");
    expect([1, 3, 12, 24].map(servicesMessages.en.svc.period)).toEqual(["1 month", "3 months", "1 year", "2 years"]);
  });

  it("pluralises units and counts with one helper, in both languages", () => {
    const en = servicesMessages.en.svc.units;
    const ru = servicesMessages.ru.svc.units;
    expect([1, 2].map((n) => countOf("en", n, en.cores))).toEqual(["1 core", "2 cores"]);
    expect([1, 3, 5, 21].map((n) => countOf("ru", n, ru.cores))).toEqual(["1 ядро", "3 ядра", "5 ядер", "21 ядро"]);
    expect(pluralForm("en", 1, { one: "service", other: "services" })).toBe("service");
    expect(formatBytes(55, "en")).toBe("55 bytes");
    expect(formatBytes(1, "en")).toBe("1 byte");
  });

  it("counts billing's things right", () => {
    const { ru } = billingMessages;
    expect([1, 3, 5, 21].map(ru.payments.shown)).toEqual(["Показан 1 платёж", "Показаны 3 платежа", "Показано 5 платежей", "Показан 21 платёж"]);
    expect([1, 2, 11].map(ru.ledger.shown)).toEqual(["Показана 1 операция", "Показаны 2 операции", "Показано 11 операций"]);
    expect([1, 4, 7].map(ru.invoices.shown)).toEqual(["Показан 1 счёт", "Показаны 4 счёта", "Показано 7 счетов"]);
    expect(ru.invoices.openSummary(2, "22,00 $")).toBe("У вас 2 неоплаченных счёта на 22,00 $.");
    expect(ru.balance.amountProblem.precision(2)).toBe("Не больше 2 знаков после запятой.");
    expect(ru.balance.upcoming(30)).toBe("Продления в ближайшие 30 дней");
  });

  it("explains the payment errors in the widget's language", () => {
    const { en, ru } = messages;
    const refused = new CabinetApiError("CAB_ERR_PAYMENT_REFUSED", "The payment provider refused this payment.", 422);
    const down = new CabinetApiError("CAB_ERR_GATEWAY_UNAVAILABLE", "The payment provider did not answer.", 502);
    expect(describeError(en, refused)).toBe("The payment provider refused this payment. Please try another payment method.");
    expect(describeError(ru, down)).toBe("Платёжная система не отвечает. Попробуйте через минуту.");
  });
});

describe("the settings widgets' strings", () => {
  const keys = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it("have every English key in Russian", () => {
    expect(keys(securityMessages.ru).sort()).toEqual(keys(securityMessages.en).sort());
  });

  it("explain the security errors in the widget's language", () => {
    const reauth = new CabinetApiError("CAB_ERR_REAUTH_FAILED", "Confirm it is you", 403);
    expect(describeError(messages.en, reauth)).toBe("The current password or code is not right.");
    expect(describeError(messages.ru, reauth)).toBe("Текущий пароль или код указан неверно.");
    expect(describeError(messages.ru, new CabinetApiError("CAB_ERR_LINK_INVALID", "x", 400))).toContain("Ссылка больше не действует");
  });
});
