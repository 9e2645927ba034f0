import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import type { ReferencesInScope } from "../../kernel/service-scope.js";
import { PaymentRepository } from "./payment.repository.js";

/** Which of an account's payments a user limited to some services may see, for the rows of other modules that point at payments (ledger entries). */
@injectable()
export class PaymentsInScope implements ReferencesInScope {
  readonly type = "payment";

  constructor(@inject(PaymentRepository) private readonly payments: PaymentRepository) {}

  ids(db: Database, accountId: string, serviceScope: string[]) {
    return this.payments.idsWithinScope(db, accountId, serviceScope);
  }
}
