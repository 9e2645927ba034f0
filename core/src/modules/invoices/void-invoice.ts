import { inject, injectable } from "tsyringe";
import { AccountLanguage } from "../accounts/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { describeInvoice } from "./describe-invoice.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Staff void an open invoice (issued by mistake, order abandoned). Its number stays used — the
 * numbering has no gaps — and a paid invoice cannot be voided: that takes a refund.
 */
@injectable()
export class VoidInvoice {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(staff: { brandId: string; staffId: string }, invoiceId: string) {
    const invoice = await this.invoices.findForBrand(staff.brandId, invoiceId);
    if (!invoice) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invoice", id: invoiceId });
    const now = this.clock.now();
    if (!(await this.invoices.markVoid(invoice.id, staff.brandId, now))) {
      const current = findOrFail(await this.invoices.findForBrand(staff.brandId, invoiceId), "invoice", invoiceId);
      throw new CabinetError(
        "CAB_ERR_CONFLICT",
        { reason: "only an open invoice can be voided", status: current.status },
        "Only an open invoice can be voided.",
      );
    }
    await this.events.publish("invoice.voided", { invoiceId: invoice.id, accountId: invoice.accountId, staffId: staff.staffId });
    return describeInvoice({ ...invoice, status: "void", voidedAt: now }, await this.language.of(invoice.accountId));
  }
}
