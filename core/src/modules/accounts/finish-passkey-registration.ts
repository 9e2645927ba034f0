import { inject, injectable } from "tsyringe";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { isUniqueViolation } from "../../db/errors.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository, type StoredPasskey } from "./passkey.repository.js";
import { PasskeyRegistrationCeremony } from "./passkey-registration-ceremony.js";
import type { WebAuthnParty } from "./webauthn-party.js";
import type { AuthContext } from "./auth-context.js";

/** Finishes adding a passkey: verifies the browser's attestation against the ceremony's challenge, and keeps the public key. */
@injectable()
export class FinishPasskeyRegistration {
  constructor(
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(PasskeyRegistrationCeremony) private readonly ceremony: PasskeyRegistrationCeremony,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    auth: AuthContext,
    party: WebAuthnParty,
    input: { ceremony: string; name: string; response: RegistrationResponseJSON },
  ): Promise<StoredPasskey> {
    const verified = await this.ceremony.verify(party, { purpose: "passkey-register", brandId: auth.brandId, userId: auth.userId }, input);
    const passkey = verified.passkey(auth.userId, input.name, this.clock.now());
    try {
      await this.passkeys.insert(passkey);
    } catch (error) {
      if (isUniqueViolation(error)) throw passkeyTaken();
      throw error;
    }
    return passkey;
  }
}

/** A credential the brand holds already (a unique index says so). */
export const passkeyTaken = () => new CabinetError("CAB_ERR_CONFLICT", { reason: "this passkey is already registered" });
