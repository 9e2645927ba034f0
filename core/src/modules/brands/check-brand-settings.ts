import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "./brand.js";

/** The rules between fields that a JSON Schema cannot say; one place for create and update. */
export function checkBrandSettings(brand: Omit<Brand, "id" | "version">): void {
  const errors: { in: string; path: string; message: string }[] = [];
  if (!brand.currencies.includes(brand.defaultCurrency)) errors.push({ in: "body", path: "/defaultCurrency", message: "must be one of currencies" });
  if (!brand.locales.includes(brand.defaultLocale)) errors.push({ in: "body", path: "/defaultLocale", message: "must be one of locales" });
  if (brand.topUp.min > brand.topUp.max) errors.push({ in: "body", path: "/topUp", message: "min must not exceed max" });
  if (errors.length) throw new CabinetError("CAB_ERR_VALIDATION", { errors });
}
