import { inject, injectable } from "tsyringe";
import { AccountLanguage } from "../accounts/index.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { describeInvoice } from "./describe-invoice.js";
import { InvoiceRepository } from "./invoice.repository.js";

/** One invoice of the caller's account; another account's answers 404. */
@injectable()
export class GetInvoice {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string) {
    const invoice = await this.invoices.findForAccount(auth.accountId, id);
    if (!invoice) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invoice", id });
    return describeInvoice(invoice, await this.language.of(auth.accountId));
  }
}
