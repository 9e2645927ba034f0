import { Email, Enum, Instant, Obj, Type } from "../../http/schema.js";
import { permissions } from "./auth-context.js";

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
  /** Ignored: sign-up no longer signs in (sign in next); accepted so that older clients are not refused. */
  mode: Type.Optional(SessionMode),
});

export const SignUpAccepted = Obj({
  status: Type.Literal("accepted"),
  next: Type.Literal("sign_in", { description: "What the client does next: sign in with the e-mail and password" }),
});

export const Me = Obj({
  user: Obj({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Enum(["owner", "member"]),
    permissions: Type.Array(Enum(permissions)),
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
