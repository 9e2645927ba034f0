import type { CabinetContext } from "../runtime/cabinet-context.js";
import { sessionNews, type SessionNews } from "../runtime/session-news.js";

/** News of services that changed (ordered, renewed, changed, cancelled, deleted): their ids. */
export type ServicesHub = SessionNews<string[]>;

const HUB = Symbol("cabinet.services");

/**
 * The services widgets' news of one session: an order placed in `<cab-order>` shows up in
 * `<cab-services>`, a renewal in `<cab-service>` moves the list's paid-until date.
 */
export function servicesHub(context: CabinetContext): ServicesHub {
  return sessionNews<string[]>(context, HUB);
}
