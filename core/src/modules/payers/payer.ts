export const payerKinds = ["individual", "company", "sole_proprietor"] as const;
export type PayerKind = (typeof payerKinds)[number];

/** Who an account's invoices and documents are made out to. */
export interface Payer {
  id: string;
  accountId: string;
  kind: PayerKind;
  name: string;
  address: string;
  /** ISO 3166-1 alpha-2; null only on a payer made from an account profile that had none. */
  country: string | null;
  registrationNumber: string | null;
  /** Normalised: upper case, no spaces, dots or dashes. */
  vatNumber: string | null;
  /** Where documents are sent; null: the account's users. */
  email: string | null;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** A payer's details as printed: what an invoice or a document keeps, unchanged, from the day it was issued. */
export interface PayerSnapshot {
  id: string;
  kind: PayerKind;
  name: string;
  address: string;
  country: string | null;
  registrationNumber: string | null;
  vatNumber: string | null;
  email: string | null;
}

export const snapshotOf = (p: Payer): PayerSnapshot => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  address: p.address,
  country: p.country,
  registrationNumber: p.registrationNumber,
  vatNumber: p.vatNumber,
  email: p.email,
});

/**
 * The format of a VAT identification number in each EU member state (VIES's patterns, after
 * the two-letter prefix; Greece's prefix is EL). A number that matches may still not exist:
 * the format is what is checked here, not the register.
 */
const EU_VAT: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  GR: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
};

/** Whether a country is an EU member state (ISO 3166-1 alpha-2). */
export const isEuCountry = (country: string | null | undefined): boolean => country !== null && country !== undefined && country in EU_VAT;

/** A VAT number as stored: upper case, without the spaces, dots and dashes people type. */
export const normalizeVatNumber = (value: string): string => value.replace(/[\s.-]/g, "").toUpperCase();

/**
 * Whether `vatNumber` (normalised) has the format of `country`'s VAT numbers: an EU country's
 * own pattern (with its prefix); elsewhere 4 to 20 letters and digits.
 */
export function isValidVatNumber(country: string, vatNumber: string): boolean {
  const pattern = EU_VAT[country];
  return pattern ? pattern.test(vatNumber) : /^[A-Z0-9]{4,20}$/.test(vatNumber);
}

/** What the brand's VAT rule needs to know of the brand: its rate, whether its prices include VAT, where it is established and which countries it serves. */
export interface VatBrand {
  vatRateBp: number;
  vatInclusive: boolean;
  legal: { country?: string; servedCountries?: string[] } | null;
}

export type VatTreatment = { taxRateBp: number; note: "reverse_charge" | null };

/**
 * The brand's VAT rule for a payer. An EU business (a company or a sole proprietor) with a
 * VAT number of the right format, in another EU country than the brand's, is invoiced without
 * VAT under the reverse charge (Art. 196 of the VAT Directive): 0 % and a note on the invoice.
 * Everyone else is charged the brand's rate (prices are the catalog's either way).
 */
export function vatTreatment(brand: VatBrand, payer: Pick<Payer, "kind" | "country" | "vatNumber">): VatTreatment {
  const home = brand.legal?.country;
  const reverseCharge =
    payer.kind !== "individual" &&
    payer.vatNumber !== null &&
    isEuCountry(home) &&
    isEuCountry(payer.country) &&
    payer.country !== home &&
    isValidVatNumber(payer.country!, payer.vatNumber);
  return reverseCharge ? { taxRateBp: 0, note: "reverse_charge" } : { taxRateBp: brand.vatRateBp, note: null };
}

/**
 * What a payer pays for a catalog amount (a price, a setup fee, a prorated difference; a credit
 * when negative), before any VAT an invoice adds on top: the amount itself, except under the
 * reverse charge at a brand whose prices include VAT, where the payer owes no VAT and pays the
 * amount without it (rounded half up, the same for a credit as for a charge). The one rule for
 * every line of an invoice and every charge from the balance (an order, a renewal, an upgrade),
 * so a payer is charged from the balance what the invoice would have asked of them.
 */
export function priceForPayer(brand: Pick<VatBrand, "vatRateBp" | "vatInclusive">, vat: VatTreatment, amount: number): number {
  if (vat.note !== "reverse_charge" || !brand.vatInclusive || brand.vatRateBp === 0) return amount;
  return Math.sign(amount) * withoutVat(Math.abs(amount), brand.vatRateBp);
}

/**
 * A VAT-inclusive amount without its VAT at `taxRateBp`, rounded half up to a whole minor unit:
 * what a price that includes VAT costs a payer who owes none (the reverse charge).
 */
export function withoutVat(inclusiveAmount: number, taxRateBp: number): number {
  return Math.floor((inclusiveAmount * 10_000 + (10_000 + taxRateBp) / 2) / (10_000 + taxRateBp));
}

/** Whether the brand takes payers from `country`: every country unless its legal details list the ones it serves. */
export function servesCountry(brand: VatBrand, country: string): boolean {
  const served = brand.legal?.servedCountries;
  return !served || served.length === 0 || served.includes(country);
}
