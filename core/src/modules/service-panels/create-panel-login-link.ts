import { createHash, randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import { MINUTE_MS } from "../../kernel/time.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "../accounts/index.js";
import { PanelLinkRepository } from "./panel-link.repository.js";
import { ServicePanelTargets } from "./service-panel-target.js";

/** How long a control panel link works: long enough to open a tab, too short to be forwarded. */
export const PANEL_LINK_TTL_MS = MINUTE_MS;

export const panelLinkHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A one-time "log in to the control panel" link for an active service whose provisioner offers
 * one: the core's own URL with a random secret, working once and for a minute. Opening it asks
 * the provisioner for the panel's sign-in URL then and redirects there, so a link that leaks
 * after use opens nothing. The route checked the `change` right; the audit log records it.
 */
@injectable()
export class CreatePanelLoginLink {
  constructor(
    @inject(ServicePanelTargets) private readonly targets: ServicePanelTargets,
    @inject(PanelLinkRepository) private readonly links: PanelLinkRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "brandId" | "userId">, serviceId: string, locale: string): Promise<{ url: string; expiresAt: string }> {
    const { panel, target } = await this.targets.loadActive(auth.accountId, auth.brandId, serviceId, locale);
    const described = await this.targets.bounded("describe", serviceId, () => panel.describe(target)).catch(() => undefined);
    if (described && !described.controlPanel) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "control panel", id: serviceId });
    const now = this.clock.now();
    const token = `cabp_${randomBytes(32).toString("base64url")}`;
    const expiresAt = now + PANEL_LINK_TTL_MS;
    await this.links.deleteExpired(now - PANEL_LINK_TTL_MS);
    await this.links.insert({
      id: newId("spl", now),
      tokenHash: panelLinkHash(token),
      accountId: auth.accountId,
      serviceId,
      userId: auth.userId,
      createdAt: now,
      expiresAt,
    });
    await this.audit.record(undefined, { accountId: auth.accountId, action: "service.panel_login", target: { type: "service", id: serviceId }, details: {} });
    return { url: `${this.config.http.publicUrl}/api/v1/panel-login/${token}`, expiresAt: new Date(expiresAt).toISOString() };
  }
}
