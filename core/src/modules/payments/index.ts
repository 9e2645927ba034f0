/** The payments module's public face: payments through gateways, webhooks, refunds. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { paymentRoutes } from "./payments.routes.js";

export { ConfirmBankTransfer } from "./confirm-bank-transfer.js";
export { GetBrandPayment } from "./get-brand-payment.js";
export { ListBrandPayments } from "./list-brand-payments.js";
export * from "./payments.schemas.js";
export * from "./refund-payment.js";
export * from "./retry-refund.js";

export const paymentsModule = defineModule({ name: "payments", routes: paymentRoutes });
