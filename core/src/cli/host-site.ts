import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import Handlebars from "handlebars";
import type { DependencyContainer } from "tsyringe";
import { formatMoney } from "../extension-points/money.js";
import type { Database } from "../db/create-database.js";
import type { HtmlRenderContext } from "../http/static-files.js";
import { TOKENS } from "../kernel/tokens.js";
import type { Brand, BrandLookup } from "../modules/brands/index.js";
import { GetCatalog } from "../modules/catalog/index.js";
import { ListLegalDocuments, type LegalDocumentKind } from "../modules/privacy/index.js";

/**
 * The demo's host site (host-examples/static-site), rendered when served: each page is a
 * handlebars template that includes the shared header, menu and footer (`partials/*.hbs`), and
 * what it says about the provider — plans and prices, setup fees, VAT, legal details, contacts,
 * terms and privacy policy — comes from the same brand settings and catalog the widgets read,
 * so the marketing copy cannot drift from what an order charges.
 */

/** A plan card of the home page: a catalog product in the brand's currency. */
export interface SitePlan {
  code: string;
  name: string;
  description: string;
  /** The shortest period's price, as the order form's "from" says it: "$3.00". */
  from: string;
  /** "month", "year", "3 months". */
  per: string;
  /** The one-time setup fee, or null when there is none. */
  setupFee: string | null;
  /** What the parameters offer and cost, one line each. */
  features: string[];
}

export interface SiteData {
  page: string;
  brand: {
    name: string;
    legalName: string;
    address: string | null;
    registrationNumber: string | null;
    taxId: string | null;
    billingEmail: string | null;
    supportEmail: string | null;
    phone: string | null;
  };
  /** "Prices include 21% VAT." — per the brand's rate and mode. */
  vat: string;
  /** Whether any plan has a setup fee (the copy never says "no setup fees" when one does). */
  setupFees: boolean;
  plans: SitePlan[];
  /** Links to the brand's published terms and privacy policy (null: none published). */
  legal: { terms: string | null; privacy: string | null };
  /** The legal document a `legal.html?kind=…` page shows. */
  document: { title: string; version: number; effective: string; paragraphs: string[] } | null;
  /** The status page's checks. */
  status: { name: string; ok: boolean; detail: string }[];
  year: number;
}

const legalKinds: Record<string, LegalDocumentKind> = { terms: "terms", privacy: "privacy_policy" };

function periodText(months: number): string {
  if (months === 1) return "month";
  if (months === 12) return "year";
  return months % 12 === 0 ? `${months / 12} years` : `${months} months`;
}

type CatalogItem = Awaited<ReturnType<GetCatalog["execute"]>>["items"][number];

function features(product: CatalogItem, money: (amount: number) => string): string[] {
  return product.parameters.map((p) => {
    switch (p.kind) {
      case "integer": {
        const unit = p.unit ?? "";
        const one = unit.endsWith("s") ? unit.slice(0, -1) : unit || "unit";
        return `${p.label}: ${p.min}–${p.max}${unit ? ` ${unit}` : ""}, ${money(p.unitPrice.amount)} a month per ${one}`;
      }
      case "enum":
        return `${p.label}: ${p.options.map((o) => (o.price.amount > 0 ? `${o.label} (+${money(o.price.amount)} a month)` : o.label)).join(", ")}`;
      case "boolean":
        return p.price.amount > 0 ? `${p.label}: +${money(p.price.amount)} a month` : `${p.label} included`;
    }
  });
}

/** The plans of the brand's catalog, priced in its default currency, as the site shows them. */
export async function sitePlans(container: DependencyContainer, brand: Brand): Promise<SitePlan[]> {
  const currency = brand.defaultCurrency;
  const money = (amount: number) => formatMoney({ amount, currency }, "en-US");
  // The host site is in English (its own pages are): the plans read the English names.
  const { items } = await container.resolve(GetCatalog).execute(brand.id, currency, brand.locales.includes("en") ? "en" : brand.defaultLocale);
  return items.flatMap((product) => {
    // The order form's "from": the product's first price (the catalog lists the shortest period first).
    const first = product.prices[0];
    if (!first) return [];
    return [
      {
        code: product.code,
        name: product.name,
        description: product.description,
        from: money(first.amount.amount),
        per: periodText(first.periodMonths),
        setupFee: first.setupFee.amount > 0 ? money(first.setupFee.amount) : null,
        features: features(product, money),
      },
    ];
  });
}

/** The brand's VAT, said once for the whole site. */
export function vatStatement(brand: Pick<Brand, "vatRateBp" | "vatInclusive">): string {
  if (brand.vatRateBp === 0) return "No VAT is charged on our prices.";
  const rate = `${(brand.vatRateBp / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
  return brand.vatInclusive ? `Prices include ${rate} VAT.` : `Prices exclude VAT; ${rate} VAT is added to the invoice.`;
}

async function siteData(container: DependencyContainer, brand: Brand, file: string, query: URLSearchParams): Promise<SiteData> {
  const page = basename(file, ".html");
  const plans = await sitePlans(container, brand);
  const documents = await container.resolve(ListLegalDocuments).execute(brand.id);
  const published = (kind: string) => (documents.some((d) => d.kind === legalKinds[kind]) ? `/legal.html?kind=${kind}` : null);
  const wanted = legalKinds[query.get("kind") ?? ""];
  const shown = page === "legal" ? documents.find((d) => d.kind === wanted) : undefined;
  const status: SiteData["status"] = [];
  if (page === "status") {
    status.push({ name: "Website and client area", ok: true, detail: "Answering" });
    const db = container.resolve<Database>(TOKENS.Database);
    const ok = await db.raw("select 1").then(
      () => true,
      () => false,
    );
    status.push({ name: "Orders, billing and support", ok, detail: ok ? "Operational" : "Not answering: we are on it" });
  }
  const legal = brand.legal;
  return {
    page,
    brand: {
      name: brand.name,
      legalName: legal?.legalName ?? brand.name,
      address: legal?.address ?? null,
      registrationNumber: legal?.registrationNumber ?? null,
      taxId: legal?.taxId ?? null,
      billingEmail: legal?.email ?? null,
      supportEmail: brand.support?.email ?? null,
      phone: brand.support?.phone ?? legal?.phone ?? null,
    },
    vat: vatStatement(brand),
    setupFees: plans.some((p) => p.setupFee !== null),
    plans,
    legal: { terms: published("terms"), privacy: published("privacy") },
    document: shown
      ? {
          title: shown.title,
          version: shown.version,
          effective: new Date(shown.effectiveAt).toISOString().slice(0, 10),
          paragraphs: shown.body
            .split(/\n\s*\n/)
            .map((p) => p.trim())
            .filter(Boolean),
        }
      : null,
    status,
    year: new Date().getFullYear(),
  };
}

/**
 * A renderer for the static-files middleware: pages of `dir` with the partials of
 * `dir/partials`, filled with the brand `brandSlug`'s settings and catalog. Templates are read
 * on each request (the demo's pages are edited while it runs); handlebars escapes every value.
 */
export function hostSiteRenderer(dir: string, brandSlug: string): (file: string, context: HtmlRenderContext) => Promise<string> {
  return async (file, { container, query }) => {
    const brand = await container.resolve<BrandLookup>(TOKENS.Brands).bySlug(brandSlug);
    if (!brand) throw new Error(`the host site's brand ${brandSlug} does not exist`);
    const hbs = Handlebars.create();
    const partialsDir = join(dir, "partials");
    for (const name of await readdir(partialsDir)) {
      if (name.endsWith(".hbs")) hbs.registerPartial(basename(name, ".hbs"), await readFile(join(partialsDir, name), "utf8"));
    }
    hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    const template = hbs.compile(await readFile(file, "utf8"), { strict: false });
    return template(await siteData(container, brand, file, query));
  };
}
