import { pluralCategory } from "./plural.js";
import { catalogues } from "./catalogues/index.js";
import { formatMoney, type Money } from "../extension-points/money.js";

/**
 * Texts the server writes for a client — a ledger line, an invoice line, why a service stopped —
 * are stored as a message key and its parameters (a `LocalText`) and rendered when read, in the
 * language of whoever reads them (see `textLanguage`). Why at read time and not when written:
 * the account's language can change after the fact, staff read the same rows in their own
 * language, and one catalogue per language holds every word — adding a language is adding a
 * catalogue file (catalogues/index.ts), not code. Rows written before texts were keyed keep
 * their stored English sentence, which is what they show.
 *
 * A catalogue message is plain text with `{name}` placeholders; `{n:one|few|many}` prints the
 * plural form of the number `n` in the catalogue's language (CLDR categories one, few, many, in
 * that order, the last standing for the rest).
 */
export interface LocalText {
  key: string;
  params?: Record<string, TextParam>;
}

/**
 * A name given per language by whoever owns it (a plugin's payment method, a product):
 * `{ names: { en, ru } }`; `fallback` for a language the map lacks (a product's name in its
 * brand's default language).
 */
export interface LocalizedName {
  names: Record<string, string>;
  fallback?: string;
}

/**
 * A parameter: printed as is, a nested text rendered in the same language, a name in several
 * languages, an amount of money or a day (`{ day: ms }`, in UTC) written the language's way.
 */
export type TextParam = string | number | LocalText | LocalizedName | { money: Money } | { day: number };

export const DEFAULT_LANGUAGE = "en";

export const localText = (key: string, params?: Record<string, TextParam>): LocalText => (params ? { key, params } : { key });

/** The languages there is a catalogue for. */
export const textLanguages = (): string[] => Object.keys(catalogues);

/** The catalogue language for a locale (`ru-RU` → `ru`); English when there is none. */
export function textLanguage(locale: string | null | undefined): string {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0];
  return language in catalogues ? language : DEFAULT_LANGUAGE;
}

/** `text` in `locale`; a key the locale's catalogue lacks falls back to English, an unknown key to the key itself. */
export function renderText(text: LocalText, locale: string | null | undefined): string {
  const language = textLanguage(locale);
  const message = catalogues[language]?.[text.key] ?? catalogues[DEFAULT_LANGUAGE][text.key];
  if (message === undefined) return text.key;
  return message.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, name: string, forms: string | undefined) => {
    const value = text.params?.[name];
    if (value === undefined) return whole;
    if (forms !== undefined) return pluralForm(language, Number(value), forms.split("|"));
    return renderParam(value, language);
  });
}

// How amounts and days read in a language, as the widgets write them: "$129.00" (en-US, not
// en-GB's "US$129.00"), "6 December 2026" (en-GB, not en-US's "December 6, 2026").
const moneyLocale: Record<string, string> = { en: "en-US" };
const dayLocale: Record<string, string> = { en: "en-GB" };

function renderParam(value: TextParam, language: string): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if ("money" in value) return formatMoney(value.money, moneyLocale[language] ?? language);
  if ("day" in value) return new Date(value.day).toLocaleDateString(dayLocale[language] ?? language, { timeZone: "UTC", dateStyle: "long" });
  if ("names" in value) return value.names[language] ?? value.fallback ?? value.names[DEFAULT_LANGUAGE] ?? Object.values(value.names)[0] ?? "";
  return renderText(value, language);
}

function pluralForm(language: string, count: number, forms: string[]): string {
  const index = ["one", "few", "many"].indexOf(pluralCategory(language, count));
  return forms[index === -1 ? forms.length - 1 : Math.min(index, forms.length - 1)];
}

/**
 * A stored text: the JSON of a `LocalText` column, else the plain sentence stored beside it
 * (a row from before keyed texts). Never throws on a malformed column: the sentence stands in.
 */
export function renderStored(json: string | null | undefined, fallback: string, locale: string | null | undefined): string {
  const text = parseText(json);
  return text ? renderText(text, locale) : fallback;
}

export function parseText(json: string | null | undefined): LocalText | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && typeof (value as LocalText).key === "string" ? (value as LocalText) : null;
  } catch {
    return null;
  }
}
