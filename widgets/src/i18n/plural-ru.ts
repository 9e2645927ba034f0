/** Russian plural form of `n`: "1 услуга", "2 услуги", "5 услуг". */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules("ru").select(n);
  return form === "one" ? one : form === "few" ? few : many;
}
