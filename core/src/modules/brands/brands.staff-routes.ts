import { defineRoute } from "../../http/route.js";
import { BrandPatchBody, BrandView } from "./brands.schemas.js";
import { describeBrand } from "./describe-brand.js";
import { UpdateBrand } from "./update-brand.js";

// Staff see and change their own brand only: the route names no brand, the staff session does.
// Creating brands is the operator's job (`cabinet brand create`), not a brand's admin's.
export const staffBrandRoutes = [
  defineRoute({
    method: "get",
    path: "/staff/brand",
    operationId: "staffGetBrand",
    summary: "The staff member's brand, every setting",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    response: BrandView,
    handler: async ({ brand }) => describeBrand(brand),
  }),
  defineRoute({
    method: "patch",
    path: "/staff/brand",
    operationId: "staffUpdateBrand",
    summary: "Change the staff member's brand",
    description:
      "Only the fields given change; an unknown field, an invalid origin or locale answers 400 and changes nothing. Dropping a currency that accounts hold or live services are priced in answers 409 CAB_ERR_CURRENCY_IN_USE. In effect on every core process within `brands.cacheCheckMs`, with no restart.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    body: BrandPatchBody,
    response: BrandView,
    handler: async ({ brand, body, scope }) => describeBrand(await scope.resolve(UpdateBrand).execute(brand.slug, body)),
  }),
];
