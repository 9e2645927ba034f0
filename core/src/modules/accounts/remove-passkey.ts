import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PasskeyRepository } from "./passkey.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Removes one of the user's passkeys; another user's answers 404. */
@injectable()
export class RemovePasskey {
  constructor(@inject(PasskeyRepository) private readonly passkeys: PasskeyRepository) {}

  async execute(auth: Pick<AuthContext, "userId">, id: string): Promise<void> {
    if (!(await this.passkeys.remove(auth.userId, id))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "passkey" });
  }
}
