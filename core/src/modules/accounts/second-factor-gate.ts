import type { User } from "./account.repository.js";

/**
 * Asked before a sign-in that proved no second factor (a hand-off from the provider's backend)
 * opens a session: a user who set up a second factor must still give it. The default says no
 * user has one; the two-factor feature registers its own under `TOKENS.SecondFactorGate`,
 * answering `{ required: true, challenge }` for such a user, and the hand-off then answers 401
 * `CAB_ERR_SECOND_FACTOR_REQUIRED` with the challenge instead of a session.
 */
export interface SecondFactorGate {
  check(user: User, context: { via: "handoff" }): Promise<{ required: false } | { required: true; challenge: Record<string, unknown> }>;
}

export const noSecondFactor: SecondFactorGate = { check: async () => ({ required: false }) };
