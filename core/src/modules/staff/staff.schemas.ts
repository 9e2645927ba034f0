import { Email, Enum, Instant, Obj, Type } from "../../http/schema.js";
import { staffRoles } from "./staff-member.js";

export const StaffSignInBody = Obj({ email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) });

export const StaffMe = Obj({
  staff: Obj({ id: Type.String(), email: Type.String(), name: Type.String(), role: Enum(staffRoles) }),
  brand: Obj({ slug: Type.String(), name: Type.String() }),
  session: Obj({ expiresAt: Instant }),
});

export const StaffSignedIn = Type.Composite(
  [StaffMe, Obj({ token: Type.String({ description: "Send as `Authorization: Bearer <token>` on /staff routes; keep it in memory only" }) })],
  { additionalProperties: false },
);
