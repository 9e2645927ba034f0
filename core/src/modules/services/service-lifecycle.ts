import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { afterCommit } from "../../db/transaction.js";
import { AuditLog, auditActionOf } from "../audit/index.js";
import type { CabinetEvents, EventBus, EventName } from "../../kernel/event-bus.js";
import type { ProvisionAction } from "../../extension-points/provisioner.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { EnqueueProvisioning } from "../provisioning/index.js";
import { ServiceRepository, type ServiceChanges } from "./service.repository.js";
import type { Actor, Service, ServiceStatus } from "./service.js";

/**
 * THE state machine of a service: from each status, where it may go. Everything that moves a
 * service goes through {@link ServiceLifecycle.apply}, which checks this table.
 */
export const allowedTransitions: Record<ServiceStatus, readonly ServiceStatus[]> = {
  pending_payment: ["provisioning", "cancelled"], // paid, or the order withdrawn
  provisioning: ["active", "provisioning_failed"],
  provisioning_failed: ["provisioning", "cancelled"],
  active: ["suspended", "cancelled"],
  suspended: ["active", "cancelled"],
  cancelled: ["deleted"],
  deleted: [],
};

export function canMove(from: ServiceStatus, to: ServiceStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export function illegalTransition(service: Pick<Service, "status">, action: string): CabinetError {
  return new CabinetError(
    "CAB_ERR_ILLEGAL_TRANSITION",
    { status: service.status, action },
    `The service is ${service.status.replace("_", " ")}: it cannot ${action.replace("_", " ")} now.`,
  );
}

type PendingEvent = { [K in EventName]: { name: K; payload: CabinetEvents[K] } }[EventName];

export interface LifecycleStep {
  /** The new status; absent for an action that keeps it (a change, a renewal). */
  to?: ServiceStatus;
  /** What happened, as the history shows it: order, paid, provisioned, change, renew, cancel… */
  action: string;
  actor: Actor;
  details?: Record<string, unknown>;
  changes?: Omit<ServiceChanges, "status" | "provisionSeq">;
  /** A provisioner call the step needs, run by a job once the transaction commits. */
  provision?: ProvisionAction;
  /** Published once the transaction commits. */
  events?: PendingEvent[];
  /** Leave no history row (label edits). */
  quiet?: boolean;
}

/**
 * Applies a step to a service inside the caller's transaction: checks the move is allowed,
 * writes it only if nobody moved the service meanwhile (else 409 with the status it has now),
 * records it in `service_history`, and after the commit publishes the events and enqueues the
 * provisioner call.
 */
@injectable()
export class ServiceLifecycle {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(EnqueueProvisioning) private readonly provisioning: EnqueueProvisioning,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** The account's service, locked for the rest of `trx` (MySQL); an unknown or foreign id is 404. */
  async load(trx: Database, accountId: string, serviceId: string): Promise<Service> {
    const service = await this.services.findForAccount(accountId, serviceId, trx, true);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    return service;
  }

  async apply(trx: Database, service: Service, step: LifecycleStep): Promise<Service> {
    const to = step.to ?? service.status;
    if (step.to !== undefined && !canMove(service.status, step.to)) throw illegalTransition(service, step.action);
    const now = this.clock.now();
    const changes: ServiceChanges = { ...step.changes, status: to };
    if (step.provision) {
      changes.provisionAction = step.provision;
      changes.provisionSeq = service.provisionSeq + 1;
    }
    if (!(await this.services.update(service.accountId, service.id, service.status, changes, now, trx))) {
      const current = await this.services.findForAccount(service.accountId, service.id, trx);
      throw illegalTransition(current ?? service, step.action);
    }
    if (!step.quiet) {
      await this.services.addHistory(
        {
          serviceId: service.id,
          accountId: service.accountId,
          at: now,
          fromStatus: service.status,
          toStatus: to,
          action: step.action,
          actor: step.actor,
          details: step.details ?? null,
        },
        trx,
      );
    }
    if (step.provision) this.provisioning.afterCommit(trx, { serviceId: service.id, action: step.provision, seq: changes.provisionSeq! });
    // Each event of the step goes into the account's audit log in this transaction, with the step's details.
    await this.audit.recordMany(
      trx,
      (step.events ?? []).map((event) => {
        const { accountId: _a, serviceId: _s, ...payload } = event.payload as { accountId: string; serviceId: string };
        return {
          accountId: service.accountId,
          action: auditActionOf(event.name),
          target: { type: "service", id: service.id },
          details: { ...payload, ...step.details, by: step.actor },
        };
      }),
    );
    for (const event of step.events ?? []) afterCommit(trx, () => this.events.publish(event.name, event.payload as never));
    return { ...service, ...changes } as Service;
  }
}
