import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { ProvisionResult } from "../../extension-points/provisioner.js";
import { AccountDirectory } from "../accounts/index.js";
import { FindProduct } from "../catalog/index.js";
import type { ProvisionedServices } from "./provisioned-services.js";
import { provisionJobId, type ProvisionJob } from "./enqueue-provisioning.js";

/** A failure worth another try: the job queue runs the job again after its back-off. */
export class RetryableProvisioningError extends Error {
  override name = "RetryableProvisioningError";
}

/**
 * The provisioning job: calls the service's product's provisioner, outside any transaction,
 * bounded by `services.provisionTimeoutMs`, and records the outcome. `done` and a final
 * `failed` are applied at once; `pending` waits for the provisioner's report; a retryable
 * failure or a time-out throws, so the queue retries it with back-off (and, after the last
 * attempt, {@link giveUp} records it as failed). A product whose provisioner is not enabled
 * fails at once with that reason.
 */
@injectable()
export class RunProvisioning {
  constructor(
    @inject(TOKENS.ProvisionedServices) private readonly services: ProvisionedServices,
    @inject(FindProduct) private readonly products: FindProduct,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(job: ProvisionJob): Promise<void> {
    const service = await this.services.find(job.serviceId);
    if (!service || superseded(job, service)) return;
    const product = await this.products.execute(service.productId);
    const provisioner = product ? this.extensions.get("provisioner", product.provisioner) : undefined;
    if (!product || !provisioner) {
      const reason = `provisioner "${product?.provisioner ?? "?"}" is not enabled`;
      await this.services.applyOutcome({ ...job, outcome: { status: "failed", reason } });
      return;
    }
    const account = await this.accounts.find(service.accountId);
    const result = await this.withTimeout(
      provisioner.provision({
        serviceId: service.id,
        accountId: service.accountId,
        brandId: account?.brandId ?? "",
        action: job.action,
        productCode: product.code,
        parameters: service.parameters,
        options: product.provisionerOptions,
        idempotencyKey: provisionJobId(job),
      }),
    );
    if (result.status === "pending") {
      this.logger.info(
        { serviceId: service.id, action: job.action, reference: result.reference },
        "provisioning pending: waiting for the provisioner's report",
      );
      return;
    }
    if (result.status === "failed" && result.retryable) throw new RetryableProvisioningError(result.reason);
    await this.services.applyOutcome({
      ...job,
      outcome: result.status === "done" ? { status: "done", data: result.data } : { status: "failed", reason: result.reason },
    });
  }

  /** After the last attempt: the failure is final. */
  async giveUp(job: ProvisionJob, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ serviceId: job.serviceId, action: job.action, reason }, "provisioning given up");
    await this.services.applyOutcome({ ...job, outcome: { status: "failed", reason } });
  }

  private withTimeout(call: Promise<ProvisionResult>): Promise<ProvisionResult> {
    const ms = this.config.services.provisionTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RetryableProvisioningError(`the provisioner did not answer within ${ms} ms`)), ms);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}

/**
 * Whether a job no longer needs to run. A create is superseded by a newer attempt (its own
 * job, with its own key, creates) or when the service left `provisioning`; any other action only
 * by the service being deleted. A change followed quickly by a suspend still runs both: the
 * infrastructure must not miss the change.
 */
function superseded(job: ProvisionJob, service: { status: string; provisionSeq: number }): boolean {
  if (job.action === "create") return service.provisionSeq !== job.seq || service.status !== "provisioning";
  return service.status === "deleted" && job.action !== "delete";
}
