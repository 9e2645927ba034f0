import { inject, injectable } from "tsyringe";
import { hasRight, type AuthContext } from "../accounts/index.js";
import type { ServicePanel } from "../../extension-points/service-panel.js";
import { PanelTimeout, ServicePanelTargets } from "./service-panel-target.js";
import { DescribedActions, knownActions } from "./described-actions.js";

type Caller = Pick<AuthContext, "accountId" | "brandId" | "role" | "permissions" | "rights" | "staffMode">;

/** The page's state: `active` with its parts; `inactive` (shown only while active); `none` (no panel); `unavailable` (the provider failed or was slow). */
export type PanelState = "active" | "inactive" | "none" | "unavailable";

const text = (value: unknown, max = 500) => String(value ?? "").slice(0, max);
const list = <T>(value: unknown, max = 50): T[] => (Array.isArray(value) ? (value.slice(0, max) as T[]) : []);

/**
 * What an active service's page shows from its provisioner, with what the caller may do: each
 * action `allowed` by their rights in the services section (`change`, or `delete` for what
 * destroys data), credentials and the control panel by `change`. A read-only staff session may
 * look but do nothing. The provisioner's answer is trimmed to sane sizes, so a plugin cannot
 * flood the page.
 */
@injectable()
export class GetServicePanel {
  constructor(
    @inject(ServicePanelTargets) private readonly targets: ServicePanelTargets,
    @inject(DescribedActions) private readonly known: DescribedActions,
  ) {}

  async execute(auth: Caller, serviceId: string, locale: string) {
    const { service, panel, target } = await this.targets.load(auth.accountId, auth.brandId, serviceId, locale);
    const empty = (state: PanelState) => ({ state, fields: [], credentials: [], actions: [], controlPanel: null, metrics: [] });
    if (!panel) return empty("none");
    if (service.status !== "active") return empty("inactive");
    let described: ServicePanel;
    try {
      described = await this.targets.bounded("describe", service.id, () => panel.describe(target));
    } catch (error) {
      if (error instanceof PanelTimeout || (error as { code?: string }).code === "CAB_ERR_PROVIDER_FAILED") return empty("unavailable");
      throw error;
    }
    // What the buttons on the page will run: running one then needs no second description.
    this.known.remember(service.id, knownActions(list(described.actions)));
    const parts = [described.fields, described.credentials, described.actions, described.metrics];
    if (!described.controlPanel && parts.every((part) => !Array.isArray(part) || part.length === 0)) return empty("none");
    const may = (action: "change" | "delete") => auth.staffMode !== "read" && hasRight(auth, "services", action);
    return {
      state: "active" as PanelState,
      fields: list<ServicePanel["fields"][number]>(described.fields).map((f) => ({ key: text(f.key, 64), label: text(f.label, 100), value: text(f.value) })),
      credentials: list<ServicePanel["credentials"][number]>(described.credentials).map((c) => ({
        key: text(c.key, 64),
        label: text(c.label, 100),
        canReveal: may("change"),
      })),
      actions: list<ServicePanel["actions"][number]>(described.actions).map((a) => {
        const right: "change" | "delete" = a.right === "delete" ? "delete" : "change";
        const reveals = typeof a.reveals === "string" && a.reveals ? text(a.reveals, 64) : null;
        return { key: text(a.key, 64), label: text(a.label, 100), confirm: text(a.confirm), right, danger: a.danger === true, reveals, allowed: may(right) };
      }),
      controlPanel: described.controlPanel ? { label: text(described.controlPanel.label, 100), allowed: may("change") } : null,
      metrics: list<ServicePanel["metrics"][number]>(described.metrics, 10).map((m) => ({
        key: text(m.key, 64),
        label: text(m.label, 100),
        unit: text(m.unit, 20),
        points: list<{ at: number; value: number }>(m.points, 500)
          .filter((p) => Number.isFinite(p?.at) && Number.isFinite(p?.value))
          .map((p) => ({ at: new Date(p.at).toISOString(), value: p.value })),
      })),
    };
  }
}
