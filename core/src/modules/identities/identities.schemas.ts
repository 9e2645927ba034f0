import { Enum, Id, Instant, Obj, Type } from "../../http/schema.js";

const ProviderId = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$", maxLength: 64 });

export const ProviderParams = Obj({ provider: ProviderId });
export const ProvidersView = Obj({ items: Type.Array(Obj({ id: Type.String(), label: Type.String() })) });

export const StartExternalBody = Obj({
  purpose: Enum(["sign-in", "bind"], { default: "sign-in" }),
  returnTo: Type.String({ minLength: 8, maxLength: 1000, description: "The page to come back to, on an allowed origin of the brand" }),
  mode: Type.Optional(Enum(["cookie", "bearer"], { default: "cookie" })),
  password: Type.Optional(
    Type.String({ minLength: 1, maxLength: 256, description: "Binding: the current password (re-authentication), when the user has one" }),
  ),
  code: Type.Optional(
    Type.String({ minLength: 6, maxLength: 32, description: "Binding: a code from the authenticator app (or a recovery code), when a second factor is on" }),
  ),
  invitation: Type.Optional(
    Type.String({
      pattern: "^cabi_[A-Za-z0-9_-]{20,100}$",
      maxLength: 110,
      description: "Sign in to accept this invitation (its link's token): the invitee joins the inviting account at the callback",
    }),
  ),
});
export const StartExternalView = Obj({ url: Type.String({ description: "The provider's authorization URL: send the browser there" }) });

export const CallbackQuery = Obj({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 200 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  session_state: Type.Optional(Type.String({ maxLength: 500 })),
  scope: Type.Optional(Type.String({ maxLength: 1000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 1000 })),
  error_uri: Type.Optional(Type.String({ maxLength: 1000 })),
});
export const Redirecting = Type.String({ maxLength: 2000, description: "A short page; the browser follows `Location`" });

export const ExchangeBody = Obj({ code: Type.String({ pattern: "^[A-Za-z0-9_-]{20,100}$", maxLength: 100 }) });

export const SignInMethodsView = Obj({
  providers: Type.Array(Obj({ id: Type.String(), label: Type.String() })),
  identities: Type.Array(
    Obj({ id: Type.String(), provider: Type.String(), label: Type.String(), email: Type.Union([Type.String(), Type.Null()]), createdAt: Instant }),
  ),
  hasPassword: Type.Boolean(),
  passkeys: Type.Integer({ minimum: 0, description: "How many passkeys the user has: each is a way to sign in too" }),
  twoFactor: Type.Boolean({ description: "Whether a second factor is on: binding and unbinding then need a `code` too" }),
});
export const IdentityParams = Obj({ id: Id("xid") });
export const UnbindBody = Obj({
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  code: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
});
