import { Email, Enum, Instant, Obj, Type } from "../../http/schema.js";
import { permissions, rightActions, sections } from "./auth-context.js";

/** Rights as section → actions; a section absent is one the user cannot see. */
export const RightsSchema = Obj(
  Object.fromEntries(sections.map((s) => [s, Type.Optional(Type.Array(Enum(rightActions), { uniqueItems: true, maxItems: rightActions.length }))])),
  { description: "Section → the actions allowed in it (`view`, `order`, `change`, `delete`, `pay`, `export`)" },
);

export const Locale = Enum(["en", "ru"]);
const Password = Type.String({ minLength: 1, maxLength: 256 });
const SessionMode = Enum(["cookie", "bearer"], {
  description: "`cookie` (same site: HttpOnly cookie + CSRF header) or `bearer` (any site: token kept in memory)",
  default: "cookie",
});

export const SignInBody = Obj({ email: Email, password: Password, mode: Type.Optional(SessionMode) });

export const SignUpBody = Obj({
  email: Email,
  password: Password,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Enum(["person", "company"], { default: "person" }),
  companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  locale: Type.Optional(Locale),
  mode: Type.Optional(SessionMode),
});

export const Me = Obj({
  user: Obj({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Enum(["owner", "member"]),
    permissions: Type.Array(Enum(permissions), { description: "The sections of old the user may see" }),
    rights: RightsSchema,
    roles: Type.Array(Type.String(), { description: "Role keys held in this account: `accountant`, `sysadmin`, `viewer`, or a custom role's id" }),
    serviceScope: Type.Union([Type.Array(Type.String()), Type.Null()], { description: "The only services the user sees and acts on; null for all" }),
    mustChangePassword: Type.Boolean({ description: "Created by the owner with a password to hand over: every other call answers 403 CAB_ERR_PASSWORD_CHANGE_REQUIRED until it is changed" }),
    locale: Type.String(),
  }),
  account: Obj({
    id: Type.String(),
    name: Type.String(),
    kind: Enum(["person", "company"]),
    currency: Type.String(),
  }),
  brand: Obj({ slug: Type.String(), name: Type.String() }),
  session: Obj({
    csrfToken: Type.String({ description: "Send as X-CSRF-Token on unsafe requests authenticated by the cookie" }),
    expiresAt: Instant,
    via: Enum(["cookie", "bearer"]),
    staff: Type.Union([Obj({ id: Type.String(), mode: Enum(["read", "act"]) }), Type.Null()], { description: "A staff member signed in as the client" }),
  }),
});

export const SignedIn = Type.Composite([
  Me,
  Obj({ token: Type.Union([Type.String(), Type.Null()], { description: "The bearer token (mode `bearer` only)" }) }),
], { additionalProperties: false });

export const SessionState = Obj({
  signedIn: Type.Boolean(),
  me: Type.Union([Me, Type.Null()]),
});
