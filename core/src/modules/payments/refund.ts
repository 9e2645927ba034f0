/**
 * `pending`: asked of the gateway, outcome unknown (it did not answer): retry it, the gateway
 * sees the same refund id. `refunded`: the money went back and the ledger says so. `failed`:
 * the gateway refused; no money moved.
 */
export type RefundStatus = "pending" | "refunded" | "failed";

/** Money given back on a payment, in the payment's currency. Its id is minted before the gateway is asked. */
export interface Refund {
  id: string;
  paymentId: string;
  accountId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  /** The gateway's id of the refund; null for one made by hand (a gateway without refunds) or reported by a webhook without one. */
  gatewayReference: string | null;
  failureReason: string | null;
  createdAt: number;
  updatedAt: number;
}
