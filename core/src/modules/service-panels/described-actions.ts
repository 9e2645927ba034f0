import type { ServicePanelAction } from "../../extension-points/service-panel.js";
import { MINUTE_MS } from "../../kernel/time.js";

/** How long the actions a service's page listed are trusted without asking the provider again. */
const TTL_MS = 10 * MINUTE_MS;
/** Services remembered at most (the oldest go first): a bound on memory, not a limit on use. */
const MAX_SERVICES = 10_000;

export type KnownAction = Pick<ServicePanelAction, "key"> & { right: "change" | "delete"; reveals: string | null };

/** The keys and rights of a provisioner's actions, as the core reads them: any right but `delete` is `change`. */
export const knownActions = (actions: unknown): KnownAction[] =>
  (Array.isArray(actions) ? (actions as ServicePanelAction[]) : []).map((a) => ({
    key: String(a.key ?? "").slice(0, 64),
    right: a.right === "delete" ? "delete" : "change",
    reveals: typeof a.reveals === "string" && a.reveals ? a.reveals.slice(0, 64) : null,
  }));

/**
 * The actions a service's provisioner listed the last time its page was described, by service:
 * so that running one (which must know that the action exists and which right it needs) costs
 * one call to the provider — the action — rather than a `describe` before each. In memory, per
 * core (another node misses and describes once); a miss or an action not listed any more is
 * described afresh by the caller. Only the keys, rights and revealed credentials' keys are kept, never a value.
 */
export class DescribedActions {
  private readonly entries = new Map<string, { at: number; actions: KnownAction[] }>();

  remember(serviceId: string, actions: KnownAction[], now = Date.now()): void {
    this.entries.delete(serviceId);
    this.entries.set(serviceId, { at: now, actions: actions.map((a) => ({ key: a.key, right: a.right, reveals: a.reveals })) });
    if (this.entries.size > MAX_SERVICES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The action as last described, or undefined when unknown or too old to trust. */
  find(serviceId: string, key: string, now = Date.now()): KnownAction | undefined {
    const entry = this.entries.get(serviceId);
    if (!entry || now - entry.at > TTL_MS) return undefined;
    return entry.actions.find((a) => a.key === key);
  }
}
