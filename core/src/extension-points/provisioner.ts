import type { ServicePanelProvider } from "./service-panel.js";

export type ProvisionAction = "create" | "suspend" | "resume" | "change" | "delete";

export type ProvisionResult =
  { status: "done"; data?: Record<string, unknown> } | { status: "pending"; reference: string } | { status: "failed"; reason: string; retryable: boolean };

/**
 * Acts on real infrastructure for a service. Calls are keyed by service id and action and
 * must be safe to repeat; they run outside the database transaction that changed the state.
 *
 * @example
 * const manual: Provisioner = {
 *   id: "manual",
 *   async provision({ serviceId, action }) { await createStaffTask(serviceId, action); return { status: "pending", reference: serviceId }; },
 * };
 */
export interface Provisioner {
  readonly id: string;
  provision(request: {
    serviceId: string;
    accountId: string;
    brandId: string;
    action: ProvisionAction;
    productCode: string;
    parameters: Record<string, unknown>;
    options: Record<string, unknown>;
    idempotencyKey: string;
  }): Promise<ProvisionResult>;
  /**
   * Optional: what the client sees and may do on an active service's page — read-only fields,
   * credentials behind a reveal, actions, a one-time control panel login, usage charts
   * (see {@link ServicePanelProvider}). Without it the page shows the service only.
   */
  readonly panel?: ServicePanelProvider;
}

/**
 * What a provisioner that answered `pending` (a staff task, an asynchronous API) calls later,
 * resolved from the container as `TOKENS.ProvisioningReports`. Reporting the same outcome twice
 * changes nothing; a report for an action that is no longer awaited is ignored.
 *
 * @example
 * const reports = container.resolve<ProvisioningReports>(TOKENS.ProvisioningReports);
 * await reports.report({ serviceId, action: "create", outcome: { status: "done" } });
 */
export interface ProvisioningReports {
  report(input: {
    serviceId: string;
    action: ProvisionAction;
    outcome: { status: "done"; data?: Record<string, unknown> } | { status: "failed"; reason: string };
  }): Promise<void>;
}
