import { Cursor, Enum, Currency, Id, Instant, Limit, Obj, Page, Type, type Static } from "../../http/schema.js";
import { catalogSchemas } from "../catalog/index.js";
import { serviceStatuses } from "./service.js";

const { Money, ParameterValues } = catalogSchemas;

export const ServiceStatusSchema = Enum(serviceStatuses);

const Values = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]));
const ActionState = Obj({
  allowed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: "Why not, as a code: `status:<status>`, `permission:services`, `cancel_at_period_end`" }),
});

export const ServiceView = Obj({
  id: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  status: ServiceStatusSchema,
  product: Obj({ id: Type.String(), code: Type.String(), name: Type.String(), type: Type.String() }),
  parameters: Values,
  price: Obj({ amount: Type.Integer({ description: "Minor units per period" }), currency: Currency }),
  periodMonths: Type.Integer(),
  paidUntil: Type.Union([Instant, Type.Null()]),
  autoRenew: Type.Boolean(),
  createdAt: Instant,
  nextParameters: Type.Union([Values, Type.Null()], { description: "A downgrade waiting for the next renewal" }),
  cancelAtPeriodEnd: Type.Boolean(),
  statusReason: Type.Union([Type.String(), Type.Null()], {
    description: "Why it is in its status, as stored: a code (`unpaid`, `staff`, `client`) or the provisioning error",
  }),
  statusReasonText: Type.Union([Type.String(), Type.Null()], { description: "`statusReason` as a sentence in the account's language, for display" }),
  invoiceId: Type.Union([Type.String(), Type.Null()], {
    description: "The open invoice that pays for it: its order's while awaiting payment, or a renewal's waiting",
  }),
  actions: Obj({ renew: ActionState, change: ActionState, cancel: ActionState, delete: ActionState, autoRenew: ActionState }),
});

export const ListServicesQuery = Obj({
  status: Type.Optional(ServiceStatusSchema),
  type: Type.Optional(Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", maxLength: 32, description: "The product's type" })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The label or the product's name contains it (any case)" })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const ServicesPage = Page(ServiceView);
export const ServiceIdParams = Obj({ id: Id("svc") });

export const HistoryQuery = Obj({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const HistoryPage = Page(
  Obj({
    at: Instant,
    fromStatus: Type.Union([ServiceStatusSchema, Type.Null()]),
    toStatus: ServiceStatusSchema,
    action: Type.String(),
    actor: Enum(["client", "staff", "system"] as const),
    details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  }),
);

export const UpdateServiceBody = Obj({
  label: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()])),
  autoRenew: Type.Optional(Type.Boolean()),
});

export const ChangeBody = Obj({ parameters: ParameterValues });
export const ChangePreview = Obj({
  kind: Enum(["upgrade", "downgrade", "same"] as const),
  appliesAt: Enum(["now", "next_renewal"] as const),
  amountDue: Money,
  newPricePerPeriod: Money,
  remainingDays: Type.Integer(),
  periodDays: Type.Integer(),
});

export const RenewBody = Obj({ periods: Type.Integer({ minimum: 1, maximum: 36 }) });
export const RenewResult = Obj({ service: ServiceView, paid: Enum(["balance", "invoice"] as const), invoiceId: Type.Union([Type.String(), Type.Null()]) });

export const CancelBody = Obj({ when: Enum(["now", "period_end"] as const) });

export const CancelPreview = Obj({
  kind: Enum(["cancel", "withdraw"] as const, {
    description: "`withdraw`: an unpaid order is called off (its invoice voided, nothing charged); `cancel`: a service stops",
  }),
  refundRule: Enum(["none", "prorated"] as const, { description: "The product's rule for what cancelling now gives back" }),
  refund: Money,
  remainingDays: Type.Integer({ description: "Whole days already paid for and not used yet (the day under way counts as used)" }),
  paidUntil: Type.Union([Instant, Type.Null()]),
  invoiceId: Type.Union([Type.String(), Type.Null()], { description: "A withdrawal: the invoice voided" }),
  services: Type.Array(Type.String(), { description: "A withdrawal: every service of the order (one invoice pays them all, so they go together)" }),
});

export const OrderBody = Obj({
  items: Type.Array(
    Obj({
      productId: Id("prd"),
      periodMonths: Type.Integer({ minimum: 1, maximum: 120 }),
      parameters: Type.Optional(ParameterValues),
      label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
      autoRenew: Type.Optional(Type.Boolean()),
    }),
    { minItems: 1, maxItems: 10 },
  ),
  payerId: Type.Optional(
    Type.String({ ...Id("pyr"), description: "Who the order's invoice is made out to (one of the account's payers); the default payer when absent" }),
  ),
});

export const OrderView = Obj({
  id: Type.String(),
  status: Enum(["paid", "awaiting_payment"] as const),
  total: Money,
  services: Type.Array(ServiceView),
  invoiceId: Type.Union([Type.String(), Type.Null()]),
});
/** The answer to an order, the same on a replay with the same Idempotency-Key. */
export type PlacedOrder = Static<typeof OrderView>;
