/** An amount of money: integer minor units (cents, kopecks) and an ISO 4217 currency. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * How many minor-unit digits a currency has, from ISO 4217 as Intl knows it: 2 for EUR,
 * 0 for JPY, 3 for KWD. Never assume 100 minor units to the major unit.
 */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Minor units as a plain decimal string in the currency's own precision, by integer
 * arithmetic (no float touches the amount): 123456 USD → "1234.56", 1200 JPY → "1200",
 * 1234 KWD → "1.234".
 */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount)
    .toString()
    .padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * An amount for people to read, in a locale: `formatMoney({ amount: 123456, currency: "EUR" }, "en-GB")`
 * → "€1,234.56"; 1200 JPY → "￥1,200". Intl receives the exact decimal string, digit for digit.
 *
 * @example
 * formatMoney({ amount: 2500, currency: "EUR" }, "ru-RU"); // "25,00 €"
 */
export function formatMoney(money: Money, locale: string): string {
  // Intl.NumberFormat.format takes a decimal string exactly (ES2023); the type says number only.
  return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(
    formatMinorUnits(money.amount, money.currency) as unknown as number,
  );
}
