import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";

export type ProductStatus = "active" | "hidden" | "retired";

/** A parameter a client chooses when ordering (the services issue adds prices to it). */
export type ProductParameter =
  | { code: string; kind: "integer"; label: string; unit: string; min: number; max: number; step: number; default: number }
  | { code: string; kind: "enum"; label: string; values: string[]; default: string }
  | { code: string; kind: "boolean"; label: string; default: boolean };

export interface Product {
  id: string;
  brandId: string;
  code: string;
  name: string;
  type: string;
  description: string;
  parameters: ProductParameter[];
  status: ProductStatus;
}

export interface ProductSummary {
  id: string;
  code: string;
  name: string;
  type: string;
}

interface ProductRow {
  id: string;
  brand_id: string;
  code: string;
  name: string;
  type: string;
  description: string;
  parameters: string;
  status: ProductStatus;
}

/** The `products` table; only the catalog module reads or writes it. */
@injectable()
export class ProductRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** Name and type of each product, for lists of services: one query for any number of ids. */
  async summaries(ids: string[]): Promise<Map<string, ProductSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db<ProductRow>("products").whereIn("id", [...new Set(ids)]).select("id", "code", "name", "type");
    return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, type: r.type }]));
  }

  async findByCode(brandId: string, code: string): Promise<Product | undefined> {
    const row = await this.db<ProductRow>("products").where({ brand_id: brandId, code }).first();
    return row
      ? { id: row.id, brandId: row.brand_id, code: row.code, name: row.name, type: row.type, description: row.description, parameters: fromJson(row.parameters, []), status: row.status }
      : undefined;
  }

  /** Creates the product, or updates the one with the same brand and code (used by seeding). */
  async upsert(product: Omit<Product, "id">, now: number): Promise<Product> {
    const columns = {
      name: product.name,
      type: product.type,
      description: product.description,
      parameters: toJson(product.parameters),
      status: product.status,
    };
    const existing = await this.findByCode(product.brandId, product.code);
    if (existing) {
      await this.db("products").where({ id: existing.id }).update(columns);
      return { ...product, id: existing.id };
    }
    const id = newId("prd", now);
    await this.db("products").insert({ id, brand_id: product.brandId, code: product.code, created_at: now, ...columns });
    return { ...product, id };
  }
}
