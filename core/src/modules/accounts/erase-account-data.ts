import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";

/**
 * The accounts module's part of an approved erasure or restriction (`personal_data.erased` /
 * `personal_data.restricted`, in the approving transaction): the user — the owner's request:
 * every user of the account, and the account — can no longer sign in, their sessions end, and
 * for an erasure their name, e-mail and phone are replaced. The e-mail stays unique per brand
 * (`erased+<id>@invalid`), so the address is free for a new sign-up.
 */
@injectable()
export class EraseAccountData {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    subject: { brandId: string; accountId: string; userId: string; wholeAccount: boolean },
    erase: boolean,
    trx: Database = this.db,
  ): Promise<void> {
    const users = trx("users")
      .where({ brand_id: subject.brandId, account_id: subject.accountId })
      .modify((q) => (subject.wholeAccount ? q : q.where({ id: subject.userId })));
    const ids = (await users.clone().select("id")).map((r: { id: string }) => r.id);
    if (ids.length === 0) return;
    for (const id of ids) {
      await trx("users")
        .where({ id })
        .update({ status: "suspended", ...(erase ? { name: "Erased user", email: `erased+${id}@invalid`, password_hash: null, phone: null } : {}) });
    }
    if (subject.wholeAccount) {
      await trx("accounts")
        .where({ id: subject.accountId, brand_id: subject.brandId })
        .update({ status: "suspended", ...(erase ? { name: "Erased account" } : {}) });
    }
    await trx("sessions").whereIn("user_id", ids).whereNull("revoked_at").update({ revoked_at: this.clock.now() });
  }
}
