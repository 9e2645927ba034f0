import { formatMinorUnits, Type, type BrandLookup, type Money, type PaymentGateway, type PaymentStart, type Static, type WebhookOutcome } from "@cabinet/core";
import { transferReference } from "./transfer-reference.js";

/**
 * The plugin's options.
 *
 * @example
 * { "displayName": "Bank transfer (SEPA)", "displayNames": { "ru": "Банковский перевод (SEPA)" } }
 */
export const bankTransferOptionsSchema = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 60, default: "Bank transfer", description: "The name clients choose this payment method by" }),
    displayNames: Type.Optional(
      Type.Record(Type.String({ pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" }), Type.String({ minLength: 1, maxLength: 60 }), {
        default: { ru: "Банковский перевод" },
        description: "The name in other languages than English, by language",
      }),
    ),
  },
  { additionalProperties: false },
);

export type BankTransferOptions = Static<typeof bankTransferOptionsSchema>;

/**
 * A {@link PaymentGateway} for payments by bank transfer to the provider's own account.
 *
 * `startPayment` answers instructions: the brand's bank details (`Brand.legal.bank`) and a
 * reference for the client to quote. Nothing tells a machine when the money arrives, so there
 * are no webhooks and the status stays pending until staff confirm the received amount
 * (`POST /api/v1/staff/payments/:id/confirm-transfer`). There is no `refund`: the core then
 * records a refund as made by hand, and staff send the money back themselves.
 *
 * @example
 * const gateway = new BankTransferGateway(container.resolve<BrandLookup>(TOKENS.Brands), { displayName: "Bank transfer" });
 * const start = await gateway.startPayment({ paymentId: "pay_01jd…", brandId: "brd_01jd…", amount: { amount: 2500, currency: "EUR" }, … });
 * // { kind: "instructions", text: "Transfer 25.00 EUR to …", details: { beneficiary, iban, bic, bank, reference: "NW-7K3F-9Q2M", amount: "25.00 EUR" }, gatewayReference: "NW-7K3F-9Q2M" }
 */
export class BankTransferGateway implements PaymentGateway {
  readonly id = "bank-transfer";
  readonly displayName: string;
  readonly displayNames: Readonly<Record<string, string>>;

  constructor(
    private readonly brands: BrandLookup,
    options: BankTransferOptions,
  ) {
    this.displayName = options.displayName;
    this.displayNames = options.displayNames ?? {};
  }

  async startPayment(payment: Parameters<PaymentGateway["startPayment"]>[0]): Promise<PaymentStart> {
    const brand = await this.brands.byId(payment.brandId);
    const bank = brand?.legal?.bank;
    // Without an account to send the money to there is nothing to tell the client: refused, not retried.
    if (!brand || !bank) return { kind: "refused", reason: "the provider has no bank details for transfers" };

    const reference = transferReference(brand.invoicePrefix, payment.paymentId);
    const amount = formatMoney(payment.amount);
    const beneficiary = bank.accountHolder || brand.legal!.legalName;
    const iban = bank.iban.replace(/\s+/g, "").toUpperCase();
    return {
      kind: "instructions",
      text:
        `Transfer ${amount} to ${beneficiary}, IBAN ${iban.replace(/(.{4})(?=.)/g, "$1 ")}, BIC ${bank.bic} (${bank.name}), ` +
        `quoting the reference ${reference} so we can match your transfer to this payment. ` +
        `It is credited to your balance when it arrives.`,
      // Unspaced, for pasting into a banking app; the text spaces the IBAN for reading.
      details: { beneficiary, iban, bic: bank.bic, bank: bank.name, reference, amount },
      gatewayReference: reference,
    };
  }

  async parseWebhook(): Promise<WebhookOutcome> {
    // Banks send no webhooks here: anything arriving at this gateway's webhook address is not from one.
    return { status: "rejected", reason: "bank transfers have no webhooks; staff confirm them" };
  }

  async fetchStatus(): Promise<{ result: "pending" }> {
    return { result: "pending" };
  }
}

/** `2500 EUR` → `25.00 EUR`; `1200 JPY` → `1200 JPY`. Integer arithmetic: no float touches the amount. */
export function formatMoney({ amount, currency }: Money): string {
  return `${formatMinorUnits(amount, currency)} ${currency}`;
}
