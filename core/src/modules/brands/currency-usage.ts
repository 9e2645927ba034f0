/**
 * Something a brand's currency is still in use by (accounts holding it, services priced in
 * it). Each module that owns such rows registers one under `TOKENS.CurrencyUsage`; the brands
 * module asks them all before a currency is dropped, without reading their tables.
 */
export interface CurrencyUsage {
  /** What is counted, for the error ("accounts", "services"). */
  what: string;
  count(brandId: string, currency: string): Promise<number>;
}
