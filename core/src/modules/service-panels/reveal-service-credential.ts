import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "../accounts/index.js";
import { PanelTimeout, providerTimeout, ServicePanelTargets } from "./service-panel-target.js";

/**
 * Shows one credential of an active service (a root password). The route has already checked the
 * `change` right in the services section and re-authenticated the caller; the audit entry is
 * written before the provisioner is asked, so no secret leaves without its trace — a reveal that
 * then fails is recorded as asked for, with its outcome.
 */
@injectable()
export class RevealServiceCredential {
  constructor(
    @inject(ServicePanelTargets) private readonly targets: ServicePanelTargets,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "brandId">, serviceId: string, key: string, locale: string): Promise<{ key: string; value: string }> {
    const { panel, target } = await this.targets.loadActive(auth.accountId, auth.brandId, serviceId, locale);
    const record = (outcome: string) =>
      this.audit.record(undefined, {
        accountId: auth.accountId,
        action: "service.credential_revealed",
        target: { type: "service", id: serviceId },
        details: { credential: key, outcome },
      });
    let revealed: { value: string } | undefined;
    try {
      revealed = await this.targets.bounded("reveal", serviceId, () => panel.reveal(target, key));
    } catch (error) {
      await record(error instanceof PanelTimeout ? "timeout" : "failed");
      throw error instanceof PanelTimeout ? providerTimeout() : error;
    }
    if (!revealed || typeof revealed.value !== "string") {
      await record("unknown");
      throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "credential", id: key });
    }
    await record("shown");
    return { key, value: revealed.value };
  }
}
