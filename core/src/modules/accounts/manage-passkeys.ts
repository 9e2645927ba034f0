import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository } from "./passkey.repository.js";
import type { AuthContext } from "./auth-context.js";

/** The user's own passkeys: list, rename, remove. Another user's passkey answers 404. */
@injectable()
export class ManagePasskeys {
  constructor(@inject(PasskeyRepository) private readonly passkeys: PasskeyRepository) {}

  async list(auth: Pick<AuthContext, "userId">) {
    return (await this.passkeys.listOf(auth.userId)).map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: new Date(p.createdAt).toISOString(),
      lastUsedAt: p.lastUsedAt === null ? null : new Date(p.lastUsedAt).toISOString(),
    }));
  }

  async rename(auth: Pick<AuthContext, "userId">, id: string, name: string): Promise<void> {
    if (!(await this.passkeys.rename(auth.userId, id, name))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "passkey" });
  }

  async remove(auth: Pick<AuthContext, "userId">, id: string): Promise<void> {
    if (!(await this.passkeys.remove(auth.userId, id))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "passkey" });
  }
}
