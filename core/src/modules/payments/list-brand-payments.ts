import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { describeBrandPayment } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import type { PaymentStatus } from "./payment.js";

export interface BrandPaymentsQuery {
  status?: PaymentStatus;
  gateway?: string;
  /** The reference a client quoted (a bank transfer's `NW-7K3F-9Q2M`), or any gateway's reference. */
  reference?: string;
  accountId?: string;
  cursor?: string;
  limit?: number;
}

/** A page of the brand's payments for its staff, newest first: pending bank transfers to confirm, a client's payments, one by reference. */
@injectable()
export class ListBrandPayments {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
  ) {}

  async execute(staff: { brandId: string }, query: BrandPaymentsQuery) {
    const limit = query.limit ?? 20;
    const beforeId = decodeCursor(query.cursor, "pay");
    const rows = await this.payments.listForBrand(staff.brandId, { ...query, reference: query.reference?.trim(), beforeId, limit: limit + 1 });
    return toPage(rows, limit, (p) => describeBrandPayment(p, this.extensions.get("payment-gateway", p.gateway)));
  }
}
