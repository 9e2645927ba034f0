import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import { hasRight, Reauthenticate, type AuthContext } from "../accounts/index.js";
import type { ServicePanelActionResult, ServicePanelProvider, ServicePanelTarget } from "../../extension-points/service-panel.js";
import { PanelTimeout, providerTimeout, ServicePanelTargets } from "./service-panel-target.js";
import { DescribedActions, knownActions, type KnownAction } from "./described-actions.js";

type Caller = Pick<AuthContext, "accountId" | "brandId" | "role" | "permissions" | "rights" | "userId" | "sessionId">;

/**
 * Runs one of an active service's panel actions (reboot, reset password, reinstall). The route
 * checked the `change` right; an action the provisioner marks `right: "delete"` (it destroys
 * data) also needs `delete`, else 403. An action the provisioner does not list is 404. A
 * time-out answers 504 CAB_ERR_PROVIDER_TIMEOUT (it may still happen), a refusal 502
 * CAB_ERR_PROVIDER_FAILED with the provider's reason. Every run is in the audit log with its outcome.
 * Whether the action exists and which right it needs is what the page listed (DescribedActions):
 * running it is one call to the provider; only an action not known (yet) is described first.
 * An action that `reveals` a credential (a password reset) asks for re-authentication first, as
 * a reveal does, and its answer's new value is passed on once (never kept), audited as a reveal.
 */
@injectable()
export class RunServiceAction {
  constructor(
    @inject(ServicePanelTargets) private readonly targets: ServicePanelTargets,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(DescribedActions) private readonly known: DescribedActions,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
  ) {}

  async execute(
    auth: Caller,
    serviceId: string,
    key: string,
    locale: string,
    idempotencyKey: string,
    proof: { ip: string; password?: string; code?: string },
  ): Promise<{ action: string; status: "done"; message: string | null; credential: { key: string; value: string } | null }> {
    const { panel, target } = await this.targets.loadActive(auth.accountId, auth.brandId, serviceId, locale);
    const action = this.known.find(serviceId, key) ?? (await this.describe(panel, target, serviceId, key));
    if (!action) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service action", id: key });
    if (action.right === "delete" && !hasRight(auth, "services", "delete"))
      throw new CabinetError("CAB_ERR_FORBIDDEN", { section: "services", action: "delete" });
    if (action.reveals) await this.reauthenticate.execute(auth, proof.ip, { password: proof.password, code: proof.code });

    const record = (outcome: string, reason?: string) =>
      this.audit.record(undefined, {
        accountId: auth.accountId,
        action: "service.panel_action",
        target: { type: "service", id: serviceId },
        details: { action: key, outcome, ...(reason ? { reason } : {}) },
      });
    let result: ServicePanelActionResult;
    try {
      result = await this.targets.bounded("action", serviceId, () => panel.runAction(target, key, { idempotencyKey }));
    } catch (error) {
      await record(error instanceof PanelTimeout ? "timeout" : "failed");
      throw error instanceof PanelTimeout ? providerTimeout() : error;
    }
    if (result.status === "timeout") {
      await record("timeout");
      throw providerTimeout();
    }
    if (result.status === "failed") {
      const reason = String(result.reason).slice(0, 500);
      await record("failed", reason);
      throw new CabinetError("CAB_ERR_PROVIDER_FAILED", { reason }, reason);
    }
    await record("done");
    const message = result.message ? String(result.message).slice(0, 500) : null;
    const value = action.reveals && typeof result.credential?.value === "string" ? result.credential.value : null;
    if (value === null) return { action: key, status: "done", message, credential: null };
    await this.audit.record(undefined, {
      accountId: auth.accountId,
      action: "service.credential_revealed",
      target: { type: "service", id: serviceId },
      details: { credential: action.reveals, outcome: "shown", by: key },
    });
    return { action: key, status: "done", message, credential: { key: action.reveals!, value } };
  }

  /** Asks the provider what the service's actions are now (remembered for the next run), and finds `key` among them. */
  private async describe(panel: ServicePanelProvider, target: ServicePanelTarget, serviceId: string, key: string): Promise<KnownAction | undefined> {
    const described = await this.targets
      .bounded("describe", serviceId, () => panel.describe(target))
      .catch((error: unknown) => {
        throw error instanceof PanelTimeout ? providerTimeout() : error;
      });
    const actions = knownActions(described.actions);
    this.known.remember(serviceId, actions);
    return actions.find((a) => a.key === key);
  }
}
