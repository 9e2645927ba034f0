import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import { withDefaults, type Brand, type BrandLegalDetails, type BrandTheme, type BrandSupportContacts, type NewBrand } from "./brand.js";

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
  locales: string | null;
  currencies: string | null;
  support_contacts: string | null;
  theme: string | null;
  email_sender: string | null;
  template_set: string | null;
  gateways: string | null;
  handoff_creates_accounts: number | boolean;
  statement_max_days: number;
  announce_staff_sign_in: number | boolean;
  version: number;
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
    locales: fromJson<string[] | null>(row.locales, null) ?? [row.default_locale],
    currencies: fromJson<string[] | null>(row.currencies, null) ?? [row.default_currency],
    support: fromJson<BrandSupportContacts | null>(row.support_contacts, null),
    theme: fromJson<BrandTheme | null>(row.theme, null),
    emailSender: fromJson<Brand["emailSender"]>(row.email_sender, null),
    templateSet: row.template_set,
    gateways: fromJson<string[] | null>(row.gateways, null),
    handoffCreatesAccounts: Boolean(row.handoff_creates_accounts),
    statementMaxDays: Number(row.statement_max_days),
    announceStaffSignIn: Boolean(row.announce_staff_sign_in),
    version: Number(row.version),
  };
}

function toColumns(brand: Omit<Brand, "id" | "version" | "slug">) {
  return {
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
    locales: toJson(brand.locales),
    currencies: toJson(brand.currencies),
    support_contacts: brand.support ? toJson(brand.support) : null,
    theme: brand.theme ? toJson(brand.theme) : null,
    email_sender: brand.emailSender ? toJson(brand.emailSender) : null,
    template_set: brand.templateSet,
    gateways: brand.gateways ? toJson(brand.gateways) : null,
    handoff_creates_accounts: brand.handoffCreatesAccounts,
    statement_max_days: brand.statementMaxDays,
    announce_staff_sign_in: brand.announceStaffSignIn,
  };
}

/** The `brands` table; only the brands module reads or writes it. */
@injectable()
export class BrandRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async list(db: Knex = this.db): Promise<Brand[]> {
    const rows = await db<BrandRow>("brands").select("*").orderBy("slug");
    return rows.map(toBrand);
  }

  async findBySlug(slug: string, trx: Knex = this.db): Promise<Brand | undefined> {
    const row = await trx<BrandRow>("brands").where({ slug }).first();
    return row ? toBrand(row) : undefined;
  }

  /**
   * What changes whenever any brand does: every write bumps its brand's version, so the sum of
   * versions and the count of brands move together with the data. One indexed-free aggregate
   * over a table of a few rows: cheap enough to ask every second.
   */
  async fingerprint(): Promise<string> {
    const row = (await this.db("brands").count({ n: "*" }).sum({ v: "version" }).first()) as { n: number | string; v: number | string | null } | undefined;
    return `${Number(row?.n ?? 0)}:${Number(row?.v ?? 0)}`;
  }

  async insert(input: NewBrand, now: number, trx: Knex = this.db): Promise<Brand> {
    const brand = withDefaults(input);
    const id = newId("brd", now);
    await trx("brands").insert({ id, slug: brand.slug, created_at: now, updated_at: now, version: 1, ...toColumns(brand) });
    return { ...brand, id, version: 1 };
  }

  /** Writes the brand's settings, only if nobody changed it since `version` was read; false when somebody did. */
  async update(brand: Brand, now: number, trx: Knex = this.db): Promise<boolean> {
    const changed = await trx("brands")
      .where({ id: brand.id, version: brand.version })
      .update({ ...toColumns(brand), version: brand.version + 1, updated_at: now });
    return changed === 1;
  }

  /** Creates the brand, or updates the one with the same slug (used by tests). */
  async upsert(input: NewBrand, now: number): Promise<Brand> {
    const existing = await this.findBySlug(input.slug);
    if (!existing) return this.insert(input, now);
    const brand = { ...withDefaults(input), id: existing.id, version: existing.version };
    await this.update(brand, now);
    return { ...brand, version: existing.version + 1 };
  }
}
