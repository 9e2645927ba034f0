import type { ProductSummary } from "../catalog/product.js";
import type { Service } from "./service.js";

/** A service as the API shows it. */
export function describeService(service: Service, product: ProductSummary | undefined) {
  return {
    id: service.id,
    label: service.label,
    status: service.status,
    product: product ?? { id: service.productId, code: "", name: "", type: "" },
    parameters: service.parameters,
    price: service.price,
    periodMonths: service.periodMonths,
    paidUntil: service.paidUntil === null ? null : new Date(service.paidUntil).toISOString(),
    autoRenew: service.autoRenew,
    createdAt: new Date(service.createdAt).toISOString(),
  };
}
