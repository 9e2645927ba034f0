import type { ProductSummary } from "../catalog/index.js";
import type { Service } from "./service.js";

export interface ActionState {
  allowed: boolean;
  /** A machine code saying why not (`status:pending_payment`, `permission:services`), null when allowed. */
  reason: string | null;
}

const allowed: ActionState = { allowed: true, reason: null };
const notIn = (service: Service): ActionState => ({ allowed: false, reason: `status:${service.status}` });

/**
 * What the caller may do with the service now, and why not: widgets disable a button with
 * the reason instead of learning it from a 409. The use cases check the same rules.
 */
export function serviceActions(service: Service, canWrite: boolean) {
  const when = (ok: boolean): ActionState => (!canWrite ? { allowed: false, reason: "permission:services" } : ok ? allowed : notIn(service));
  const live = service.status === "active" || service.status === "suspended";
  const renew = !live ? notIn(service) : service.cancelAtPeriodEnd ? { allowed: false, reason: "cancel_at_period_end" } : allowed;
  return {
    renew: canWrite ? renew : when(false),
    change: service.status === "active" && service.cancelAtPeriodEnd ? (canWrite ? { allowed: false, reason: "cancel_at_period_end" } : when(false)) : when(service.status === "active"),
    cancel: when(live || service.status === "provisioning_failed"),
    delete: when(service.status === "cancelled"),
    autoRenew: when(service.status !== "cancelled" && service.status !== "deleted" && service.status !== "provisioning_failed"),
  };
}

/** A service as the API shows it; `canWrite`: the caller holds `services` (or owns the account). */
export function describeService(service: Service, product: ProductSummary | undefined, canWrite = false) {
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
    nextParameters: service.nextParameters,
    cancelAtPeriodEnd: service.cancelAtPeriodEnd,
    statusReason: service.statusReason,
    actions: serviceActions(service, canWrite),
  };
}

export type ServiceViewData = ReturnType<typeof describeService>;
