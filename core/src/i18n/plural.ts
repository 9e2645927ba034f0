/** The CLDR plural category of `count` in `language` ("one", "few", "many", "other"…). */
export function pluralCategory(language: string, count: number): string {
  return new Intl.PluralRules(language).select(count);
}
