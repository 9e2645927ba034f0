import { inject, injectable } from "tsyringe";
import { localText, renderText } from "../../i18n/index.js";
import { outsideServiceScope } from "../../kernel/service-scope.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Logger } from "pino";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { AuthContext } from "../accounts/index.js";
import { AccountDirectory } from "../accounts/index.js";
import type { Brand } from "../brands/index.js";
import { InvoiceRepository } from "../invoices/index.js";
import { describePayment } from "./describe-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import type { Payment } from "./payment.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface StartPaymentInput {
  gateway: string;
  /** A top-up of this many minor units of the account's currency… */
  amount?: number;
  /** …or these open invoices, paid together in one payment. */
  invoiceIds?: string[];
  returnUrl: string;
  cancelUrl?: string;
}

/**
 * Starts a payment: checks it, stores it as `pending` under an id minted here, and only then
 * asks the gateway, so a gateway call can be retried and traced by that id. A gateway that
 * refuses leaves the payment `failed` (422); one that does not answer leaves it `pending` —
 * a late webhook can still settle it — and answers 502.
 *
 * With an Idempotency-Key the payment is stored under it: the same request again answers that
 * payment as it is now (its `nextAction` included) and starts nothing.
 */
@injectable()
export class StartPayment {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
  ) {}

  async execute(
    auth: Pick<AuthContext, "accountId" | "userId"> & Partial<Pick<AuthContext, "serviceScope">>,
    brand: Brand,
    input: StartPaymentInput,
    customer: { email?: string; locale?: string } = {},
    idempotency?: IdempotentCall,
  ) {
    // Before the checks: the invoices of an earlier start may be paid by now, and its replay must still answer.
    const earlier = await this.idempotency.recall<string>(idempotency);
    if (earlier) return this.current(auth.accountId, earlier.outcome);
    // The core's own origin comes from its configured public URL, never from the request's Host
    // header, which the caller writes (a spoofed Host made any site a valid return address).
    const coreOrigin = new URL(this.config.http.publicUrl!).origin;
    const gateway = this.extensions.get("payment-gateway", input.gateway);
    if (!gateway || (brand.gateways && !brand.gateways.includes(gateway.id))) throw invalid("/gateway", "is not a payment method of this Cabinet");
    for (const [field, url] of [
      ["/returnUrl", input.returnUrl],
      ["/cancelUrl", input.cancelUrl],
    ] as const) {
      if (url !== undefined && !isAllowedReturn(url, brand, coreOrigin)) throw invalid(field, "must be a page of the provider's site");
    }
    // The balance is the whole account's: a user limited to some services pays their invoices, never tops it up.
    if (input.amount !== undefined && auth.serviceScope) throw outsideServiceScope("top up the balance");
    const account = findOrFail(await this.accounts.find(auth.accountId), "account", auth.accountId);
    const { amount, purpose, invoiceIds, text } = await this.whatToPay(auth.accountId, brand, account.currency, input);
    // What the gateway's page shows the client: in the account's language (AccountLanguage's rule).
    const description = renderText(text, account.locale ?? brand.defaultLocale);

    const now = this.clock.now();
    const payment: Payment = {
      id: newId("pay", now),
      brandId: brand.id,
      accountId: auth.accountId,
      gateway: gateway.id,
      amount,
      currency: account.currency,
      status: "pending",
      purpose,
      invoiceIds,
      gatewayReference: null,
      nextAction: null,
      failureReason: null,
      receivedAmount: null,
      refundedAmount: 0,
      createdAt: now,
      settledAt: null,
    };
    const stored = await this.idempotency.run(idempotency, async (trx) => {
      await this.payments.insert(payment, trx);
      return payment.id;
    });
    if (stored.replayed) return this.current(auth.accountId, stored.outcome);

    let start;
    try {
      start = await gateway.startPayment({
        paymentId: payment.id,
        brandId: brand.id,
        accountId: auth.accountId,
        amount: { amount, currency: account.currency },
        description,
        returnUrl: input.returnUrl,
        cancelUrl: input.cancelUrl ?? input.returnUrl,
        customerEmail: customer.email,
        // The gateway's own page speaks the client's language where it can (Stripe Checkout does).
        locale: customer.locale,
      });
    } catch (error) {
      this.logger.warn({ err: error, paymentId: payment.id, gateway: gateway.id }, "payment gateway did not answer");
      throw new CabinetError("CAB_ERR_GATEWAY_UNAVAILABLE", { paymentId: payment.id, gateway: gateway.id });
    }
    if (start.kind === "refused") {
      await this.payments.markFailed(payment.id, start.reason, this.clock.now());
      throw new CabinetError("CAB_ERR_PAYMENT_REFUSED", { paymentId: payment.id, reason: start.reason });
    }
    await this.payments.recordStart(payment.id, start.gatewayReference, start, this.clock.now());
    return describePayment({ ...payment, gatewayReference: start.gatewayReference, nextAction: start });
  }

  /**
   * The payment a replay answers. Its twin may still be asking the gateway (the replay waited
   * only for the payment's row): give it up to the gateway's usual time to answer, so that the
   * replay carries the same `nextAction`. A start the gateway never answered stays without one.
   */
  private async current(accountId: string, paymentId: string) {
    for (let waited = 0; ; waited += REPLAY_POLL_MS) {
      const payment = findOrFail(await this.payments.findForAccount(accountId, paymentId), "payment", paymentId);
      const starting = payment.status === "pending" && payment.nextAction === null && this.clock.now() - payment.createdAt < 60_000;
      if (!starting || waited >= 10_000) return describePayment(payment);
      await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
    }
  }

  /** A user limited to some services pays only invoices of those (another is 404, as in the invoice list). */
  private async whatToPay(accountId: string, brand: Brand, currency: string, input: StartPaymentInput) {
    if ((input.amount === undefined) === (input.invoiceIds === undefined)) {
      throw invalid("/", "give either amount (a top-up) or invoiceIds (invoices to pay)");
    }
    if (input.amount !== undefined) {
      if (input.amount < brand.topUp.min || input.amount > brand.topUp.max) {
        throw new CabinetError("CAB_ERR_VALIDATION", {
          errors: [{ in: "body", path: "/amount", message: `must be between ${brand.topUp.min} and ${brand.topUp.max} minor units of ${currency}` }],
          min: { amount: brand.topUp.min, currency },
          max: { amount: brand.topUp.max, currency },
        });
      }
      return { amount: input.amount, purpose: "top_up" as const, invoiceIds: [], text: localText("payment.description.top_up", { brand: brand.name }) };
    }
    const ids = [...new Set(input.invoiceIds!)];
    const invoices = await this.invoices.listForAccount(accountId, { ids });
    if (invoices.length !== ids.length)
      throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invoice", ids: ids.filter((id) => !invoices.some((i) => i.id === id)) });
    const closed = invoices.filter((i) => i.status !== "issued");
    if (closed.length)
      throw new CabinetError(
        "CAB_ERR_CONFLICT",
        { reason: "invoice is not open", invoices: closed.map((i) => i.number) },
        "Some of these invoices are not open.",
      );
    if (invoices.some((i) => i.currency !== currency))
      throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "invoice currency differs from the account's" });
    return {
      amount: invoices.reduce((sum, i) => sum + i.total, 0),
      purpose: "invoices" as const,
      invoiceIds: ids,
      text: localText(ids.length > 1 ? "payment.description.invoices" : "payment.description.invoice", { numbers: invoices.map((i) => i.number).join(", ") }),
    };
  }
}

const REPLAY_POLL_MS = 50;

function invalid(path: string, message: string): CabinetError {
  return new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path, message }] });
}

/** A return address on one of the brand's own sites or the core's (its public URL): never an open redirect. */
function isAllowedReturn(url: string, brand: Brand, coreOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && (parsed.origin === coreOrigin || brand.allowedOrigins.includes(parsed.origin));
  } catch {
    return false;
  }
}
