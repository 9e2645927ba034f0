import { Cursor, Enum, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { actorKinds } from "./audit-entry.js";

const Filters = {
  action: Type.Optional(
    Type.String({ pattern: "^[a-z_]+(\\.[a-z_]*)?$", maxLength: 64, description: "`service.cancelled`, or `service.` for every service action" }),
  ),
  actorKind: Type.Optional(Enum(actorKinds)),
  actorId: Type.Optional(Type.String({ pattern: "^(usr|stf)_[0-9a-z]{10,40}$", maxLength: 64, description: "A user or a staff member" })),
  targetId: Type.Optional(Type.String({ pattern: "^[a-z]{2,5}_[0-9a-z]{10,40}$", maxLength: 64, description: "The id the entry is about (`svc_…`, `inv_…`)" })),
  from: Type.Optional(Type.String({ format: "date", maxLength: 10, description: "First day (UTC), inclusive" })),
  to: Type.Optional(Type.String({ format: "date", maxLength: 10, description: "Last day (UTC), inclusive" })),
};

export const ListAuditQuery = Obj({ ...Filters, cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const ExportAuditQuery = Obj(Filters);

export const AuditEntryView = Obj({
  id: Type.String(),
  at: Instant,
  actor: Obj({
    kind: Enum(actorKinds),
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    staffId: Type.Union([Type.String(), Type.Null()], { description: "The staff member acting inside the client's area, when one was" }),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  }),
  action: Type.String(),
  target: Type.Union([Obj({ type: Type.String(), id: Type.String() }), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditPage = Page(AuditEntryView);
