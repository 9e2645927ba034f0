import { inject, injectable } from "tsyringe";
import { AccountLanguage } from "./account-language.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { OwnedServices } from "./owned-services.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import { RoleRepository } from "./role.repository.js";
import { checkAccess, type MemberAccess } from "./set-member-access.js";

/**
 * The owner creates a user directly with a password to hand over (as BILLmanager does); the user
 * must choose their own password before anything else (403 CAB_ERR_PASSWORD_CHANGE_REQUIRED).
 */
@injectable()
export class CreateUser {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(TOKENS.OwnedServices) private readonly services: OwnedServices,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "brandId">, input: { email: string; name: string; password: string; locale?: string } & MemberAccess) {
    if (input.password.length < this.config.auth.passwordMinLength) {
      throw new CabinetError("CAB_ERR_VALIDATION", {
        errors: [{ in: "body", path: "/password", message: `must have at least ${this.config.auth.passwordMinLength} characters` }],
      });
    }
    const now = this.clock.now();
    // A user given no language speaks the account's until they choose one: a Russian account's new accountant reads Russian.
    const locale = input.locale ?? (await this.language.of(auth.accountId));
    const user: User = {
      id: newId("usr", now),
      brandId: auth.brandId,
      accountId: auth.accountId,
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await this.hasher.hash(input.password),
      role: "member",
      permissions: [],
      status: "active",
      phone: null,
      timezone: "UTC",
      rowsPerPage: 20,
      emailVerifiedAt: null,
      locale,
      createdAt: now,
      mustChangePassword: true,
    };
    try {
      await inTransaction(
        this.db,
        async (trx) => {
          const access = await checkAccess(trx, auth.accountId, input, this.roles, this.services);
          await this.accounts.insertUser(user, trx);
          await this.memberships.setRoles(auth.accountId, user.id, access.roles, trx);
          await this.memberships.setScope({ accountId: auth.accountId, userId: user.id, home: true }, access.serviceIds, trx);
          await this.audit.record(trx, {
            accountId: auth.accountId,
            action: "user.created",
            target: { type: "user", id: user.id },
            details: { email: user.email, roles: access.roles, serviceIds: access.serviceIds },
          });
        },
        1,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EMAIL_TAKEN");
      throw error;
    }
    return { id: user.id, email: user.email };
  }
}
