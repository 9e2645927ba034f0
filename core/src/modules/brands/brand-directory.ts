import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { BrandRepository } from "./brand.repository.js";
import type { Brand } from "./brand.js";

interface Snapshot {
  fingerprint: string;
  checkedAt: number;
  bySlug: Map<string, Brand>;
  byId: Map<string, Brand>;
  byOrigin: Map<string, Brand>;
}

/**
 * Brands by slug, id and allowed origin, from a snapshot of the `brands` table: every API
 * request needs its brand (CORS, sign-in), and brands change rarely. The snapshot holds one
 * entry per brand (a table the operator fills by hand, not by traffic), so it is bounded by
 * it. A process that changes a brand calls `invalidate()` at once; every other process asks
 * the table's fingerprint (count and sum of versions, one aggregate over a few rows) at most
 * every `brands.cacheCheckMs` and reloads only when it moved, so a change made anywhere is in
 * effect everywhere within that interval, with no restart.
 */
@injectable()
export class BrandDirectory {
  private cache: Snapshot | null = null;
  private loading: Promise<void> | null = null;
  private readonly checkMs: number;

  constructor(
    @inject(BrandRepository) private readonly repository: BrandRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) config: CabinetConfig,
  ) {
    this.checkMs = config.brands.cacheCheckMs;
  }

  invalidate(): void {
    this.cache = null;
  }

  async list(): Promise<Brand[]> {
    return [...(await this.snapshot()).bySlug.values()];
  }

  async bySlug(slug: string): Promise<Brand | undefined> {
    return (await this.snapshot()).bySlug.get(slug);
  }

  /**
   * `trx`: the caller is inside that transaction. Then the lookup never waits for another
   * connection — on SQLite there is only one, and the transaction holds it until it ends, so a
   * refresh through the pool would wait for itself. It takes the snapshot as it is (at most one
   * check interval old), or reads the brands through `trx` when there is none yet.
   */
  async byId(id: string, trx?: Database): Promise<Brand | undefined> {
    if (trx && !this.cache) return (await this.repository.list(trx)).find((b) => b.id === id);
    return (trx ? this.cache! : await this.snapshot()).byId.get(id);
  }

  /** The brand that lists `origin` among its allowed origins, if any. */
  async byOrigin(origin: string): Promise<Brand | undefined> {
    return (await this.snapshot()).byOrigin.get(origin);
  }

  private async snapshot(): Promise<Snapshot> {
    if (!this.cache || this.clock.now() - this.cache.checkedAt >= this.checkMs) {
      this.loading ??= this.refresh().finally(() => (this.loading = null));
      await this.loading;
    }
    return this.cache!;
  }

  private async refresh(): Promise<void> {
    const fingerprint = await this.repository.fingerprint();
    if (this.cache && this.cache.fingerprint === fingerprint) {
      this.cache.checkedAt = this.clock.now();
      return;
    }
    const brands = await this.repository.list();
    const byOrigin = new Map<string, Brand>();
    for (const brand of brands) for (const origin of brand.allowedOrigins) byOrigin.set(origin, brand);
    this.cache = {
      // Read before the list: a write in between makes the next check reload again, never miss.
      fingerprint,
      checkedAt: this.clock.now(),
      bySlug: new Map(brands.map((b) => [b.slug, b])),
      byId: new Map(brands.map((b) => [b.id, b])),
      byOrigin,
    };
  }
}
