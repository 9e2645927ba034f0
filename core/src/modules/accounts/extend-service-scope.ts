import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { MembershipRepository } from "./membership.repository.js";

/**
 * A user limited to some services who orders new ones may manage what they ordered: the new
 * services join their scope, in the order's own transaction (no window in which their order
 * exists and they cannot see it). A user with every service, or the owner, changes nothing.
 */
@injectable()
export class ExtendServiceScope {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
  ) {}

  async execute(trx: Database, accountId: string, userId: string, serviceIds: string[]): Promise<void> {
    if (serviceIds.length === 0) return;
    const membership = await this.memberships.find(accountId, userId, trx);
    if (!membership || !membership.serviceScoped || membership.role === "owner") return;
    await this.memberships.addToScope(accountId, userId, serviceIds, trx);
    if (this.actors.current().id === userId) this.actors.widenScope(serviceIds);
  }
}
