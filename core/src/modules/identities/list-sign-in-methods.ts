import { inject, injectable } from "tsyringe";
import { VerifyUserPassword } from "../accounts/index.js";
import { AuthProviders } from "./auth-providers.js";
import { ExternalIdentityRepository } from "./external-identity.repository.js";

/** The providers the brand offers, the identities the user has bound, and whether they have a password. */
@injectable()
export class ListSignInMethods {
  constructor(
    @inject(AuthProviders) private readonly providers: AuthProviders,
    @inject(ExternalIdentityRepository) private readonly identities: ExternalIdentityRepository,
    @inject(VerifyUserPassword) private readonly passwords: VerifyUserPassword,
  ) {}

  async execute(brandSlug: string, userId: string) {
    const offered = this.providers.forBrand(brandSlug);
    const label = (id: string) => offered.find((p) => p.id === id)?.label ?? id;
    return {
      providers: offered.map((p) => ({ id: p.id, label: p.label })),
      identities: (await this.identities.listForUser(userId)).map((i) => ({ id: i.id, provider: i.provider, label: label(i.provider), email: i.email, createdAt: new Date(i.createdAt).toISOString() })),
      hasPassword: (await this.passwords.execute(userId, undefined)) !== "none",
    };
  }
}
