import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
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

/**
 * Cancels a service now, or marks it to be cancelled when its paid period ends (auto-renewal
 * off; the billing run cancels it then, calling this with `when: "now"` and actor `system`).
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
    const event = (atPeriodEnd: boolean) => ({ name: "service.cancelled" as const, payload: { accountId: service.accountId, serviceId: service.id, atPeriodEnd } });
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
        events: [event(true)],
      });
    }
    return this.lifecycle.apply(trx, service, {
      to: "cancelled",
      action: "cancel",
      actor: request.actor,
      changes: { cancelAtPeriodEnd: false, autoRenew: false, nextParameters: null },
      // Whatever runs stops; a service that never got its infrastructure has nothing to stop.
      provision: service.status === "provisioning_failed" ? undefined : "suspend",
      events: [event(false)],
    });
  }
}
