import { Cursor, Enum, Currency, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { serviceStatuses } from "./service.js";

export const ServiceStatusSchema = Enum(serviceStatuses);

export const ServiceView = Obj({
  id: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  status: ServiceStatusSchema,
  product: Obj({ id: Type.String(), code: Type.String(), name: Type.String(), type: Type.String() }),
  parameters: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  price: Obj({ amount: Type.Integer({ description: "Minor units per period" }), currency: Currency }),
  periodMonths: Type.Integer(),
  paidUntil: Type.Union([Instant, Type.Null()]),
  autoRenew: Type.Boolean(),
  createdAt: Instant,
});

export const ListServicesQuery = Obj({
  status: Type.Optional(ServiceStatusSchema),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const ServicesPage = Page(ServiceView);
export const ServiceIdParams = Obj({ id: Id("svc") });
