import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { ServicePanelProvider, ServicePanelTarget } from "../../extension-points/service-panel.js";
import { FindProduct } from "../catalog/index.js";
import { ServiceRepository, type Service } from "../services/index.js";

/** An interactive call waits this long at most, whatever `services.provisionTimeoutMs` allows a background job. */
const INTERACTIVE_LIMIT_MS = 15_000;

export interface LoadedPanel {
  service: Service;
  /** The product's provisioner's panel, or undefined when it offers none. */
  panel: ServicePanelProvider | undefined;
  target: ServicePanelTarget;
}

/** The provisioner did not answer in time: told apart from a failure, since it may still act. */
export class PanelTimeout extends Error {
  override name = "PanelTimeout";
}

/**
 * The service a panel call is about, found within the caller's account (and per-service scope:
 * another's id answers 404), with its product's provisioner's panel; and the one way every panel
 * call is bounded in time.
 */
@injectable()
export class ServicePanelTargets {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(FindProduct) private readonly products: FindProduct,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async load(accountId: string, brandId: string, serviceId: string, locale: string): Promise<LoadedPanel> {
    const service = await this.services.findForAccount(accountId, serviceId);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    const product = await this.products.execute(service.productId);
    const panel = product ? this.extensions.get("provisioner", product.provisioner)?.panel : undefined;
    const target: ServicePanelTarget = {
      serviceId: service.id,
      accountId: service.accountId,
      brandId,
      label: service.label,
      productCode: product?.code ?? "",
      parameters: { ...service.parameters },
      options: product?.provisionerOptions ?? {},
      locale,
    };
    return { service, panel, target };
  }

  /** For what changes or reveals something: the service must be active and have a panel. */
  async loadActive(accountId: string, brandId: string, serviceId: string, locale: string): Promise<LoadedPanel & { panel: ServicePanelProvider }> {
    const loaded = await this.load(accountId, brandId, serviceId, locale);
    if (loaded.service.status !== "active") throw new CabinetError("CAB_ERR_ILLEGAL_TRANSITION", { status: loaded.service.status });
    if (!loaded.panel) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service panel", id: serviceId });
    return loaded as LoadedPanel & { panel: ServicePanelProvider };
  }

  /**
   * Runs a provisioner's panel call within the time limit. A time-out throws {@link PanelTimeout};
   * anything the provisioner throws is logged and becomes 502 CAB_ERR_PROVIDER_FAILED, never a 500.
   */
  async bounded<T>(what: string, serviceId: string, call: () => Promise<T>): Promise<T> {
    const ms = Math.min(this.config.services.provisionTimeoutMs, INTERACTIVE_LIMIT_MS);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PanelTimeout(`no answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      if (error instanceof PanelTimeout) throw error;
      this.logger.warn({ err: error, serviceId, call: what }, "a service panel call failed");
      throw new CabinetError("CAB_ERR_PROVIDER_FAILED", { reason: "the provider answered with an error" });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The one error for a time-out, for the routes that answer one. */
export const providerTimeout = () => new CabinetError("CAB_ERR_PROVIDER_TIMEOUT", {});
