import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { AccountLanguage, type AuthContext } from "../accounts/index.js";
import { describePayment } from "./describe-payment.js";
import { PaymentRepository } from "./payment.repository.js";

/** A page of the account's payments, newest first. */
@injectable()
export class ListPayments {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const beforeId = decodeCursor(query.cursor, "pay");
    const rows = await this.payments.listForAccount(auth.accountId, { beforeId, limit: limit + 1 });
    const locale = await this.language.of(auth.accountId);
    return toPage(rows, limit, (payment) => describePayment(payment, locale));
  }
}
