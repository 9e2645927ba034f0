import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { SignInExternal } from "../accounts/index.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";
import { RESULT_TTL_MS } from "./external-identity.js";

/**
 * The page, back from the provider, trades its one-time code for a session: once, within two
 * minutes, for the brand it started from, in the mode (cookie or bearer) it asked for then.
 */
@injectable()
export class ExchangeExternalSignIn {
  constructor(
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(SignInExternal) private readonly signIn: SignInExternal,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brandId: string, code: string, client: { ip: string; userAgent: string }) {
    const result = await this.identities.claimResult(code, brandId, this.clock.now() - RESULT_TTL_MS);
    if (!result) throw new CabinetError("CAB_ERR_EXTERNAL_SIGN_IN_FAILED", { reason: "unknown, used or expired code" });
    return { ...(await this.signIn.execute(result.userId, { ...client, mode: result.mode })), mode: result.mode };
  }
}
