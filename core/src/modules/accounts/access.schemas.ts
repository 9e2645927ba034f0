import { Email, Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
import { permissions } from "./auth-context.js";
import { RightsSchema } from "./accounts.schemas.js";

const RoleKey = Type.String({ pattern: "^(accountant|sysadmin|viewer|rol_[0-9a-z]{10,40})$", maxLength: 64, description: "`accountant`, `sysadmin`, `viewer`, or a custom role's id" });
const RoleName = Type.String({ minLength: 1, maxLength: 80, pattern: "\\S" });
const ServiceIds = Type.Union([Type.Array(Id("svc"), { maxItems: 500 }), Type.Null()], { description: "Limit the user to these services; null for every service" });

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
  status: Enum(["active", "suspended"]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Enum(permissions), { description: "Sections granted whole, from before roles existed" }),
  serviceScope: Type.Union([Type.Array(Type.String()), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  createdAt: Instant,
});
export const MemberList = Obj({ items: Type.Array(MemberView) });
export const MemberAccessBody = Obj({ roles: Type.Array(RoleKey, { maxItems: 20 }), serviceIds: ServiceIds });

export { Email, RoleKey, ServiceIds };
