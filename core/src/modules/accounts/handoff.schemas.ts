import { Email, Instant, Obj, Type } from "../../http/schema.js";
import { Origin } from "../brands/index.js";

const Customer = Obj({
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The provider's own id for its customer" })),
  email: Type.Optional(Email),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "For a new account" })),
});

export const HandoffBody = Obj({
  customer: Customer,
  origin: Type.Unsafe<string>({ ...Origin, description: "The origin of the page that will exchange the code (an allowed origin of the brand)" }),
});

export const HandoffCode = Obj({
  code: Type.String({ description: "One-time: give it to `<cab-config handoff>` or `setHandoff()`" }),
  expiresAt: Instant,
  userId: Type.String(),
  created: Type.Boolean({ description: "Whether this hand-off created the client's account" }),
});

export const HandoffSignOutBody = Obj({ customer: Customer });
export const HandoffSignOutAnswer = Obj({ ended: Type.Integer({ description: "Sessions ended" }) });

export const HandoffExchangeBody = Obj({
  code: Type.String({ pattern: "^[A-Za-z0-9_-]{43}$", maxLength: 43 }),
  mode: Type.Optional(Type.Unsafe<"cookie" | "bearer">({ type: "string", enum: ["cookie", "bearer"], default: "bearer" })),
});
