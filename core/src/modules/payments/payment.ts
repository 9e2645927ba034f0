import type { PaymentStart } from "../../extension-points/payment-gateway.js";

export type PaymentStatus = "pending" | "succeeded" | "failed";
export type PaymentPurpose = "top_up" | "invoices";

export interface Payment {
  id: string;
  brandId: string;
  accountId: string;
  gateway: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  purpose: PaymentPurpose;
  invoiceIds: string[];
  gatewayReference: string | null;
  nextAction: Exclude<PaymentStart, { kind: "refused" }> | null;
  failureReason: string | null;
  receivedAmount: number | null;
  refundedAmount: number;
  createdAt: number;
  settledAt: number | null;
}
