/** The catalog's model: products, the parameters a client chooses, and prices per period. */
import type { LocalizedText } from "../../kernel/localized-text.js";

export type ProductStatus = "active" | "hidden" | "retired";
export const productStatuses = ["active", "hidden", "retired"] as const;

/** How a downgrade applies: kept for the next renewal, or at once with the difference credited. */
export type DowngradeRule = "next_renewal" | "now_with_credit";
export const downgradeRules = ["next_renewal", "now_with_credit"] as const;

/** What cancelling now gives back of the paid period: nothing, or the days left of it, prorated, to the balance. */
export type CancelRefundRule = "none" | "prorated";
export const cancelRefundRules = ["none", "prorated"] as const;

/**
 * A parameter's monthly price per currency, in minor units (`{ USD: 150 }`). A currency the
 * map lacks prices the parameter at 0: a product is offered in a currency by its period prices.
 */
export type MonthlyPrices = Record<string, number>;

export type { LocalizedText } from "../../kernel/localized-text.js";

/** A value chosen for one of a product's parameters (by an order, or a service's change). */
export type ParameterValue = string | number | boolean;
export type ParameterValues = Record<string, ParameterValue>;

/** A parameter a client chooses when ordering; each adds its monthly price × months to a period. `labels`: its label in other locales. */
export type ProductParameter =
  | {
      key: string;
      kind: "integer";
      label: string;
      labels?: LocalizedText;
      unit: string;
      units?: LocalizedText;
      min: number;
      max: number;
      step: number;
      default: number;
      unitPrice: MonthlyPrices;
    }
  | {
      key: string;
      kind: "enum";
      label: string;
      labels?: LocalizedText;
      default: string;
      options: { value: string; label: string; labels?: LocalizedText; price: MonthlyPrices }[];
    }
  | { key: string; kind: "boolean"; label: string; labels?: LocalizedText; default: boolean; price: MonthlyPrices };

export interface ProductPrice {
  currency: string;
  periodMonths: number;
  /** Minor units for the whole period (the base, before parameters). */
  amount: number;
  /** Minor units, charged once with the order. */
  setupFee: number;
}

export interface Product {
  id: string;
  brandId: string;
  code: string;
  /** In the brand's default locale. */
  name: string;
  /** The name in the brand's other locales. */
  names: LocalizedText;
  type: string;
  description: string;
  descriptions: LocalizedText;
  parameters: ProductParameter[];
  status: ProductStatus;
  /** Id of the `provisioner` extension that acts on the infrastructure for its services. */
  provisioner: string;
  provisionerOptions: Record<string, unknown>;
  downgradeRule: DowngradeRule;
  cancelRefund: CancelRefundRule;
}

export interface ProductSummary {
  id: string;
  code: string;
  /** In the brand's default locale; {@link productNameIn} for the caller's. */
  name: string;
  names: LocalizedText;
  type: string;
}
