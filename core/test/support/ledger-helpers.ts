import { randomUUID } from "node:crypto";
import { inTransaction } from "../../src/db/transaction.js";
import { PostLedgerEntry, type LedgerPosting, type PostingResult } from "../../src/modules/ledger/post-ledger-entry.js";
import { LedgerRepository } from "../../src/modules/ledger/ledger.repository.js";
import { newId } from "../../src/kernel/ids.js";
import { PaymentRepository } from "../../src/modules/payments/payment.repository.js";
import { SettlePayment } from "../../src/modules/payments/settle-payment.js";
import type { TestCabinet } from "./test-cabinet.js";

/** Posts one entry in its own transaction, as a use case would. */
export function post(t: TestCabinet, posting: Partial<LedgerPosting> & Pick<LedgerPosting, "accountId" | "amount">): Promise<PostingResult> {
  const postEntry = t.cabinet.container.resolve(PostLedgerEntry);
  return inTransaction(t.cabinet.db, (trx) =>
    postEntry.execute(trx, {
      currency: "USD",
      kind: posting.amount > 0 ? "payment" : "charge",
      description: "test",
      idempotencyKey: randomUUID(),
      ...posting,
    }),
  );
}

/** The balance row and the sum of entries, which must always be equal. */
export async function balanceAndSum(t: TestCabinet, accountId: string): Promise<{ balance: number; sum: number }> {
  const ledger = t.cabinet.container.resolve(LedgerRepository);
  return { balance: (await ledger.findBalance(accountId))?.balance ?? 0, sum: await ledger.sumAll(accountId) };
}

/** An invoice paid in full through a gateway, as its webhook would settle it: the payment and the invoice's charge. */
export async function payThroughGateway(t: TestCabinet, brandId: string, accountId: string, invoice: { id: string; total: number }) {
  const paymentId = newId("pay");
  await t.cabinet.container.resolve(PaymentRepository).insert({
    id: paymentId,
    brandId,
    accountId,
    gateway: "test",
    amount: invoice.total,
    currency: "USD",
    status: "pending",
    purpose: "invoices",
    invoiceIds: [invoice.id],
    gatewayReference: null,
    nextAction: null,
    failureReason: null,
    receivedAmount: null,
    refundedAmount: 0,
    createdAt: t.clock.now(),
    settledAt: null,
  });
  return inTransaction(t.cabinet.db, (trx) => t.cabinet.container.resolve(SettlePayment).execute(trx, paymentId, { result: "succeeded" }));
}
