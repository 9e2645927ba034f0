import { ApiClient } from "./api-client.js";
import { SessionStore } from "./session-store.js";
import type { CabinetSettings } from "./settings.js";

/** One API client and its session, shared by the widgets that run with the same settings. */
export interface CabinetContext {
  readonly key: string;
  readonly api: ApiClient;
  readonly session: SessionStore;
  /**
   * One `T` per context for `key`, made by `create` the first time: state that a family of
   * widgets shares (billing's payment return), owned by the context rather than a module.
   */
  shared<T>(key: symbol, create: (context: CabinetContext) => T): T;
}

/**
 * The only module-level state of the widgets that holds a session's data (Intl's formatters
 * and plural rules are kept page-wide too, holding none): contexts by owner (the `<cab-config>`
 * element, or the document when there is none) and by settings. A WeakMap, so a removed config element
 * takes its sessions with it; several configs on one page never share a session.
 */
const registry = new WeakMap<object, Map<string, CabinetContext>>();

/** The locale is left out on purpose: two widgets in two languages still share one session. */
export const contextKey = (settings: CabinetSettings): string => JSON.stringify([settings.apiBase, settings.brand, settings.auth]);

export function contextFor(owner: object, settings: CabinetSettings): CabinetContext {
  let contexts = registry.get(owner);
  if (!contexts) registry.set(owner, (contexts = new Map()));
  const key = contextKey(settings);
  let context = contexts.get(key);
  if (!context) {
    const api = new ApiClient({ apiBase: settings.apiBase, brand: settings.brand });
    const features = new Map<symbol, unknown>();
    const session = new SessionStore(api, settings.auth, settings.handoff);
    context = {
      key,
      api,
      session,
      shared<T>(feature: symbol, create: (context: CabinetContext) => T): T {
        if (!features.has(feature)) features.set(feature, create(this));
        return features.get(feature) as T;
      },
    };
    contexts.set(key, context);
  }
  return context;
}
