import { Enum, Id, Instant, Obj, Type } from "../../http/schema.js";

const Key = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", maxLength: 64 });

export const PanelParams = Obj({ id: Id("svc") });
export const CredentialParams = Obj({ id: Id("svc"), key: Key });
export const ActionParams = Obj({ id: Id("svc"), key: Key });
export const PanelLinkParams = Obj({ token: Type.String({ pattern: "^cabp_[A-Za-z0-9_-]{43}$", maxLength: 48 }) });

export const PanelQuery = Obj({
  locale: Type.Optional(Type.String({ pattern: "^[a-z]{2}$", maxLength: 2, description: "The language of the provider's texts; the brand's by default" })),
});

export const RevealBody = Obj({
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The current password (when the user has one)" })),
  code: Type.Optional(
    Type.String({ minLength: 6, maxLength: 32, description: "A code from the authenticator app, or a recovery code (when a second factor is on)" }),
  ),
});
/** Re-authentication, for an action that `reveals` a new credential (a password reset); ignored otherwise. */
export const ActionBody = RevealBody;

export const ServicePanelView = Obj({
  state: Enum(["active", "inactive", "none", "unavailable"], {
    description:
      "`active`: the parts below. `inactive`: the service is not active, so nothing is shown. `none`: its provisioner offers no panel. `unavailable`: the provider failed or was slow to answer",
  }),
  fields: Type.Array(Obj({ key: Type.String(), label: Type.String(), value: Type.String() }), { description: "Read-only facts: IP addresses, host names" }),
  credentials: Type.Array(
    Obj({ key: Type.String(), label: Type.String(), canReveal: Type.Boolean({ description: "The caller holds `change` in services" }) }),
    {
      description: "Secrets shown on request (`POST …/credentials/{key}/reveal`), never here",
    },
  ),
  actions: Type.Array(
    Obj({
      key: Type.String(),
      label: Type.String(),
      confirm: Type.String({ description: "The question to ask before running it" }),
      right: Enum(["change", "delete"], { description: "What it needs in the services section" }),
      danger: Type.Boolean(),
      reveals: Type.Union([Type.String(), Type.Null()], {
        description: "The credential it replaces (a password reset): running it needs re-authentication, and its answer holds the new value, shown once",
      }),
      allowed: Type.Boolean({ description: "The caller holds that right (and is not a read-only staff session)" }),
    }),
  ),
  controlPanel: Type.Union([Obj({ label: Type.String(), allowed: Type.Boolean() }), Type.Null()]),
  metrics: Type.Array(Obj({ key: Type.String(), label: Type.String(), unit: Type.String(), points: Type.Array(Obj({ at: Instant, value: Type.Number() })) })),
});

export const RevealedCredential = Obj({ key: Type.String(), value: Type.String() });
export const ActionResult = Obj({
  action: Type.String(),
  status: Type.Literal("done"),
  message: Type.Union([Type.String(), Type.Null()]),
  credential: Type.Union([Obj({ key: Type.String(), value: Type.String() }), Type.Null()], {
    description: "For an action that `reveals` a credential: its new value, in this answer only (not cached, audited as `service.credential_revealed`)",
  }),
});
export const PanelLink = Obj({ url: Type.String({ description: "Opens the control panel once, within a minute" }), expiresAt: Instant });
export const Redirecting = Type.String({ maxLength: 2000, description: "A short page; the browser follows `Location`" });
