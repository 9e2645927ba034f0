import type { DependencyContainer } from "tsyringe";

/**
 * A check every signed-in client request passes before its handler runs, after the session,
 * CSRF and permission checks: a module registers one under `TOKENS.SessionGuards` to stop a
 * session from going on until something is done (accept a new privacy policy). A route marked
 * `exemptFromGuards` (sign-out, `/me`, the consent endpoints) is reachable all the same.
 * The kernel and http know nothing of the modules that register guards.
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
