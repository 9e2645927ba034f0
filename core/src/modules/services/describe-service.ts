import type { ProductSummary } from "../catalog/index.js";
import { renderStatusReason, statusReasonText } from "./status-reason-text.js";
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
/** Which of the services section's rights the caller holds (an owner: all). */
export interface ServiceRights {
  order: boolean;
  change: boolean;
  delete: boolean;
}

export function serviceActions(service: Service, canWrite: boolean | ServiceRights) {
  const may = typeof canWrite === "boolean" ? { order: canWrite, change: canWrite, delete: canWrite } : canWrite;
  const refused: ActionState = { allowed: false, reason: "permission:services" };
  const when = (right: boolean, ok: boolean): ActionState => (!right ? refused : ok ? allowed : notIn(service));
  const live = service.status === "active" || service.status === "suspended";
  const renew = !live ? notIn(service) : service.cancelAtPeriodEnd ? { allowed: false, reason: "cancel_at_period_end" } : allowed;
  return {
    renew: may.order ? renew : refused,
    change:
      service.status === "active" && service.cancelAtPeriodEnd
        ? may.change
          ? { allowed: false, reason: "cancel_at_period_end" }
          : refused
        : when(may.change, service.status === "active"),
    // An unpaid order can be withdrawn (its invoice voided), as a running service is cancelled.
    cancel: when(may.delete, live || service.status === "provisioning_failed" || (service.status === "pending_payment" && service.orderId !== null)),
    delete: when(may.delete, service.status === "cancelled"),
    autoRenew: when(may.change, service.status !== "cancelled" && service.status !== "deleted" && service.status !== "provisioning_failed"),
  };
}

/**
 * A service as the API shows it — the one serializer of every route that answers a service;
 * `canWrite`: which rights the caller holds in `services` (the owner: all); `invoiceId`: the
 * open invoice that pays for it (its order's while awaiting payment, or a renewal's); `locale`:
 * the account's language (`AccountLanguage`), which `statusReasonText` is written in.
 */
export function describeService(
  service: Service,
  product: ProductSummary | undefined,
  canWrite: boolean | ServiceRights = false,
  invoiceId: string | null = null,
  locale = "en",
) {
  return {
    id: service.id,
    label: service.label,
    status: service.status,
    product: product ? { id: product.id, code: product.code, name: product.name, type: product.type } : { id: service.productId, code: "", name: "", type: "" },
    parameters: service.parameters,
    price: service.price,
    periodMonths: service.periodMonths,
    paidUntil: service.paidUntil === null ? null : new Date(service.paidUntil).toISOString(),
    autoRenew: service.autoRenew,
    createdAt: new Date(service.createdAt).toISOString(),
    nextParameters: service.nextParameters,
    cancelAtPeriodEnd: service.cancelAtPeriodEnd,
    statusReason: service.statusReason,
    statusReasonText: renderStatusReason(service, locale),
    invoiceId,
    actions: serviceActions(service, canWrite),
  };
}

/**
 * Whether describing these services writes any words in the account's language: only the reason a
 * service stopped is text. A page of running services then needs no read of the language.
 */
export function describingNeedsLanguage(services: Pick<Service, "status" | "statusReason">[]): boolean {
  return services.some((service) => statusReasonText(service) !== null);
}

export type ServiceViewData = ReturnType<typeof describeService>;
