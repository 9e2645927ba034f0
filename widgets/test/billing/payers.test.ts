import { describe, expect, it } from "vitest";
import { bodyOf } from "../../src/components/cab-payers/cab-payers.component.js";
import { payersMessages } from "../../src/i18n/payers.js";
import "../../src/i18n/russian.js";

describe("the payers' strings", () => {
  it("has every key English has in Russian", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(payersMessages.ru).sort()).toEqual(keys(payersMessages.en).sort());
  });

  it("counts open invoices right in both languages", () => {
    expect([1, 3].map(payersMessages.en.payers.openInvoices)).toEqual([
      "This payer has an open invoice: pay it first.",
      "This payer has 3 open invoices: pay them first.",
    ]);
    expect([1, 3, 5, 21].map(payersMessages.ru.payers.openInvoices)).toEqual([
      "У плательщика 1 неоплаченный счёт: сначала оплатите его.",
      "У плательщика 3 неоплаченных счёта: сначала оплатите их.",
      "У плательщика 5 неоплаченных счетов: сначала оплатите их.",
      "У плательщика 21 неоплаченный счёт: сначала оплатите их.",
    ]);
  });
});

describe("a payer's form as sent", () => {
  it("trims, upper-cases the country, sends empty optional fields as null and no business numbers for a person", () => {
    const draft = {
      kind: "company" as const,
      name: " Beispiel GmbH ",
      address: "Friedrichstraße 10 ",
      country: "de",
      registrationNumber: "",
      vatNumber: " DE123456789",
      email: "",
      makeDefault: true,
    };
    expect(bodyOf(draft)).toEqual({
      kind: "company",
      name: "Beispiel GmbH",
      address: "Friedrichstraße 10",
      country: "DE",
      registrationNumber: null,
      vatNumber: "DE123456789",
      email: null,
    });
    expect(bodyOf({ ...draft, kind: "individual", registrationNumber: "HRB 1" })).toMatchObject({
      kind: "individual",
      registrationNumber: null,
      vatNumber: null,
    });
  });
});
