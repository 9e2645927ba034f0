import type { Provisioner, ProvisionResult } from "@cabinet/core";
import type { ProvisionRequest, TaskStore } from "./task-store.js";

/**
 * A {@link Provisioner} that hands the work to a person: every call opens a staff task and
 * answers `pending` with the task's id; staff do the work and mark the task done or failed
 * (`POST /api/v1/plugins/provision-manual/tasks/:id/done`), which reports the outcome to the core.
 *
 * A call repeated with the same idempotency key (the core retrying after a crash) opens nothing
 * new: it answers what became of the task the first call opened.
 *
 * @example
 * const result = await new ManualProvisioner(store).provision({ serviceId: "svc_01jd…", action: "create", idempotencyKey: "svc_01jd…:create:1", … });
 * // { status: "pending", reference: "pmt_01jd…" }
 */
export class ManualProvisioner implements Provisioner {
  readonly id = "manual";

  constructor(private readonly tasks: TaskStore) {}

  async provision(request: ProvisionRequest): Promise<ProvisionResult> {
    const task = await this.tasks.open(request);
    if (task.status === "done") return { status: "done", ...(task.resultData ? { data: task.resultData } : {}) };
    if (task.status === "failed") return { status: "failed", reason: task.failureReason ?? "marked failed by staff", retryable: false };
    return { status: "pending", reference: task.id };
  }
}
