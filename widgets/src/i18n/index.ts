import { CabinetApiError } from "../runtime/api-client.js";
import { en, type Messages } from "./en.js";
import { ru } from "./ru.js";

export type { Messages };

export const messages = { en, ru } satisfies Record<string, Messages>;

export type Locale = keyof typeof messages;

const isLocale = (value: string): value is Locale => Object.prototype.hasOwnProperty.call(messages, value);

/**
 * The first supported language among `candidates` ("ru-RU" counts as "ru"), else English.
 * Candidates run from the most specific (the widget's attribute) to the least (the browser).
 */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (language && isLocale(language)) return language;
  }
  return "en";
}

/**
 * What to tell the user about a failed call: our own wording for codes we know (so it is
 * in the page's language), else the server's message (English, but specific).
 */
export function describeError(t: Messages, error: unknown): string {
  if (!(error instanceof CabinetApiError)) return t.errors.CAB_ERR_INTERNAL;
  if (error.code === "CAB_ERR_RATE_LIMITED" && error.retryAfterSeconds !== undefined) {
    return t.retryInMinutes(Math.max(1, Math.ceil(error.retryAfterSeconds / 60)));
  }
  const known: Partial<Record<string, string>> = t.errors;
  return known[error.code] ?? error.message;
}
