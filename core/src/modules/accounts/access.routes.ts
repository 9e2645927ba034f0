import { defineRoute } from "../../http/route.js";
import {
  AcceptInvitationBody,
  CreatedUser,
  CreateRoleBody,
  CreateUserBody,
  InvitationAccepted,
  InvitationIdParams,
  InvitationList,
  InvitationPreview,
  InvitationSent,
  InvitationTokenParams,
  InviteBody,
  MemberAccessBody,
  MemberList,
  MemberRoleBody,
  MemberStatusBody,
  RoleIdParams,
  RoleList,
  RoleView,
  UpdateRoleBody,
  UserIdParams,
  MyAccounts,
  SwitchAccountBody,
} from "./access.schemas.js";
import { ListMyAccounts, SwitchAccount } from "./switch-account.js";
import { SignInAsClient } from "./sign-in-as-client.js";
import { Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
import { setSessionCookie } from "../../http/session-cookie.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { AcceptInvitation, PeekInvitation } from "./accept-invitation.js";
import { ChangeMemberStatus } from "./change-member-status.js";
import { CreateUser } from "./create-user.js";
import { InviteUser } from "./invite-user.js";
import { ListInvitations } from "./list-invitations.js";
import { ResendInvitation } from "./resend-invitation.js";
import { RevokeInvitation } from "./revoke-invitation.js";
import { SetMemberRole } from "./set-member-role.js";
import { CreateRole } from "./create-role.js";
import { DeleteRole } from "./delete-role.js";
import { ListMembers } from "./list-members.js";
import { ListRoles } from "./list-roles.js";
import { SetMemberAccess } from "./set-member-access.js";
import { UpdateRole } from "./update-role.js";
import { Reauthenticate } from "./reauthenticate.js";

// Users and roles are the owner's alone, whatever a role grants (403 CAB_ERR_OWNER_ONLY).
const owner = { auth: "user" as const, ownerOnly: true };

export const accessRoutes = [
  defineRoute({
    ...owner,
    method: "get",
    path: "/roles",
    operationId: "listRoles",
    summary: "The account's roles: the built-in templates and its own",
    tags: ["users"],
    response: RoleList,
    handler: ({ auth, scope }) => scope.resolve(ListRoles).execute(auth),
  }),
  defineRoute({
    ...owner,
    method: "post",
    path: "/roles",
    operationId: "createRole",
    summary: "Make a role with a rights table (section × action)",
    description: "422 CAB_ERR_ROLE_GRANTS_NOTHING for a role without a single right; 409 for a name the account (or a built-in role) already has.",
    tags: ["users"],
    body: CreateRoleBody,
    response: RoleView,
    status: 201,
    handler: ({ auth, body, scope }) => scope.resolve(CreateRole).execute(auth, body),
  }),
  defineRoute({
    ...owner,
    method: "patch",
    path: "/roles/:id",
    operationId: "updateRole",
    summary: "Rename a role or change its rights; holders have the new rights at their next request",
    tags: ["users"],
    params: RoleIdParams,
    body: UpdateRoleBody,
    response: RoleView,
    handler: ({ auth, params, body, scope }) => scope.resolve(UpdateRole).execute(auth, params.id, body),
  }),
  defineRoute({
    ...owner,
    method: "delete",
    path: "/roles/:id",
    operationId: "deleteRole",
    summary: "Delete a role; its holders lose what it granted",
    tags: ["users"],
    params: RoleIdParams,
    response: null,
    handler: ({ auth, params, scope }) => scope.resolve(DeleteRole).execute(auth, params.id),
  }),
  defineRoute({
    ...owner,
    method: "get",
    path: "/users",
    operationId: "listUsers",
    summary: "The people of the account with their roles and service scopes",
    tags: ["users"],
    response: MemberList,
    handler: ({ auth, scope }) => scope.resolve(ListMembers).execute(auth),
  }),
  defineRoute({
    ...owner,
    method: "put",
    path: "/users/:id/access",
    operationId: "setUserAccess",
    summary: "Set a user's roles and the services they are limited to",
    description:
      "Several roles: the most permissive right wins. `serviceIds` limits the user to those services in every list and action; null lifts the limit. An id of another account answers 404.",
    tags: ["users"],
    params: UserIdParams,
    body: MemberAccessBody,
    response: null,
    handler: ({ auth, params, body, scope }) => scope.resolve(SetMemberAccess).execute(auth, params.id, body),
  }),
  defineRoute({
    ...owner,
    method: "post",
    path: "/users",
    operationId: "createUser",
    summary: "Create a user with a password to hand over; they must change it at their first sign-in",
    description:
      "Re-authentication first: `currentPassword` when the caller has one, `code` when their second factor is on (403 CAB_ERR_REAUTH_FAILED). 409 CAB_ERR_EMAIL_TAKEN when the brand has a login with this e-mail (invite it instead).",
    tags: ["users"],
    body: CreateUserBody,
    response: CreatedUser,
    status: 201,
    async handler({ auth, body, scope }) {
      await scope
        .resolve(Reauthenticate)
        .execute(auth, scope.resolve<RequestContext>(TOKENS.RequestContext).ip, { password: body.currentPassword, code: body.code });
      return scope.resolve(CreateUser).execute(auth, body);
    },
  }),
  defineRoute({
    ...owner,
    method: "put",
    path: "/users/:id/status",
    operationId: "setUserStatus",
    summary: "Disable (ends their sessions at once) or enable a user",
    description: "409 for yourself; 409 CAB_ERR_LAST_OWNER for the last owner.",
    tags: ["users"],
    params: UserIdParams,
    body: MemberStatusBody,
    response: null,
    handler: ({ auth, params, body, scope }) => scope.resolve(ChangeMemberStatus).execute(auth, params.id, body.status === "active" ? "enable" : "disable"),
  }),
  defineRoute({
    ...owner,
    method: "delete",
    path: "/users/:id",
    operationId: "removeUser",
    summary: "Remove a user from the account; their sessions in it end at once",
    description: "The owner cannot remove themself (409); the last owner stays (409 CAB_ERR_LAST_OWNER).",
    tags: ["users"],
    params: UserIdParams,
    response: null,
    handler: ({ auth, params, scope }) => scope.resolve(ChangeMemberStatus).execute(auth, params.id, "remove"),
  }),
  defineRoute({
    ...owner,
    method: "put",
    path: "/users/:id/role",
    operationId: "setUserRole",
    summary: "Make a user an owner or a member; `transfer` hands the account over",
    description:
      "Making someone an owner needs the caller's password again, and their second factor when one is on (403 CAB_ERR_REAUTH_FAILED). The account always keeps an owner: two owners demoting each other at once cannot both succeed (409 CAB_ERR_LAST_OWNER or 403 CAB_ERR_OWNER_ONLY).",
    tags: ["users"],
    params: UserIdParams,
    body: MemberRoleBody,
    response: null,
    handler: ({ auth, params, body, scope }) =>
      scope
        .resolve(SetMemberRole)
        .execute(
          auth,
          params.id,
          { role: body.role, transfer: body.transfer, proof: { password: body.password, code: body.code } },
          scope.resolve<RequestContext>(TOKENS.RequestContext).ip,
        ),
  }),
  defineRoute({
    ...owner,
    method: "get",
    path: "/users/invitations",
    operationId: "listInvitations",
    summary: "The account's invitations and their status",
    tags: ["users"],
    response: InvitationList,
    handler: ({ auth, scope }) => scope.resolve(ListInvitations).execute(auth),
  }),
  defineRoute({
    ...owner,
    method: "post",
    path: "/users/invitations",
    operationId: "inviteUser",
    summary: "Invite a person by e-mail with roles: a single-use link, valid 7 days",
    description: "Re-authentication first: `password` when the caller has one, `code` when their second factor is on (403 CAB_ERR_REAUTH_FAILED).",
    tags: ["users"],
    body: InviteBody,
    response: InvitationSent,
    status: 201,
    async handler({ auth, body, scope }) {
      await scope.resolve(Reauthenticate).execute(auth, scope.resolve<RequestContext>(TOKENS.RequestContext).ip, { password: body.password, code: body.code });
      return scope.resolve(InviteUser).execute(auth, body);
    },
  }),
  defineRoute({
    ...owner,
    method: "post",
    path: "/users/invitations/:id/revoke",
    operationId: "revokeInvitation",
    summary: "Take an invitation back; its link stops working",
    description: "410 CAB_ERR_INVITATION_INVALID when it was accepted or revoked already.",
    tags: ["users"],
    params: InvitationIdParams,
    response: null,
    handler: ({ auth, params, scope }) => scope.resolve(RevokeInvitation).execute(auth, params.id),
  }),
  defineRoute({
    ...owner,
    method: "post",
    path: "/users/invitations/:id/resend",
    operationId: "resendInvitation",
    summary: "Send an invitation again: a new link (the old one stops working), 7 more days",
    tags: ["users"],
    params: InvitationIdParams,
    response: InvitationSent,
    handler: ({ auth, params, scope }) => scope.resolve(ResendInvitation).execute(auth, params.id),
  }),
  defineRoute({
    method: "get",
    path: "/invitations/:token",
    operationId: "getInvitation",
    summary: "What an invitation link invites to (before accepting)",
    description: "410 CAB_ERR_INVITATION_INVALID for an expired, used, revoked or unknown link, or one of another brand.",
    tags: ["users"],
    auth: "public",
    params: InvitationTokenParams,
    response: InvitationPreview,
    handler: ({ brand, params, scope }) => scope.resolve(PeekInvitation).execute(brand, params.token),
  }),
  defineRoute({
    method: "post",
    path: "/invitations/accept",
    operationId: "acceptInvitation",
    summary: "Accept an invitation: signed in (one more account for this login), or with a name and password for a new login",
    description:
      "410 CAB_ERR_INVITATION_INVALID for an expired, used, revoked or unknown link, or one of another brand; 409 CAB_ERR_EMAIL_TAKEN when a new login's e-mail has a login already (sign in, then accept).",
    tags: ["users"],
    auth: "optional",
    exemptFromGuards: ["password-change"],
    body: AcceptInvitationBody,
    response: InvitationAccepted,
    async handler({ auth, brand, body, scope, ctx }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const newLogin = body.name !== undefined && body.password !== undefined ? { name: body.name, password: body.password, locale: body.locale } : undefined;
      const accepted = await scope
        .resolve(AcceptInvitation)
        .execute({ brand, token: body.token, auth, newLogin, client: { ip: request.ip, userAgent: request.userAgent } });
      const mode = body.mode ?? "cookie";
      if (accepted.session && mode === "cookie") setSessionCookie(ctx, scope.resolve(TOKENS.Config), accepted.session.token, accepted.session.expiresAt);
      return { accountId: accepted.accountId, userId: accepted.user.id, token: accepted.session && mode === "bearer" ? accepted.session.token : null };
    },
  }),
  defineRoute({
    method: "get",
    path: "/me/accounts",
    operationId: "listMyAccounts",
    summary: "The accounts of this brand the signed-in person belongs to, for the account switcher",
    tags: ["auth"],
    auth: "user",
    response: MyAccounts,
    handler: ({ auth, scope }) => scope.resolve(ListMyAccounts).execute(auth),
  }),
  defineRoute({
    method: "put",
    path: "/me/account",
    operationId: "switchAccount",
    summary: "Act in another account the person belongs to, without signing in again",
    description:
      "The session records the chosen account; every later request is scoped to it. 403 CAB_ERR_NOT_A_MEMBER for an account the person does not belong to (or is disabled in); the session stays where it was.",
    tags: ["auth"],
    auth: "user",
    body: SwitchAccountBody,
    response: null,
    handler: ({ auth, body, scope }) => scope.resolve(SwitchAccount).execute(auth, body.accountId),
  }),
  defineRoute({
    method: "post",
    path: "/staff/accounts/:id/sign-in-as",
    operationId: "signInAsClient",
    summary: "Open a client's area as its owner, read-only or acting, for an hour (staff: admin, support)",
    description:
      "The client sees it in their audit log with the staff member's name; what is done in it is logged as the staff member's, money actions marked `staffAction`. `read`: every change answers 403 CAB_ERR_STAFF_READ_ONLY. Users, roles and ownership stay the client's (403 CAB_ERR_OWNER_ONLY).",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin", "support"],
    params: Obj({ id: Id("acc") }),
    body: Obj({ mode: Enum(["read", "act"]) }),
    response: Obj({ token: Type.String(), accountId: Type.String(), mode: Enum(["read", "act"]), expiresAt: Instant }),
    status: 201,
    handler: ({ auth, params, body, scope }) => {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      return scope.resolve(SignInAsClient).execute(auth, params.id, body.mode, { ip: request.ip, userAgent: request.userAgent });
    },
  }),
];
