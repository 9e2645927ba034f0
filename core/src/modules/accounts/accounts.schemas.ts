import { Email, Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
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
  /** Ignored: sign-up no longer signs in (sign in next); accepted so that older clients are not refused. */
  mode: Type.Optional(SessionMode),
  page: Type.Optional(
    Type.String({ format: "uri", maxLength: 500, description: "The page the e-mail verification link opens (on an allowed origin of the brand)" }),
  ),
  consents: Type.Optional(
    Type.Array(Obj({ documentId: Id("lgd"), decision: Enum(["accepted", "declined"]) }), {
      maxItems: 8,
      description:
        "Decisions on the legal documents in force that the sign-up form shows (`showOnSignUp` in `GET /legal-documents`): each must-agree one accepted",
    }),
  ),
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
    permissions: Type.Array(Enum(permissions), { description: "The sections of old the user may see" }),
    rights: RightsSchema,
    roles: Type.Array(Type.String(), { description: "Role keys held in this account: `accountant`, `sysadmin`, `viewer`, or a custom role's id" }),
    serviceScope: Type.Union([Type.Array(Type.String()), Type.Null()], { description: "The only services the user sees and acts on; null for all" }),
    mustChangePassword: Type.Boolean({
      description: "Created by the owner with a password to hand over: every other call answers 403 CAB_ERR_PASSWORD_CHANGE_REQUIRED until it is changed",
    }),
    locale: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    timezone: Type.String(),
    rowsPerPage: Type.Integer(),
    emailVerified: Type.Boolean(),
  }),
  account: Obj({
    id: Type.String(),
    name: Type.String(),
    kind: Enum(["person", "company"]),
    currency: Type.String(),
    locale: Type.String({ description: "The account's language: documents and account-wide messages" }),
  }),
  brand: Obj({ slug: Type.String(), name: Type.String() }),
  session: Obj({
    csrfToken: Type.String({ description: "Send as X-CSRF-Token on unsafe requests authenticated by the cookie" }),
    expiresAt: Instant,
    via: Enum(["cookie", "bearer"]),
    staff: Type.Union([Obj({ id: Type.String(), mode: Enum(["read", "act"]) }), Type.Null()], { description: "A staff member signed in as the client" }),
  }),
});

export const SignedIn = Type.Composite(
  [Me, Obj({ token: Type.Union([Type.String(), Type.Null()], { description: "The bearer token (mode `bearer` only)" }) })],
  { additionalProperties: false },
);

export const SessionState = Obj({
  signedIn: Type.Boolean(),
  me: Type.Union([Me, Type.Null()]),
});

/** Re-authentication for a sensitive action: the password, and the second factor's code when one is on. */
const Reauth = {
  password: Type.Optional(Password),
  code: Type.Optional(Type.String({ minLength: 6, maxLength: 32, description: "A code from the authenticator app, or a recovery code" })),
};
const Page = Type.Optional(Type.String({ format: "uri", maxLength: 500, description: "The page the e-mailed link opens: an allowed origin of the brand" }));
const Token = Type.String({ pattern: "^cabl_[A-Za-z0-9_-]{43}$", maxLength: 48, description: "The token from the e-mailed link" });

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Type.Optional(Type.Union([Type.String({ pattern: "^\\+?[0-9][0-9 ()-]{3,30}$", maxLength: 32 }), Type.Null()])),
    locale: Type.Optional(Locale),
    accountLocale: Type.Optional(Locale),
    timezone: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_+/-]{1,64}$", maxLength: 64, description: "IANA time zone, e.g. Europe/Berlin" })),
    rowsPerPage: Type.Optional(Type.Unsafe<10 | 20 | 50 | 100>({ type: "integer", enum: [10, 20, 50, 100] })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const PasswordChangeBody = Obj({ newPassword: Password, ...Reauth });
export const EmailChangeBody = Obj({ newEmail: Email, page: Page, ...Reauth });
export const ResetRequestBody = Obj({ email: Email, page: Page });
export const ResetConfirmBody = Obj({ token: Token, password: Password });
export const TokenBody = Obj({ token: Token });
export const PageBody = Obj({ page: Page });

export const SessionInfo = Obj({
  id: Type.String(),
  current: Type.Boolean(),
  ip: Type.String(),
  userAgent: Type.String(),
  device: Obj({ browser: Type.Union([Type.String(), Type.Null()]), os: Type.Union([Type.String(), Type.Null()]), deviceType: Type.String() }),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
});
export const SessionList = Obj({ items: Type.Array(SessionInfo) });
export const Ended = Obj({ ended: Type.Integer() });
export const Accepted = Obj({ accepted: Type.Literal(true, { description: "Taken in; the e-mail (if any) goes out shortly" }) });

export const ReauthBody = Obj(Reauth);
export const CodeBody = Obj({ code: Type.String({ pattern: "^[0-9]{6}$", maxLength: 6 }) });
export const TwoFactorStatus = Obj({ enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() });
export const TwoFactorSetup = Obj({
  secret: Type.String({ description: "Base32, for typing into the app by hand" }),
  otpauthUrl: Type.String(),
  qrSvg: Type.String({ description: "The otpauth URL as a QR code, an SVG drawn by the core" }),
});
export const RecoveryCodes = Obj({ recoveryCodes: Type.Array(Type.String(), { description: "Shown once; each works once" }) });
export const SecondFactorBody = Obj({
  challenge: Type.String({ pattern: "^cabc_[A-Za-z0-9_-]{43}$", maxLength: 48, description: "From the 401 CAB_ERR_SECOND_FACTOR_REQUIRED of the first step" }),
  code: Type.String({ minLength: 6, maxLength: 32, description: "A TOTP code or a recovery code" }),
});

const B64 = (max = 4096) => Type.String({ pattern: "^[A-Za-z0-9_-]*={0,2}$", maxLength: max });
const Extensions = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { description: "clientExtensionResults, as the browser gives them" });
/** `RegistrationResponseJSON` of @simplewebauthn/browser: what `startRegistration` answers. */
export const PasskeyRegistrationResponse = Obj({
  id: B64(1024),
  rawId: B64(1024),
  type: Type.Literal("public-key"),
  authenticatorAttachment: Type.Optional(Enum(["platform", "cross-platform"])),
  clientExtensionResults: Extensions,
  response: Obj({
    clientDataJSON: B64(),
    attestationObject: B64(16_384),
    authenticatorData: Type.Optional(B64()),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(B64()),
  }),
});
/** `AuthenticationResponseJSON` of @simplewebauthn/browser: what `startAuthentication` answers. */
export const PasskeyAuthenticationResponse = Obj({
  id: B64(1024),
  rawId: B64(1024),
  type: Type.Literal("public-key"),
  authenticatorAttachment: Type.Optional(Enum(["platform", "cross-platform"])),
  clientExtensionResults: Extensions,
  response: Obj({
    clientDataJSON: B64(),
    authenticatorData: B64(),
    signature: B64(),
    userHandle: Type.Optional(B64(1024)),
  }),
});
export const Ceremony = Type.String({ pattern: "^cabw_[A-Za-z0-9_-]{43}$", maxLength: 48, description: "From the options call" });
const PasskeyName = Type.String({ minLength: 1, maxLength: 100 });
export const PasskeyOptions = Obj({
  ceremony: Type.String(),
  options: Type.Record(Type.String(), Type.Unknown(), { description: "For @simplewebauthn/browser's startRegistration / startAuthentication (`optionsJSON`)" }),
});
export const PasskeyRegisterBody = Obj({ ceremony: Ceremony, name: PasskeyName, response: PasskeyRegistrationResponse });
export const PasskeySignInOptionsBody = Obj({
  mode: Type.Optional(SessionMode),
  secondFactorChallenge: Type.Optional(
    Type.String({ pattern: "^cabc_[A-Za-z0-9_-]{43}$", maxLength: 48, description: "To use the passkey as the second factor of a sign-in" }),
  ),
});
export const PasskeySignInBody = Obj({ ceremony: Ceremony, response: PasskeyAuthenticationResponse });
export const PasskeyRenameBody = Obj({ name: PasskeyName });
export const PasskeyInfo = Obj({ id: Type.String(), name: Type.String(), createdAt: Instant, lastUsedAt: Type.Union([Instant, Type.Null()]) });
export const PasskeyList = Obj({ items: Type.Array(PasskeyInfo) });
