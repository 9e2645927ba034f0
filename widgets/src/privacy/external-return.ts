import type { SessionStore } from "../runtime/session-store.js";
import { privacyApi } from "./privacy-api.js";

/**
 * The keys the core's external sign-in callback comes back with, in the page's fragment: a
 * sign-in's or binding's (taken by `<cab-external-sign-in>`), or an invitation acceptance's (taken
 * by `<cab-users>`'s invitation view; kept apart so a sign-in form on the same page leaves it be).
 */
export const externalReturnKeys = {
  signIn: { code: "cabinet-external", error: "cabinet-external-error", bound: "cabinet-external-bound" },
  invitation: { code: "cabinet-invitation", error: "cabinet-invitation-error", account: "cabinet-invitation-account" },
} as const;

/**
 * The values of `keys` in the address's fragment, taken off the address at once (the code is
 * single-use, and a reload must not try it again); null when the fragment has none of them.
 */
export function takeExternalReturn<K extends string>(keys: Record<K, string>): Partial<Record<K, string>> | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const entries = Object.entries(keys) as [K, string][];
  if (!entries.some(([, key]) => params.has(key))) return null;
  const found: Partial<Record<K, string>> = {};
  for (const [name, key] of entries) {
    const value = params.get(key);
    if (value !== null) found[name] = value;
    params.delete(key);
  }
  const rest = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`);
  return found;
}

/** Trades the callback's one-time code for a session, which every widget of the page shares. */
export async function exchangeExternalReturn(session: SessionStore, code: string): Promise<void> {
  session.adopt(await privacyApi.exchangeExternal(session.api, code, session.mode));
}
