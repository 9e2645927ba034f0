import { CabinetApiError } from "../runtime/api-client.js";
import { en, type Messages } from "./en.js";
import { loadRussian, russianCatalogs } from "./locales.js";

export type { Messages };

/** Each language's common strings. Russian is fetched on demand (`locales.ts`); English stands in until then. */
export const messages = {
  en,
  get ru(): Messages {
    return russianCatalogs()?.common ?? en;
  },
} satisfies Record<string, Messages>;

export type Locale = keyof typeof messages;

const isLocale = (value: string): value is Locale => Object.prototype.hasOwnProperty.call(messages, value);

/**
 * The first supported language among `candidates` ("ru-RU" counts as "ru"), else English.
 * Candidates run from the most specific (the widget's attribute) to the least (the browser).
 */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (!language || !isLocale(language)) continue;
    // Not here yet: fetched now, and every widget renders again in it once it arrives.
    if (language === "ru" && !russianCatalogs()) {
      loadRussian().catch(() => {});
      continue;
    }
    return language;
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
