import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { contentHash, IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { ServiceChangePlanner } from "./service-change-planner.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import { isoDay } from "./service-period.js";
import type { Actor, Service } from "./service.js";

export interface ChangeRequest {
  accountId: string;
  serviceId: string;
  parameters: Record<string, unknown>;
  actor: Actor;
  /** The client's Idempotency-Key: the same request again answers the first outcome, charging nothing. */
  idempotency?: IdempotentCall;
}

/**
 * Changes a service's parameters. An upgrade (and a downgrade whose product says
 * `now_with_credit`) applies at once: the prorated difference is charged to the balance (402
 * when it does not cover it, nothing changed) or credited, and the provisioner is told. A
 * `next_renewal` downgrade is kept in `nextParameters` and applies with the next renewal.
 */
@injectable()
export class ChangeService {
  constructor(
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(ServiceChangePlanner) private readonly planner: ServiceChangePlanner,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
  ) {}

  async execute(request: ChangeRequest): Promise<Service> {
    return (await this.idempotency.run(request.idempotency, (trx) => this.change(trx, request))).outcome;
  }

  private async change(trx: Database, request: ChangeRequest): Promise<Service> {
    const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
    const plan = await this.planner.plan(service, request.parameters, trx);
    const details = { kind: plan.kind, from: service.parameters, to: plan.parameters, amountDue: plan.amountDue };
    if (plan.appliesAt === "next_renewal") {
      return this.lifecycle.apply(trx, service, { action: "change_scheduled", actor: request.actor, details, changes: { nextParameters: plan.parameters } });
    }
    if (sameValues(plan.parameters, service.parameters)) {
      // Back to what it has: a downgrade waiting for the renewal is called off.
      if (!service.nextParameters) return service;
      return this.lifecycle.apply(trx, service, { action: "change_unscheduled", actor: request.actor, details, changes: { nextParameters: null } });
    }
    if (plan.amountDue !== 0) {
      // One charge per change of the service's state. (The client's key guards the whole
      // request above: reused for another change it is refused, never let through free.)
      const key = `${service.provisionSeq}:${contentHash(plan.parameters).slice(0, 32)}`;
      const posting = await this.postEntry.execute(trx, {
        accountId: service.accountId,
        amount: -plan.amountDue,
        currency: service.price.currency,
        kind: plan.amountDue > 0 ? "charge" : "credit",
        reference: { type: "service", id: service.id },
        // The days paid for that the change covers, never "51 of 31 days" (paid for more than one period).
        description: `${plan.kind === "upgrade" ? "Upgrade" : "Downgrade"} of ${service.label ?? service.id} for the ${plan.remainingDays} paid days until ${isoDay(service.paidUntil!)}`,
        idempotencyKey: `change:${service.id}:${key}`,
      });
      if (posting.status === "insufficient_funds") {
        throw new CabinetError("CAB_ERR_INSUFFICIENT_FUNDS", {
          required: { amount: plan.amountDue, currency: service.price.currency },
          available: { amount: posting.available, currency: service.price.currency },
        });
      }
      if (posting.status === "currency_mismatch") throw new CabinetError("CAB_ERR_CURRENCY_NOT_OFFERED", { currency: service.price.currency });
    }
    return this.lifecycle.apply(trx, service, {
      action: "change",
      actor: request.actor,
      details,
      changes: { parameters: plan.parameters, nextParameters: null, price: { amount: plan.newPricePerPeriod, currency: service.price.currency } },
      provision: "change",
      events: [{ name: "service.changed", payload: { accountId: service.accountId, serviceId: service.id } }],
    });
  }
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return contentHash(a) === contentHash(b);
}
