/**
 * The one pluralisation helper of the widgets, on `Intl.PluralRules`: "1 core", "2 cores",
 * "1 ядро", "3 ядра", "5 ядер". Every count the widgets print goes through it (or through
 * `Intl.NumberFormat`'s units, which pluralise themselves).
 */
import { numberFormat } from "../runtime/format.js";

/** The forms of a word: `one` and `other` in English; Russian adds `few` and `many`. */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** The form of `forms` that `n` takes in `locale`. */
export function pluralForm(locale: string, n: number, forms: PluralForms): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  const category = rule.select(n);
  return (category === "one" || category === "few" || category === "many" ? forms[category] : undefined) ?? forms.other;
}

/** `n` and its word, in the form `n` asks for: "1 core", "2 cores". */
export function countOf(locale: string, n: number, forms: PluralForms): string {
  return `${numberFormat(locale).format(n)} ${pluralForm(locale, n, forms)}`;
}
