import { CabinetError } from "../errors/cabinet-error.js";

/**
 * A text in the brand's other locales, by locale (`{ ru: "Облачный VPS" }`), beside the text in
 * its default locale; a locale without an entry reads that default text.
 */
export type LocalizedText = Record<string, string>;

/**
 * The provider's texts in the caller's locale: a product's, parameter's, option's or support
 * department's own text in that locale, else the text in the brand's default locale (the plain
 * `name`/`label`, which the provider writes in it). Every such name a client reads goes through here.
 */
export function textIn(text: string, translations: LocalizedText | null | undefined, locale: string): string {
  return translations?.[locale] || text;
}

/** Where translations sit in a request body, for the error's `path`, with the texts by locale. */
export interface TranslationsAt {
  path: string;
  texts: LocalizedText | undefined;
}

/**
 * A text may only be given in a locale the brand offers: one in another would never be shown,
 * and is most likely a typo (`ua` for `uk`). 400 CAB_ERR_VALIDATION naming each, before anything is written.
 */
export function checkTranslations(offered: readonly string[], all: TranslationsAt[]): void {
  const errors = all.flatMap(({ path, texts }) =>
    Object.keys(texts ?? {})
      .filter((locale) => !offered.includes(locale))
      .map((locale) => ({ in: "body", path: `${path}/${locale}`, message: `is not a locale the brand offers (${offered.join(", ")})` })),
  );
  if (errors.length > 0) throw new CabinetError("CAB_ERR_VALIDATION", { errors }, `${errors[0].path} ${errors[0].message}.`);
}
