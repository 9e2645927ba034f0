/**
 * A record the caller knows exists (it holds a session of the account, or a row that
 * references it): its absence is a broken invariant, a fault, not a client's mistake — so a
 * plain Error (logged, and answered CAB_ERR_INTERNAL by the error middleware), never
 * a `!` that lets `undefined` travel on. For lookups of what a client names, answer 404 instead.
 *
 * @example
 * const account = findOrFail(await this.accounts.find(auth.accountId), "account", auth.accountId);
 */
export function findOrFail<T>(value: T | null | undefined, what: string, id: string): T {
  if (value === null || value === undefined) throw new Error(`${what} ${id} not found`);
  return value;
}
