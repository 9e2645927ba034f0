import type { ServiceStatus } from "../runtime/api-types.js";

export type Tone = "success" | "warning" | "danger" | "neutral";

const tones: Record<ServiceStatus, Tone> = {
  active: "success",
  pending_payment: "warning",
  provisioning: "warning",
  suspended: "warning",
  provisioning_failed: "danger",
  cancelled: "neutral",
  deleted: "neutral",
};

/** The badge's tone of a status; the words say the status, the tone only repeats it. */
export function statusTone(status: ServiceStatus): Tone {
  return tones[status] ?? "neutral";
}
