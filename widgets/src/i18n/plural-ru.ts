import { pluralForm } from "./plural.js";

/** Russian plural form of `n`: "1 услуга", "2 услуги", "5 услуг" (the one helper, plural.ts, in Russian). */
export function plural(n: number, one: string, few: string, many: string): string {
  return pluralForm("ru", n, { one, few, many, other: few });
}
