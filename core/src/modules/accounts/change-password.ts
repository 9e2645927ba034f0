import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "./auth-context.js";
import { Reauthenticate } from "./reauthenticate.js";
import type { PasswordHasher } from "./password-hasher.js";

/**
 * A user sets a new password, proving the current one. What a user created by the owner must
 * do first; it also ends their other sessions (the handed-over password may be known to others).
 */
@injectable()
export class ChangePassword {
  constructor(
    @inject(Reauthenticate) private readonly reauth: Reauthenticate,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId" | "sessionId" | "staffId">, input: { currentPassword: string; newPassword: string }): Promise<void> {
    if (input.newPassword.length < this.config.auth.passwordMinLength) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/newPassword", message: `must have at least ${this.config.auth.passwordMinLength} characters` }] });
    }
    if (input.newPassword === input.currentPassword) throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/newPassword", message: "must differ from the current one" }] });
    await this.reauth.confirm(auth, { password: input.currentPassword });
    const hash = await this.hasher.hash(input.newPassword);
    const now = this.clock.now();
    await inTransaction(this.db, async (trx) => {
      await trx("users").where({ id: auth.userId }).update({ password_hash: hash, must_change_password: false });
      await trx("sessions").where({ user_id: auth.userId }).whereNot({ id: auth.sessionId }).whereNull("revoked_at").update({ revoked_at: now });
      await this.audit.record(trx, { accountId: auth.accountId, action: "user.password_changed", target: { type: "user", id: auth.userId } });
    });
  }
}
