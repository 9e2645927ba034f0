import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { findOrFail } from "../../kernel/find-or-fail.js";
import { AccountDirectory } from "../accounts/index.js";
import type { Payer } from "./payer.js";
import { PayerRepository } from "./payer.repository.js";

/**
 * The account's default payer, made from its profile when it has none yet (an account from
 * before payers existed, or a new one that never added a payer): its name, a person as an
 * individual and a company as a company, no address or country until the client gives them.
 * Two callers at once make one: the UNIQUE default mark lets one insert win, the other reads it.
 */
@injectable()
export class EnsureDefaultPayer {
  constructor(
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(accountId: string, trx: Database = this.db): Promise<Payer> {
    const existing = await this.payers.findDefault(accountId, trx);
    if (existing) return existing;
    const account = findOrFail(await this.accounts.find(accountId, trx), "account", accountId);
    const now = this.clock.now();
    const payer: Payer = {
      id: newId("pyr", now),
      accountId,
      kind: account.kind === "company" ? "company" : "individual",
      name: account.name,
      address: "",
      country: null,
      registrationNumber: null,
      vatNumber: null,
      email: null,
      isDefault: true,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    try {
      await this.payers.insert(trx, payer);
      return payer;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return findOrFail(await this.payers.findDefault(accountId, trx, true), "default payer of account", accountId);
    }
  }
}
