import { Email, Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
import { permissions } from "./auth-context.js";
import { Ceremony, PasskeyRegistrationResponse, RightsSchema } from "./accounts.schemas.js";

const RoleKey = Type.String({
  pattern: "^(accountant|sysadmin|viewer|rol_[0-9a-z]{10,40})$",
  maxLength: 64,
  description: "`accountant`, `sysadmin`, `viewer`, or a custom role's id",
});
const RoleName = Type.String({ minLength: 1, maxLength: 80, pattern: "\\S" });
const ServiceIds = Type.Union([Type.Array(Id("svc"), { maxItems: 500 }), Type.Null()], {
  description: "Limit the user to these services; null for every service",
});

export const RoleView = Obj({ key: Type.String(), name: Type.String(), builtIn: Type.Boolean(), rights: RightsSchema, holders: Type.Integer() });
export const RoleList = Obj({ items: Type.Array(RoleView) });
export const CreateRoleBody = Obj({ name: RoleName, rights: RightsSchema });
export const UpdateRoleBody = Obj({ name: Type.Optional(RoleName), rights: Type.Optional(RightsSchema) });
export const RoleIdParams = Obj({ id: Id("rol") });

export const UserIdParams = Obj({ id: Id("usr") });
export const MemberView = Obj({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Enum(["owner", "member"]),
  status: Enum(["active", "suspended", "removed"]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Enum(permissions), { description: "Sections granted whole, from before roles existed" }),
  serviceScope: Type.Union([Type.Array(Type.String()), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  createdAt: Instant,
});
export const MemberList = Obj({ items: Type.Array(MemberView) });
export const MemberAccessBody = Obj({ roles: Type.Array(RoleKey, { maxItems: 20 }), serviceIds: ServiceIds });

const Password = Type.String({ minLength: 1, maxLength: 256 });
const Roles = Type.Array(RoleKey, { minItems: 1, maxItems: 20, description: "At least one role" });

export const InvitationIdParams = Obj({ id: Id("ivt") });
/** Re-authentication before giving someone a way into the account: the caller's password (when they have one) and second factor's code (when it is on). */
const ReauthCode = Type.Optional(
  Type.String({
    minLength: 6,
    maxLength: 32,
    description: "Re-authentication: a code from the authenticator app (or a recovery code), when a second factor is on",
  }),
);

export const InviteBody = Obj({
  email: Email,
  roles: Roles,
  serviceIds: ServiceIds,
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: "Re-authentication: the caller's current password, when they have one" })),
  code: ReauthCode,
});
export const InvitationView = Obj({
  id: Type.String(),
  email: Type.String(),
  roles: Type.Array(Type.String()),
  serviceIds: Type.Union([Type.Array(Type.String()), Type.Null()]),
  status: Enum(["pending", "accepted", "revoked", "expired"]),
  createdAt: Instant,
  expiresAt: Instant,
});
export const InvitationSent = Obj({
  invitation: InvitationView,
  link: Type.String({ description: "The single-use link; also published as `user.invited` for delivery by e-mail" }),
});
export const InvitationList = Obj({ items: Type.Array(InvitationView) });
const InvitationToken = Type.String({ pattern: "^cabi_[A-Za-z0-9_-]{20,100}$", maxLength: 110 });
export const InvitationTokenParams = Obj({ token: InvitationToken });
export const InvitationPreview = Obj({ email: Type.String(), accountName: Type.String(), expiresAt: Instant });
const NewLoginName = Type.String({ minLength: 1, maxLength: 200 });
export const AcceptInvitationBody = Obj({
  token: InvitationToken,
  name: Type.Optional(NewLoginName),
  password: Type.Optional(Password),
  locale: Type.Optional(Enum(["en", "ru"])),
  mode: Type.Optional(Enum(["cookie", "bearer"], { default: "cookie" })),
});
export const InvitationPasskeyOptionsBody = Obj({
  token: InvitationToken,
  name: NewLoginName,
  mode: Type.Optional(Enum(["cookie", "bearer"], { default: "cookie", description: "How the new login is signed in at the second call" })),
});
export const AcceptInvitationWithPasskeyBody = Obj({
  token: InvitationToken,
  ceremony: Ceremony,
  name: NewLoginName,
  passkeyName: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: "What the passkey is called in the user's settings; `Passkey` when left out" }),
  ),
  locale: Type.Optional(Enum(["en", "ru"])),
  response: PasskeyRegistrationResponse,
});
export const InvitationAccepted = Obj({
  accountId: Type.String(),
  userId: Type.String(),
  token: Type.Union([Type.String(), Type.Null()], { description: "A new login signed in with `mode: bearer`: its token" }),
});
export const CreateUserBody = Obj({
  email: Email,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 256, description: "The new user's password, to hand over (they change it at their first sign-in)" }),
  locale: Type.Optional(Enum(["en", "ru"])),
  roles: Roles,
  serviceIds: ServiceIds,
  currentPassword: Type.Optional(
    Type.String({ minLength: 1, maxLength: 256, description: "Re-authentication: the caller's current password, when they have one" }),
  ),
  code: ReauthCode,
});
export const CreatedUser = Obj({ id: Type.String(), email: Type.String() });
export const MemberStatusBody = Obj({ status: Enum(["active", "suspended"]) });
export const MemberRoleBody = Obj({
  role: Enum(["owner", "member"]),
  transfer: Type.Optional(Type.Boolean({ description: "Hand the account over: the caller becomes a member" })),
  password: Type.Optional(Password),
  code: Type.Optional(Type.String({ maxLength: 40, description: "The second factor, when the caller has one on" })),
});

export const MyAccounts = Obj({
  items: Type.Array(
    Obj({ id: Type.String(), name: Type.String(), kind: Enum(["person", "company"]), role: Enum(["owner", "member"]), current: Type.Boolean() }),
  ),
});
export const SwitchAccountBody = Obj({ accountId: Id("acc") });

export { Email, RoleKey, ServiceIds };
