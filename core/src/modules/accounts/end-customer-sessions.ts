import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";
import { HandoffRepository } from "./handoff.repository.js";
import { SessionRepository } from "./session.repository.js";
import type { HandoffCustomer } from "./create-handoff-code.js";

/**
 * The provider's backend signs its customer out of Cabinet too (the customer signed out on the
 * provider's site): every live session of that client's user in the key's brand ends, on every
 * device. An unknown customer ends nothing (0), which is not an error for a sign-out.
 */
@injectable()
export class EndCustomerSessions {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(HandoffRepository) private readonly handoffs: HandoffRepository,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, customer: HandoffCustomer): Promise<{ ended: number }> {
    const byExternal = customer.externalId ? await this.handoffs.findUserIdByExternalId(brand.id, customer.externalId) : undefined;
    const userId = byExternal ?? (customer.email ? (await this.accounts.findUserByEmail(brand.id, customer.email.toLowerCase()))?.id : undefined);
    if (!userId) return { ended: 0 };
    return { ended: await this.sessions.revokeAllOf(userId, this.clock.now()) };
  }
}
