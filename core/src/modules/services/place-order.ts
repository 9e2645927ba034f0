import { inject, injectable } from "tsyringe";
import { localText, type LocalText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { afterCommit, inTransaction } from "../../db/transaction.js";
import { AuditLog } from "../audit/index.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { contentHash } from "../../http/idempotency.js";
import { newId } from "../../kernel/ids.js";
import type { AuthContext } from "../accounts/index.js";
import { AccountDirectory, ExtendServiceScope } from "../accounts/index.js";
import type { Brand } from "../brands/index.js";
import type { PricedProduct } from "../catalog/index.js";
import { ProductSummaries, productNameText, type ProductSummary } from "../catalog/index.js";
import { QuotePrice } from "../catalog/index.js";
import { IssueInvoice } from "../invoices/index.js";
import { ChoosePayer, priceForPayer } from "../payers/index.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { EnqueueProvisioning } from "../provisioning/index.js";
import { describeService } from "./describe-service.js";
import { addMonths, periodText } from "./service-period.js";
import { ServiceRepository, type NewService } from "./service.repository.js";
import type { OrderRecord } from "./service.js";
import type { PlacedOrder } from "./services.schemas.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface OrderItem {
  productId: string;
  periodMonths: number;
  parameters?: Record<string, unknown>;
  label?: string;
  autoRenew?: boolean;
}

/** Thrown inside the charging savepoint when the balance runs short, to undo the charges made so far. */
class BalanceShort extends Error {}

/**
 * Orders one or more services. Every item is priced by the catalog's one price rule first (a
 * bad item refuses the whole order, nothing written). Then, in one transaction: when the
 * balance covers the total, one charge per service and the services go to `provisioning`
 * (a provisioner creates them once committed); otherwise one invoice with a line per service,
 * which wait in `pending_payment`. The order is stored under the account's Idempotency-Key with
 * its answer: the same key again returns that answer (a double click orders once, even when
 * both clicks race: the UNIQUE key lets one win and the other then reads the winner's order).
 */
@injectable()
export class PlaceOrder {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(QuotePrice) private readonly quote: QuotePrice,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(ExtendServiceScope) private readonly scopes: ExtendServiceScope,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(EnqueueProvisioning) private readonly provisioning: EnqueueProvisioning,
    @inject(ChoosePayer) private readonly choosePayer: ChoosePayer,
  ) {}

  /** `payerId`: who the order's invoice is made out to (one of the account's payers); the default payer when absent. */
  async execute(
    auth: Pick<AuthContext, "accountId" | "brandId"> & Partial<Pick<AuthContext, "userId" | "serviceScope">>,
    brand: Brand,
    idempotencyKey: string,
    items: OrderItem[],
    payerId?: string,
  ): Promise<PlacedOrder> {
    const requestHash = contentHash(payerId ? { items, payerId } : items);
    const earlier = await this.services.findOrder(auth.accountId, idempotencyKey);
    if (earlier) return replay(earlier, requestHash);

    const account = findOrFail(await this.accounts.find(auth.accountId), "account", auth.accountId);
    // A payer that cannot be invoiced refuses the order whether or not the balance covers it.
    if (payerId) await this.choosePayer.execute(undefined, brand, auth.accountId, payerId);
    const priced: PricedProduct[] = [];
    for (const [index, item] of items.entries()) {
      try {
        priced.push(
          (
            await this.quote.execute({
              brandId: auth.brandId,
              productId: item.productId,
              periodMonths: item.periodMonths,
              currency: account.currency,
              parameters: item.parameters ?? {},
              for: "order",
            })
          ).priced,
        );
      } catch (error) {
        if (error instanceof CabinetError) error.details.item = index; // which item of the order is wrong
        throw error;
      }
    }
    const summaries = await this.products.get(items.map((i) => i.productId));

    return inTransaction(this.db, async (trx) => {
      const raced = await this.services.findOrder(auth.accountId, idempotencyKey, trx);
      if (raced) return replay(raced, requestHash);
      const now = this.clock.now();
      const orderId = newId("ord", now);
      const keyBase = `order:${contentHash([auth.accountId, idempotencyKey]).slice(0, 40)}`;
      // What the payer is charged from the balance for each service: what its line of the
      // order's invoice would ask of them (without VAT under the reverse charge).
      const { vat } = await this.choosePayer.execute(trx, brand, auth.accountId, payerId);
      const charges = priced.map((p) => priceForPayer(brand, vat, p.total));
      const drafts: NewService[] = items.map((item, index) => ({
        id: newId("svc", now),
        accountId: auth.accountId,
        productId: item.productId,
        label: item.label ?? null,
        status: "pending_payment",
        parameters: priced[index].parameters,
        price: { amount: priced[index].perPeriod, currency: account.currency },
        periodMonths: item.periodMonths,
        paidUntil: null,
        autoRenew: item.autoRenew ?? false,
        createdAt: now,
        orderCharge: priced[index].total,
        orderId,
        // Its renewals are invoiced to the payer chosen now (none chosen: the default payer of the day).
        payerId: payerId ?? null,
      }));
      const paid = await this.chargeAll(trx, drafts, charges, keyBase, (d) => d.label ?? summaries.get(d.productId)?.name ?? "a service");
      const services = drafts.map((d, index) =>
        paid
          ? {
              ...d,
              status: "provisioning" as const,
              periodStart: now,
              paidUntil: addMonths(now, d.periodMonths),
              provisionAction: "create",
              provisionSeq: 1,
              // What was charged, which a failed set-up gives back.
              orderCharge: charges[index],
            }
          : d,
      );
      for (const service of services) {
        await this.services.insert(service, now, trx);
        await this.services.addHistory(
          {
            serviceId: service.id,
            accountId: service.accountId,
            at: now,
            fromStatus: null,
            toStatus: service.status,
            action: "order",
            actor: "client",
            details: { orderId },
          },
          trx,
        );
      }
      const invoice = paid
        ? null
        : await this.issueInvoice.execute(trx, {
            brand,
            accountId: auth.accountId,
            currency: account.currency,
            purpose: "order",
            lines: services.map((s, index) => ({
              description: orderLineText(priced[index], summaries.get(s.productId), s.label),
              quantity: 1,
              unitAmount: s.orderCharge ?? 0,
              serviceId: s.id,
              months: s.periodMonths,
            })),
            payerId,
          });
      const response = {
        id: orderId,
        status: paid ? ("paid" as const) : ("awaiting_payment" as const),
        // What the client pays: the invoice's total when one waits (no VAT under the reverse charge).
        total: { amount: invoice?.total ?? charges.reduce((sum, charge) => sum + charge, 0), currency: account.currency },
        services: services.map((s) =>
          describeService(
            {
              nextParameters: null,
              cancelAtPeriodEnd: false,
              statusReason: null,
              periodStart: null,
              orderCharge: 0,
              orderId,
              provisionAction: null,
              provisionSeq: 0,
              payerId: payerId ?? null,
              ...s,
            },
            summaries.get(s.productId),
            true,
          ),
        ),
        invoiceId: invoice?.id ?? null,
      };
      await this.services.insertOrder(
        {
          id: orderId,
          accountId: auth.accountId,
          idempotencyKey,
          requestHash,
          status: response.status,
          totalAmount: response.total.amount,
          currency: account.currency,
          invoiceId: response.invoiceId,
          response,
          createdAt: now,
        },
        trx,
      );
      // A user limited to some services manages what they order.
      if (auth.userId && auth.serviceScope)
        await this.scopes.execute(
          trx,
          auth.accountId,
          auth.userId,
          services.map((s) => s.id),
        );
      await this.audit.recordMany(
        trx,
        services.map((s) => ({
          accountId: auth.accountId,
          action: "service.ordered",
          target: { type: "service", id: s.id },
          details: { orderId, productId: s.productId, invoiceId: response.invoiceId, paid },
        })),
      );
      for (const service of services) {
        afterCommit(trx, () =>
          this.events.publish("service.ordered", {
            accountId: auth.accountId,
            serviceId: service.id,
            productId: service.productId,
            awaitingInvoiceId: response.invoiceId,
          }),
        );
        if (paid) this.provisioning.afterCommit(trx, { serviceId: service.id, action: "create", seq: 1 });
      }
      return response;
    });
  }

  /** Charges every service from the balance, or none: a savepoint undoes the charges when one does not fit. */
  /** `nameOf`: what the ledger line calls the service (its label, else its product): no internal id in print. */
  private async chargeAll(trx: Database, drafts: NewService[], charges: number[], keyBase: string, nameOf: (draft: NewService) => string): Promise<boolean> {
    try {
      await trx.transaction(async (savepoint) => {
        for (const [index, draft] of drafts.entries()) {
          if (!charges[index]) continue;
          const result = await this.postEntry.execute(savepoint, {
            accountId: draft.accountId,
            amount: -charges[index],
            currency: draft.price.currency,
            kind: "charge",
            reference: { type: "service", id: draft.id },
            description: localText("ledger.order", { service: nameOf(draft) }),
            idempotencyKey: `${keyBase}:${index}`,
            // Its service is written after the charge: the payer it is ordered for, said here.
            payerId: draft.payerId ?? null,
          });
          if (result.status === "insufficient_funds" || result.status === "currency_mismatch") throw new BalanceShort();
        }
      });
      return true;
    } catch (error) {
      if (error instanceof BalanceShort) return false;
      throw error;
    }
  }
}

function replay(order: OrderRecord, requestHash: string): PlacedOrder {
  if (order.requestHash !== requestHash) throw new CabinetError("CAB_ERR_IDEMPOTENCY_KEY_REUSED", { orderId: order.id });
  // The stored answer is the one this use case returned when it placed the order.
  return order.response as PlacedOrder;
}

/** An order's invoice line: the product named in the reader's language, the service's label, the period, the setup fee. */
export function orderLineText(
  priced: Pick<PricedProduct, "periodMonths" | "setupFee">,
  product: Pick<ProductSummary, "name" | "names"> | undefined,
  label: string | null,
): LocalText {
  return localText("line.order", {
    product: product ? productNameText(product) : "",
    label: label ? localText("line.label", { label }) : "",
    period: periodText(priced.periodMonths),
    setup: priced.setupFee > 0 ? localText("line.setup_included") : "",
  });
}
