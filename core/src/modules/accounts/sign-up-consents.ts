import type { Database } from "../../db/create-database.js";

/** A decision on one of the brand's legal documents, given with a sign-up. */
export interface SignUpDecision {
  documentId: string;
  decision: "accepted" | "declined";
}

/** Records the checked decisions for the new user, inside the sign-up's transaction. */
export type RecordSignUpConsents = (
  user: { brandId: string; accountId: string; userId: string },
  from: { ip: string; userAgent: string },
  trx: Database,
) => Promise<void>;

/**
 * The legal documents a sign-up form shows (`showOnSignUp`): the privacy module answers it under
 * `TOKENS.SignUpConsents`, so accounts does not depend on privacy (privacy depends on accounts).
 * `check` refuses, before anything is written, a sign-up that leaves a must-agree document of
 * the form unaccepted (422 CAB_ERR_CONSENT_MUST_AGREE) or names a document not in force.
 */
export interface SignUpConsents {
  check(brandId: string, decisions: SignUpDecision[]): Promise<RecordSignUpConsents>;
}
