import { inject, injectable } from "tsyringe";
import { localText, type LocalText } from "../../i18n/index.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { contentHash, IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { newId } from "../../kernel/ids.js";
import { findOrFail } from "../../kernel/find-or-fail.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { IssueInvoice } from "../invoices/index.js";
import { ServiceRepository } from "./service.repository.js";
import { WaitingChanges } from "./waiting-changes.js";
import type { ChangePlan } from "./service-change-planner.js";
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

/** How long an upgrade's invoice waits (days): the price is prorated for the days left as it is issued. */
const CHANGE_INVOICE_DUE_DAYS = 3;

/**
 * Changes a service's parameters. An upgrade (and a downgrade whose product says
 * `now_with_credit`) applies at once: the prorated difference is charged to the balance or
 * credited, and the provisioner is told. An upgrade the balance does not cover waits for an
 * invoice, as a renewal does (a client's; staff get 402): paying it applies the change
 * (ApplyPaidChanges). A `next_renewal` downgrade is kept in `nextParameters` and applies with
 * the next renewal. Any change calls off an upgrade still waiting for its invoice.
 */
@injectable()
export class ChangeService {
  constructor(
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(ServiceChangePlanner) private readonly planner: ServiceChangePlanner,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(WaitingChanges) private readonly waiting: WaitingChanges,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
  ) {}

  async execute(request: ChangeRequest): Promise<Service> {
    return (await this.idempotency.run(request.idempotency, (trx) => this.change(trx, request))).outcome;
  }

  private async change(trx: Database, request: ChangeRequest): Promise<Service> {
    const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
    const plan = await this.planner.plan(service, request.parameters, trx);
    const details = { kind: plan.kind, from: service.parameters, to: plan.parameters, amountDue: plan.amountDue };
    const waiting = await this.services.findWaitingChange(service.accountId, service.id, trx);
    // The same upgrade asked again while its invoice waits: the same invoice.
    if (waiting && waiting.provisionSeq === service.provisionSeq && sameValues(waiting.parameters, plan.parameters)) return service;
    await this.waiting.callOff(trx, service);
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
        description: upgradeDescription(service, plan),
        idempotencyKey: `change:${service.id}:${key}`,
      });
      if (posting.status === "insufficient_funds" && plan.amountDue > 0 && request.actor === "client")
        return this.invoiceUpgrade(trx, service, plan, request.actor);
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

  /** The balance is short for an upgrade: an invoice for the prorated difference, the change kept until it is paid. */
  private async invoiceUpgrade(trx: Database, service: Service, plan: ChangePlan, actor: Actor): Promise<Service> {
    const account = findOrFail(await this.accounts.find(service.accountId, trx), "account", service.accountId);
    const brand = findOrFail(await this.brands.byId(account.brandId), "brand", account.brandId);
    const invoice = await this.issueInvoice.execute(trx, {
      brand,
      accountId: service.accountId,
      currency: service.price.currency,
      purpose: "change",
      lines: [{ description: upgradeDescription(service, plan), quantity: 1, unitAmount: plan.catalogAmountDue, serviceId: service.id }],
      dueInDays: CHANGE_INVOICE_DUE_DAYS,
      // Like its renewals: to the payer it was ordered for, else the default.
      payerId: service.payerId,
      payerOrDefault: true,
    });
    const now = invoice.issuedAt;
    await this.services.insertChange(
      {
        id: newId("chg", now),
        accountId: service.accountId,
        serviceId: service.id,
        invoiceId: invoice.id,
        parameters: plan.parameters,
        newPrice: plan.newPricePerPeriod,
        amount: invoice.total,
        currency: service.price.currency,
        provisionSeq: service.provisionSeq,
        status: "waiting",
        createdAt: now,
      },
      trx,
    );
    return this.lifecycle.apply(trx, service, {
      action: "change_invoiced",
      actor,
      details: { kind: plan.kind, from: service.parameters, to: plan.parameters, amountDue: plan.amountDue, invoiceId: invoice.id },
    });
  }
}

/** The ledger's (and the invoice's) words for a change: the days paid for it covers, never "51 of 31 days". */
function upgradeDescription(service: Service, plan: ChangePlan): LocalText {
  return localText(plan.kind === "upgrade" ? "ledger.upgrade" : "ledger.downgrade", {
    service: service.label ?? service.id,
    days: plan.remainingDays,
    until: isoDay(service.paidUntil!),
  });
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return contentHash(a) === contentHash(b);
}
