import { defineRoute } from "../../http/route.js";
import { BrandPublicView } from "./brands.schemas.js";

export const brandRoutes = [
  defineRoute({
    method: "get",
    path: "/brand",
    operationId: "getBrand",
    summary: "The public profile of the request's brand: name, languages, currencies, support contacts and theme",
    description: 'The brand is the session\'s, else the one the request names or comes from. `<cab-config theme="brand">` applies its theme tokens.',
    tags: ["brands"],
    auth: "optional",
    // Public facts the page needs to draw anything, whatever the session must do first.
    exemptFromGuards: true,
    response: BrandPublicView,
    handler: async ({ brand }) => ({
      slug: brand.slug,
      name: brand.name,
      defaultLocale: brand.defaultLocale,
      locales: brand.locales,
      defaultCurrency: brand.defaultCurrency,
      currencies: brand.currencies,
      support: brand.support,
      theme: brand.theme,
    }),
  }),
];
