import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { productNameIn } from "./localized-text.js";
import { ProductRepository, type ProductSummary } from "./product.repository.js";

const CACHE_MS = 30_000;

/**
 * Name, code and type of products, for lists of services. Every service list needs them and
 * they change rarely, so they are kept for a short while instead of read on every request;
 * a product's new name shows within {@link CACHE_MS} on every core process.
 */
@injectable()
export class ProductSummaries {
  private readonly cache = new Map<string, { summary: ProductSummary; loadedAt: number }>();

  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** `db`: the caller's transaction, when it holds one (SQLite has one connection). */
  async get(ids: string[], db?: Database): Promise<Map<string, ProductSummary>> {
    const now = this.clock.now();
    const found = new Map<string, ProductSummary>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.cache.get(id);
      if (hit && now - hit.loadedAt < CACHE_MS) found.set(id, hit.summary);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const [id, summary] of await this.products.summaries(missing, db)) {
        this.cache.set(id, { summary, loadedAt: now });
        found.set(id, summary);
      }
    }
    return found;
  }

  /**
   * The summaries with each name in `locale` (the product's own name in it, else its name in the
   * brand's default locale): what a client reads next to a service, in a ticket or on an invoice.
   * Undefined `locale`: the default names.
   */
  async inLocale(ids: string[], locale: string | null | undefined, db?: Database): Promise<Map<string, ProductSummary>> {
    const found = await this.get(ids, db);
    if (!locale) return found;
    return new Map([...found].map(([id, summary]) => [id, { ...summary, name: productNameIn(summary, locale) }]));
  }

  invalidate(): void {
    this.cache.clear();
  }
}
