/** The payments module's public face: payments through gateways, webhooks, refunds. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { paymentRoutes } from "./payments.routes.js";
import { staffPaymentRoutes } from "./payments.staff-routes.js";

export const paymentsModule = defineModule({ name: "payments", routes: [...paymentRoutes, ...staffPaymentRoutes] });
