import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { BrandDirectory } from "../brands/index.js";
import { ApiKeyRepository, formatKey, hashSecret, newSecret, type ApiKey } from "./api-key.repository.js";

/**
 * The brand API keys a provider's backend calls the hand-off with (`cabinet api-key …`). A key
 * is shown once, when made; only the hash of its secret is kept, so a leaked database leaks no
 * usable key. Revoking one refuses it at once, on every core process (it is looked up per call).
 */
@injectable()
export class ManageApiKeys {
  constructor(
    @inject(ApiKeyRepository) private readonly keys: ApiKeyRepository,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async create(brandSlug: string, name: string): Promise<{ key: string; apiKey: ApiKey }> {
    const brand = await this.brands.bySlug(brandSlug);
    if (!brand)
      throw new CabinetError(
        "CAB_ERR_VALIDATION",
        { errors: [{ in: "input", path: "/brand", message: `no brand has the slug "${brandSlug}"` }] },
        `no brand has the slug "${brandSlug}"`,
      );
    if (!name || name.length > 100)
      throw new CabinetError(
        "CAB_ERR_VALIDATION",
        { errors: [{ in: "input", path: "/name", message: "must be 1 to 100 characters" }] },
        "--name must be 1 to 100 characters",
      );
    const now = this.clock.now();
    const secret = newSecret();
    const apiKey: ApiKey = { id: newId("key", now), brandId: brand.id, name, createdAt: now, lastUsedAt: null, revokedAt: null };
    await this.keys.insert(apiKey, hashSecret(secret));
    return { key: formatKey(apiKey.id, secret), apiKey };
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id, this.clock.now()))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "api key", id }, `no live API key ${id}`);
  }

  async list(brandSlug: string): Promise<ApiKey[]> {
    const brand = await this.brands.bySlug(brandSlug);
    if (!brand) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "brand", slug: brandSlug }, `no brand ${brandSlug}`);
    return this.keys.listForBrand(brand.id);
  }
}
