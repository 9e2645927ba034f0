import { inject, injectable } from "tsyringe";
import { PasskeyRepository } from "./passkey.repository.js";
import type { AuthContext } from "./auth-context.js";

/** The signed-in user's passkeys (never the keys themselves). */
@injectable()
export class ListPasskeys {
  constructor(@inject(PasskeyRepository) private readonly passkeys: PasskeyRepository) {}

  async execute(auth: Pick<AuthContext, "userId">) {
    return (await this.passkeys.listOf(auth.userId)).map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: new Date(p.createdAt).toISOString(),
      lastUsedAt: p.lastUsedAt === null ? null : new Date(p.lastUsedAt).toISOString(),
    }));
  }
}
