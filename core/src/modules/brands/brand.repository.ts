import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import type { Brand, BrandLegalDetails, NewBrand } from "./brand.js";

interface BrandRow {
  id: string;
  slug: string;
  name: string;
  default_currency: string;
  default_locale: string;
  allowed_origins: string;
  sign_up_open: number | boolean;
  require_two_factor: number | boolean;
  email_verification_required: number | boolean;
  legal_details: string | null;
  vat_rate_bp: number;
  vat_inclusive: number | boolean;
  invoice_prefix: string;
  top_up_min_amount: number;
  top_up_max_amount: number;
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
    requireTwoFactor: Boolean(row.require_two_factor),
    emailVerificationRequired: Boolean(row.email_verification_required),
    legal: fromJson<BrandLegalDetails | null>(row.legal_details, null),
    vatRateBp: Number(row.vat_rate_bp),
    vatInclusive: Boolean(row.vat_inclusive),
    invoicePrefix: row.invoice_prefix,
    topUp: { min: Number(row.top_up_min_amount), max: Number(row.top_up_max_amount) },
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
  async upsert(input: NewBrand, now: number): Promise<Brand> {
    const brand: Omit<Brand, "id"> = {
      legal: null,
      vatRateBp: 0,
      vatInclusive: true,
      invoicePrefix: "INV",
      topUp: { min: 500, max: 1_000_000 },
      requireTwoFactor: false,
      emailVerificationRequired: false,
      ...input,
    };
    const existing = await this.findBySlug(brand.slug);
    const columns = {
      name: brand.name,
      default_currency: brand.defaultCurrency,
      default_locale: brand.defaultLocale,
      allowed_origins: toJson(brand.allowedOrigins),
      sign_up_open: brand.signUpOpen,
      require_two_factor: brand.requireTwoFactor,
      email_verification_required: brand.emailVerificationRequired,
      legal_details: brand.legal ? toJson(brand.legal) : null,
      vat_rate_bp: brand.vatRateBp,
      vat_inclusive: brand.vatInclusive,
      invoice_prefix: brand.invoicePrefix,
      top_up_min_amount: brand.topUp.min,
      top_up_max_amount: brand.topUp.max,
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
