import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { BrandLookup } from "../brands/index.js";
import { AccountDirectory } from "../accounts/index.js";
import { PanelLinkRepository } from "./panel-link.repository.js";
import { panelLinkHash } from "./create-panel-login-link.js";
import { ServicePanelTargets } from "./service-panel-target.js";

const invalid = () => new CabinetError("CAB_ERR_LINK_INVALID", { reason: "control panel link" });

/**
 * Opens a one-time control panel link: takes it (once: a second opening, a late one or an
 * unknown one is 400 CAB_ERR_LINK_INVALID), checks the service is still active, and answers the
 * provisioner's sign-in URL to redirect to (absolute, or a path on the core's own site). A provisioner that fails or says nothing makes the
 * link invalid too: it was used up either way.
 */
@injectable()
export class OpenPanelLoginLink {
  constructor(
    @inject(PanelLinkRepository) private readonly links: PanelLinkRepository,
    @inject(ServicePanelTargets) private readonly targets: ServicePanelTargets,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Brands) private readonly brands: BrandLookup,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(token: string): Promise<string> {
    const link = await this.links.consume(panelLinkHash(token), this.clock.now());
    if (!link) throw invalid();
    const account = await this.accounts.find(link.accountId);
    if (!account) throw invalid();
    const brand = await this.brands.byId(account.brandId);
    const { panel, target } = await this.targets.loadActive(link.accountId, account.brandId, link.serviceId, brand?.defaultLocale ?? "en").catch(() => {
      throw invalid();
    });
    const answer = await this.targets
      .bounded("control panel", link.serviceId, () => panel.controlPanelUrl(target))
      .catch((error: unknown) => {
        this.logger.warn({ err: error, serviceId: link.serviceId }, "no control panel URL");
        return undefined;
      });
    if (!answer || typeof answer.url !== "string") throw invalid();
    // An absolute http(s) URL (the provider's panel), or a path on this core's site (the demo's page).
    if (/^https?:\/\//i.test(answer.url)) return answer.url;
    if (/^\/(?!\/)/.test(answer.url)) return `${this.config.http.publicUrl}${answer.url}`;
    throw invalid();
  }
}
