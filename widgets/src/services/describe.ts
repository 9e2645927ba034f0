import { describeError } from "../i18n/index.js";
import type { ServicesT } from "../i18n/services.js";
import { CabinetApiError } from "../runtime/api-client.js";

/**
 * Why an action is not allowed, in words, from the server's machine reason:
 * `status:pending_payment` → "Not possible while the service is “Awaiting payment”."
 */
export function describeReason(t: ServicesT, reason: string | null): string {
  if (!reason) return t.svc.reason.other;
  const [kind, detail = ""] = reason.split(":", 2);
  if (kind === "status") {
    const statuses: Partial<Record<string, string>> = t.services.status;
    return t.svc.reason.status(statuses[detail] ?? detail);
  }
  if (kind === "permission" || reason === "forbidden") return t.svc.reason.permission;
  if (/retired|hidden/.test(reason)) return t.svc.reason.retired;
  if (/no_parameters|not_configurable/.test(reason)) return t.svc.reason.noParameters;
  if (/cancel/.test(reason)) return t.svc.reason.cancelScheduled;
  if (/pending_change|next_parameters/.test(reason)) return t.svc.reason.pendingChange;
  return t.svc.reason.other;
}

/** The API's failure in the widget's language: the services' own codes first, then the common ones. */
export function describeServiceError(t: ServicesT, error: unknown): string {
  if (error instanceof CabinetApiError && Object.prototype.hasOwnProperty.call(t.svc.errors, error.code)) {
    if (error.code === "CAB_ERR_ILLEGAL_TRANSITION" && typeof error.details.status === "string") {
      return describeReason(t, `status:${error.details.status}`);
    }
    return t.svc.errors[error.code];
  }
  return describeError(t, error);
}

/** The parameter a 422 CAB_ERR_INVALID_PARAMETER names, if any. */
export function invalidParameter(error: unknown): string | null {
  if (!(error instanceof CabinetApiError) || error.code !== "CAB_ERR_INVALID_PARAMETER") return null;
  const parameter = error.details.parameter;
  return typeof parameter === "string" ? parameter : null;
}
