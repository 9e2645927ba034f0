import { defineRoute } from "../../http/route.js";
import { CreateRoleBody, MemberAccessBody, MemberList, RoleIdParams, RoleList, RoleView, UpdateRoleBody, UserIdParams } from "./access.schemas.js";
import { CreateRole } from "./create-role.js";
import { DeleteRole } from "./delete-role.js";
import { ListMembers } from "./list-members.js";
import { ListRoles } from "./list-roles.js";
import { SetMemberAccess } from "./set-member-access.js";
import { UpdateRole } from "./update-role.js";

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
    description: "Several roles: the most permissive right wins. `serviceIds` limits the user to those services in every list and action; null lifts the limit. An id of another account answers 404.",
    tags: ["users"],
    params: UserIdParams,
    body: MemberAccessBody,
    response: null,
    handler: ({ auth, params, body, scope }) => scope.resolve(SetMemberAccess).execute(auth, params.id, body),
  }),
];
