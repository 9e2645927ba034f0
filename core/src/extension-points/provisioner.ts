export type ProvisionAction = "create" | "suspend" | "resume" | "change" | "delete";

export type ProvisionResult =
  | { status: "done"; data?: Record<string, unknown> }
  | { status: "pending"; reference: string }
  | { status: "failed"; reason: string; retryable: boolean };

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
    action: ProvisionAction;
    productCode: string;
    parameters: Record<string, unknown>;
    options: Record<string, unknown>;
    idempotencyKey: string;
  }): Promise<ProvisionResult>;
}
