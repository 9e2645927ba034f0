import type { ProvisionAction } from "../../extension-points/provisioner.js";

/** What a provisioner's run ended with. */
export type ProvisioningOutcome = { status: "done"; data?: Record<string, unknown> } | { status: "failed"; reason: string };

/** The service a provisioning job is about, as far as provisioning needs it. */
export interface ProvisionedService {
  id: string;
  accountId: string;
  productId: string;
  status: string;
  provisionSeq: number;
  parameters: Record<string, string | number | boolean>;
}

/**
 * The services a provisioning job works on. The provisioning module asks; the services module
 * answers (registered under `TOKENS.ProvisionedServices`), so provisioning does not depend on
 * services while services enqueue provisioning jobs.
 */
export interface ProvisionedServices {
  find(serviceId: string): Promise<ProvisionedService | undefined>;
  /** Records the outcome; the same outcome twice, or one the service no longer awaits, changes nothing. */
  applyOutcome(input: { serviceId: string; action: ProvisionAction; seq?: number; outcome: ProvisioningOutcome }): Promise<"applied" | "ignored">;
}
