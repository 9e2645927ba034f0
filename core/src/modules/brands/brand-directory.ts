import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { BrandRepository } from "./brand.repository.js";
import type { Brand } from "./brand.js";

const CACHE_MS = 30_000;

/**
 * Brands by slug, id and allowed origin, cached for a short while: every API request needs
 * its brand (CORS, sign-in), and brands change rarely. Several core processes converge within
 * {@link CACHE_MS}; a process that changes a brand calls `invalidate()` at once.
 */
@injectable()
export class BrandDirectory {
  private cache: { loadedAt: number; bySlug: Map<string, Brand>; byId: Map<string, Brand>; byOrigin: Map<string, Brand> } | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    @inject(BrandRepository) private readonly repository: BrandRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  invalidate(): void {
    this.cache = null;
  }

  async bySlug(slug: string): Promise<Brand | undefined> {
    return (await this.snapshot()).bySlug.get(slug);
  }

  async byId(id: string): Promise<Brand | undefined> {
    return (await this.snapshot()).byId.get(id);
  }

  /** The brand that lists `origin` among its allowed origins, if any. */
  async byOrigin(origin: string): Promise<Brand | undefined> {
    return (await this.snapshot()).byOrigin.get(origin);
  }

  private async snapshot() {
    if (!this.cache || this.clock.now() - this.cache.loadedAt > CACHE_MS) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      await this.loading;
    }
    return this.cache!;
  }

  private async load(): Promise<void> {
    const brands = await this.repository.list();
    const byOrigin = new Map<string, Brand>();
    for (const brand of brands) for (const origin of brand.allowedOrigins) byOrigin.set(origin, brand);
    this.cache = {
      loadedAt: this.clock.now(),
      bySlug: new Map(brands.map((b) => [b.slug, b])),
      byId: new Map(brands.map((b) => [b.id, b])),
      byOrigin,
    };
  }
}
