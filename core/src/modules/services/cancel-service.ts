import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

export interface CancelRequest {
  accountId: string;
  serviceId: string;
  /** `now`: cancelled at once (the rest of the period is not refunded); `period_end`: when the paid period ends. */
  when: "now" | "period_end";
  actor: Actor;
  /** The client's Idempotency-Key: the same request again answers the first outcome. */
  idempotency?: IdempotentCall;
}

/** Why a service is cancelled: its client (or staff) asked now, its period ended after a cancellation at period end, or it went unpaid too long. */
export type CancelReason = "asked" | "period_end" | "unpaid";

/**
 * The step that cancels a service: auto-renewal and any waiting downgrade dropped, whatever
 * runs stopped — except a service that never got its infrastructure, and one suspended for
 * non-payment that is deleted next (its provisioner suspended it already, and removes it). The
 * one cancellation, for a client's request here and the billing run's cancellations at period
 * end and deletions of unpaid services alike.
 */
export function cancelStep(service: Service, actor: Actor, reason: CancelReason): LifecycleStep {
  const atPeriodEnd = reason === "period_end";
  const stop = service.status !== "provisioning_failed" && reason !== "unpaid";
  return {
    to: "cancelled",
    action: "cancel",
    actor,
    details: reason === "asked" ? undefined : reason === "period_end" ? { atPeriodEnd } : { reason },
    changes: { cancelAtPeriodEnd: false, autoRenew: false, nextParameters: null },
    provision: stop ? "suspend" : undefined,
    events: [{ name: "service.cancelled", payload: { accountId: service.accountId, serviceId: service.id, atPeriodEnd } }],
  };
}

/**
 * Cancels a service now, or marks it to be cancelled when its paid period ends (auto-renewal
 * off; the billing run cancels it then with the same {@link cancelStep}).
 */
@injectable()
export class CancelService {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
  ) {}

  async execute(request: CancelRequest): Promise<Service> {
    return (await this.idempotency.run(request.idempotency, (trx) => this.cancel(trx, request))).outcome;
  }

  private async cancel(trx: Database, request: CancelRequest): Promise<Service> {
    const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
    const periodLeft = service.paidUntil !== null && service.paidUntil > this.clock.now();
    const running = service.status === "active" || service.status === "suspended";
    // A period end only means something for a service that runs; any other goes now (or is refused).
    if (request.when === "period_end" && periodLeft && running) {
      if (service.cancelAtPeriodEnd) return service;
      return this.lifecycle.apply(trx, service, {
        action: "cancel_at_period_end",
        actor: request.actor,
        details: { at: service.paidUntil },
        changes: { cancelAtPeriodEnd: true, autoRenew: false },
        events: [{ name: "service.cancelled", payload: { accountId: service.accountId, serviceId: service.id, atPeriodEnd: true } }],
      });
    }
    return this.lifecycle.apply(trx, service, cancelStep(service, request.actor, "asked"));
  }
}
