/**
 * What an account will be charged soon, for the "recommended top-up" of its balance. The
 * ledger module asks; the services module answers (its auto-renewals), registered under
 * `TOKENS.UpcomingCharges`, so the ledger does not depend on services.
 */
export interface UpcomingCharges {
  /** The sum, in the account's minor units, of what falls due between `now` and `until`. */
  execute(accountId: string, now: number, until: number): Promise<number>;
}
