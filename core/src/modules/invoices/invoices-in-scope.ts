import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import type { ReferencesInScope } from "../../kernel/service-scope.js";
import { InvoiceRepository } from "./invoice.repository.js";

/** Which of an account's invoices a user limited to some services may see, for the rows of other modules that point at invoices (ledger entries, documents). */
@injectable()
export class InvoicesInScope implements ReferencesInScope {
  readonly type = "invoice";

  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  ids(db: Database, accountId: string, serviceScope: string[]) {
    return this.invoices.idsWithinScope(db, accountId, serviceScope);
  }
}
