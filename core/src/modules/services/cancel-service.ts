import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { WithdrawInvoice } from "../invoices/index.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { CancellationPlanner } from "./cancellation-planner.js";
import { WaitingChanges } from "./waiting-changes.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

export interface CancelRequest {
  accountId: string;
  serviceId: string;
  /**
   * `now`: cancelled at once, the rest of the paid period credited by the product's rule (see
   * {@link CancellationPlanner}); `period_end`: when the paid period ends. A service awaiting its
   * first payment is withdrawn with its order either way.
   */
  when: "now" | "period_end";
  actor: Actor;
  /** The client's Idempotency-Key: the same request again answers the first outcome. */
  idempotency?: IdempotentCall;
}

/**
 * Why a service is cancelled: its client (or staff) asked now, its period ended after a
 * cancellation at period end, it went unpaid too long, or its unpaid order was withdrawn.
 */
export type CancelReason = "asked" | "period_end" | "unpaid" | "withdrawn";

/**
 * The step that cancels a service: auto-renewal and any waiting downgrade dropped, whatever
 * runs stopped — except a service that never got its infrastructure, and one suspended for
 * non-payment that is deleted next (its provisioner suspended it already, and removes it). The
 * one cancellation, for a client's request here and the billing run's cancellations at period
 * end and deletions of unpaid services alike.
 */
export function cancelStep(service: Service, actor: Actor, reason: CancelReason, extra?: Record<string, unknown>): LifecycleStep {
  const atPeriodEnd = reason === "period_end";
  // Nothing runs yet for a failed set-up or a withdrawn order; an unpaid one was suspended already.
  const stop = service.status !== "provisioning_failed" && reason !== "unpaid" && reason !== "withdrawn";
  const details = reason === "asked" ? undefined : reason === "period_end" ? { atPeriodEnd } : { reason };
  return {
    to: "cancelled",
    action: reason === "withdrawn" ? "withdraw" : "cancel",
    actor,
    details: extra ? { ...details, ...extra } : details,
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
    @inject(CancellationPlanner) private readonly planner: CancellationPlanner,
    @inject(WithdrawInvoice) private readonly invoices: WithdrawInvoice,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(WaitingChanges) private readonly waiting: WaitingChanges,
  ) {}

  async execute(request: CancelRequest): Promise<Service> {
    return (await this.idempotency.run(request.idempotency, (trx) => this.cancel(trx, request))).outcome;
  }

  private async cancel(trx: Database, request: CancelRequest): Promise<Service> {
    const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
    if (service.status === "pending_payment") return this.withdraw(trx, service, request.actor);
    await this.waiting.callOff(trx, service); // an upgrade waiting for its invoice no longer fits
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
    const plan = await this.planner.plan(service, trx);
    const cancelled = await this.lifecycle.apply(
      trx,
      service,
      cancelStep(service, request.actor, "asked", plan.refund > 0 ? { refund: plan.refund, remainingDays: plan.remainingDays } : undefined),
    );
    if (plan.refund > 0) {
      // Keyed by the service's provisioning counter, which the cancellation just moved: once per cancellation.
      const credit = await this.postEntry.execute(trx, {
        accountId: service.accountId,
        amount: plan.refund,
        currency: service.price.currency,
        kind: "credit",
        reference: { type: "service", id: service.id },
        description: CancellationPlanner.refundDescription(service, plan),
        idempotencyKey: `cancel-refund:${service.id}:${cancelled.provisionSeq}`,
      });
      if (credit.status === "currency_mismatch") throw new CabinetError("CAB_ERR_CURRENCY_NOT_OFFERED", { currency: service.price.currency });
    }
    return cancelled;
  }

  /**
   * An unpaid order is withdrawn: its invoice voided and every service it was for cancelled,
   * nothing charged. An invoice paid a moment earlier wins: 409 CAB_ERR_ORDER_ALREADY_PAID and
   * nothing changes (its services are being set up).
   */
  private async withdraw(trx: Database, service: Service, actor: Actor): Promise<Service> {
    const plan = await this.planner.plan(service, trx, true);
    if (plan.invoiceId) {
      const voided = await this.invoices.execute(trx, service.accountId, plan.invoiceId);
      if (voided === "paid") throw new CabinetError("CAB_ERR_ORDER_ALREADY_PAID", { invoiceId: plan.invoiceId });
    }
    let mine = service;
    for (const each of plan.services) {
      const done = await this.lifecycle.apply(trx, each, cancelStep(each, actor, "withdrawn", { invoiceId: plan.invoiceId }));
      if (each.id === service.id) mine = done;
    }
    return mine;
  }
}
