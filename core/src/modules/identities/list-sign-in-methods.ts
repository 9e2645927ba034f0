import { inject, injectable } from "tsyringe";
import { SecondFactorCheck, SignInMethods } from "../accounts/index.js";
import { AuthProviders } from "./auth-providers.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";

/**
 * The providers the brand offers, the identities the user has bound, and what else they sign
 * in with (a password, passkeys) and re-authenticate with (a second factor): what the settings
 * page needs to ask for before a binding or an unbinding.
 */
@injectable()
export class ListSignInMethods {
  constructor(
    @inject(AuthProviders) private readonly providers: AuthProviders,
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(SignInMethods) private readonly methods: SignInMethods,
    @inject(SecondFactorCheck) private readonly secondFactor: SecondFactorCheck,
  ) {}

  async execute(brandSlug: string, userId: string) {
    const offered = this.providers.forBrand(brandSlug);
    const label = (id: string) => offered.find((p) => p.id === id)?.label ?? id;
    const count = await this.methods.count(userId);
    return {
      providers: offered.map((p) => ({ id: p.id, label: p.label })),
      identities: (await this.identities.listForUser(userId)).map((i) => ({
        id: i.id,
        provider: i.provider,
        label: label(i.provider),
        email: i.email,
        createdAt: new Date(i.createdAt).toISOString(),
      })),
      hasPassword: count.password,
      passkeys: count.passkeys,
      twoFactor: await this.secondFactor.isOn(userId),
    };
  }
}
