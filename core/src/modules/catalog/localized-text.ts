import { textIn, type TranslationsAt } from "../../kernel/localized-text.js";
import type { LocalizedName } from "../../i18n/index.js";
import type { Product, ProductParameter } from "./product.js";

/** A product's (or its summary's) name in `locale`, for lists of services, invoices and tickets. */
export function productNameIn(product: { name: string; names?: Record<string, string> }, locale: string): string {
  return textIn(product.name, product.names, locale);
}

/** A product's name as a text parameter: written out in the reader's language when read (an invoice line names it so). */
export function productNameText(product: { name: string; names?: Record<string, string> }): LocalizedName {
  return { names: product.names ?? {}, fallback: product.name };
}

/** The parameters with their labels, units and options' labels in `locale` (the per-locale maps left out). */
export function parametersIn(parameters: ProductParameter[], locale: string): ProductParameter[] {
  return parameters.map(({ labels, ...p }) => {
    const label = textIn(p.label, labels, locale);
    if (p.kind === "integer") {
      const { units, ...rest } = p;
      return { ...rest, label, unit: textIn(p.unit, units, locale) };
    }
    if (p.kind !== "enum") return { ...p, label };
    return { ...p, label, options: p.options.map(({ labels: optionLabels, ...o }) => ({ ...o, label: textIn(o.label, optionLabels, locale) })) };
  });
}

/** The product with every text a client reads in `locale`: name, description, parameters. */
export function productIn(product: Product, locale: string): Product {
  return {
    ...product,
    name: productNameIn(product, locale),
    description: textIn(product.description, product.descriptions, locale),
    parameters: parametersIn(product.parameters, locale),
  };
}

/** Every per-locale map of a product's parameters, with its place in the body (`/parameters/0/options/1/labels`). */
export function parameterTranslations(parameters: ProductParameter[] | undefined): TranslationsAt[] {
  return (parameters ?? []).flatMap((p, i) => [
    { path: `/parameters/${i}/labels`, texts: p.labels },
    ...(p.kind === "integer" ? [{ path: `/parameters/${i}/units`, texts: p.units }] : []),
    ...(p.kind === "enum" ? p.options.map((o, j) => ({ path: `/parameters/${i}/options/${j}/labels`, texts: o.labels })) : []),
  ]);
}
