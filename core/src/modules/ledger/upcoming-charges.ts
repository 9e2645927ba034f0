/**
 * What an account will be charged soon, for the "recommended top-up" of its balance. The
 * ledger module asks; the services module answers (its auto-renewals), registered under
 * `TOKENS.UpcomingCharges`, so the ledger does not depend on services.
 */
export interface UpcomingCharges {
  /** The sum, in the account's minor units, of what falls due between `now` and `until`. */
  execute(accountId: string, now: number, until: number): Promise<number>;
}

/**
 * What an account's issued, unpaid invoices add up to (in one currency): the recommended top-up
 * pays them too. The invoices module answers, registered under `TOKENS.OpenInvoices`.
 */
export interface OpenInvoices {
  execute(accountId: string, currency: string): Promise<{ amount: number; count: number }>;
}
