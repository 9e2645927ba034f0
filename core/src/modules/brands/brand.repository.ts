import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import type { Brand } from "./brand.js";

interface BrandRow {
  id: string;
  slug: string;
  name: string;
  default_currency: string;
  default_locale: string;
  allowed_origins: string;
  sign_up_open: number | boolean;
}

function toBrand(row: BrandRow): Brand {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultCurrency: row.default_currency,
    defaultLocale: row.default_locale,
    allowedOrigins: fromJson<string[]>(row.allowed_origins, []),
    signUpOpen: Boolean(row.sign_up_open),
  };
}

/** The `brands` table; only the brands module reads or writes it. */
@injectable()
export class BrandRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async list(): Promise<Brand[]> {
    const rows = await this.db<BrandRow>("brands").select("*").orderBy("slug");
    return rows.map(toBrand);
  }

  async findBySlug(slug: string): Promise<Brand | undefined> {
    const row = await this.db<BrandRow>("brands").where({ slug }).first();
    return row ? toBrand(row) : undefined;
  }

  /** Creates the brand, or updates the one with the same slug (used by seeding). */
  async upsert(brand: Omit<Brand, "id">, now: number): Promise<Brand> {
    const existing = await this.findBySlug(brand.slug);
    const columns = {
      name: brand.name,
      default_currency: brand.defaultCurrency,
      default_locale: brand.defaultLocale,
      allowed_origins: toJson(brand.allowedOrigins),
      sign_up_open: brand.signUpOpen,
    };
    if (existing) {
      await this.db("brands").where({ id: existing.id }).update(columns);
      return { ...brand, id: existing.id };
    }
    const id = newId("brd", now);
    await this.db("brands").insert({ id, slug: brand.slug, created_at: now, ...columns });
    return { ...brand, id };
  }
}
