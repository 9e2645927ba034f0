import { inject, injectable } from "tsyringe";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { PasskeyRepository } from "./passkey.repository.js";
import { PasskeyRegistrationCeremony } from "./passkey-registration-ceremony.js";
import type { WebAuthnParty } from "./webauthn-party.js";
import type { AuthContext } from "./auth-context.js";

/**
 * Starts adding a passkey (after re-authentication): the options the browser's
 * `navigator.credentials.create` needs, and a ceremony token that carries the challenge to the
 * second call. The user's existing passkeys are excluded, so one device is not added twice.
 */
@injectable()
export class StartPasskeyRegistration {
  constructor(
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(PasskeyRegistrationCeremony) private readonly ceremony: PasskeyRegistrationCeremony,
  ) {}

  async execute(auth: AuthContext, party: WebAuthnParty, ip: string, given: Reauthentication) {
    const user = await this.reauthenticate.execute(auth, ip, given);
    const existing = await this.passkeys.listOf(user.id);
    return this.ceremony.begin(party, { userId: user.id, brandId: user.brandId, email: user.email, name: user.name }, "passkey-register", auth.via, existing);
  }
}
