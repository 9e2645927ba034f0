import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import { AccountRepository } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { SessionRepository } from "./session.repository.js";

/** The accounts of the brand a person belongs to (active memberships of active accounts): what the switcher lists. */
@injectable()
export class ListMyAccounts {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId" | "brandId">) {
    const items = [];
    for (const m of await this.memberships.listForUser(auth.userId)) {
      if (m.status !== "active") continue;
      const account = await this.accounts.findAccount(m.accountId);
      if (!account || account.status !== "active" || account.brandId !== auth.brandId) continue;
      items.push({ id: account.id, name: account.name, kind: account.kind, role: m.role, current: account.id === auth.accountId });
    }
    return { items };
  }
}

/**
 * Moves the session to another account the person belongs to, without signing in again: every
 * later request acts in that account. An account they do not belong to (or are disabled in) is
 * refused with 403 CAB_ERR_NOT_A_MEMBER, and the session stays where it was.
 */
@injectable()
export class SwitchAccount {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId" | "brandId" | "sessionId" | "staffId">, accountId: string): Promise<void> {
    // A staff member signed in as a client stays in that client's account.
    if (auth.staffId) throw new CabinetError("CAB_ERR_NOT_A_MEMBER");
    await inTransaction(this.db, async (trx) => {
      const membership = await this.memberships.find(accountId, auth.userId, trx);
      const account = membership && (await this.accounts.findAccount(accountId, trx));
      if (!membership || membership.status !== "active" || !account || account.status !== "active" || account.brandId !== auth.brandId) {
        throw new CabinetError("CAB_ERR_NOT_A_MEMBER", { accountId });
      }
      await this.sessions.switchAccount(auth.sessionId, accountId, trx);
      await this.audit.record(trx, {
        accountId,
        action: "user.switched_account",
        target: { type: "user", id: auth.userId },
        details: { from: auth.accountId },
      });
    });
  }
}
