import type { CabinetContext } from "../runtime/cabinet-context.js";

/** What changed: a service (ordered, renewed, changed, cancelled, deleted), by id. */
export type ServicesListener = (serviceIds: string[]) => void;

const HUB = Symbol("cabinet.services");

/**
 * News of services that changed, shared by the services widgets of one session: an order
 * placed in `<cab-order>` shows up in `<cab-services>`, a renewal in `<cab-service>` moves the
 * list's paid-until date, without the page wiring them together.
 */
export class ServicesHub {
  private readonly listeners = new Set<ServicesListener>();

  subscribe(listener: ServicesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(serviceIds: string[]): void {
    for (const listener of [...this.listeners]) listener(serviceIds);
  }
}

export function servicesHub(context: CabinetContext): ServicesHub {
  return context.shared(HUB, () => new ServicesHub());
}
