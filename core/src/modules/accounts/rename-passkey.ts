import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository } from "./passkey.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Renames one of the user's passkeys; another user's answers 404. */
@injectable()
export class RenamePasskey {
  constructor(@inject(PasskeyRepository) private readonly passkeys: PasskeyRepository) {}

  async execute(auth: Pick<AuthContext, "userId">, id: string, name: string): Promise<void> {
    if (!(await this.passkeys.rename(auth.userId, id, name))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "passkey" });
  }
}
