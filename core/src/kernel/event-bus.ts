import type { Logger } from "pino";
import type { Database } from "../db/create-database.js";
import { afterCommit } from "../db/transaction.js";

/**
 * The domain events of the core, by name. Modules and plugins add their own events by
 * declaration merging:
 *
 * @example
 * declare module "@cabinet/core" {
 *   interface CabinetEvents { "payment.settled": { paymentId: string; accountId: string } }
 * }
 */
export interface CabinetEvents {
  "account.created": { brandId: string; accountId: string; userId: string };
  "user.signed_in": { accountId: string; userId: string; sessionId: string; ip: string; userAgent: string };
  "user.signed_out": { accountId: string; userId: string; sessionId: string };
  /** Someone tried to sign up with this user's e-mail: the answer did not say so, the user is told. `at` buckets repeats. */
  "user.sign_up_attempted": { accountId: string; userId: string; ip: string; at: number };
  /** Account security: `link` carries a one-time token, so these go by e-mail only (never the centre). */
  "user.password_reset_requested": { accountId: string; userId: string; tokenId: string; link: string; expiresAt: number };
  "user.email_change_requested": { accountId: string; userId: string; tokenId: string; newEmail: string; link: string; expiresAt: number };
  "user.email_verification_requested": { accountId: string; userId: string; tokenId: string; link: string; expiresAt: number };
  /** Told to the old address, so a stolen session that changed it does not go unnoticed. */
  "user.email_changed": { accountId: string; userId: string; oldEmail: string; newEmail: string; at: number };
  "user.password_changed": { accountId: string; userId: string; at: number; reason: "changed" | "reset" };
  "user.two_factor_changed": { accountId: string; userId: string; at: number; enabled: boolean };
  "invoice.issued": {
    invoiceId: string;
    accountId: string;
    purpose: "order" | "renewal" | "manual" | "change";
    /** Set when the issuer tells the client of the invoice in a notification of its own (the billing run's `service.renewals_invoiced`): no "Invoice issued" notification then. */
    announcedElsewhere?: boolean;
  };
  /** `paidBy`: `system` when the billing run paid it from the balance; the client otherwise (absent: the client). */
  "invoice.paid": { invoiceId: string; accountId: string; purpose: "order" | "renewal" | "manual" | "change"; paidBy?: "client" | "system" };
  "invoice.voided": { invoiceId: string; accountId: string; /** Who voided it; null when its client withdrew the order it was for. */ staffId: string | null };
  "payment.succeeded": { paymentId: string; accountId: string; amount: number; currency: string };
  "payment.failed": { paymentId: string; accountId: string; reason: string };
  /** Money went back to the client: by the gateway (`staffId` says who asked), or reported by its webhook (`staffId` null). */
  "payment.refunded": { paymentId: string; refundId: string; accountId: string; amount: number; currency: string; staffId: string | null };
  /** A staff member confirmed that a bank transfer arrived, and how much. */
  "payment.transfer_confirmed": { paymentId: string; accountId: string; staffId: string; receivedAmount: number; currency: string };
  "staff.signed_in": { brandId: string; staffId: string; sessionId: string; ip: string; userAgent: string };
  "staff.signed_out": { brandId: string; staffId: string; sessionId: string };
  /** A document's PDF is stored and may be downloaded. */
  "document.ready": { documentId: string; accountId: string; brandId: string; kind: "invoice" | "act" | "contract" | "reconciliation" };
  /** A document's PDF could not be printed, after every retry. */
  "document.failed": { documentId: string; accountId: string; brandId: string; kind: "invoice" | "act" | "contract" | "reconciliation"; reason: string };

  // Services (published by the services module and the billing run once their transaction commits).
  "service.ordered": { accountId: string; serviceId: string; productId: string; awaitingInvoiceId: string | null };
  "service.activated": { accountId: string; serviceId: string };
  "service.provisioning_failed": { accountId: string; serviceId: string; reason: string };
  "service.suspended": { accountId: string; serviceId: string; reason: "unpaid" | "staff" | "client" };
  "service.resumed": { accountId: string; serviceId: string };
  "service.changed": { accountId: string; serviceId: string };
  "service.renewed": { accountId: string; serviceId: string; paidUntil: number; periods: number; source: "client" | "billing-run" };
  /** A renewal is due and the balance does not cover it: an invoice waits (created or reused). */
  "service.renewal_due": { accountId: string; serviceId: string; paidUntil: number; invoiceId: string | null };
  "service.renewal_failed": { accountId: string; serviceId: string; reason: "insufficient_funds"; invoiceId: string | null };
  /**
   * The billing run put an account's due renewals its balance did not cover on one invoice:
   * one event per invoice and run (not a `renewal_due` and a `renewal_failed` per service),
   * `services` naming each (its label, or its product's name), `paidUntil` the earliest.
   */
  "service.renewals_invoiced": { accountId: string; invoiceId: string; invoiceNumber: string; services: { id: string; name: string }[]; paidUntil: number };
  "service.cancelled": { accountId: string; serviceId: string; atPeriodEnd: boolean };
  "service.deleted": { accountId: string; serviceId: string };

  // Shared access (accounts module).
  /** The owner invited someone by e-mail: `link` carries the single-use token (deliver it to `email` only). */
  /** `userId`: who sent it (the e-mail goes out as their notification, to `email`); `accountName` and `invitedBy` for its text. */
  /** A staff member opened the client's area ("sign in as client"): told to the owner (`userId`). */
  /** `announce`: whether the brand tells its clients of it (`announceStaffSignIn`). */
  "staff.signed_in_as_client": {
    accountId: string;
    userId: string;
    staffId: string;
    staffName: string;
    mode: "read" | "act";
    sessionId: string;
    at: number;
    announce: boolean;
  };
  "user.invited": {
    accountId: string;
    userId: string;
    invitationId: string;
    email: string;
    link: string;
    expiresAt: number;
    accountName: string;
    invitedBy: string;
  };

  // Support.
  "ticket.opened": { brandId: string; accountId: string; ticketId: string; userId: string };
  /** A message on a ticket; `author` says whose (staff internal notes raise no event). */
  "ticket.replied": { brandId: string; accountId: string; ticketId: string; messageId: string; author: "client" | "staff" };
  "ticket.closed": { brandId: string; accountId: string; ticketId: string };
}

export type EventName = keyof CabinetEvents;
export type EventHandler<K extends EventName> = (payload: CabinetEvents[K]) => void | Promise<void>;
/** A handler that writes with the change that raised the event: `trx` is the publisher's transaction, or undefined after a plain `publish`. */
export type TransactionalEventHandler<K extends EventName> = (payload: CabinetEvents[K], trx: Database | undefined) => Promise<void>;

interface Subscriber {
  subscriber: string;
  handler: (payload: never, trx: Database | undefined) => void | Promise<void>;
  /** Runs inside the publisher's transaction on `publishWithin`. */
  transactional: boolean;
}

/**
 * In-process typed event bus. `publish` awaits every subscriber in the order they
 * subscribed; one subscriber's failure is logged and does not stop the others, nor the
 * publisher (the change that raised the event has already been committed).
 *
 * A publisher still inside its transaction may call `publishWithin` instead: subscribers that
 * must commit with the change (an outbox) then run at once in that transaction, and the others
 * once it commits.
 */
export class EventBus {
  private readonly subscribers = new Map<EventName, Subscriber[]>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes `handler`; `subscriber` names it in logs. Returns an unsubscribe function. */
  subscribe<K extends EventName>(event: K, subscriber: string, handler: EventHandler<K>): () => void {
    return this.add(event, { subscriber, handler: handler as Subscriber["handler"], transactional: false });
  }

  /**
   * Subscribes a handler whose writes belong with the change that raised the event: on
   * `publishWithin` it runs inside the publisher's transaction (and its failure rolls the
   * change back); on `publish`, after the commit, it gets no transaction and opens its own.
   */
  subscribeWithin<K extends EventName>(event: K, subscriber: string, handler: TransactionalEventHandler<K>): () => void {
    return this.add(event, { subscriber, handler: handler as Subscriber["handler"], transactional: true });
  }

  /** Publishes after the change committed: every subscriber runs; failures are logged. */
  async publish<K extends EventName>(event: K, payload: CabinetEvents[K]): Promise<void> {
    await this.run(event, payload, () => true);
  }

  /**
   * Publishes from inside `trx`: `subscribeWithin` handlers run now, in it (a failure throws,
   * so the publisher's transaction rolls back); the other subscribers run once `trx` commits,
   * and never for a rolled-back change.
   */
  async publishWithin<K extends EventName>(trx: Database, event: K, payload: CabinetEvents[K]): Promise<void> {
    for (const { handler } of (this.subscribers.get(event) ?? []).filter((s) => s.transactional)) {
      await (handler as TransactionalEventHandler<K>)(payload, trx);
    }
    afterCommit(trx, () => this.run(event, payload, (s) => !s.transactional));
  }

  private add(event: EventName, entry: Subscriber): () => void {
    const list = this.subscribers.get(event) ?? [];
    list.push(entry);
    this.subscribers.set(event, list);
    return () => {
      const current = this.subscribers.get(event) ?? [];
      this.subscribers.set(
        event,
        current.filter((s) => s !== entry),
      );
    };
  }

  private async run<K extends EventName>(event: K, payload: CabinetEvents[K], which: (s: Subscriber) => boolean): Promise<void> {
    for (const { subscriber, handler } of (this.subscribers.get(event) ?? []).filter(which)) {
      try {
        await (handler as TransactionalEventHandler<K>)(payload, undefined);
      } catch (error) {
        this.logger.error({ err: error, event, subscriber }, "event subscriber failed");
      }
    }
  }
}
