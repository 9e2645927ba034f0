import { readFileSync } from "node:fs";
import type { Cabinet } from "../app/create-cabinet.js";
import { Validators, validationError } from "../http/validation.js";
import { BrandCreateBody, BrandPatchBody } from "../modules/brands/index.js";
import { BrandRepository } from "../modules/brands/index.js";
import { CreateBrand, UpdateBrand, describeBrand } from "../modules/brands/index.js";
import { CabinetError } from "../errors/cabinet-error.js";

export const brandUsage = `  brand list                       every brand: slug, name, allowed origins
  brand show <slug>                one brand's settings, as JSON
  brand create <slug> --name <name> --currency <ISO> --locale <en|ru> [--origins <o1,o2>] [--json <settings>]
  brand update <slug> [--name <name>] [--origins <o1,o2>] [--json <settings>]
             create or change a brand (the same checks as the staff API); --json takes a
             JSON object of settings, or @file.json; see docs/config.md#brands`;

/** Settings from the command line: --json (inline or @file) first, then the short flags over it. */
function settingsFrom(flags: Map<string, string>): Record<string, unknown> {
  const json = flags.get("json");
  let settings: Record<string, unknown> = {};
  if (json) {
    const text = json.startsWith("@") ? readFileSync(json.slice(1), "utf8") : json;
    try {
      settings = JSON.parse(text);
    } catch {
      throw new CabinetError("CAB_ERR_VALIDATION", {}, "--json is not valid JSON");
    }
    if (!settings || typeof settings !== "object" || Array.isArray(settings)) throw new CabinetError("CAB_ERR_VALIDATION", {}, "--json must be a JSON object");
  }
  if (flags.has("name")) settings.name = flags.get("name");
  if (flags.has("currency")) settings.defaultCurrency = flags.get("currency");
  if (flags.has("locale")) settings.defaultLocale = flags.get("locale");
  if (flags.has("origins"))
    settings.allowedOrigins = flags
      .get("origins")!
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean);
  return settings;
}

/** Validation failures in one readable line each, for a terminal. */
function explain(error: CabinetError): string {
  const errors = (error.details.errors as { path: string; message: string }[] | undefined) ?? [];
  return [error.message, ...errors.map((e) => `  ${e.path}: ${e.message}`)].join("\n");
}

/** `cabinet brand …`: answers the text to print, or throws a CabinetError for the operator. */
export async function brandCommand(cabinet: Cabinet, args: string[], flags: Map<string, string>): Promise<string> {
  const [action, slug] = args;
  const validators = new Validators();
  try {
    switch (action) {
      case "list": {
        const brands = await cabinet.container.resolve(BrandRepository).list();
        return brands.map((b) => `${b.slug}\t${b.name}\t${b.allowedOrigins.join(" ") || "(no origins)"}`).join("\n");
      }
      case "show": {
        const brand = slug && (await cabinet.container.resolve(BrandRepository).findBySlug(slug));
        if (!brand) throw new CabinetError("CAB_ERR_NOT_FOUND", { slug }, `no brand ${slug ?? "(missing slug)"}`);
        return JSON.stringify(describeBrand(brand), null, 2);
      }
      case "create": {
        const body = { ...settingsFrom(flags), slug };
        const validate = validators.compile(BrandCreateBody, "body");
        if (!validate(body)) throw validationError("body", validate.errors);
        const brand = await cabinet.container.resolve(CreateBrand).execute(body as never);
        return `created brand ${brand.slug} (${brand.name})`;
      }
      case "update": {
        if (!slug) throw new CabinetError("CAB_ERR_VALIDATION", {}, "brand update needs a slug");
        const body = settingsFrom(flags);
        const validate = validators.compile(BrandPatchBody, "body");
        if (!validate(body)) throw validationError("body", validate.errors);
        const brand = await cabinet.container.resolve(UpdateBrand).execute(slug, body);
        return `updated brand ${brand.slug} (version ${brand.version})`;
      }
      default:
        throw new CabinetError("CAB_ERR_VALIDATION", {}, `brand needs list, show, create or update\n${brandUsage}`);
    }
  } catch (error) {
    // The same code and status, with a message that names what to fix.
    if (error instanceof CabinetError)
      throw Object.assign(new CabinetError("CAB_ERR_VALIDATION", error.details, explain(error)), { code: error.code, status: error.status });
    throw error;
  }
}
