import { randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { ApiKey } from "./api-key.repository.js";
import { HandoffRepository, hashCode } from "./handoff.repository.js";

export interface HandoffCustomer {
  /** The provider's own id for its customer: found again by it, whatever the e-mail becomes. */
  externalId?: string;
  email?: string;
  /** For a new account (with `handoffCreatesAccounts`): the person's name. */
  name?: string;
}

/**
 * The provider's backend, having signed its customer in itself, asks for a one-time code the
 * page then exchanges for a Cabinet session. The code is bound to the key's brand and to one
 * page origin (an allowed origin of that brand), lives `handoff.codeTtlSeconds` (≤ 60 s) and
 * works once. The customer is found by external id, else by e-mail (and the external id then
 * bound to them); a customer Cabinet does not know gets an account only if the brand allows it.
 */
@injectable()
export class CreateHandoffCode {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(HandoffRepository) private readonly handoffs: HandoffRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(
    key: ApiKey,
    brand: Brand,
    input: { customer: HandoffCustomer; origin: string },
  ): Promise<{ code: string; expiresAt: number; userId: string; created: boolean }> {
    if (!input.customer.externalId && !input.customer.email) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/customer", message: "give externalId or email" }] });
    }
    if (!brand.allowedOrigins.includes(input.origin)) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/origin", message: "is not an allowed origin of the brand" }] });
    }
    const { user, created } = await this.findOrCreate(brand, input.customer);
    if (user.status !== "active") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "the client's user is suspended" });
    const account = await this.accounts.findAccount(user.accountId);
    if (account?.status !== "active") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "the client's account is suspended" });

    const now = this.clock.now();
    const code = randomBytes(32).toString("base64url");
    const expiresAt = now + this.config.handoff.codeTtlSeconds * 1000;
    await this.handoffs.insert(hashCode(code), { brandId: brand.id, userId: user.id, origin: input.origin, apiKeyId: key.id, createdAt: now, expiresAt });
    return { code, expiresAt, userId: user.id, created };
  }

  private async findOrCreate(brand: Brand, customer: HandoffCustomer): Promise<{ user: User; created: boolean }> {
    const email = customer.email?.toLowerCase();
    if (customer.externalId) {
      const userId = await this.handoffs.findUserIdByExternalId(brand.id, customer.externalId);
      const user = userId ? await this.accounts.findUser(userId) : undefined;
      if (user) return { user, created: false };
    }
    if (email) {
      const user = await this.accounts.findUserByEmail(brand.id, email);
      if (user) {
        if (customer.externalId && !(await this.handoffs.externalIdOf(user.id))) {
          await this.handoffs.bindExternalId(brand.id, customer.externalId, user.id, this.clock.now()).catch((error) => {
            if (!isUniqueViolation(error)) throw error; // bound meanwhile by a parallel hand-off
          });
        }
        return { user, created: false };
      }
    }
    if (!brand.handoffCreatesAccounts || !email) {
      throw new CabinetError("CAB_ERR_HANDOFF_UNKNOWN_CUSTOMER", {
        reason: brand.handoffCreatesAccounts ? "an e-mail is needed to create the account" : "the brand does not create accounts on hand-off",
      });
    }
    const now = this.clock.now();
    const name = customer.name ?? email;
    const accountId = newId("acc", now);
    // No password: this client signs in through the provider's site.
    const user: User = {
      id: newId("usr", now),
      brandId: brand.id,
      accountId,
      email,
      name,
      passwordHash: null,
      role: "owner",
      permissions: [],
      status: "active",
      locale: brand.defaultLocale,
      createdAt: now,
      phone: null,
      timezone: "UTC",
      rowsPerPage: 20,
      // The provider vouches for the address it hands over, as it does for the person.
      emailVerifiedAt: now,
    };
    try {
      await this.db.transaction(async (trx) => {
        await this.accounts.insertAccount(
          { id: accountId, brandId: brand.id, name, kind: "person", currency: brand.defaultCurrency, status: "active", locale: null, createdAt: now },
          trx,
        );
        await this.accounts.insertUser(user, trx);
        if (customer.externalId) await this.handoffs.bindExternalId(brand.id, customer.externalId, user.id, now, trx);
      });
    } catch (error) {
      // Two first hand-offs of one customer at once: the unique keys decide; the loser finds the winner's.
      if (isUniqueViolation(error)) return this.findOrCreate({ ...brand, handoffCreatesAccounts: false }, customer);
      throw error;
    }
    await this.events.publish("account.created", { brandId: brand.id, accountId, userId: user.id });
    return { user, created: true };
  }
}
