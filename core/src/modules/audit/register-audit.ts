import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetEvents, EventBus, EventName } from "../../kernel/event-bus.js";
import { AuditLog } from "./audit-log.js";
import type { AuditAction } from "./audit-actions.js";

/**
 * The domain events the log records from here, and what each is about. Service actions are not
 * among them: the services module's lifecycle and the billing run record those themselves, in
 * the transaction of the change.
 */
const audited: { [K in EventName & AuditAction]?: (p: CabinetEvents[K]) => { type: string; id: string } | null } = {
  "account.created": (p) => ({ type: "account", id: p.accountId }),
  "invoice.paid": (p) => ({ type: "invoice", id: p.invoiceId }),
  "invoice.voided": (p) => ({ type: "invoice", id: p.invoiceId }),
  "payment.succeeded": (p) => ({ type: "payment", id: p.paymentId }),
  "payment.refunded": (p) => ({ type: "payment", id: p.paymentId }),
  "payment.transfer_confirmed": (p) => ({ type: "payment", id: p.paymentId }),
  "ticket.opened": (p) => ({ type: "ticket", id: p.ticketId }),
  "ticket.replied": (p) => ({ type: "ticket", id: p.ticketId }),
  "ticket.closed": (p) => ({ type: "ticket", id: p.ticketId }),
};

/**
 * Subscribes the log to the domain events above, within the publisher's transaction: a
 * publisher that publishes within its transaction (`publishWithin`) gets its entry committed
 * with its change; one that publishes after its commit gets it written right after.
 */
export function registerAudit(container: DependencyContainer): void {
  const events = container.resolve<EventBus>(TOKENS.EventBus);
  for (const [event, target] of Object.entries(audited) as [EventName & AuditAction, (p: unknown) => { type: string; id: string } | null][]) {
    events.subscribeWithin(event, "audit", async (payload, trx) => {
      const { accountId, brandId: _brand, ...details } = payload as { accountId: string; brandId?: string };
      await container.resolve(AuditLog).record(trx, { accountId, action: event, target: target(payload), details });
    });
  }
}
