import { inject, injectable } from "tsyringe";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AcceptInvitation, PeekInvitation } from "./accept-invitation.js";
import { passkeyTaken } from "./finish-passkey-registration.js";
import { PasskeyRepository } from "./passkey.repository.js";
import { PasskeyRegistrationCeremony } from "./passkey-registration-ceremony.js";
import type { WebAuthnParty } from "./webauthn-party.js";

type Brand = { id: string; defaultLocale: string };

/**
 * An invitee without a login starts creating one with a passkey: the invitation must still be
 * open (410 otherwise, before anything is written), and the passkey is made out to the invited
 * e-mail and the name they gave. Nothing of the login exists until the second call.
 */
@injectable()
export class StartInvitationPasskey {
  constructor(
    @inject(PeekInvitation) private readonly peek: PeekInvitation,
    @inject(PasskeyRegistrationCeremony) private readonly ceremony: PasskeyRegistrationCeremony,
  ) {}

  async execute(brand: Brand, party: WebAuthnParty, input: { token: string; name: string; mode: "cookie" | "bearer" }) {
    const invitation = await this.peek.execute(brand, input.token);
    return this.ceremony.begin(party, { userId: null, brandId: brand.id, email: invitation.email, name: input.name }, "passkey-invite", input.mode);
  }
}

/**
 * The invitee finishes: the browser's attestation is checked against the ceremony, then one
 * transaction claims the invitation, creates the login in the inviting account with its roles
 * and keeps the passkey — a used, expired or revoked invitation (410), a taken e-mail (409) or a
 * bad attestation (401) leaves nothing behind. The new login is signed in, as the ceremony's
 * start asked (cookie or bearer).
 */
@injectable()
export class AcceptInvitationWithPasskey {
  constructor(
    @inject(PeekInvitation) private readonly peek: PeekInvitation,
    @inject(AcceptInvitation) private readonly accept: AcceptInvitation,
    @inject(PasskeyRegistrationCeremony) private readonly ceremony: PasskeyRegistrationCeremony,
    @inject(PasskeyRepository) private readonly passkeys: PasskeyRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    brand: Brand,
    party: WebAuthnParty,
    input: {
      token: string;
      ceremony: string;
      name: string;
      passkeyName: string;
      locale?: string;
      response: RegistrationResponseJSON;
      client: { ip: string; userAgent: string };
    },
  ) {
    // A spent link is refused before the ceremony is: the invitee can tell which to redo.
    await this.peek.execute(brand, input.token);
    const verified = await this.ceremony.verify(party, { purpose: "passkey-invite", brandId: brand.id, userId: null }, input);
    const accepted = await this.accept.execute({
      brand,
      token: input.token,
      auth: null,
      withoutPassword: {
        via: "passkey",
        name: input.name,
        locale: input.locale,
        bind: async (userId, trx) => {
          try {
            await this.passkeys.insert(verified.passkey(userId, input.passkeyName, this.clock.now()), trx);
          } catch (error) {
            if (isUniqueViolation(error)) throw passkeyTaken();
            throw error;
          }
        },
      },
      client: input.client,
    });
    return { ...accepted, mode: verified.mode };
  }
}
