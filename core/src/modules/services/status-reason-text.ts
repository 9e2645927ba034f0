import { localText, renderText, type LocalText } from "../../i18n/index.js";
import type { Service } from "./service.js";

const SUSPEND_REASONS = new Set(["unpaid", "staff", "client"]);
const ACTION_FAILED = /^(create|suspend|resume|change|delete) failed: ([\s\S]*)$/;

/**
 * Why a service is in its status, as a sentence for its client. `statusReason` stays what the
 * code stored (a suspension's code, or a provisioner's message, which the billing run and staff
 * read); this is its reading: a code as words, a failed provisioning step named in the reader's
 * language with the provisioner's own message after it (written by a plugin or a remote panel,
 * it has no translation).
 */
export function statusReasonText(service: Pick<Service, "status" | "statusReason">): LocalText | null {
  const reason = service.statusReason;
  if (reason === null || reason === "") return null;
  if (SUSPEND_REASONS.has(reason)) return localText(`service.reason.${reason}`);
  const failed = ACTION_FAILED.exec(reason);
  if (failed) return localText("service.reason.action_failed", { action: localText(`service.action.${failed[1]}`), detail: failed[2] });
  if (service.status === "provisioning_failed") return localText("service.reason.provisioning_failed", { detail: reason });
  return localText("service.reason.other", { detail: reason });
}

export function renderStatusReason(service: Pick<Service, "status" | "statusReason">, locale: string): string | null {
  const text = statusReasonText(service);
  return text ? renderText(text, locale) : null;
}
