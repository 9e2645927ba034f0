import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import { containsPattern } from "../../db/like.js";
import type { CancelRefundRule, DowngradeRule, LocalizedText, Product, ProductParameter, ProductPrice, ProductStatus, ProductSummary } from "./product.js";

export type { Product, ProductParameter, ProductPrice, ProductStatus, ProductSummary } from "./product.js";

interface ProductRow {
  id: string;
  brand_id: string;
  code: string;
  name: string;
  names: string | null;
  type: string;
  description: string;
  descriptions: string | null;
  parameters: string;
  status: ProductStatus;
  provisioner: string;
  provisioner_options: string | null;
  downgrade_rule: DowngradeRule;
  cancel_refund: CancelRefundRule;
}

interface PriceRow {
  product_id: string;
  currency: string;
  period_months: number;
  amount: number | string;
  setup_fee: number | string;
}

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  brandId: row.brand_id,
  code: row.code,
  name: row.name,
  names: fromJson<LocalizedText>(row.names, {}),
  type: row.type,
  description: row.description,
  descriptions: fromJson<LocalizedText>(row.descriptions, {}),
  parameters: fromJson<ProductParameter[]>(row.parameters, []),
  status: row.status,
  provisioner: row.provisioner,
  provisionerOptions: fromJson(row.provisioner_options, {}),
  downgradeRule: row.downgrade_rule,
  cancelRefund: row.cancel_refund ?? "none",
});

const toPrice = (row: PriceRow): ProductPrice => ({
  currency: row.currency,
  periodMonths: Number(row.period_months),
  amount: Number(row.amount),
  setupFee: Number(row.setup_fee),
});

export type ProductInput = Omit<Product, "id">;

/** The `products` and `product_prices` tables; only the catalog module reads or writes them. */
@injectable()
export class ProductRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** Name (in every locale) and type of each product, for lists of services: one query for any number of ids. */
  async summaries(ids: string[], db: Database = this.db): Promise<Map<string, ProductSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await db<ProductRow>("products")
      .whereIn("id", [...new Set(ids)])
      .select("id", "code", "name", "names", "type");
    return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, names: fromJson<LocalizedText>(r.names, {}), type: r.type }]));
  }

  async findByCode(brandId: string, code: string): Promise<Product | undefined> {
    const row = await this.db<ProductRow>("products").where({ brand_id: brandId, code }).first();
    return row ? toProduct(row) : undefined;
  }

  /** A product of the brand, whatever its status; another brand's id is not found. */
  async find(brandId: string, id: string, db: Database = this.db): Promise<Product | undefined> {
    const row = await db<ProductRow>("products").where({ brand_id: brandId, id }).first();
    return row ? toProduct(row) : undefined;
  }

  /** Products by id, any brand: for services, which are tied to their product already. */
  async findMany(ids: string[], db: Database = this.db): Promise<Map<string, Product>> {
    if (ids.length === 0) return new Map();
    const rows = await db<ProductRow>("products").whereIn("id", [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, toProduct(r)]));
  }

  async listForBrand(brandId: string, statuses?: ProductStatus[]): Promise<Product[]> {
    const query = this.db<ProductRow>("products").where("brand_id", brandId);
    if (statuses) query.whereIn("status", statuses);
    return (await query.orderBy("code")).map(toProduct);
  }

  /** Ids of the brand's products of a type and/or whose name contains `nameContains` (any case). */
  async idsMatching(brandId: string, filter: { type?: string; nameContains?: string }): Promise<string[]> {
    const query = this.db<ProductRow>("products").where("brand_id", brandId);
    if (filter.type) query.where("type", filter.type);
    if (filter.nameContains) query.whereRaw("LOWER(name) LIKE ? ESCAPE '!'", [containsPattern(filter.nameContains.toLowerCase())]);
    return (await query.select("id")).map((r: { id: string }) => r.id);
  }

  /** Prices of the products, each list ordered by currency and period. */
  async prices(productIds: string[], db: Database = this.db): Promise<Map<string, ProductPrice[]>> {
    const result = new Map<string, ProductPrice[]>(productIds.map((id) => [id, []]));
    if (productIds.length === 0) return result;
    const rows = await db<PriceRow>("product_prices")
      .whereIn("product_id", [...new Set(productIds)])
      .orderBy(["currency", "period_months"]);
    for (const row of rows) result.get(row.product_id)!.push(toPrice(row));
    return result;
  }

  /** Replaces the product's whole price list. */
  async replacePrices(productId: string, prices: ProductPrice[], now: number, db: Database = this.db): Promise<void> {
    await db("product_prices").where("product_id", productId).delete();
    if (prices.length === 0) return;
    await db("product_prices").insert(
      prices.map((p) => ({
        id: newId("prc", now),
        product_id: productId,
        currency: p.currency,
        period_months: p.periodMonths,
        amount: p.amount,
        setup_fee: p.setupFee,
      })),
    );
  }

  async insert(product: ProductInput, now: number, db: Database = this.db): Promise<Product> {
    const id = newId("prd", now);
    await db("products").insert({ id, brand_id: product.brandId, code: product.code, created_at: now, updated_at: now, ...columnsOf(product) });
    return { ...product, id };
  }

  async update(product: Product, now: number, db: Database = this.db): Promise<void> {
    await db("products")
      .where({ id: product.id, brand_id: product.brandId })
      .update({ ...columnsOf(product), updated_at: now });
  }

  /** Creates the product, or updates the one with the same brand and code (used by seeding). */
  async upsert(product: ProductInput, now: number): Promise<Product> {
    const existing = await this.findByCode(product.brandId, product.code);
    if (existing) {
      await this.update({ ...product, id: existing.id }, now);
      return { ...product, id: existing.id };
    }
    return this.insert(product, now);
  }
}

function columnsOf(product: ProductInput) {
  return {
    name: product.name,
    names: toJson(product.names),
    type: product.type,
    description: product.description,
    descriptions: toJson(product.descriptions),
    parameters: toJson(product.parameters),
    status: product.status,
    provisioner: product.provisioner,
    provisioner_options: toJson(product.provisionerOptions),
    downgrade_rule: product.downgradeRule,
    cancel_refund: product.cancelRefund,
  };
}
