import type { DependencyContainer } from "tsyringe";

/**
 * A check every request with a client session passes before its handler runs, right after the
 * session and CSRF checks: a module registers one under `TOKENS.SessionGuards` to stop a session
 * from going on until something is done (set up the second factor the brand requires, change a
 * handed-over password, accept a new privacy policy). Guards run in the order registered; a
 * route lists in `exemptFromGuards` the guards it is reachable past by `name` (the routes that
 * get it done), or `true` for all (sign-out, `/me`). The kernel and http know nothing of the
 * modules that register guards.
 *
 * @example
 * container.register(TOKENS.SessionGuards, { useValue: { name: "consent", check: async (caller) => {
 *   if (await outstanding(caller.userId)) throw new CabinetError("CAB_ERR_CONSENT_REQUIRED");
 * } } });
 */
export interface SessionGuard {
  readonly name: string;
  /** Throws a `CabinetError` when this session may not go on. */
  check(caller: { userId: string; accountId: string; brandId: string }, scope: DependencyContainer): Promise<void>;
}
